"""Numbers in words (bot/privacy/spoken.py): phone numbers spelt out and dates of birth in
words, in both languages; counts and durations in words are kept."""

from __future__ import annotations

import pytest

from bot.privacy.scrubber import Scrubber
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber.load(PROJECT_ROOT / "content")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("звоните восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь",
         "звоните [PHONE]"),
        ("мой номер плюс семь девять два шесть ноль ноль ноль один один два два",
         "мой номер [PHONE]"),
        ("call me on plus seven nine one six five five five one two three four",
         "call me on [PHONE]"),
        ("my number is oh seven seven double oh nine double one two three four, pain is 8/10",
         "my number is [PHONE], pain is 8/10"),
    ],
)  # fmt: skip
def test_phone_numbers_in_words_are_masked(scrubber: Scrubber, text: str, expected: str) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("родилась пятого марта восемьдесят первого года, болит копчик",
         "родилась [DATE], болит копчик"),
        ("восемьдесят пятого года рождения, боли в пояснице",
         "[DATE] года рождения, боли в пояснице"),
        ("born on the third of June nineteen seventy-two, pain in both legs",
         "born on the [DATE], pain in both legs"),
        ("DOB is twenty-first of November nineteen seventy-six", "DOB is [DATE]"),
        ("born on Christmas Eve 1980, osteoarthritis", "born on [DATE], osteoarthritis"),
    ],
)  # fmt: skip
def test_birth_dates_in_words_are_masked(scrubber: Scrubber, text: str, expected: str) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "pain for two or three weeks, about five out of ten",
        "болит две-три недели, боль на семь из десяти",
        "I walk one or two miles, sleep six hours",
        "пятка болит, семья в курсе",  # «пятка», «семья»: not number words
    ],
)
def test_counts_and_durations_in_words_are_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text
