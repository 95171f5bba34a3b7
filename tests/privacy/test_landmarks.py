"""Landmarks and buildings named after a location cue (bot/privacy/landmarks.py); body parts,
eponyms and days after the same cues stay."""

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
        # "St" was left: only "Mary's church" was found
        ("the house behind St Mary's church, back pain", "the [ADDRESS], back pain"),
        ("near St. Anne's hospital, my leg is weak", "near [ADDRESS], my leg is weak"),
        ("we live opposite St John's school", "we live [ADDRESS]"),
        ("we live by the Crown and Anchor", "we live [ADDRESS]"),
        ("just behind the Tesco Extra on Mill Road", "just behind [ADDRESS]"),
        # the building's kind was left: «живу у [WORKPLACE] спорта «[WORKPLACE]»»
        ("живу у Дворца спорта «Юбилейный», болит спина", "живу [ADDRESS], болит спина"),
        ("живём напротив Дворца культуры «Металлург»", "живём [ADDRESS]"),
        ("дом за Домом культуры имени Ленина", "[ADDRESS]"),
        ("живу рядом с храмом Святой Троицы", "живу [ADDRESS]"),
        ("дом возле собора Святого Николая, ноет крестец", "дом возле [ADDRESS], ноет крестец"),
        ("живу около памятника Пушкину", "живу около [ADDRESS]"),
        ("живу у ДК «Строитель»", "живу [ADDRESS]"),
    ],
)  # fmt: skip
def test_a_landmark_after_a_location_cue_is_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "pain behind the Knee and near the Hip",
        "it started near Christmas, worse by the Friday",
        "above the Achilles tendon it burns",
        "sharp pain behind my eyes, next to the spine",
        "боль за грудиной, у основания черепа",
        "боль под лопаткой, над коленом",
        "у врача был, у невролога",
        "живу возле школы, у рынка, болит поясница",
    ],
)
def test_body_parts_eponyms_and_unnamed_buildings_after_the_cues_stay(
    scrubber: Scrubber, text: str
) -> None:
    assert scrubber.scrub(text) == text
