"""Symptoms told as over and done (bot/matcher/endings.py with the past cues of
content/lexicon/negation.yaml): the sign is not affirmed, a current sign beside it is."""

from __future__ import annotations

import pytest

from bot.matcher import Matcher


def state(matcher: Matcher, text: str, concept: str) -> str:
    for found in matcher.match(text).concepts:
        if found.id == concept:
            if found.negated:
                return "negated"
            return "uncertain" if found.uncertain else "affirmed"
    return "absent"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("the numbness in my groin has gone away", "saddle_numbness"),
        ("the saddle numbness stopped after two days", "saddle_numbness"),
        ("i used to have numbness around my bottom but not any more", "saddle_numbness"),
        ("numb bum last week, its passed now, back still sore", "saddle_numbness"),
        ("couldnt pee on monday but that went away", "bladder_dysfunction"),
        ("i had trouble peeing but that has settled", "bladder_dysfunction"),
        ("онемение в промежности прошло", "saddle_numbness"),
        ("перестало неметь между ног", "saddle_numbness"),
        ("промежность больше не немеет", "saddle_numbness"),
        ("раньше было недержание, сейчас уже нет", "bladder_dysfunction"),
        ("онемела попа, но уже прошла", "saddle_numbness"),
    ],
)
def test_a_sign_that_is_over_is_not_affirmed(matcher: Matcher, text: str, concept: str) -> None:
    assert state(matcher, text, concept) in {"negated", "uncertain"}


@pytest.mark.parametrize(
    ("text", "over", "current"),
    [
        (
            "i had trouble peeing but that has settled, now my groin is numb",
            "bladder_dysfunction",
            "saddle_numbness",
        ),
        (
            "недержание мочи прошло, но онемела промежность",
            "bladder_dysfunction",
            "saddle_numbness",
        ),
        (
            "раньше немела промежность, а теперь не могу помочиться",
            "saddle_numbness",
            "bladder_dysfunction",
        ),
    ],
)
def test_a_current_sign_beside_one_that_is_over_stays_affirmed(
    matcher: Matcher, text: str, over: str, current: str
) -> None:
    assert state(matcher, text, over) in {"negated", "uncertain"}
    assert state(matcher, text, current) == "affirmed"


@pytest.mark.parametrize(
    "text",
    [
        "my groin has gone completely numb",  # "gone" tells the onset here
        "my groin went numb yesterday and it hasnt gone away",
        "the feeling in my groin has gone away",  # a lost sense, not an ended symptom
        "the numbness in my bum has not gone away",
        "онемение в промежности не проходит",
        "перестала чувствовать промежность",
    ],
)
def test_an_ending_that_is_the_sign_itself_keeps_it(matcher: Matcher, text: str) -> None:
    assert state(matcher, text, "saddle_numbness") == "affirmed"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("my groin went numb on tuesday but thats passed now", "saddle_numbness"),
        ("numb groin last week but it's gone", "saddle_numbness"),
        ("numb between my legs yesterday, it's back to normal now", "saddle_numbness"),
        ("wet myself twice on monday, fine since then", "bladder_dysfunction"),
        ("couldn't pee properly for a day, sorted now", "bladder_dysfunction"),
        ("недержание мочи, уже нет", "bladder_dysfunction"),
        ("немела промежность, сейчас прошло", "saddle_numbness"),
        ("обмочился в субботу, больше не повторялось", "bladder_dysfunction"),
        ("онемение в паху было, но исчезло", "saddle_numbness"),
    ],
)
def test_a_red_flag_over_in_a_trailing_clause_is_asked_not_denied(
    matcher: Matcher, text: str, concept: str
) -> None:
    """Over and done in a short clause after the sign: the dialogue asks, never takes "no"."""
    assert state(matcher, text, concept) == "uncertain"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("leg cramps at night last week, they're gone now", "leg_cramps"),
        ("ночью сводило икры, уже прошло", "leg_cramps"),
        ("вчера был спазм мышц спины, сейчас уже всё нормально", "muscle_spasm"),
    ],
)
def test_an_ordinary_symptom_over_in_a_trailing_clause_is_negated(
    matcher: Matcher, text: str, concept: str
) -> None:
    assert state(matcher, text, concept) == "negated"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("my bum went numb on monday and it's back again today", "saddle_numbness"),
        ("numb groin last week, now it's worse", "saddle_numbness"),
        ("онемела промежность вчера, сейчас сильнее", "saddle_numbness"),
        ("my erections have basically stopped", "sexual_dysfunction"),
    ],
)
def test_a_trailing_clause_that_is_no_ending_leaves_the_sign_affirmed(
    matcher: Matcher, text: str, concept: str
) -> None:
    assert state(matcher, text, concept) == "affirmed"
