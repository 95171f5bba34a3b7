"""The focus of a negation moves to the cause told after the symptom (bot/matcher/focus.py)."""

import pytest

from bot.matcher import Matcher


def _states(matcher: Matcher, text: str) -> dict[str, str]:
    return {
        c.id: "negated" if c.negated else "uncertain" if c.uncertain else "affirmed"
        for c in matcher.match(text).concepts
    }


@pytest.mark.parametrize(
    "text, symptom",
    [
        ("I didn't hurt my back lifting, it just started", "low_back_pain"),
        ("i wasnt lifting anything when my back went", "low_back_pain"),
        ("я не поднимал тяжелого, поясница заболела сама", "low_back_pain"),
    ],
)
def test_a_denied_cause_leaves_the_symptom_standing(
    matcher: Matcher, text: str, symptom: str
) -> None:
    states = _states(matcher, text)
    assert states.get(symptom) == "affirmed", states
    assert states.get("lifting_onset") in (None, "negated"), states


def test_denying_the_lifting_does_not_deny_a_later_sign(matcher: Matcher) -> None:
    states = _states(matcher, "I didn't lift anything, but my leg went weak")
    assert states["leg_weakness"] == "affirmed"
    assert states.get("lifting_onset") != "affirmed"


def test_no_before_a_symptom_still_denies_it(matcher: Matcher) -> None:
    """Only a verb's negation moves its focus: "no back pain after lifting" denies the pain."""
    states = _states(matcher, "no back pain after lifting")
    assert states.get("low_back_pain") == "negated", states


def test_a_red_flag_told_with_a_denied_cause_is_only_uncertain(matcher: Matcher) -> None:
    states = _states(matcher, "I didn't lose control of my bladder lifting")
    assert states["bladder_dysfunction"] == "uncertain", states
