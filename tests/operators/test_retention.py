"""Retention: ``purge`` removes what is older than the period, and only that."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.operators.retention import purge_before
from bot.retention import DAY, cutoff

from .seeding import DAY0, EVENT_COUNT, OLD, OLD_EVENT_COUNT, seed


def counts(path: Path) -> tuple[int, int, set[str]]:
    with sqlite3.connect(path) as db:
        events = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        sessions = db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
        conversations = {row[0] for row in db.execute("SELECT DISTINCT conversation FROM events")}
    return events, sessions, conversations


async def test_purge_removes_old_rows_only(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    await seed(path)
    _, sessions_before, _ = counts(path)
    now = DAY0 + 30 * DAY  # the old conversation is ~140 days old, the rest ~30
    deleted = await purge_before(path, cutoff(90, now))
    assert deleted == {"events": OLD_EVENT_COUNT, "sessions": 1}
    events, sessions, conversations = counts(path)
    assert events == EVENT_COUNT - OLD_EVENT_COUNT
    assert sessions == sessions_before - 1
    assert "dddd0001" not in conversations and len(conversations) == 10
    # a second run finds nothing more to delete
    assert await purge_before(path, cutoff(90, now)) == {"events": 0, "sessions": 0}


async def test_purge_boundary(tmp_path: Path) -> None:
    """An event exactly at the cut-off is kept; one a second older goes."""
    path = tmp_path / "bot.sqlite3"
    await seed(path)
    deleted = await purge_before(path, cutoff(10, OLD + 10 * DAY))
    assert deleted["events"] == 0  # the first old event is at OLD itself
    deleted = await purge_before(path, cutoff(10, OLD + 10 * DAY + 61))
    assert deleted["events"] == 2  # OLD and OLD + 60 s


def test_purge_command_uses_the_setting_and_prints_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bot.sqlite3"
    # not an async test: the command runs its own event loop
    asyncio.run(seed(path))
    monkeypatch.setenv("BOT_DATABASE", str(path))
    monkeypatch.setenv("BOT_RETENTION_DAYS", "36500")  # a hundred years: nothing is that old
    assert main(["purge"]) == 0
    assert capsys.readouterr().out.startswith("deleted 0 events and 0 sessions older than 36500")
    monkeypatch.delenv("BOT_RETENTION_DAYS")
    assert main(["purge", "--days", "1"]) == 0  # --days wins over the default of 90
    out = capsys.readouterr().out
    assert out.startswith(f"deleted {EVENT_COUNT} events and 10 sessions older than 1 days")
    assert counts(path)[0] == 0


def test_purge_command_refuses_bad_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOT_DATABASE", str(tmp_path / "missing.sqlite3"))
    assert main(["purge"]) == 2
    assert not (tmp_path / "missing.sqlite3").exists()  # never creates an empty database
    assert main(["purge", "--days", "0"]) == 2
    monkeypatch.setenv("BOT_RETENTION_DAYS", "ninety")
    assert main(["purge"]) == 2
    assert "whole number" in capsys.readouterr().err
