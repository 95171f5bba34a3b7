"""Identifiers written with spaces or dashes, and links to profiles, masked whole."""

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
        ("NI number qq 12 34 56 c", "NI number [ID]"),
        ("my national insurance is AB-12-34-56-C", "my national insurance is [ID]"),
        ("national insurance: JT 48 21 93 B thanks", "national insurance: [ID] thanks"),
        ("паспорт серия 4515 номер 778899", "паспорт серия [ID]"),
        ("паспорт: серия 45 15, номер 778 899", "паспорт: серия [ID]"),
        # "me at facebook.com" was read as an e-mail, and the profile's name part leaked
        ("message me at facebook.com/shaun.obrien.77 please", "message me at [URL] please"),
        ("пишите на vk.com/olga.smirnova или t.me/olga_smirnova", "пишите на [URL] или [URL]"),
        ("instagram.com/kerry_walsh_88 is my page", "[URL] is my page"),
        ("my fb is facebook.com/ shaun.obrien.77", "my fb is [URL]"),
        ("fb: shaun.obrien.77", "fb: [HANDLE]"),
        ("фб: olga.petrova, спина болит", "фб: [HANDLE], спина болит"),
    ],
)  # fmt: skip
def test_spaced_identifiers_and_profile_links_are_masked_whole(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


def test_an_email_after_at_is_still_an_email(scrubber: Scrubber) -> None:
    assert scrubber.scrub("email me at j.smith at gmail.com") == "email me at [EMAIL]"
