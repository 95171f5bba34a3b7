"""What PostgreSQL adds over SQLite: several instances and several bots on one database."""

from __future__ import annotations

import asyncio

import pytest

from bot.storage.base import DuplicateUpdate, OutboxReply, SessionConflict, UpdateWrites
from bot.storage.deferred import DeferredStorage
from bot.storage.postgres import PostgresStorage
from bot.storage.url import PostgresDatabase, parse_database
from tests.storage.conftest import fresh_postgres_database
from tests.storage.test_base import START, rows


@pytest.fixture
async def database(postgres_server: str) -> str:
    return await fresh_postgres_database(postgres_server)


def instance(database: str, bot: str = "1") -> PostgresStorage:
    target = parse_database(database)
    assert isinstance(target, PostgresDatabase)
    return PostgresStorage(target, bot=bot)


async def test_a_session_written_meanwhile_by_another_instance_refuses_the_stale_write(
    database: str,
) -> None:
    async with instance(database) as first, instance(database) as second:
        await first.save_session("p1", {"node": "a"}, None, "c1", START)
        a, b = DeferredStorage(first), DeferredStorage(second)
        with a.collecting(1) as writes_a:
            assert (await a.load_session("p1")).state == {"node": "a"}  # type: ignore[union-attr]
            await a.save_session("p1", {"node": "from_a"}, event={**START, "kind": "option"})
            writes_a.replies.append(OutboxReply(5, {"text": "from a"}, person="p1"))
        with b.collecting(2) as writes_b:
            await b.load_session("p1")
            await b.save_session("p1", {"node": "from_b"}, event={**START, "kind": "option"})
            writes_b.replies.append(OutboxReply(5, {"text": "from b"}, person="p1"))
        await b.save_update(writes_b)
        with pytest.raises(SessionConflict):
            await a.save_update(writes_a)  # read before b wrote: nothing of it is written
        assert (await first.load_session("p1")).state == {"node": "from_b"}  # type: ignore[union-attr]
        assert [r.body["text"] for r in await second.pending_replies()] == ["from b"]
        assert await first.pending_replies() == []  # b's replies are b's to send
        # re-delivered, update 1 is handled again on the newer session and lands
        with a.collecting(1) as again:
            assert (await a.load_session("p1")).state == {"node": "from_b"}  # type: ignore[union-attr]
            await a.save_session("p1", {"node": "after_b"})
        await a.save_update(again)
    assert await rows(database, "SELECT update_id FROM processed_updates ORDER BY 1") == [
        (1,), (2,)
    ]  # fmt: skip
    assert await rows(database, "SELECT count(*) FROM events") == [(2,)]


async def test_two_instances_starting_a_new_session_at_once_keep_one(database: str) -> None:
    async with instance(database) as first, instance(database) as second:
        a, b = DeferredStorage(first), DeferredStorage(second)
        with a.collecting(1) as writes_a:
            assert await a.load_session("p1") is None
            await a.save_session("p1", {"node": "a"}, None, "ca", START)
        with b.collecting(2) as writes_b:
            assert await b.load_session("p1") is None
            await b.save_session("p1", {"node": "b"}, None, "cb", START)
        await a.save_update(writes_a)
        with pytest.raises(SessionConflict):
            await b.save_update(writes_b)
    assert await rows(database, "SELECT conversation FROM sessions") == [("ca",)]


async def test_an_update_written_by_one_instance_is_not_handled_by_another(
    database: str,
) -> None:
    async with instance(database) as first, instance(database) as second:
        assert await first.mark_update(7) is True
        assert await second.mark_update(7) is True  # both in flight: neither has written
        await first.save_update(UpdateWrites(7, replies=[OutboxReply(1, {"text": "once"})]))
        with pytest.raises(DuplicateUpdate):
            await second.save_update(UpdateWrites(7, replies=[OutboxReply(1, {"text": "x"})]))
        assert await second.mark_update(7) is False  # re-delivered to either: skipped
        assert [r.body for r in await first.pending_replies()] == [{"text": "once"}]
        assert await second.pending_replies() == []


async def test_outbox_ids_come_from_the_database_in_order_across_instances(
    database: str,
) -> None:
    async with instance(database) as first, instance(database) as second:
        made = []
        for number in range(6):
            storage = (first, second)[number % 2]
            reply = OutboxReply(1, {"text": str(number)})
            await storage.save_update(UpdateWrites(None, replies=[reply]))
            made.append(reply.id)
        assert made == sorted(made) and len(set(made)) == 6
        assert [r.body["text"] for r in await first.pending_replies()] == list("024")


async def test_replies_of_an_instance_that_died_are_taken_over_by_the_next_to_start(
    database: str,
) -> None:
    async with instance(database) as survivor:
        died = instance(database)
        await died.open()
        await died.save_update(UpdateWrites(1, replies=[OutboxReply(1, {"text": "owed"})]))
        assert await survivor.pending_replies() == []  # its writer still runs
        # a reply the person has moved on from (a newer step, through the survivor)
        await died.save_update(
            UpdateWrites(2, replies=[OutboxReply(2, {"text": "old question"}, person="p2")])
        )
        await asyncio.sleep(0.01)
        await survivor.save_session("p2", {"node": "next"}, None, "c2", START)
        await died.close()  # its connections go, as when the process is killed
        async with instance(database) as restarted:
            assert [r.body for r in await restarted.pending_replies()] == [{"text": "owed"}]
            assert await survivor.pending_replies() == []  # taken once, by one instance


async def test_a_delivered_reply_is_deleted_in_the_transaction_of_the_next_turns(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deleting a delivered reply costs no connection, round trip or commit of its own while
    turns are written: it joins their transaction."""
    import asyncpg.pool

    acquired: list[int] = []
    acquire = asyncpg.pool.Pool.acquire

    def counting(pool: asyncpg.pool.Pool, *args: object, **kwargs: object) -> object:
        acquired.append(1)
        return acquire(pool, *args, **kwargs)  # type: ignore[arg-type]

    async with instance(database) as storage:
        replies = [OutboxReply(42, {"kind": "send", "text": f"Q{n}"}, "p1") for n in range(2)]
        await storage.save_update(UpdateWrites(1, replies=replies))
        monkeypatch.setattr(asyncpg.pool.Pool, "acquire", counting)
        await asyncio.gather(
            storage.delete_replies([replies[0].id]),
            storage.save_update(UpdateWrites(2, replies=[OutboxReply(43, {"text": "A"})])),
        )
        assert len(acquired) == 1  # one transaction: the turn's, with the deletion
        monkeypatch.undo()
        owed = [r.body for r in await storage.pending_replies()]
    assert owed == [{"kind": "send", "text": "Q1"}, {"text": "A"}]


async def test_one_instance_at_a_time_handles_a_chats_update(database: str) -> None:
    async with instance(database) as first, instance(database) as second:
        order: list[str] = []

        async def handle(storage: PostgresStorage, name: str, chat: int) -> None:
            async with storage.exclusive(chat):
                order.append(f"{name} in")
                await asyncio.sleep(0.2)
                order.append(f"{name} out")

        await asyncio.gather(handle(first, "a", 5), handle(second, "b", 5))
        assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])
        order.clear()
        await asyncio.gather(handle(first, "a", 5), handle(second, "b", 6))  # other chats
        assert order[:2] in (["a in", "b in"], ["b in", "a in"])


async def test_several_bots_share_one_database_apart(database: str) -> None:
    async with instance(database, bot="111") as clinic, instance(database, bot="222") as city:
        await clinic.save_session("p1", {"node": "clinic"}, "spring", "c1", START)
        await city.save_session("p1", {"node": "city"}, None, "c2", START)
        await clinic.save_update(UpdateWrites(5, replies=[OutboxReply(1, {"text": "a"})]))
        assert await city.mark_update(5) is True  # update ids are per bot
        await city.save_update(UpdateWrites(5))
        assert (await clinic.load_session("p1")).state == {"node": "clinic"}  # type: ignore[union-attr]
        assert (await city.load_session("p1")).state == {"node": "city"}  # type: ignore[union-attr]
        assert await city.pending_replies() == []
        assert await city.delete_person("p1") == {"sessions": 1, "events": 1}
        assert await clinic.load_session("p1") is not None
    assert await rows(database, "SELECT bot, person FROM events") == [("111", "p1")]


async def test_session_state_and_event_data_are_jsonb(database: str) -> None:
    async with instance(database) as storage:
        event = {**START, "concepts": [{"id": "fever", "score": 90.0}],
                 "outcome": {"urgency": "emergency"}}  # fmt: skip
        await storage.save_session("p1", {"node": "end", "lang": "ru"}, None, "c1", event)
    assert await rows(
        database,
        "SELECT state->>'lang', concepts->0->>'id', outcome->>'urgency' FROM sessions"
        " JOIN events ON events.person = sessions.key",
    ) == [("ru", "fever", "emergency")]


def test_a_password_in_the_url_is_never_printed() -> None:
    target = parse_database("postgresql://bot:s3cret@db.example:5433/triage")
    assert "s3cret" not in str(target) and "s3cret" not in repr(target)
    assert str(target) == "postgresql://bot@db.example:5433/triage"


def test_the_purge_command_works_on_postgresql(
    postgres_server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``python -m bot purge`` with BOT_DATABASE=postgresql://... (the command runs its own
    event loop, so this test is not async)."""
    import time

    from bot.cli import main

    database = asyncio.run(fresh_postgres_database(postgres_server))

    async def seed() -> None:
        async with instance(database, bot="") as storage:
            await storage.save_session("old", {"n": 1}, None, "c1", {**START, "at": 1.0})
            await storage.save_session("new", {"n": 1}, None, "c2", {**START, "at": time.time()})

    asyncio.run(seed())
    monkeypatch.setenv("BOT_DATABASE", database)
    assert main(["purge", "--days", "30"]) == 0
    assert capsys.readouterr().out.startswith("deleted 1 events and 1 sessions older than 30")
    assert asyncio.run(rows(database, "SELECT key FROM sessions")) == [("new",)]


async def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    from bot.storage.base import StorageUnavailableError
    from tests.storage.postgres_server import _free_port

    target = parse_database(f"postgresql://bot:s3cret@127.0.0.1:{_free_port()}/triage")
    assert isinstance(target, PostgresDatabase)
    with pytest.raises(StorageUnavailableError) as raised:
        await PostgresStorage(target).open()
    assert "s3cret" not in str(raised.value) and "127.0.0.1" in str(raised.value)
