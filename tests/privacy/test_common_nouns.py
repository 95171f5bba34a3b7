"""Common nouns that are also first names (bot/privacy/common_nouns.py): a verb's object stays,
a possible subject or an animate form is still a name."""

from __future__ import annotations

import pytest

from bot.privacy.scrubber import Scrubber
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber.load(PROJECT_ROOT / "content")


@pytest.mark.parametrize(
    "text",
    [
        "роман читаю, спина болит",
        "Роман читаю по вечерам, поясница ноет",
        "я роман дочитала и спину прихватило",
        "Надежду теряю, нога немеет",
        "читаю роман, спина болит",
        "дочитала роман и спину прихватило",
    ],
)
def test_a_noun_that_is_a_verbs_object_stays(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Роман привёз меня, спина болит", "[NAME] привёз меня, спина болит"),
        ("Романа жду, спина болит", "[NAME] жду, спина болит"),
        ("Роман пишет: болит спина", "[NAME] пишет: болит спина"),
        ("пишет Роман, спина болит", "пишет [NAME], спина болит"),
        ("жду романа", "жду [NAME]"),
    ],
)
def test_a_name_that_may_be_the_subject_or_is_animate_is_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected
