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
        ("fevr and shivers since tuesday", "fever"),
        ("fver since monday", "fever"),
        ("weekness in my left leg", "leg_weakness"),
        ("temprature of 38 and back pain", "fever"),
        ("numbnes in my foot", "numbness_tingling"),
        ("tingeling in my toes", "numbness_tingling"),
        ("sciatca down my leg", "radiating_leg_pain"),
        ("lower bck pain for two weeks", "low_back_pain"),
        ("omg my bum is nmb", "saddle_numbness"),
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
def test_a_typo_of_an_ordinary_clinical_word_is_read(
    matcher: Matcher, text: str, concept: str
) -> None:
    """English: a short word with a letter left out, or an unknown word one edit from a
    lexicon word (also when its stem is another lexicon word). Russian: any letter, the
    first included, in any form of the word: the edit is found through the typo's dictionary
    form and made in the typo itself, into a word the dictionary knows."""
    assert concept in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text",
    [
        "thnx, my back is ok now",  # an unknown short word is no symptom by one letter
        "every week my back aches",  # "week" stays a week
        "gona see the gp about my back",
        "pain in my leg for a wek",  # "weak" or "week": a dropped letter that fits two
    ],
)
def test_short_unknown_and_common_words_are_not_read_as_symptoms(
    matcher: Matcher, text: str
) -> None:
    affirmed = matcher.match(text).affirmed
    assert "fever" not in affirmed and "leg_weakness" not in affirmed


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
