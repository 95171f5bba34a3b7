"""Streets named without a street word, known by their house and flat numbers
(bot/privacy/numbered.py); number ranges that are doses, pressures, scores or days stay."""

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
        ("Бутлерова 4-17, болит спина", "[ADDRESS], болит спина"),
        # the house and flat were read as a birth date and the street was left
        ("живу Профсоюзная 14-2-88, немеет нога", "живу [ADDRESS], немеет нога"),
        ("приезжайте Кирова 12-5, не могу встать", "приезжайте [ADDRESS], не могу встать"),
        ("Мира 5-12, стреляет в ногу", "[ADDRESS], стреляет в ногу"),
        ("проживаю Маршала Жукова 5-12", "проживаю [ADDRESS]"),
        ("живу бутлерова 4-17, ноет поясница", "живу [ADDRESS], ноет поясница"),
        ("Садовая 10 кв. 45, боль в пояснице", "[ADDRESS], боль в пояснице"),
        ("живу на Пушкина д. 8 кв. 14, стреляет в ногу", "живу на [ADDRESS], стреляет в ногу"),
        ("Советская, 5-12, прострел в ногу", "[ADDRESS], прострел в ногу"),
        ("живу 3-я Парковая 12-4", "живу [ADDRESS]"),
        ("14 Elm, flat 2, pain in the back", "[ADDRESS], pain in the back"),
        ("it's 7 Hazel Bank flat 3 if the nurse comes", "it's [ADDRESS] if the nurse comes"),
    ],
)  # fmt: skip
def test_a_street_before_house_and_flat_numbers_is_an_address(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Мовалис 1-2 в день, Найз 2-3 дня",
        "Кеторол 1-2 таблетки",
        "Уколы 5-7 штук, Таблетки 1-2 в день",
        "Давление 140/90, пульс 80",
        "АД 130/85, грыжа L4-L5 6-7 мм",
        "Боль 7-8 из 10",
        "Последние 2-3 недели хуже",
        "Сделала МРТ 12/03, грыжа 5 мм",
        "Нурофен 200/400 помогает слабо",
        "Лечусь у Петрова 3-4 года",  # a doctor, for years: the name rules mask him
        "Лежал в Боткинской 2-3 недели",
        "Москва 5-6 часов езды",
        "Схема 5-2-1, по 1 таблетке",
        "Процедуры, 5/10 сделано",
        "Вес, 80-85, Пульс, 60-80",
        "Kyphosis T6-T8, Oswestry 42/100, 3-4 days of rest",
    ],
)
def test_number_ranges_that_are_counts_doses_or_levels_stay(scrubber: Scrubber, text: str) -> None:
    kept = scrubber.scrub(text)
    assert "[ADDRESS]" not in kept
    assert "[DATE]" not in kept
