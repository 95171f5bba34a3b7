"""Numbers that identify (bot/privacy/contacts.py): a bank card's last four digits and its
expiry after "card ending" / «карта заканчивается на»; years and scores stay."""

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
        ("paid the physio with card ending 6093 expiring 04/29",
         "paid the physio with card ending [CARD] expiring [CARD]"),
        ("my visa ending in 3308, exp 11/26, was charged twice",
         "my visa ending in [CARD], exp [CARD], was charged twice"),
        ("the debit one, last four digits 9021", "the debit one, last four digits [CARD]"),
        ("карта заканчивается на 7715, срок 10/28", "карта заканчивается на [CARD], срок [CARD]"),
        ("оплатила картой, которая оканчивается на 5512, действует до 03/28",
         "оплатила картой, которая оканчивается на [CARD], действует до [CARD]"),
    ],
)  # fmt: skip
def test_a_cards_last_digits_and_expiry_are_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the pain ending in 2019 came back after surgery, now 7/10",
        "last four weeks the pain is 6/10 at night",
        "курс заканчивается на 1500 мг в сутки, боль 5/10",
    ],
)
def test_a_year_dose_or_score_after_the_same_words_is_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text
