"""Russian typed in Latin letters (bot/privacy/latin_russian.py): its names are masked in any
case, its ordinary words are no name, firm or place."""

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
        ("zapishite syna dmitriya na priyom", "zapishite syna [NAME] na priyom"),
        ("zapishite mamu galinu, u neyo bolit spina", "zapishite mamu [NAME], u neyo bolit spina"),
        ("eto sveta, spina bolit uzhe nedelyu", "eto [NAME], spina bolit uzhe nedelyu"),
        ("s uvazheniem, natalya petrovna", "s uvazheniem, [NAME]"),
    ],
)  # fmt: skip
def test_names_in_latin_russian_are_masked(scrubber: Scrubber, text: str, expected: str) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "poyasnica bolit, noga nemeet",
        "spina bolit",
        "pishu s raboty, sidet ne mogu",
        "levaya noga slabaya, vrach skazal gryzha",
        "Spina otnimaetsya posle raboty",
    ],
)
def test_ordinary_latin_russian_words_stay(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


def test_an_english_message_with_a_russian_looking_word_is_still_english(
    scrubber: Scrubber,
) -> None:
    # "volk" and "most" read as Russian, but more words are only English: the cue decides
    assert scrubber.scrub("dr volk said rest, most pain in the leg") == (
        "dr [NAME] said rest, most pain in the leg"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vyhozhu na avtovo, noga nemeet", "vyhozhu na [ADDRESS], noga nemeet"),
        ("ya s elmasha, spina bolit", "ya s [ADDRESS], spina bolit"),
        ("ya s raboty, spina bolit", "ya s raboty, spina bolit"),
        ("vyhozhu na ulicu, bolit noga", "vyhozhu na ulicu, bolit noga"),
    ],
)
def test_a_station_or_district_after_a_place_cue_in_latin_russian(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zhivu na sadovoy 7 kv 12, noga nemeet", "zhivu na [ADDRESS], noga nemeet"),
        ("my zhivem na lesnoy 4/2, spina bolit", "my zhivem na [ADDRESS], spina bolit"),
    ],
)
def test_a_street_in_latin_russian_with_its_house_number_is_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    """A street's name is an ordinary adjective («садовой», «лесной»): after a place cue
    and with a house number after it, it is the address."""
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text", ["spina bolit 2 nedeli", "bolit na 7 iz 10", "zhivu na 5 etazhe, lifta net"]
)
def test_counts_and_floors_in_latin_russian_stay(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


def test_no_message_text_is_held_after_scrubbing(scrubber: Scrubber) -> None:
    """The detectors share one reading of a Latin-script message while it is scrubbed; the
    text (personal data) is not kept in memory once the scrubbed text is returned."""
    text = "zapishite mamu galinu, u nee ishias"
    scrubber.scrub(text)
    assert scrubber._latin_ru_last is None
