"""Word resolution (bot/matcher/words.py): typos of red-flag words, on the real lexicon."""

import pytest

from bot.matcher import Matcher


def _ids(matcher: Matcher, text: str) -> set[str]:
    return {c.id for c in matcher.match(text).concepts if not c.negated}


def test_a_vowel_slip_into_a_dictionary_word_counts_beside_its_place(matcher: Matcher) -> None:
    """ "feal" is a dictionary word; one vowel from "feel", with the groin named, it is read."""
    assert "saddle_numbness" in _ids(matcher, "cant feal my groin since this morning")


@pytest.mark.parametrize(
    "text",
    [
        "can't sit since I fell on my bum",  # "fell" differs from "feel" by a consonant
        "понял, спасибо. поясница ноет уже неделю",
    ],
)
def test_other_dictionary_words_are_not_typos(matcher: Matcher, text: str) -> None:
    assert "saddle_numbness" not in _ids(matcher, text)
    assert "lifting_onset" not in _ids(matcher, text)


def test_a_place_word_is_known(matcher: Matcher) -> None:
    words = matcher._words
    assert words.is_place("groin") and words.is_place("промежность")
    assert not words.is_place("numb")


@pytest.mark.parametrize(
    "text, concept",
    [
        ("паисница болит третий день", "low_back_pain"),
        ("тянет пояснецу, отдаёт в ногу", "low_back_pain"),
        ("оясница ноет", "low_back_pain"),  # the first letter dropped
        ("тимпературой лежу второй день", "fever"),
        ("анемела стопа", "numbness_tingling"),
        ("ягадицу тянет, отдаёт в ногу", "radiating_leg_pain"),
        ("мочевой пущырь переполнен", "bladder_dysfunction"),
        ("задержка мочии", "bladder_dysfunction"),  # an exact form with a letter doubled
        ("лабость в ноге", "leg_weakness"),  # a typo in the head of a prefix («слаб*»)
        ("окалывание в стопе", "numbness_tingling"),
        ("атдает в ногу", "radiating_leg_pain"),  # a verb, through its dictionary form
    ],
)
def test_one_edit_in_an_ordinary_clinical_word_is_read(
    matcher: Matcher, text: str, concept: str
) -> None:
    """Any letter, the first included, in any form of the word: the edit is found through
    the typo's dictionary form and made in the typo itself, into a word the dictionary
    knows."""
    assert concept in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text",
    [
        "я понял, спасибо",
        "поняла, буду ждать",
        "здраствуйте хочу записатся",
        "пришлите пожалуйста расписанеи",
        "сколька стоит приём",
        "канешно приду завтро",
    ],
)
def test_common_words_and_their_typos_are_no_symptoms(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).concepts == []


def test_a_typo_is_put_right_only_into_a_word_the_dictionary_knows(matcher: Matcher) -> None:
    typos = matcher._words._lemma_typos
    assert typos.corrections("ягадицу") == ("ягодицу",)
    assert typos.corrections("ягадицщу") == ()  # two edits: no guess
