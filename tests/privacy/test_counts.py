"""Things counted (bot/privacy/counts.py): a number then a capitalised exercise, drug or everyday
noun is what was counted; a house number and a short name are not."""

from __future__ import annotations

import pytest

from bot.privacy.scrubber import Scrubber
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber.load(PROJECT_ROOT / "content")


def _counted(scrubber: Scrubber, text: str, word: str) -> bool:
    start = text.index(word)
    return scrubber._counted_thing(text, start, start + len(word))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("I do 20 Lunges, then my back hurts", "Lunges"),
        ("3 Nurofen a day", "Nurofen"),
        ("took 2 Tramadol before bed", "Tramadol"),
        ("10 Squat a day", "Squat"),
        ("I had 2 Pint, then fell", "Pint"),
        ("выпил 2 Найза, не помогло", "Найза"),
        ("сделала 20 Приседаний, и прострелило", "Приседаний"),
    ],
)
def test_a_plural_a_drug_a_count_phrase_or_a_verb_make_a_count(
    scrubber: Scrubber, text: str, word: str
) -> None:
    assert _counted(scrubber, text, word)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("it's 12 Beech, the blue door", "Beech"),
        ("we're at 4 Orchard, round the back", "Orchard"),
        ("at 9 Lewis, the back door", "Lewis"),
        ("Beech, the blue door", "Beech"),
    ],
)
def test_a_house_name_after_a_number_is_no_count(scrubber: Scrubber, text: str, word: str) -> None:
    assert not _counted(scrubber, text, word)


@pytest.mark.parametrize(
    "text",
    [
        "did 25 Jumping-jacks, now my back is sore",
        "10 Squats a day and my knee clicks",
        "I took 3 Nurofen, no help",
        "I'm 45 Female, back pain",
        "сделала 20 Приседаний, и прострелило",
        "после 20 Приседаний болит спина",
        "выпил 2 Найза, не помогло",
    ],
)
def test_a_count_and_what_it_counts_are_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


def test_a_house_of_two_names_after_a_number_is_still_an_address(scrubber: Scrubber) -> None:
    assert "Mill" not in scrubber.scrub("we're at 2 Mill Cottages, she had a fall")
