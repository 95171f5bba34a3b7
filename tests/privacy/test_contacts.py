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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the series stayed: only the number was long enough to be masked by itself
        ("серия 4509 номер 123456, болит поясница", "серия [ID], болит поясница"),
        ("паспорт серия 45 09, номер 123456, спина", "паспорт серия [ID], спина"),
        ("passport series 45 09 number 771203", "passport series [ID]"),
        ("polis 1234 5678 9012 3456", "polis [ID]"),
    ],
)
def test_a_documents_series_is_masked_with_its_number(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a series of 3 injections in 2019, then 12 sessions of physio",
        "серия уколов 10 штук, потом ещё 5",
    ],
)
def test_a_series_of_treatments_is_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


def test_a_short_number_after_a_document_is_not_taken_for_its_next_part(
    scrubber: Scrubber,
) -> None:
    assert scrubber.scrub("полис ОМС 7788 9900 1122 3344, No 5 on the list") == (
        "полис ОМС [ID], No 5 on the list"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my address is 12 Rowan, the pain is low", "my address is [ADDRESS], the pain is low"),
        ("адрес такой: Мира 12, кв 5, болит спина", "адрес такой: [ADDRESS], болит спина"),
    ],
)
def test_the_verb_after_an_address_cue_stays(scrubber: Scrubber, text: str, expected: str) -> None:
    assert scrubber.scrub(text) == expected
