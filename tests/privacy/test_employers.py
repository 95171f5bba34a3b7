"""Employers typed as ordinary words (bot/privacy/employers.py): the firm or the institution one
works for goes, in either language, whatever its case; a generic workplace, the job and its
physical load stay."""

from __future__ import annotations

import pytest

from bot.privacy.scrubber import Scrubber
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber.load(PROJECT_ROOT / "content")


@pytest.mark.parametrize(
    ("text", "employer"),
    [
        ("she's a pharmacy assistant at boots, on her feet all day", "boots"),
        ("i do the bins for the council, lifting wheelie bins", "council"),
        ("road sweeper for the borough council, 6 years now", "borough council"),
        ("i'm on the counter at our local post office", "post office"),
        ("driving for stobarts, 12 hour shifts in the cab", "stobarts"),
        ("i work for hargreaves as a labourer", "hargreaves"),
        ("работаю в полиции водителем, сижу по 12 часов", "полиции"),
        ("сортировщица на почте, весь день наклоны", "почте"),
        ("в пенсионном фонде работаю, сижу за компьютером", "пенсионном фонде"),
        ("в магните тружусь уже год, таскаю ящики", "магните"),
        ("уборщица в фикс прайсе, мою полы", "фикс прайсе"),
        ("работаю в фикспрайсе кассиром", "фикспрайсе"),
    ],
)  # fmt: skip
def test_an_employer_named_with_ordinary_words_goes(
    scrubber: Scrubber, text: str, employer: str
) -> None:
    scrubbed = scrubber.scrub(text)
    assert employer not in scrubbed
    assert "[WORKPLACE]" in scrubbed


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("she's a pharmacy assistant at boots, on her feet all day", "pharmacy assistant"),
        ("i do the bins for the council, lifting wheelie bins", "lifting wheelie bins"),
        ("driving for stobarts, 12 hour shifts in the cab", "12 hour shifts in the cab"),
        ("работаю в полиции водителем, сижу по 12 часов", "водителем, сижу по 12 часов"),
        ("сортировщица на почте, весь день наклоны", "сортировщица"),
        ("she works at boots in the stockroom, lifting boxes", "in the stockroom, lifting boxes"),
    ],
)  # fmt: skip
def test_the_job_and_its_load_stay(scrubber: Scrubber, text: str, kept: str) -> None:
    assert kept in scrubber.scrub(text)


@pytest.mark.parametrize(
    "text",
    [
        "I work in an office, hunched over a laptop",
        "i work at a warehouse on nights, lifting all shift",
        "I work for an agency, different sites each week",
        "i work from home and sit too much",
        "he works for the nhs as a porter",
        "работаю на складе, ночные смены",
        "работаю в офисе, сижу по 9 часов",
        "работаю на удаленке, сижу весь день",
        "сходила на почту, и спину прихватило",
        "в магните на кассе стояла и прострелило",
    ],
)
def test_a_generic_workplace_or_a_visit_stays(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text
