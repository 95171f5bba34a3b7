"""Conditions as authors write them in ``if:``."""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.engine import Session
from bot.engine.conditions import holds


@pytest.fixture
def session() -> Session:
    return Session(
        dialogue="d",
        lang="en",
        answers={"duration": "months"},
        concepts={"fever": True, "cancer_history": False, "saddle_numbness": True},
        scores={"startback": 4},
    )


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"concept": "fever"}, True),
        ({"concept": "cancer_history"}, False),  # denied is not affirmed
        ({"denied": "cancer_history"}, True),
        ({"denied": "night_pain"}, False),  # never mentioned is not denied
        ({"level": "emergency"}, True),
        ({"level": "routing"}, False),
        ({"answered": {"duration": "months"}}, True),
        ({"answered": {"duration": ["days", "weeks"]}}, False),
        ({"score": "startback", "at_least": 4}, True),
        ({"score": "startback", "below": 4}, False),
        ({"score": "unknown", "below": 1}, True),  # a score never given counts as 0
        ({"setting": "startback"}, True),
        ({"told": True}, True),
        ({"told": False}, False),
        ({"all": [{"concept": "fever"}, {"denied": "cancer_history"}]}, True),
        ({"any": [{"concept": "pregnancy"}, {"concept": "night_pain"}]}, False),
        ({"not": {"concept": "pregnancy"}}, True),
    ],
)
def test_condition(session: Session, content: Content, condition: dict, expected: bool) -> None:
    assert holds(condition, session, content) is expected


def test_told_is_false_until_anything_about_health_is_known(content: Content) -> None:
    fresh = Session(dialogue="d", lang="en", answers={"duration": "months"})
    assert holds({"told": False}, fresh, content)
    fresh.concepts["fever"] = False  # a denial is something told too
    assert holds({"told": True}, fresh, content)
