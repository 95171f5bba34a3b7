"""Houses and streets named without a number, a number and one word as an address, stations
and districts in lower case, markets and business districts (bot/privacy/named_places.py,
lower_case.py, places.py); counts, doses and everyday places after the same cues stay."""

from __future__ import annotations

import pytest

from bot.privacy.scrubber import Scrubber
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber.load(PROJECT_ROOT / "content")


@pytest.mark.parametrize(
    ("text", "personal", "kept"),
    [
        # a house's name opening the message, the lower-case street after it ("lane" was left
        # while the postcode was masked)
        ("holly cottage, brook lane, ne46 3ab, sciatica since may",
         ["holly cottage", "brook lane", "ne46 3ab"], ["sciatica since may"]),
        ("The Old Forge, Church Street, leg is numb",
         ["Old Forge", "Church Street"], ["leg is numb"]),
        ("Meadow View Farm, Long Lane, my back is bad",
         ["Meadow View Farm", "Long Lane"], ["my back is bad"]),
        ("rose barn", ["rose barn"], []),
        ("my address: ivy house, green lane", ["ivy house", "green lane"], ["my address"]),
        ("fern cottage, bank lane is the address",
         ["fern cottage", "bank lane"], ["is the address"]),
        ("The Granary, Moor Road, sciatica", ["Granary", "Moor Road"], ["sciatica"]),
        ("Hi, it's ash tree cottage on the hill, leg numb", ["ash tree cottage"], ["leg numb"]),
        ("we moved to 12 hawthorn last year", ["12 hawthorn"], ["last year"]),
        # after "called" and after a cue of where one is
        ("our bungalow is called sea view, pain in my hip", ["sea view"], ["pain in my hip"]),
        ("we live at hazel farm now, back is bad", ["hazel farm"], ["back is bad"]),
        ("we're at the old rectory, leg numb", ["old rectory"], ["leg numb"]),
        # a number and one lower-case word after a visit or a residence cue
        ("can the district nurse come out to 9 aspen, I can't get up",
         ["9 aspen"], ["I can't get up"]),
        ("we're at 31 rowan now", ["31 rowan"], ["now"]),
        ("i stay at 14 glebe most weekends", ["14 glebe"], ["most weekends"]),
        # stations, their word included
        ("i change at clapham north station every day", ["clapham north station"], ["every day"]),
        ("live near Bounds Green tube, legs ache", ["Bounds Green tube"], ["legs ache"]),
        ("meet me at manor house station", ["manor house station"], []),
    ],
)  # fmt: skip
def test_english_houses_streets_and_stations_are_masked(
    scrubber: Scrubber, text: str, personal: list[str], kept: list[str]
) -> None:
    out = scrubber.scrub(text)
    for item in personal:
        for word in item.split():
            if len(word) > 2:
                assert word not in out, (item, out)
    for item in kept:
        assert item in out, (item, out)


@pytest.mark.parametrize(
    "text",
    [
        "at the farm all day, back aches",
        "lower back, left leg, numb",
        "dairy farm, 12 hour shifts, back aches",
        "pain is at 7 out of 10 at night",
        "we're at 4 weeks post op now",
        "we're at 5 out of 10 most days",
        "i'm at 2 tablets a night",
        "on it at 20 mg since monday",
        "went to the bus station and my leg gave way",
        "i take the tube to work, standing hurts",
        "i got off at the wrong station",
        "i'm at 3 physio sessions a week",
        "it's a cottage, the stairs are steep",
    ],
)
def test_counts_and_everyday_places_after_the_same_cues_stay(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "personal", "kept"),
    [
        ("выхожу на девяткино, нога немеет", "девяткино", "нога немеет"),
        ("живу на автово, поясница болит", "автово", "поясница болит"),
        ("от метро автово пешком не дойти", "автово", "пешком не дойти"),
        ("у метро Автово живу", "Автово", "живу"),
        ("я с эльмаша, спина болит", "эльмаша", "спина болит"),
        ("мы с уралмаша, до вас далеко", "уралмаша", "до вас далеко"),
        ("живу на пионерской, спина болит", "пионерской", "спина болит"),
        ("работаю на рынке садовод, весь день на ногах", "садовод", "весь день на ногах"),
        ("офис в москва-сити, сижу весь день", "москва-сити", "сижу весь день"),
        ("можно врача на дом, Садовая 3", "Садовая 3", "можно врача на дом"),
    ],
)  # fmt: skip
def test_russian_stations_districts_and_markets_are_masked(
    scrubber: Scrubber, text: str, personal: str, kept: str
) -> None:
    out = scrubber.scrub(text)
    assert personal not in out
    assert kept in out


@pytest.mark.parametrize(
    "text",
    [
        "живу на пятом этаже, лестница тяжело",
        "я с работы, спина болит",
        "мы с мужем приедем",
        "я с детства хромаю",
        "работаю на рынке грузчиком",
        "работаю в колл-центре, сижу по 8 часов",
        "ходил в фитнес-центр, потянул спину",
        "выхожу на улицу, болит",
    ],
)
def test_russian_floors_companions_jobs_and_kinds_of_centre_stay(
    scrubber: Scrubber, text: str
) -> None:
    assert scrubber.scrub(text) == text


def test_a_clinical_phrase_beside_an_address_is_no_street(scrubber: Scrubber) -> None:
    assert scrubber.scrub("the long walk, 3 oak close") == "the long walk, [ADDRESS]"
