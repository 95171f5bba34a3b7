"""``logs list`` / ``logs show`` as text: the fields operators need, and a safe terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.engine import Engine
from bot.operators.reading import DialogueTexts
from bot.operators.transcript import outcome_text, safe, transcript

from .seeding import seed


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    import asyncio

    path = tmp_path / "bot.sqlite3"
    asyncio.run(seed(path))
    return path


def test_list_command(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["logs", "--database", str(db_path), "list", "--since", "2026-11-21"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["started", "(UTC)", "conversation", "channel"]
    assert len(lines) == 1 + 7  # the conversations started from the 21st on
    row = next(line for line in lines if "cccc0001" in line)
    assert row.split()[:8] == ["2026-11-21", "09:03", "cccc0001", "telegram", "ru", "-", "3", "-"]
    assert row.endswith("routine -> orthopedist")
    row = next(line for line in lines if "aaaa0003" in line)
    assert "emergency -> emergency,neurosurgeon" in row


def test_show_command(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["logs", "--database", str(db_path), "show", "aaaa0002"]) == 0
    out = capsys.readouterr().out
    assert "conversation aaaa0002" in out
    assert "campaign spring" in out
    # the step column is as wide as the longest step of the conversation ("radicular")
    assert 'describe   typed "It feels like electric eels!"  -> saddle' in out
    assert "consent    option agree  -> describe" in out
    assert "numbness   option no  -> radicular (outcome)" in out
    assert "radicular  booking" in out
    assert out.rstrip().endswith("outcome: soon -> neurologist,vertebrologist")
    assert main(["logs", "--database", str(db_path), "show", "cccc0001"]) == 0
    assert "concepts: low_back_pain 100.0, not radiating_leg_pain 75.0" in capsys.readouterr().out


def test_show_unknown_and_ambiguous(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["logs", "--database", str(db_path), "show", "ffff"]) == 1
    assert main(["logs", "--database", str(db_path), "show", "aaaa"]) == 1
    err = capsys.readouterr().err
    assert "no conversation with that id" in err and "give more of the id" in err


def test_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["logs", "--database", str(tmp_path / "none.sqlite3"), "list"]) == 2
    assert "no database at" in capsys.readouterr().err


def test_control_characters_cannot_reach_the_terminal() -> None:
    hostile = "pain\x1b]0;pwned\x07\x1b[2J\nnew line\u202eevil"
    shown = safe(hostile)
    assert "\x1b" not in shown and "\x07" not in shown and "\n" not in shown
    assert "\u202e" not in shown
    assert shown.startswith("pain\\x1b]0;pwned\\x07")
    assert safe("болит спина, 7/10") == "болит спина, 7/10"  # ordinary text unchanged


def test_outcome_text() -> None:
    assert outcome_text(None) == "-"
    outcome = {"urgency": "emergency", "specialists": ["emergency"], "red_flags": ["fever"]}
    assert outcome_text(outcome) == "emergency -> emergency [red flags: fever]"


def test_show_says_how_each_typed_text_was_read(engine: Engine) -> None:
    question = next(
        n.id for n in engine.dialogue.nodes.values() if {"yes", "no"} <= {o.id for o in n.options}
    )
    base = {"conversation": "c1", "person": "p", "at": 0.0, "channel": "telegram",
            "lang": "en", "campaign": None, "reply_node": question, "event": "asked",
            "outcome": None, "kind": "text"}  # fmt: skip
    events = [
        base | {"node": "describe", "value": "back hurts, maybe a fever", "concepts": [
            {"id": "low_back_pain", "score": 100.0, "negated": False, "uncertain": False},
            {"id": "fever", "score": 100.0, "negated": False, "uncertain": True},
        ]},
        base | {"node": question, "value": "nope", "concepts": []},
        base | {"node": question, "value": "purple", "concepts": [], "event": "reask"},
    ]  # fmt: skip
    shown = transcript(events, DialogueTexts(engine.dialogue, engine.content))
    assert "concepts: low_back_pain 100.0, unsure fever 100.0" in shown
    assert "read as button no" in shown
    assert shown.count("not understood") == 1
