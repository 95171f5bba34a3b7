from pathlib import Path
from shutil import copytree

import pytest

from bot.matcher import Matcher
from bot.matcher.lexicon import (
    LexiconError,
    SlotKind,
    load_lexicon,
    multiword_alternative,
    parse_phrase,
    validate_lexicon,
)

from .conftest import CONTENT


def test_real_lexicon_is_clean_and_covers_every_concept() -> None:
    assert validate_lexicon(CONTENT) == []
    lexicon = load_lexicon(CONTENT)
    for lang in ("ru", "en"):
        covered = {p.concept for p in lexicon.phrases if p.lang == lang and not p.exclude}
        assert covered == set(lexicon.concepts)


def test_phrase_syntax() -> None:
    slots, gap = parse_phrase("pain down =legs numb* {37.5-42} ~6")
    assert gap == 6
    kinds = [s.options[0].kind for s in slots]
    assert kinds == [SlotKind.STEM, SlotKind.STEM, SlotKind.EXACT, SlotKind.PREFIX, SlotKind.NUMBER]
    slots, _ = parse_phrase("pee|urinate @x", {"x": ["wee", "piss*"]})
    assert len(slots) == 2 and len(slots[0].options) == 2 and len(slots[1].options) == 2
    with pytest.raises(ValueError):
        parse_phrase("@missing")
    with pytest.raises(ValueError):
        parse_phrase("{42-37}")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copytree(CONTENT / "lexicon", tmp_path / "lexicon")
    (tmp_path / "concepts.yaml").write_text((CONTENT / "concepts.yaml").read_text("utf-8"), "utf-8")
    return tmp_path


def test_validator_reports_unknown_ids_and_duplicates_with_lines(content: Path) -> None:
    en = content / "lexicon" / "en.yaml"
    text = en.read_text("utf-8")
    text = text.replace("\nconcepts:\n", "\nconcepts:\n  not_a_concept:\n    - foo\n", 1)
    text = text.replace("  hip_pain:\n", "  hip_pain:\n    - lower back\n", 1)
    en.write_text(text, "utf-8")
    problems = validate_lexicon(content)
    messages = [str(p) for p in problems]
    unknown = [p for p in problems if "not_a_concept" in p.message]
    assert unknown and unknown[0].file == str(en)
    assert unknown[0].line == text.splitlines().index("  not_a_concept:") + 1
    assert any("'lower back'" in m and "also under" in m for m in messages)


def test_validator_reports_a_concept_without_phrases(content: Path) -> None:
    ru = content / "lexicon" / "ru.yaml"
    text = ru.read_text("utf-8")
    start = text.index("  pregnancy:\n")
    end = text.index("  morning_stiffness:\n")
    ru.write_text(text[:start] + text[end:], "utf-8")
    assert any("'pregnancy' has no ru phrases" in p.message for p in validate_lexicon(content))


def test_schema_errors_stop_loading(content: Path) -> None:
    (content / "lexicon" / "bad.yaml").write_text("kind: phrases\nlang: de\n", "utf-8")
    with pytest.raises(LexiconError) as error:
        load_lexicon(content)
    assert "bad.yaml:2:" in str(error.value)
    (content / "lexicon" / "bad.yaml").write_text("kind: [\n", "utf-8")
    assert any("YAML syntax" in p.message for p in validate_lexicon(content))


@pytest.mark.parametrize(
    "text",
    [
        "a lot|often|all the time",
        "stiff get up|wake ~4",
        "bear down|bearing down",
        "перед|во время месячн* ~2",
        "температур* нормальн*|=в =норме ~3",
    ],
)
def test_multiword_alternatives_are_flagged(text: str) -> None:
    assert multiword_alternative(text)


@pytest.mark.parametrize(
    "text",
    [
        "pee|urinate blood",
        "thrown from|off @vehicle|horse",
        "way to|down my|the foot|ankle ~3",
        "buckl*|gives more often ~4",
        "gives|giving|gave way|out more often ~4",
    ],
)
def test_single_word_alternatives_pass(text: str) -> None:
    assert multiword_alternative(text) is None


def test_validator_warns_about_multiword_alternatives_with_lines(content: Path) -> None:
    en = content / "lexicon" / "en.yaml"
    text = en.read_text("utf-8")
    line = '    - "hip hurts a lot|often|all the time"'
    text = text.replace("  hip_pain:\n", f"  hip_pain:\n{line}\n", 1)
    en.write_text(text, "utf-8")
    found = [p for p in validate_lexicon(content) if "a lot|often|all the time" in p.message]
    assert found and found[0].file == str(en)
    assert found[0].line == text.splitlines().index(line) + 1


def test_russian_verbs_in_phrases_carry_their_lemma() -> None:
    slots, _ = parse_phrase("не могу пописать")
    kinds = {o.kind: o.value for o in slots[1].options}
    assert kinds[SlotKind.LEMMA] == "мочь"
    assert all(o.kind is not SlotKind.LEMMA for o in slots[0].options)  # "не" is no verb


def test_real_lexicon_reads_every_section() -> None:
    lexicon = load_lexicon(CONTENT)
    rules = lexicon.negation
    assert rules.firm_lists and rules.contrast and rules.answers and rules.doubles
    assert {c.kind for c in rules.before} == {"plain", "vague", "past", "feared"}
    assert "cancer_history" in rules.past_counts
    assert lexicon.subject.self_words and lexicon.subject.other_words
    assert lexicon.respell["cnt"] == ("cant",) and lexicon.respell["нимагу"] == ("не", "могу")
    assert lexicon.bridge["groin"] == "пах" and lexicon.bridge["пах"] == "groin"


def test_validator_reports_a_broken_subject_file_and_respelling(content: Path) -> None:
    subject = content / "lexicon" / "subject.yaml"
    subject.write_text(
        subject.read_text("utf-8").replace("self: [i, ", "self: [two words, ", 1), "utf-8"
    )
    ru = content / "lexicon" / "ru.yaml"
    ru.write_text(
        ru.read_text("utf-8").replace("  нимагу: не могу", "  нимагу: не-могу", 1), "utf-8"
    )
    messages = [str(p) for p in validate_lexicon(content)]
    assert any("subject.yaml" in m and "'two words' is not one word" in m for m in messages)
    assert any("ru.yaml" in m and "нимагу" in m for m in messages)


def test_story_phrases_are_marked() -> None:
    from bot.matcher.lexicon import load_lexicon

    phrases = load_lexicon(CONTENT).phrases
    stories = [p for p in phrases if p.story]
    assert stories and all(p.text.rstrip().endswith("+") for p in stories)
    assert not any(p.story for p in phrases if not p.text.rstrip().endswith("+"))


def test_words_that_do_not_say_which_count_for_both_concepts() -> None:
    """An "a|b" key: one phrase read for each concept, without a duplicate warning."""
    from bot.matcher.lexicon import read_lexicon

    root = Path(__file__).resolve().parents[2] / "content"
    lexicon, errors, warnings = read_lexicon(root)
    assert not errors and not warnings
    both = [p for p in lexicon.phrases if p.text.startswith("accident|accidents =pants")]
    assert {p.concept for p in both} >= {"bladder_dysfunction", "bowel_incontinence"}


# --- what the real lexicon's meaning classes read -------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("отнимается левая нога", True),
        ("ноги отказали на лестнице", True),
        ("нога меня не слушается", True),
        ("ноги подкашиваются", True),
        ("my leg just quits on me", True),
        ("legs won't do what I tell them", True),
        ("both legs have stopped listening to me", True),
        ("отказалась от операции, нога болит", False),
        ("I refused the injection in my leg", False),
    ],
)
def test_a_limb_taken_away_or_refusing_is_a_red_flag_weakness(
    matcher: Matcher, text: str, expected: bool
) -> None:
    """A leg that is taken away, refuses or does not obey has lost its movement; a person
    refusing a treatment is no leg refusing."""
    assert ("progressive_weakness" in matcher.match(text).affirmed) is expected


@pytest.mark.parametrize(
    ("text", "concept", "not_concept"),
    [
        ("my foot feels like after the dentist injection", "numbness_tingling", "saddle_numbness"),
        ("голень как после заморозки", "numbness_tingling", "saddle_numbness"),
        ("стопа как после укола у стоматолога", "numbness_tingling", "saddle_numbness"),
        ("feels like novocaine in my groin", "saddle_numbness", None),
        ("в промежности как после укола у стоматолога", "saddle_numbness", None),
    ],
)
def test_numbness_likened_to_a_local_anaesthetic_is_at_the_place_named(
    matcher: Matcher, text: str, concept: str, not_concept: str | None
) -> None:
    result = matcher.match(text)
    assert concept in result.affirmed and not_concept not in result.affirmed
    assert result.subject == "self"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on monday I could still walk to work, by thursday I can't lift my foot", True),
        ("on the 2nd I could climb stairs, since the 6th I can't", True),
        ("в понедельник ещё ходил, а к пятнице уже не могу встать на носок", True),
        ("3 числа ещё бегала, а 7-го уже нога не поднимается", True),
        ("on monday I could still walk but by thursday my back was worse", False),
        ("в понедельник ещё ходил на работу, а в пятницу уже боль в спине сильнее", False),
    ],
)
def test_weakness_told_across_days_of_the_week_or_dates(
    matcher: Matcher, text: str, expected: bool
) -> None:
    """A movement the leg still made on one day and has lost by a later one is worsening
    weakness; a back that is worse by then is not."""
    assert ("progressive_weakness" in matcher.match(text).affirmed) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("with my wife nothing works anymore since the back went", True),
        ("down there during sex nothing", True),
        ("с женой ничего не получается, спина болит", True),
        ("в постели с мужем ничего не чувствую", True),
        ("лежу в постели и ничего не чувствую в ноге", False),
        ("в постели ничего не помогает, боль в ноге", False),
        ("lying in bed, nothing works for the pain", False),
        ("walked with my wife, can't feel my foot", False),
    ],
)
def test_sexual_function_told_loosely_but_bed_as_a_place_of_rest_is_not_it(
    matcher: Matcher, text: str, expected: bool
) -> None:
    assert ("sexual_dysfunction" in matcher.match(text).affirmed) is expected


def test_validator_reports_an_inability_cue_without_a_telling_word(content: Path) -> None:
    negation = content / "lexicon" / "negation.yaml"
    text = negation.read_text("utf-8")
    cue = "      unable to: cant\n"
    text = text.replace(cue, cue + "      sadly not: cant\n", 1)
    negation.write_text(text, "utf-8")
    messages = [str(p) for p in validate_lexicon(content)]
    assert any("inability_words" in m for m in messages), messages


def test_a_cue_word_written_with_bars_is_any_of_them() -> None:
    from bot.matcher.rules import cue_variants

    assert cue_variants("no clear|real reason|cause") == [
        "no clear reason", "no clear cause", "no real reason", "no real cause",
    ]  # fmt: skip
    assert cue_variants("no fever") == ["no fever"]
