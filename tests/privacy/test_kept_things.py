"""What no detector may take for personal data: a score or a count after a location cue ("I'm
at 7 out of 10"), a toy, a game or an appliance a person handled ("Lego", «Дайсон»); and a
person after "for" or «у» is masked as a person, not as a firm."""

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
        "I'm at 6 out of 10 this morning, worse by the evening",
        "we're at 9/10 with the pain tonight",
        "i am at 2 weeks since the injection and no better",
        "come to 5 out of 10 after the tablets, then back up",
        "I'm at 4 out of 10 this morning but 7/10 by bedtime",
        "Playmobil all over the landing, I bent down and my back locked",
        "Xbox for hours with my son, now my hip aches",
        "dragging the Hoover up the stairs set it off",
        "Nintendo in bed all weekend, neck and shoulder stiff",
        "весь вечер собирали Лего, спину прихватило",
        "тащила Дайсон на второй этаж, теперь тянет в ногу",
        "Лего рассыпали, нагнулась собрать и прострелило поясницу",
    ],
)
def test_scores_counts_and_things_handled_are_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we're at 14 Rowan, pain 8 out of 10", "we're at [ADDRESS], pain 8 out of 10"),
        ("адрес: Садовая 7, кв 3", "адрес: [ADDRESS]"),
        ("приезжайте на Лесную 5, боль 6 из 10", "приезжайте на [ADDRESS], боль 6 из 10"),
    ],
)  # fmt: skip
def test_a_house_number_after_a_cue_is_still_an_address(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I iron for Mrs Adebayo twice a week", "I iron for [NAME] twice a week"),
        ("I cook for Mr Kowalczyk on weekdays", "I cook for [NAME] on weekdays"),
        ("I care for Maureen, she needs lifting", "I care for [NAME], she needs lifting"),
        ("booking for Niamh McCarthy please", "booking for [NAME] please"),
        ("убираюсь у Галины Сергеевны, мою полы", "убираюсь у [NAME], мою полы"),
    ],
)  # fmt: skip
def test_a_person_after_for_is_masked_as_a_name(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I work at Dyson on the assembly line", "I work at [WORKPLACE] on the assembly line"),
        ("I'm a driver for McAllister Haulage", "I'm a driver for [WORKPLACE]"),
    ],
)  # fmt: skip
def test_a_firm_after_a_work_verb_is_still_a_firm(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected
