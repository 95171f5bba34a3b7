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


def test_history_is_steps_that_bring_every_earlier_state_back() -> None:
    session = Session(dialogue="d", lang="en", node="q0")
    states = []
    for number in range(1, 6):
        states.append(session.snapshot())
        session.push_history()
        session.node = f"q{number}"
        session.answers[f"q{number - 1}"] = "no"
        session.typed.append(f"concept{number}")
        session.turns += 1
    assert sum("node" in entry for entry in session.history) == 1  # one whole state, the last
    stored = Session.from_json(json.loads(json.dumps(session.to_json())))
    for state in reversed(states):
        stored = stored.back()
        assert stored.snapshot() == state
    assert stored.back() is stored  # nothing left to go back to


def test_back_leaves_the_session_it_was_called_on_alone() -> None:
    session = Session(dialogue="d", lang="en", node="first")
    session.push_history()
    session.node = "second"
    before = session.to_json()
    assert session.back().node == "first"
    assert session.to_json() == before
