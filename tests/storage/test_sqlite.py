"""Sessions in a real SQLite file through aiosqlite."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from bot.storage import SqliteStorage
from bot.storage.base import OutboxReply, SessionWrite, UpdateWrites
from bot.storage.sqlite import _CACHE_ENTRY_OVERHEAD, MIGRATIONS


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
                 '[{"id":"low_back_pain","score":100.0,"negated":false}]'),
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


async def test_the_session_cache_stays_within_its_bytes_and_evicted_people_resume_from_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bot.sqlite3"
    limit = 64 * 1024
    async with SqliteStorage(path, cache_bytes=limit) as storage:
        sizes = []
        for number in range(600):  # sessions of ~1 KB: far more than fit
            state = {"node": "sciatica", "text": f"person {number} " + "ж" * 400}
            await storage.save_session(f"p{number}", state, "spring", f"c{number}")
            sizes.append(len(storage._cache))
        assert storage._cache_bytes <= limit
        assert sizes[-1] == sizes[300] < 100  # a fixed number of these sessions, not all
        assert "p0" not in storage._cache and "p599" in storage._cache
        # what the file says is what an evicted person gets back: written behind the cache
        with sqlite3.connect(path) as other:
            other.execute("UPDATE sessions SET state = ? WHERE key = 'p0'", ('{"node": "x"}',))
        stored = await storage.load_session("p0")
        assert stored is not None
        assert (stored.state, stored.campaign, stored.conversation) == (
            {"node": "x"},
            "spring",
            "c0",
        )
        assert "p0" in storage._cache and storage._cache_bytes <= limit  # cached again
        recent = await storage.load_session("p599")
        assert recent is not None and recent.state["text"].startswith("person 599 ")
        assert await storage.delete_person("p599") == {"sessions": 1, "events": 0}
        assert storage._cache_bytes == sum(
            sys.getsizeof(key) + sys.getsizeof(entry[1]) + _CACHE_ENTRY_OVERHEAD
            for key, entry in storage._cache.items()
        )


async def test_a_session_cache_of_zero_bytes_reads_every_turn_from_the_file(
    tmp_path: Path,
) -> None:
    async with SqliteStorage(tmp_path / "bot.sqlite3", cache_bytes=0) as storage:
        await storage.save_session("p1", {"node": "fever"}, "spring", "c1")
        assert not storage._cache
        stored = await storage.load_session("p1")
        assert stored is not None and stored.state == {"node": "fever"}
        assert not storage._cache


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
            ('{"node":"m"}', "c")
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


async def test_turns_written_at_the_same_time_share_one_statement(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    statements: list[str] = []
    async with SqliteStorage(path) as storage:
        await storage.db.set_trace_callback(statements.append)
        start = {"kind": "start", "channel": "telegram"}
        await asyncio.gather(
            *(
                storage.save_session(f"p{n}", {"n": n}, conversation=f"c{n}", event=start)
                for n in range(8)
            )
        )
        await storage.db.set_trace_callback(None)
        for n in range(8):  # each waiter saw its own turn stored
            stored = await storage.load_session(f"p{n}")
            assert stored is not None and stored.state == {"n": n}
    # the trace repeats a statement for each step of its trigger; separate statements would
    # differ in their values
    assert len({s for s in statements if s.startswith("INSERT INTO turns")}) == 1
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT key, conversation FROM sessions ORDER BY key").fetchall() == [
            (f"p{n}", f"c{n}") for n in range(8)
        ]
        assert db.execute("SELECT person FROM events ORDER BY person").fetchall() == [
            (f"p{n}",) for n in range(8)
        ]


async def test_a_turn_that_cannot_be_written_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    start = {"kind": "start", "channel": "telegram"}
    async with SqliteStorage(path) as storage:
        await storage.db.execute(
            "CREATE TEMP TRIGGER refuse BEFORE INSERT ON sessions WHEN NEW.key = 'bad' "
            "BEGIN SELECT RAISE(ABORT, 'no'); END"
        )
        results = await asyncio.gather(
            storage.save_session("good1", {"n": 1}, conversation="c1", event=start),
            storage.save_session("bad", {"n": 2}, conversation="c2", event=start),
            storage.save_session("good2", {"n": 3}, conversation="c3", event=start),
            return_exceptions=True,
        )
    assert results[0] is None and results[2] is None
    assert isinstance(results[1], sqlite3.IntegrityError)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT key FROM sessions ORDER BY key").fetchall() == [
            ("good1",),
            ("good2",),
        ]
        assert db.execute("SELECT count(*) FROM events").fetchone() == (2,)


async def test_a_handled_update_is_known_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with SqliteStorage(path) as storage:
        assert await storage.mark_update(501) is True
        assert await storage.mark_update(501) is False  # in flight: not handled twice
        assert await storage.mark_update(502) is True
        start = {"kind": "start", "channel": "telegram"}
        # an id reaches the database only with its own update's writes, never another's:
        # 502 is not known after a crash now, so Telegram's re-delivery is handled
        await storage.save_update(
            UpdateWrites(501, [SessionWrite("p1", {"n": 1}, conversation="c1", event=start)])
        )
        with sqlite3.connect(path) as reader:
            assert reader.execute("SELECT update_id FROM processed_updates").fetchall() == [(501,)]
        await storage.save_update(UpdateWrites(502))  # an update that changed nothing
    async with SqliteStorage(path) as storage:
        assert await storage.mark_update(501) is False
        assert await storage.mark_update(502) is False
        assert await storage.mark_update(503) is True


async def test_an_update_whose_writes_failed_is_handled_again(tmp_path: Path) -> None:
    async with SqliteStorage(tmp_path / "bot.sqlite3") as storage:
        assert await storage.mark_update(7) is True
        storage.unmark_update(7)
        assert await storage.mark_update(7) is True


async def test_step_event_replies_and_update_id_are_written_together(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    start = {"kind": "start", "channel": "telegram"}
    async with SqliteStorage(path) as storage:
        replies = [
            OutboxReply(42, {"kind": "send", "text": "Question 1"}, person="p1"),
            OutboxReply(42, {"kind": "send", "text": "Question 2"}, person="p1"),
        ]
        writes = UpdateWrites(
            9, [SessionWrite("p1", {"n": 1}, conversation="c1", event=start)], replies
        )
        await storage.save_update(writes)
        assert [r.id for r in replies] == [1, 2]
        # a reply that cannot be written takes the step and the update id with it
        broken = UpdateWrites(
            10,
            [SessionWrite("p2", {"n": 1}, conversation="c2", event=start)],
            [OutboxReply(None, {"kind": "send", "text": "x"})],  # type: ignore[arg-type]
        )
        with pytest.raises(sqlite3.IntegrityError):
            await storage.save_update(broken)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT key FROM sessions").fetchall() == [("p1",)]
        assert db.execute("SELECT update_id FROM processed_updates").fetchall() == [(9,)]
        assert db.execute("SELECT count(*) FROM events").fetchone() == (1,)
    async with SqliteStorage(path) as storage:  # after a restart: what is still owed
        pending = await storage.pending_replies()
        assert [(r.id, r.chat_id, r.person, r.body["text"]) for r in pending] == [
            (1, 42, "p1", "Question 1"),
            (2, 42, "p1", "Question 2"),
        ]
        await storage.delete_replies([1])
        assert [r.id for r in await storage.pending_replies()] == [2]
        # new ids continue after the ones still waiting
        later = [OutboxReply(42, {"kind": "send", "text": "Question 3"}, person="p1")]
        await storage.save_update(UpdateWrites(11, replies=later))
        assert later[0].id == 3
        assert (await storage.delete_person("p1"))["sessions"] == 1
        assert await storage.pending_replies() == []


async def test_update_ids_are_remembered_within_a_bounded_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.storage.sqlite.RECENT_UPDATES", 3)
    async with SqliteStorage(tmp_path / "bot.sqlite3") as storage:
        for update_id in (10, 11, 12, 13):
            assert await storage.mark_update(update_id) is True
        assert await storage.mark_update(10) is False  # older than every id still in memory
        assert await storage.mark_update(13) is False
        assert await storage.mark_update(14) is True


async def test_purge_forgets_old_update_ids(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with SqliteStorage(path):
        pass
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO processed_updates VALUES (1, 0), (2, ?)", (time.time(),))
    async with SqliteStorage(path) as storage:
        await storage.purge(older_than=0)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT update_id FROM processed_updates").fetchall() == [(2,)]


async def test_a_full_batch_leaves_the_rest_to_the_next_statement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.storage.sqlite.MAX_BATCH_ROWS", 2)
    path = tmp_path / "bot.sqlite3"
    statements: list[str] = []
    start = {"kind": "start", "channel": "telegram"}
    async with SqliteStorage(path) as storage:
        await storage.db.set_trace_callback(statements.append)
        await asyncio.gather(
            *(
                storage.save_session(f"p{n}", {"n": n}, conversation="c", event=start)
                for n in range(5)
            )
        )
        await storage.db.set_trace_callback(None)
    assert len({s for s in statements if s.startswith("INSERT INTO turns")}) == 3
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM sessions").fetchone() == (5,)
        assert db.execute("SELECT count(*) FROM events").fetchone() == (5,)


async def test_turns_a_few_loop_turns_apart_share_one_statement(tmp_path: Path) -> None:
    # Handlers of different chats reach their write at slightly different moments; those
    # that are ready to run while the first turn waits join its statement.
    path = tmp_path / "bot.sqlite3"
    statements: list[str] = []
    async with SqliteStorage(path) as storage:
        await storage.db.set_trace_callback(statements.append)
        start = {"kind": "start", "channel": "telegram"}

        async def handler(n: int) -> None:
            for _ in range(n):  # some work of its own first
                await asyncio.sleep(0)
            await storage.save_session(f"p{n}", {"n": n}, conversation=f"c{n}", event=start)

        await asyncio.gather(*(handler(n) for n in range(8)))
        await storage.db.set_trace_callback(None)
    assert len({s for s in statements if s.startswith("INSERT INTO turns")}) == 1
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM sessions").fetchone() == (8,)


async def test_an_event_outside_a_step_goes_with_its_update(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    start = {"kind": "start", "channel": "telegram"}
    async with SqliteStorage(path) as storage:
        await storage.save_update(
            UpdateWrites(1, [SessionWrite("p1", {"n": 1}, conversation="c1", event=start)])
        )
        booking = {"person": "p1", "channel": "telegram", "kind": "booking", "node": "advice"}
        await storage.save_update(UpdateWrites(2, events=[booking]))
        assert (await storage.load_session("p1")).state == {"n": 1}  # type: ignore[union-attr]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT conversation, kind, node FROM events ORDER BY id").fetchall() == [
            ("c1", "start", None),
            ("c1", "booking", "advice"),
        ]
        assert db.execute("SELECT update_id FROM processed_updates").fetchall() == [(1,), (2,)]


async def test_a_delivered_reply_is_deleted_in_the_statement_of_the_next_turns(
    tmp_path: Path,
) -> None:
    """Deleting a delivered reply costs no statement of its own while turns are written."""
    path = tmp_path / "bot.sqlite3"
    start = {"kind": "start", "channel": "telegram"}
    statements: list[str] = []
    async with SqliteStorage(path) as storage:
        replies = [OutboxReply(42, {"kind": "send", "text": f"Q{n}"}, "p1") for n in range(2)]
        await storage.save_update(UpdateWrites(1, replies=replies))
        await storage.db.set_trace_callback(statements.append)
        await asyncio.gather(
            storage.delete_replies([replies[0].id]),
            storage.save_session("p2", {"n": 1}, conversation="c2", event=start),
        )
        await storage.db.set_trace_callback(None)
        assert [r.id for r in await storage.pending_replies()] == [replies[1].id]
    assert len({s for s in statements if s.startswith("INSERT INTO turns")}) == 1
    assert not [s for s in statements if s.startswith("DELETE")]
