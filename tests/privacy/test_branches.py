"""Employers typed in lower case and the branch where a person works (bot/privacy/branches.py);
the job itself stays."""

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
        ("courier for evri, in and out the van, back aches",
         "courier for [WORKPLACE], in and out the van, back aches"),
        ("nights at the asda superstore, lifting crates",
         "nights at the [WORKPLACE], lifting crates"),
        ("i serve at the kfc on wellington road, standing 9 hours",
         "i serve at the [WORKPLACE], standing 9 hours"),
        ("picker at the ocado warehouse off the m25 junction 7, heavy totes",
         "picker at the [WORKPLACE], heavy totes"),
        ("bricklayer for dave mcgillivray, carrying hods",
         "bricklayer for [WORKPLACE], carrying hods"),
        ("plasterer with fenwick & sons, ceilings all day",
         "plasterer with [WORKPLACE], ceilings all day"),
        ("driver for barker and sons removals, my leg tingles",
         "driver for [WORKPLACE], my leg tingles"),
        ("cook at st aidans primary, lifting pans", "cook at [WORKPLACE], lifting pans"),
        ("porter at the royal infirmary, pushing beds", "porter at the [WORKPLACE], pushing beds"),
    ],
)  # fmt: skip
def test_an_english_employer_in_lower_case_is_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "i went to tesco for ice packs, my back locked",
        "after driving for hours my back hurts",
        "i work for myself, self employed plasterer",
        "i work at a care home, lifting patients",
        "i was at the local hospital for an mri",
        "my nephew and son help me lift",
    ],
)
def test_a_shop_visited_and_a_job_stay(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("я кассир в ленте у автовокзала, стою весь день",
         "я кассир в [WORKPLACE], стою весь день"),
        ("фасовщица в магнит у дома, ноет спина", "фасовщица в [WORKPLACE], ноет спина"),
        ("Толик со склада на Литейной, поднял мешок", "[NAME] со [ADDRESS], поднял мешок"),
        ("кладовщик на складе Мега Трейд, тянет ногу", "кладовщик на складе [ADDRESS], тянет ногу"),
    ],
)  # fmt: skip
def test_a_russian_chain_and_a_workplace_with_its_street_are_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "в магните купила мазь, не помогла",
        "лента кинезио не держится, болит спина",
    ],
)
def test_a_chain_name_that_is_a_word_stays_without_a_job(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tesco distribution, I drive a forklift, heavy lifting",
         "[WORKPLACE], I drive a forklift, heavy lifting"),
        ("I work for Tesco distribution, lifting cages", "I work for [WORKPLACE], lifting cages"),
        ("Kier construction, labourer, heavy lifting", "[WORKPLACE], labourer, heavy lifting"),
        ("I work at Corus steel works doing heavy lifting",
         "I work at [WORKPLACE] doing heavy lifting"),
        ("the post office sorting centre, heavy lifting all night",
         "the [WORKPLACE], heavy lifting all night"),
        ("I pack boxes at amazon fulfilment centre, the bending kills my back",
         "I pack boxes at [WORKPLACE], the bending kills my back"),
        ("I work at Barratt Homes, heavy lifting", "I work at [WORKPLACE], heavy lifting"),
    ],
)  # fmt: skip
def test_a_firm_with_its_kind_of_site_is_masked_whole(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "went to the tesco store and bent down, pain shot down my leg",
        "the post office queue was long, my back ached",
        "I drive a forklift at a warehouse, heavy lifting",
    ],
)
def test_a_shop_visited_with_its_kind_stays(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text
