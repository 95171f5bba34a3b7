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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the kind was left: «в кафе «[ADDRESS]»», «на заводе «[WORKPLACE]»»
        ("работаю официанткой в кафе «Арарат», болят ноги",
         "работаю официанткой в [ADDRESS], болят ноги"),
        ("работаю на заводе «Красный Октябрь» токарем", "работаю на [WORKPLACE] токарем"),
        ("работаю в ООО «Ромашка» бухгалтером", "работаю в [WORKPLACE] бухгалтером"),
        ("I'm a waitress at Cafe Milano, 10 hour shifts",
         "I'm a waitress at [WORKPLACE], 10 hour shifts"),
    ],
)  # fmt: skip
def test_the_kind_of_a_masked_workplace_goes_with_its_name(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # "McKenzie" was a brand (camel case), «Маккензи» a place-name of the dictionary
        "doing McKenzie press-ups and Williams flexion exercises, Lasègue's test positive",
        "делаю упражнения по Бубновскому и гимнастику Маккензи, симптом Ласега положительный",
        "Schober test reduced, Patrick's test hurt on the left",
    ],
)
def test_exercises_tests_and_signs_named_after_a_person_are_kept(
    scrubber: Scrubber, text: str
) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("грузчиком в ооо техстрой, мешки по 50 кг", "грузчиком в [WORKPLACE], мешки по 50 кг"),
        ("на зао вектор работаю сварщиком", "на [WORKPLACE] работаю сварщиком"),
    ],
)
def test_a_legal_form_after_a_preposition_names_the_firm_in_lower_case(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


def test_an_interjection_that_looks_like_a_legal_form_stays(scrubber: Scrubber) -> None:
    text = "ооо боже, как болит поясница"
    assert scrubber.scrub(text) == text
