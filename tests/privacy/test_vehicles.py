"""Vehicles (bot/privacy/vehicles.py): the make a person drives is the job's load and stays; a
make after an employer's preposition, and a named employer, are still masked."""

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
        "I drive a Volvo artic, back aches",
        "I drive an Iveco, nine hours on the road",
        "delivery driver, drive a Mercedes Sprinter all day",
        "водитель Камаза, болит поясница",
        "работаю водителем Скании, немеет бедро",
        "работаю на Газели, болит спина",
        "таксую на Приоре, к вечеру ноет спина",
    ],
)
def test_a_vehicle_driven_is_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I drive for Tesco, back aches", "I drive for [WORKPLACE], back aches"),
        ("I work for Volvo, back aches", "I work for [WORKPLACE], back aches"),
        ("работаю в Камазе, болит спина", "работаю в [WORKPLACE], болит спина"),
        ("моя жена Лада, болит спина", "моя жена [NAME], болит спина"),
        ("I have a friend Kia who is a nurse", "I have a friend [NAME] who is a nurse"),
    ],
)
def test_an_employer_or_a_person_of_the_same_name_is_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected
