"""Homes told by what stands near them (bot/privacy/homes.py): a home's kind or a verb of
living, a relation and a landmark are one address, with what the home looks like after a
comma; a relation with no home before it, or a home with no landmark, stays."""

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
        # a shop by name, then where on the street
        ("the pink house past the Londis on the corner, my back is stiff",
         "the [ADDRESS], my back is stiff"),
        # a kind of chapel, then the district it is in
        ("we're the end terrace behind the Baptist chapel in Ancoats, leg is numb",
         "we're the [ADDRESS], leg is numb"),
        # a landmark of no name, then the door
        ("the flat above the launderette, green door round the back. cannot stand",
         "the [ADDRESS]. cannot stand"),
        # a verb of living and a pub's name
        ("we live opposite the Queens Head, ache in my hip", "we live [ADDRESS], ache in my hip"),
        # which house in the row
        ("fourth house from the school on the left, sciatica again", "[ADDRESS], sciatica again"),
        # «за водокачкой» and the fence
        ("кирпичный дом за водокачкой, коричневый забор, отец не встаёт",
         "[ADDRESS], отец не встаёт"),
        # two landmarks of no name
        ("квартира над аптекой у светофора, поясница болит", "[ADDRESS], поясница болит"),
        # a firm in any case after a verb of living, then the gate
        ("живём возле Магнита, серая калитка, болит нога", "живём [ADDRESS], болит нога"),
        # a district already found goes on through the relation after it
        ("мы в Люблино возле пруда, тянет поясницу", "мы в [ADDRESS], тянет поясницу"),
    ],
)  # fmt: skip
def test_a_home_located_by_a_landmark_is_masked_whole(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a relation with no home before it: the body
        "the pain is behind my knee and above my hip",
        "болит за грудиной и под лопаткой",
        # a verb of living and a landmark of no name say little
        "I live near the park and walk daily",
        "живу возле школы, у рынка, болит поясница",
        # a home with no landmark
        "we live in a flat on the third floor",
        # «дома» (at home) and a thing that is no landmark
        "лежу дома за компьютером, спина ноет",
    ],
)
def test_a_relation_with_no_home_or_no_landmark_stays(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


def test_a_person_near_a_home_stays_a_name(scrubber: Scrubber) -> None:
    # «у Маши» is whose flat, not where it is: the name rules mask the person
    assert scrubber.scrub("квартира у Маши, болит спина") == "квартира у [NAME], болит спина"
