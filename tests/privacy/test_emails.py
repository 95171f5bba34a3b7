"""E-mails spelt out (bot/privacy/emails.py): spaces around "@" and the dots, the at-sign and
the dots as words or in brackets, a provider with no ending; "@" and "at" elsewhere stay."""

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
        ("kolya.1979 @ gmail . com, pain in the calf", "[EMAIL], pain in the calf"),
        ("mail me: kolya.1979@ gmail.com", "mail me: [EMAIL]"),
        ("пишите: petrov_v@mail . ru, болит спина", "пишите: [EMAIL], болит спина"),
        ("почта anna.k собака mail точка ру", "почта [EMAIL]"),
        ("ivan ( at ) mail ( dot ) ru if you need the scan", "[EMAIL] if you need the scan"),
        ("пишите на oleg_77 (собака) yandex (точка) ru", "пишите на [EMAIL]"),
        ("vasya77 at gmail com, the leg is numb", "[EMAIL], the leg is numb"),
        ("email: sam.r77 at hotmail, numbness", "email: [EMAIL], numbness"),
        ("email me vasya at gmail, thanks", "email me [EMAIL], thanks"),
        ("my work one is d.ray @ nhs . net", "my work one is [EMAIL]"),
        ("hurt my back. kolya.1979 @ gmail . com", "hurt my back. [EMAIL]"),
    ],
)  # fmt: skip
def test_an_email_spelt_out_is_masked(scrubber: Scrubber, text: str, expected: str) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "meet @ 5pm at the clinic, pain 6/10",
        "I was at yahoo for years, then at mail, sitting all day",
        "I was at work. Then the pain came",
        "i hope to be back at work by june, the brace helps",
        "sitting at home. It hurts more in the evening",
        "the ache is worse at night, at rest too",
    ],
)
def test_at_signs_and_at_elsewhere_stay(scrubber: Scrubber, text: str) -> None:
    assert "[EMAIL]" not in scrubber.scrub(text)
