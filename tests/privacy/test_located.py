"""Places named with ordinary English words, known by the location cue before them
(bot/privacy/located.py), and a workplace's branch and article masked with it."""

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
        # words that are also clinical or common ("green", "stone", "cross", "side", "heath")
        ("we live at the Green, my husband's legs went weak",
         "we live at [ADDRESS], my husband's legs went weak"),
        ("I'm at Stone Cross, pain in the lower spine",
         "I'm at [ADDRESS], pain in the lower spine"),
        ("I live by Elephant and Castle, ache in my tailbone",
         "I live [ADDRESS], ache in my tailbone"),
        ("my flat is round the corner from the Old Mill, can't bend",
         "my flat is round the corner from [ADDRESS], can't bend"),
        ("staying near Golden Valley, leg gives way", "staying [ADDRESS], leg gives way"),
        ("Moss Side, Broadfield Road 88 - he can't feel his saddle area",
         "[ADDRESS] - he can't feel his saddle area"),
        # after a bare preposition, two capitalised words that are not all clinical
        ("moved here from Kings Heath last year, sciatica",
         "moved here from [ADDRESS] last year, sciatica"),
    ],
)  # fmt: skip
def test_a_place_of_english_words_after_a_location_cue_is_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Pain In Lower Back since Monday",  # title case after a bare "in": all clinical
        "I'm in Agony with my back",  # one clinical word, no article
        "we live in New York now, the pain started in March",  # a city, a month
        "got worse in April, near Christmas, sharp Sciatica",
        "I'm at A&E with my dad, he can't pee",  # an acronym is no place of one's own
        "on block 3 of physio, doing the McKenzie exercises",
        "Lasègue positive at 30 degrees, Schmorl's nodes at T11-T12",
        # title-cased services and phrases: no place's head word, every word an English one
        "referred to Pain Management, waiting; went to Pilates Class and it hurt",
        "moved to Night Shifts last month, been on Sick Leave since June",
        "on Tuesdays and Fridays I do pilates",
    ],
)
def test_months_cities_acronyms_and_clinical_title_case_are_kept(
    scrubber: Scrubber, text: str
) -> None:
    assert scrubber.scrub(text) == text


def test_a_workplace_is_masked_with_its_branch_and_article(scrubber: Scrubber) -> None:
    assert (
        scrubber.scrub("barista at the Costa on the high street, standing all shift")
        == "barista at [WORKPLACE], standing all shift"
    )
    # the article of a number stays: it names no place
    assert (
        scrubber.scrub("I'm on the 6th floor, lift is broken")
        == "I'm on the [ADDRESS], lift is broken"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I live in Moss Side, pain", "I live in [ADDRESS], pain"),
        ("i live near kings heath", "i live near [ADDRESS]"),
        ("we're off mare street, numb", "we're off [ADDRESS], numb"),
    ],
)
def test_a_place_typed_in_lower_case_or_going_on_through_a_clinical_word_is_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "i live near the park",  # an article: a common noun
        "i'm in pain down my leg",  # a clinical word first
        "we live on a farm, lifting bales",
        "live in sheltered housing, live at the end of the road",
    ],
)
def test_lower_case_common_places_are_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("born nineteen seventy eight on the ninth of June, chronic pain",
         "born [DATE], chronic pain"),
        ("родилась в восемьдесят первом году, пятого марта, болит спина",
         "родилась в [DATE], болит спина"),
        ("DOB 1966, March the third", "DOB [DATE]"),
        # a later date of something else stays
        ("born 1980, pain since the 3rd of May", "born [DATE], pain since the 3rd of May"),
    ],
)  # fmt: skip
def test_the_day_and_month_after_a_birth_year_are_masked_with_it(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected
