"""The audit log takes new rows and refuses every change to the old ones."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.operators import audit
from bot.storage import SqliteStorage


def test_audit_rows_are_added_and_can_be_neither_changed_nor_deleted(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"

    async def create() -> None:
        async with SqliteStorage(path):
            pass

    asyncio.run(create())
    db = sqlite3.connect(path)
    audit.record(db, "anna", "view", "/conversations/abc", now=100.0)
    audit.record(db, "anna", "export", "/export?format=csv (3 events)", now=200.0)
    assert [(e.operator, e.action) for e in audit.recent(db)] == [
        ("anna", "export"), ("anna", "view"),
    ]  # fmt: skip
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit_log SET operator = 'bob'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM audit_log WHERE action = 'export'")
    assert len(audit.recent(db)) == 2
