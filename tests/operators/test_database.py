"""The operators' SQLite connection (bot/storage/sqlite_log.py): read-only, and working
beside the running bot (WAL)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.operators.database import DatabaseMissingError
from bot.storage import SqliteStorage
from bot.storage.readside import Scope, open_event_log
from bot.storage.sqlite_log import SqliteEventLog, connect_readonly

EVENT = {"conversation": "c1", "person": "p1", "channel": "telegram", "kind": "start"}


async def test_reads_what_the_running_bot_just_wrote(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with SqliteStorage(path) as bot:
        await bot.append_event(EVENT | {"at": 1.0})
        # the bot still holds its connection; its commits sit in the WAL, not yet checkpointed
        assert (tmp_path / "bot.sqlite3-wal").stat().st_size > 0
        with SqliteEventLog(path) as log:
            assert [e["kind"] for e in log.conversation_events("c1")] == ["start"]
            await bot.append_event(EVENT | {"at": 2.0, "kind": "option", "value": "agree"})
            # a reader outside a transaction sees each new commit of the writer
            assert log.conversations(Scope())[0].turns == 1
            # and the bot can write while an operator's cursor is open mid-read
            cursor = log.db.execute("SELECT * FROM events")
            cursor.fetchone()
            await bot.append_event(EVENT | {"at": 3.0, "kind": "booking"})
            cursor.close()


async def test_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with SqliteStorage(path) as bot:
        await bot.append_event(EVENT | {"at": 1.0})
    with connect_readonly(path) as db, pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM events")


def test_missing_database_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissingError):
        connect_readonly(tmp_path / "typo.sqlite3")
    assert list(tmp_path.iterdir()) == []


async def test_path_with_uri_characters(tmp_path: Path) -> None:
    """``?`` and ``#`` in a folder name would cut a naive ``file:`` URI short."""
    folder = tmp_path / "a?b#c %d"
    async with SqliteStorage(folder / "bot.sqlite3") as bot:
        await bot.append_event(EVENT | {"at": 1.0})
    with open_event_log(folder / "bot.sqlite3") as log:
        assert len(log.conversations(Scope())) == 1


def test_a_postgresql_database_is_refused_in_one_clear_line() -> None:
    from bot.operators.database import DatabaseMissingError, require_database
    from bot.storage.url import parse_database

    target = parse_database("postgresql://ops:pw@db/triage")
    with pytest.raises(DatabaseMissingError, match="SQLite file only") as refused:
        require_database(target)
    assert "pw" not in str(refused.value)


@pytest.mark.parametrize("command", [["report", "--out"], ["logs", "export", "--out"],
                                     ["operators", "list"]])  # fmt: skip
def test_operators_commands_on_an_unreachable_postgresql_say_so_in_one_line(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    if command[-1] == "--out":
        command = [*command, str(tmp_path / "out")]
    assert main([*command, "--database", "postgresql://ops:pw@db.invalid/triage"]) == 2
    error = capsys.readouterr().err
    assert "cannot open the database postgresql://ops@db.invalid/triage" in error
    assert "pw" not in error and len(error.splitlines()) == 1
    assert not (tmp_path / "out").exists()
