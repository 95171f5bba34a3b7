"""Words typed in the other keyboard layout and slips of the finger (bot/matcher/layout.py)."""

from __future__ import annotations

import pytest

from bot.matcher import Matcher
from bot.matcher.layout import next_keys, switch_layout


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("jytvtkf ghjvt;yjcnm", "онемела промежность"),
        ("ghjvt;yjcnm jytvtkf, yt vjue gjgbcfnm", "промежность онемела, не могу пописать"),
        ("ckf,jcnm d yjuf[", "слабость в ногах"),
        ("сфте зуу", "cant pee"),
    ],
)
def test_a_word_typed_in_the_other_layout_is_switched_back(typed: str, meant: str) -> None:
    assert switch_layout(typed) == meant


@pytest.mark.parametrize(
    "text",
    ["numb bum", "cant pee", "i cant pee a lot", "онемела промежность", "ne mogu pisat", "ok"],
)
def test_words_of_their_own_script_are_never_switched(text: str) -> None:
    assert switch_layout(text) == text


def test_neighbouring_keys() -> None:
    assert next_keys("e", "w") and next_keys("н", "г") and next_keys("г", "н")
    assert not next_keys("e", "l") and not next_keys("а", "o")


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("jytvtkf ghjvt;yjcnm", "saddle_numbness"),
        ("yt vjue gjgbcfnm", "bladder_dysfunction"),
        ("сфте зуу", "bladder_dysfunction"),
        ("numbnrss in my groin", "saddle_numbness"),  # r beside e
        ("numbness in the crotvh", "saddle_numbness"),  # v beside c
        ("онемкла промежность", "saddle_numbness"),  # к beside е
        ("онемела промежгость", "saddle_numbness"),  # г beside н, after a short prefix fits
        ("не могу пописвть", "bladder_dysfunction"),  # в beside а
    ],
)
def test_emergencies_typed_with_a_slip_or_in_the_other_layout_are_found(
    matcher: Matcher, text: str, concept: str
) -> None:
    assert concept in matcher.match(text).affirmed
