"""The audit log takes new rows and refuses every change to the old ones (on SQLite here;
``tests/storage/test_base.py`` checks the refusal on both backends)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.operators import audit
from bot.storage import SqliteStorage
from bot.storage.readside import open_console_records
from tests.storage.conftest import database, postgres_server  # noqa: F401 - the fixtures


async def test_audit_entries_are_read_back_newest_first(database: str) -> None:  # noqa: F811
    from bot.storage import open_storage

    async with open_storage(database):
        pass
    with open_console_records(database) as records:
        audit.record(records, "anna", "view", "/conversations/abc", now=100.0)
        audit.record(
            records, "bob", "export", "/export?format=csv (3 events)" + "x" * 600, now=200.0
        )
        entries = audit.recent(records, limit=5)
    assert [(e.at, e.operator, e.action) for e in entries] == [
        (200.0, "bob", "export"), (100.0, "anna", "view"),
    ]  # fmt: skip
    assert len(entries[0].target) == 500  # a target is cut, never a page's worth


def test_audit_rows_are_added_and_can_be_neither_changed_nor_deleted(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"

    async def create() -> None:
        async with SqliteStorage(path):
            pass

    asyncio.run(create())
    db = open_console_records(path)
    audit.record(db, "anna", "view", "/conversations/abc", now=100.0)
    audit.record(db, "anna", "export", "/export?format=csv (3 events)", now=200.0)
    assert [(e.operator, e.action) for e in audit.recent(db)] == [
        ("anna", "export"), ("anna", "view"),
    ]  # fmt: skip
    raw = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw.execute("UPDATE audit_log SET operator = 'bob'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw.execute("DELETE FROM audit_log WHERE action = 'export'")
    raw.close()
    assert len(audit.recent(db)) == 2
    db.close()
