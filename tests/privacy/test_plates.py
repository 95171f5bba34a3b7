"""Car plates in lower case and with spaces (bot/privacy/plates.py and the plate patterns of
content/privacy/places.yaml); distances, doses, spine levels and ages of the same shape stay."""

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
        # no vehicle word before them: these were left whole
        ("ya65kfr hit me and my back hurts", "[PLATE] hit me and my back hurts"),
        ("YA65KFR ran a red light", "[PLATE] ran a red light"),
        ("ya65 kfr pulled out on me", "[PLATE] pulled out on me"),
        ("ya 65 kfr hit me, so 20 min later", "[PLATE] hit me, so 20 min later"),
        ("а123вс 77 подрезал, болит шея", "[PLATE] подрезал, болит шея"),
        ("сбил a123bc777, болит таз", "сбил [PLATE], болит таз"),
        ("О 777 ОО 77 стоит у подъезда", "[PLATE] стоит у подъезда"),
        ("машина у подъезда, номер к 715 ор 50", "машина у подъезда, номер [PLATE]"),
    ],
)
def test_a_plate_in_lower_case_or_with_spaces_is_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # «в 100 км», «с 120 мм» were masked as Russian plates
        "проехал в 100 км от дома, спина болит",
        "давление с 120 мм поднялось",
        "проехал в 100 км 20 минут, рост 170 см 75 кг",
        "im 52 yrs, at 65 yrs, on 20 mgs, up 15 kgs, lo 20 kg",
        "lifting 2x10 kg, pain at l4 l5 and s1, took 2 x 400mg",
        "bp 140 over 90 at 10 am",
    ],
)
def test_measures_and_ages_of_a_plates_shape_are_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text
