from __future__ import annotations

import json

from bot.engine.session import MAX_HISTORY, Session


def test_round_trips_through_json() -> None:
    session = Session(dialogue="d", lang="ru", node="n", concepts={"fever": True}, scores={"s": 2})
    session.push_history()
    again = Session.from_json(json.loads(json.dumps(session.to_json())))
    assert again == session


def test_unknown_keys_from_a_newer_version_are_ignored() -> None:
    data = Session(dialogue="d", lang="en").to_json() | {"added_later": 1}
    assert Session.from_json(data).lang == "en"


def test_history_is_bounded() -> None:
    session = Session(dialogue="d", lang="en")
    for _ in range(MAX_HISTORY + 10):
        session.push_history()
    assert len(session.history) == MAX_HISTORY
    assert "history" not in session.history[0]
