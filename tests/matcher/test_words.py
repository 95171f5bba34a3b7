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
