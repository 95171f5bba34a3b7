import pytest

from bot.matcher import Matcher
from bot.matcher.normalize import Kind, tokenize
from bot.matcher.rewrite import Ellipsis, Inability, ni_before_verb


def _texts(text: str, verb_sounds: dict[str, str] | None = None) -> list[str]:
    tokens = tokenize(text)
    ni_before_verb(tokens, verb_sounds or {})
    return [t.text for t in tokens if t.kind is Kind.WORD]


def test_ni_before_a_verb_is_ne() -> None:
    assert _texts("ни могу пописать")[:2] == ["не", "могу"]
    assert _texts("ни чуствую ягадиц")[0] == "не"


def test_ni_before_nouns_and_adverbs_stays() -> None:
    assert _texts("ни разу")[0] == "ни"
    assert _texts("ни с того ни с сего")[0] == "ни"


def test_a_sound_alike_of_a_lexicon_verb_after_the_particle_is_that_verb() -> None:
    assert _texts("ни магу", {"маку": "могу"}) == ["не", "могу"]
    assert _texts("ни магу") == ["ни", "магу"]  # no such verb in the lexicon: left alone


def test_ellipsis_copies_the_denied_words(matcher: Matcher) -> None:
    ellipsis = Ellipsis(matcher.lexicon.negation)
    filled = ellipsis.fill(tokenize("no numbness in my legs, only in my groin"))
    words = [t.text for t in filled if t.kind is Kind.WORD]
    assert words == ["no", "numbness", "in", "my", "legs", "only", "numbness", "in", "my", "groin"]
    kept = ellipsis.fill(tokenize("no fever, but my back hurts"))
    assert [t.text for t in kept if t.kind is Kind.WORD] == [
        "no",
        "fever",
        "but",
        "my",
        "back",
        "hurts",
    ]


@pytest.mark.parametrize(
    "text, concept",
    [
        ("I don't have any control of my bladder", "bladder_dysfunction"),
        ("I do not have control over my bowels anymore", "bowel_incontinence"),
        ("she doesn't have any control of her bladder", "bladder_dysfunction"),
        ("I haven't got any feeling in my groin", "saddle_numbness"),
        ("I don't have any sensation in my bum", "saddle_numbness"),
    ],
)
def test_a_faculty_not_had_is_lost(matcher: Matcher, text: str, concept: str) -> None:
    result = matcher.match(text)
    assert concept in result.affirmed
    assert concept not in result.negated


@pytest.mark.parametrize(
    "text, concept",
    [
        ("I don't have any problems with bladder control", "bladder_dysfunction"),
        ("I don't have a temperature", "fever"),
        ("I don't have any loss of feeling down there", "saddle_numbness"),
    ],
)
def test_a_denial_before_no_faculty_still_denies(matcher: Matcher, text: str, concept: str) -> None:
    assert concept not in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("температуры нет, онемения тоже", "numbness_tingling"),
        ("недержания нет, потери чувствительности тоже", "numbness_tingling"),
        ("без температуры, слабости в ногах тоже", "leg_weakness"),
        ("no fever, numbness either", "numbness_tingling"),
    ],
)
def test_a_short_clause_with_also_after_a_denial_is_denied(
    matcher: Matcher, text: str, concept: str
) -> None:
    assert concept not in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("температуры нет, а промежность тоже немеет", "saddle_numbness"),
        ("спина болит, нога тоже немеет", "numbness_tingling"),
        ("не могу пописать, по-большому тоже", "bladder_dysfunction"),
    ],
)
def test_also_without_a_denial_before_affirms(matcher: Matcher, text: str, concept: str) -> None:
    assert concept in matcher.match(text).affirmed


def test_an_inability_in_many_words_is_read_as_the_phrases_form(matcher: Matcher) -> None:
    inability = Inability(matcher.lexicon.negation)

    def read(text: str) -> list[str]:
        return [t.text for t in inability.read(tokenize(text)) if t.kind is Kind.WORD]

    assert read("she's been unable to empty her bladder")[-4:] == [
        "cant",
        "empty",
        "her",
        "bladder",
    ]
    assert read("he hasn't been able to pee")[-2:] == ["cant", "pee"]
    assert read("we can't get him to stand") == ["we", "cant", "him", "stand"]
    assert read("папа не в состоянии встать") == ["папа", "не", "могу", "встать"]
    # a comma between the words ends the cue
    assert read("unable, to be honest") == ["unable", "to", "be", "honest"]


@pytest.mark.parametrize(
    "text, concept",
    [
        ("she's been unable to empty her bladder since last night", "bladder_dysfunction"),
        ("he was not able to pass water all day", "bladder_dysfunction"),
        ("I wasn't able to hold my poo", "bowel_incontinence"),
        ("I couldn't stop myself pooing in the shop", "bowel_incontinence"),
        ("I haven't been able to get hard since", "sexual_dysfunction"),
        ("he's unable to keep an erection", "sexual_dysfunction"),
        ("I can no longer feel my bottom when I wipe", "saddle_numbness"),
        ("she is no longer able to feel her groin", "saddle_numbness"),
        ("we can't get him to stand", "walking_difficulty"),
        ("mum can't get out of her chair", "walking_difficulty"),
        ("не в состоянии сдержать стул", "bowel_incontinence"),
        ("у папы не удаётся помочиться с утра", "bladder_dysfunction"),
        ("мама не может встать с кровати", "walking_difficulty"),
        ("не смогла подняться по лестнице", "walking_difficulty"),
    ],
)
def test_every_form_of_inability_tells_the_sign(matcher: Matcher, text: str, concept: str) -> None:
    assert concept in matcher.match(text).affirmed, text
