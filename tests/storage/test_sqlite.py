"""Sessions in a real SQLite file through aiosqlite."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.storage import SqliteStorage
from bot.storage.sqlite import MIGRATIONS


async def test_saves_loads_and_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "data" / "bot.sqlite3"
    async with SqliteStorage(path) as storage:
        await storage.save_session("k1", {"node": "fever", "concepts": {"fever": True}}, "spring")
        await storage.save_session("k1", {"node": "cancer", "concepts": {"fever": True}})
    async with SqliteStorage(path) as storage:
        stored = await storage.load_session("k1")
    assert stored is not None
    assert stored.state["node"] == "cancer"
    assert stored.campaign == "spring"  # a later save without campaign keeps the first


async def test_missing_session_is_none_and_delete_counts(tmp_path: Path) -> None:
    async with SqliteStorage(tmp_path / "bot.sqlite3") as storage:
        assert await storage.load_session("nobody") is None
        await storage.save_session("k", {"node": "x"})
        assert await storage.delete_session("k") == 1
        assert await storage.delete_session("k") == 0
        assert await storage.load_session("k") is None


async def test_wal_mode_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with SqliteStorage(path) as storage:
        assert await storage.schema_version() == len(MIGRATIONS)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
