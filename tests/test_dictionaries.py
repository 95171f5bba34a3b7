"""The dictionaries the matcher and the scrubber share: one copy each, the same answers."""

from __future__ import annotations

import sys

import pytest

from bot import dictionaries
from bot.matcher import morphology
from bot.privacy import dictionaries as scrubber_dictionaries

WORDS = ["apple", "sciatica", "numb", "carpenter", "think"]
NOT_WORDS = ["edna", "leeds", "xqzt", "Apple"]  # names are in Webster's only capitalised


def test_the_english_word_list_built_in_a_child_knows_words_and_not_names() -> None:
    english = dictionaries.english_words()
    assert all(word in english for word in WORDS)
    assert not any(word in english for word in NOT_WORDS)
    assert len(english.tobytes()) < 2 * 1024 * 1024  # a compact form, not a set of 35 MiB


def test_without_a_child_process_the_list_is_built_here_and_answers_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from_child = dictionaries.english_words()
    dictionaries.english_words.cache_clear()
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    try:
        here = dictionaries.english_words()
        assert here.tobytes() == from_child.tobytes()
    finally:
        dictionaries.english_words.cache_clear()


def test_the_matcher_and_the_scrubber_ask_one_russian_analyser() -> None:
    morphology.lemmas.cache_clear()
    assert morphology.lemmas("может")[0] == "мочь"
    info = scrubber_dictionaries._analyse("Марьино")
    assert info.place > 0
    assert dictionaries.russian_morphology.cache_info().currsize == 1
    assert dictionaries.russian_morphology.cache_info().misses <= 1  # opened once, not twice
