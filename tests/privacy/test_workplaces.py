"""Workplaces (bot/privacy/workplaces.py): a numbered institution is masked, but the years,
shifts and loads after a job or a workplace's kind stay - the bot needs them."""

from __future__ import annotations

import pytest

from bot.privacy.scrubber import Scrubber
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber.load(PROJECT_ROOT / "content")


@pytest.mark.parametrize(
    "text",
    [
        "я сварщик на 20 лет стажа, болит поясница",
        "работаю сварщиком 20 лет, таскаю баллоны",
        "в школе 25 лет учителем, стою весь день",
        "токарь 5 разряда на заводе 30 лет",
        "на заводе 2 смены по 12 часов, спина отваливается",
        "в больнице 15 лет санитаркой, ворочаю лежачих",
        "шофёр 1 класса, 25 лет стажа",
        "I've been a welder 20 years, grinding overhead",
        "HGV driver class 1, 11 hours a day",
        "Year 6 teacher, standing all day",
    ],
)
def test_years_and_shifts_of_work_are_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("работаю в школе № 25 учителем", "работаю в [WORKPLACE] учителем"),
        ("работала в школе №5 30 лет", "работала в [WORKPLACE] 30 лет"),
        ("в больнице 15 санитаркой", "в [WORKPLACE] санитаркой"),
        ("been at Tesco 15 years on the tills", "been at [WORKPLACE] 15 years on the tills"),
    ],
)  # fmt: skip
def test_a_numbered_or_named_workplace_is_masked_and_the_years_kept(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected
