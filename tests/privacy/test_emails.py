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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("petrov на мейл ру, болит спина", "[EMAIL], болит спина"),
        ("kolya собака гмейл, немеет нога", "[EMAIL], немеет нога"),
        ("пишите ivan.petrov на гмейле", "пишите [EMAIL]"),
        ("напишите на почту sidorova на яндексе", "напишите на почту [EMAIL]"),
        ("ящик ivanov на мыле, болит шея", "ящик [EMAIL], болит шея"),
        ("olga_m собака мейл точка ру", "[EMAIL]"),
        ("ivanova at yandex, back pain", "[EMAIL], back pain"),
        ("sara on hotmail, my leg is numb", "[EMAIL], my leg is numb"),
        ("my email is sam dot fox at outlook", "my email is [EMAIL]"),
    ],
)  # fmt: skip
def test_a_provider_told_in_words_goes_with_the_user_name(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "работаю на яндексе, болит спина",
        "my brother on gmail said rest it",
        "I worked on mail delivery for years",
        "помылась на мыле и поскользнулась, ушибла копчик",
        "last four weeks the pain is 6/10 at night",
    ],
)
def test_on_and_na_before_a_word_are_no_at_sign(scrubber: Scrubber, text: str) -> None:
    assert "[EMAIL]" not in scrubber.scrub(text)
