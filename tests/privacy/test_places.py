"""Places and workplaces (bot/privacy/places.py): addresses without a street word, stations,
districts, estates, plots; where a person works; car plates. Cities and jobs are kept."""

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
        ("живу на Пионерской 15, болит поясница", "живу на [ADDRESS], болит поясница"),
        ("I'm at flat 4, 12 Baker, the pain wakes me", "I'm at [ADDRESS], the pain wakes me"),
        ("я живу возле метро Профсоюзная, болит крестец", "я живу возле [ADDRESS], болит крестец"),
        ("I'm near Clapham Junction station, sharp pain", "I'm [ADDRESS], sharp pain"),
        ("живём в ЖК «Солнечный берег», корпус 3, спину прихватило",
         "живём в [ADDRESS], спину прихватило"),
        ("we're off Kingsland Road, my neck is stiff", "we're [ADDRESS], my neck is stiff"),
        ("в районе Бирюлёво сорвал спину", "в [ADDRESS] сорвал спину"),
        ("дача в Малаховке, участок 112, там и надорвался",
         "дача в [ADDRESS], там и надорвался"),
        ("I live in Hackney, back spasms", "I live in [ADDRESS], back spasms"),
    ],
)  # fmt: skip
def test_places_without_a_street_word_are_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "приехала из Королёва на приём, болит спина",  # a city that is also a surname
        "живу в Москве, боль в пояснице уже неделю",
        "we moved from Lincoln to Preston, my back hurts on long drives",
        "pain near L5, worse sitting, better walking",
        "грузчик на складе, таскаю мешки по 50 кг",  # the job and its load
        "I'm a cashier, ten hours standing, lower back pain",
    ],
)
def test_cities_jobs_and_clinical_words_are_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("работаю кассиром в Пятёрочке, стою по 12 часов",
         "работаю кассиром в [WORKPLACE], стою по 12 часов"),
        ("я учитель в школе № 1234, весь день на ногах",
         "я учитель в [WORKPLACE], весь день на ногах"),
        ("медсестра в 67-й больнице, ночные смены", "медсестра в [WORKPLACE], ночные смены"),
        ("работаю в ООО «Стройтехмонтаж» монтажником", "работаю в ООО «[WORKPLACE]» монтажником"),
        ("I work as a cashier at Sainsbury's, ten hours standing",
         "I work as a cashier at [WORKPLACE], ten hours standing"),
        ("HCA at Oakwood care home, hoisting residents", "HCA at [WORKPLACE], hoisting residents"),
        ("porter at Leeds General, pushing beds", "porter at [WORKPLACE], pushing beds"),
        ("I drive for Hargreaves Logistics, ten hours driving a day",
         "I drive for [WORKPLACE], ten hours driving a day"),
    ],
)  # fmt: skip
def test_workplaces_are_masked_and_the_job_is_kept(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("моя машина А123ВС 77, припаркуюсь у входа", "моя машина [PLATE], припаркуюсь у входа"),
        ("номер машины о777оо199", "номер машины [PLATE]"),
        ("my car is AB12 CDE, can I park outside?", "my car is [PLATE], can I park outside?"),
        ("the van was YF 21 BNA", "the van was [PLATE]"),
        ("reg lk68xyz, disabled badge", "reg [PLATE], disabled badge"),
    ],
)
def test_car_plates_of_both_countries_are_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "грыжа L4-L5 и L5-S1, MRI T2 shows it, 400 mg twice",
        "I had a discectomy at L5-S1 in 2012, Schmorl's nodes at T11",
        "pain at night, worse at Christmas, better at home",
    ],
)
def test_spine_levels_doses_and_times_are_no_plates_nor_firms(
    scrubber: Scrubber, text: str
) -> None:
    assert scrubber.scrub(text) == text
