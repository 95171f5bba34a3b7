"""Sessions in a real SQLite file through aiosqlite."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest

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
        assert await storage.delete_person("k") == {"sessions": 1, "events": 0}
        assert await storage.delete_person("k") == {"sessions": 0, "events": 0}
        assert await storage.load_session("k") is None


async def test_wal_mode_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with SqliteStorage(path) as storage:
        assert await storage.schema_version() == len(MIGRATIONS)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


async def test_a_turn_is_visible_to_other_readers_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with SqliteStorage(path) as storage:
        found = [{"id": "low_back_pain", "score": 100.0, "negated": False}]
        event = {
            "channel": "telegram",
            "kind": "text",
            "value": "[NAME] back pain",
            "concepts": found,
        }
        await storage.save_session("p1", {"node": "saddle"}, "spring", "c1", event)
        with sqlite3.connect(path) as reader:  # e.g. the operators' CLI, while the bot runs
            assert reader.execute(
                "SELECT key, campaign, conversation FROM sessions"
            ).fetchall() == [("p1", "spring", "c1")]
            events = reader.execute(
                "SELECT person, conversation, kind, value, concepts FROM events"
            )
            assert events.fetchall() == [
                ("p1", "c1", "text", "[NAME] back pain",
                 '[{"id": "low_back_pain", "score": 100.0, "negated": false}]'),
            ]  # fmt: skip


async def test_a_session_without_event_writes_no_event(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with SqliteStorage(path) as storage:
        await storage.save_session("p1", {"node": "saddle"})
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM events").fetchone() == (0,)


async def test_deleting_a_person_also_forgets_the_cached_session(tmp_path: Path) -> None:
    async with SqliteStorage(tmp_path / "bot.sqlite3") as storage:
        start = {"kind": "start", "channel": "terminal"}
        await storage.save_session("p1", {"node": "saddle"}, conversation="c1", event=start)
        assert (await storage.load_session("p1")) is not None
        assert await storage.delete_person("p1") == {"sessions": 1, "events": 1}
        assert await storage.load_session("p1") is None


async def test_purge_forgets_cached_sessions_it_deleted(tmp_path: Path) -> None:
    async with SqliteStorage(tmp_path / "bot.sqlite3") as storage:
        await storage.save_session("old", {"node": "x"})
        deleted = await storage.purge(older_than=time.time() + 1)
        assert deleted["sessions"] == 1
        assert await storage.load_session("old") is None


async def test_a_version_1_database_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
        db.execute("INSERT INTO sessions VALUES ('p1', '{\"node\": \"n\"}', 'c', 'v', 1, 1)")
    async with SqliteStorage(path) as storage:
        assert await storage.schema_version() == len(MIGRATIONS) >= 2
        stored = await storage.load_session("p1")
        assert stored is not None and stored.state == {"node": "n"} and stored.campaign == "c"
        typed = {"kind": "text", "value": "x", "channel": "telegram"}
        await storage.save_session("p1", {"node": "m"}, event=typed)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT state, campaign FROM sessions").fetchall() == [
            ('{"node": "m"}', "c")
        ]


async def test_an_unreadable_state_starts_anew_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with SqliteStorage(path):
        pass
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO sessions VALUES ('p1', '{broken', NULL, NULL, 1, 1)")
    async with SqliteStorage(path) as storage:
        stored = await storage.load_session("p1")
    assert stored is not None and stored.state == {}


async def test_a_failed_deletion_changes_nothing_and_later_writes_still_land(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bot.sqlite3"
    start = {"kind": "start", "channel": "telegram"}
    async with SqliteStorage(path) as storage:
        await storage.save_session("p1", {"node": "a"}, conversation="c1", event=start)
        await storage.db.execute(
            "CREATE TEMP TRIGGER refuse BEFORE DELETE ON events "
            "BEGIN SELECT RAISE(ABORT, 'no'); END"
        )
        with pytest.raises(sqlite3.IntegrityError):
            await storage.delete_person("p1")
        await storage.db.execute("DROP TRIGGER refuse")
        await storage.save_session("p2", {"node": "b"}, conversation="c2", event=start)
    with sqlite3.connect(path) as db:  # after reopening: committed, and nothing half-deleted
        assert db.execute("SELECT key FROM sessions ORDER BY key").fetchall() == [("p1",), ("p2",)]
        assert db.execute("SELECT count(*) FROM events").fetchone() == (2,)


async def test_deletions_and_turns_of_other_people_interleave_safely(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    start = {"kind": "start", "channel": "telegram"}
    async with SqliteStorage(path) as storage:
        for number in range(20):
            await storage.save_session(f"gone{number}", {"n": 0}, conversation="c", event=start)

        async def turns(person: str) -> None:
            for number in range(20):
                await storage.save_session(person, {"n": number}, conversation="c", event=start)

        await asyncio.gather(
            *(storage.delete_person(f"gone{number}") for number in range(20)),
            *(turns(f"stays{number}") for number in range(5)),
            storage.purge(older_than=0),
        )
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM sessions").fetchone() == (5,)
        assert db.execute("SELECT count(*) FROM events").fetchone() == (100,)
