"""SQLite storage through aiosqlite: one connection for the application's lifetime, WAL mode,
schema versioned by ``PRAGMA user_version`` and upgraded by migrations/sqlite/*.sql.

One SQLite file serves one bot process: sessions are cached in memory and update ids are
checked in memory. Several processes (or bots) on one database: use PostgreSQL."""

from __future__ import annotations

import asyncio
import functools
import sqlite3
import sys
import time
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiosqlite

from bot.events import Event
from bot.storage import jsontext
from bot.storage.base import OutboxReply, StoredSession, UpdateWrites
from bot.storage.delivered import PendingDeletions
from bot.storage.migrations import migrations

# Each entry upgrades the schema by one version (migrations/sqlite/NNNN_*.sql).
MIGRATIONS: tuple[str, ...] = migrations("sqlite")

EVENT_COLUMNS = (
    "conversation", "person", "at", "channel", "lang", "campaign", "node", "kind", "value",
    "concepts", "reply_node", "event", "outcome",
)  # fmt: skip
TURN_COLUMNS = (
    "key", "state", "campaign", "conversation", "at", "channel", "lang", "event_campaign",
    "node", "kind", "value", "concepts", "reply_node", "event", "outcome", "update_id",
    "replies", "delivered",
)  # fmt: skip
# Update ids are kept this long in the database: Telegram keeps unconfirmed updates a day.
PROCESSED_UPDATES_SECONDS = 2 * 24 * 3600
# ...and the newest this many in memory. Telegram numbers updates in sequence and re-delivers
# only the newest unconfirmed ones, so an id below all of these is an old one.
RECENT_UPDATES = 10_000
# Rows per INSERT: far under SQLite's limit of 32,766 bound values per statement.
MAX_BATCH_ROWS = 500
# Turns of the event loop a statement waits for more turns before it goes to aiosqlite's
# thread: handlers that are ready to run reach their own write meanwhile and join it. Each
# trip to that thread makes the event loop's thread wait for the GIL about twice, and such
# a wait cost the loop about 0.12 ms here (a virtual machine); 16 turns took the Telegram bot
# under load from 1.3 waits per update to 0.3 and from 545 to 584 updates/s, and cost a turn
# that nobody else joins about 0.06 ms. 8 turns did half as well; 64 were slower again.
GATHER_LOOP_TURNS = 16
# Sessions this process wrote are kept in memory this long, so that the next message of the
# same person needs no read; the database stays the truth (a restart reads it back).
CACHE_SECONDS = 600.0
# ...up to this many bytes (BOT_SESSION_CACHE_MB): a session grows with its turns, so a count
# of entries would not bound the memory; the least recently used go first.
DEFAULT_CACHE_BYTES = 8 * 1024 * 1024
# what an entry costs besides its key and JSON text: its tuple, float and OrderedDict slot
_CACHE_ENTRY_OVERHEAD = 200


class SqliteStorage:
    def __init__(self, path: Path | str, cache_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.path = Path(path)
        self._db: aiosqlite.Connection | None = None
        # One writer at a time on the shared connection: a statement of another chat must not
        # land inside (and be rolled back with) a multi-statement transaction.
        self._writing = asyncio.Lock()
        # key -> (time cached, state JSON, campaign, conversation); JSON text, so that no
        # caller can change what is cached
        self._cache: OrderedDict[str, tuple[float, str, str | None, str | None]] = OrderedDict()
        self._cache_limit = cache_bytes
        self._cache_bytes = 0
        # Turns waiting to be written: every turn that arrives while a statement is in
        # aiosqlite's thread joins the next one (group commit), so under load a statement
        # carries the turns of several chats, and a turn costs a fraction of a thread trip.
        self._batch: _Batch | None = None
        self._batch_writers: set[asyncio.Task[None]] = set()
        # Telegram update ids handled: the newest in memory (checked without a trip to the
        # database), and those not yet written, which go out with the next statement.
        self._recent_updates: set[int] = set()
        self._recent_order: deque[int] = deque()
        self._forgotten_below = 0
        # outbox ids are given here, so that a delivered reply is deleted without a read
        self._next_reply_id = 1
        # delivered replies whose rows go with the next statement of turns (a row of their own)
        self._delivered = PendingDeletions(self._delete_alone)

    async def __aenter__(self) -> SqliteStorage:
        await self.open()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("storage is not open")
        return self._db

    async def open(self) -> None:
        if self._db is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # autocommit: every statement is its own transaction, so a write is one trip to the
        # connection's thread; multi-statement changes use explicit BEGIN ... COMMIT
        self._db = await aiosqlite.connect(self.path, isolation_level=None)
        await self._db.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: a crash can lose the last transaction at worst, never corrupt the file
        await self._db.execute("PRAGMA synchronous=NORMAL")
        # deleted rows are overwritten with zeros, not left readable in free pages
        await self._db.execute("PRAGMA secure_delete=ON")
        # an operator's purge in another process holds the lock for a moment: wait, not fail
        await self._db.execute("PRAGMA busy_timeout=5000")
        await self._migrate()
        newest = await self._db.execute_fetchall(
            "SELECT update_id FROM processed_updates ORDER BY update_id DESC LIMIT ?",
            (RECENT_UPDATES,),
        )
        for (update_id,) in reversed(list(newest)):
            self._remember_update(update_id)
        found = await self._db.execute_fetchall("SELECT COALESCE(MAX(id), 0) FROM outbox")
        self._next_reply_id = int(next(iter(found))[0]) + 1

    async def close(self) -> None:
        if self._db is None:
            return
        try:
            self._delivered.flush()
            await asyncio.gather(*self._batch_writers)
        finally:
            self._delivered.abandon()
            await self._db.close()
            self._db = None

    async def schema_version(self) -> int:
        async with self.db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def _migrate(self) -> None:
        version = await self.schema_version()
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            try:
                await self.db.executescript(
                    f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;"
                )
            except Exception:
                if self.db.in_transaction:
                    await self.db.execute("ROLLBACK")
                raise

    async def load_session(self, key: str) -> StoredSession | None:
        cached = self._cache.get(key)
        if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
            _, state_json, campaign, conversation = cached
            return StoredSession(key, jsontext.loads(state_json), campaign, conversation)
        found = await self.db.execute_fetchall(
            "SELECT state, campaign, conversation FROM sessions WHERE key = ?", (key,)
        )
        if not found:
            return None
        state_json, campaign, conversation = next(iter(found))
        try:
            state = jsontext.loads(state_json)
        except ValueError:
            return StoredSession(key, {}, campaign, conversation)  # unreadable: start anew
        self._remember(key, state_json, campaign, conversation)
        return StoredSession(key=key, state=state, campaign=campaign, conversation=conversation)

    async def save_session(
        self,
        key: str,
        state: dict[str, Any],
        campaign: str | None = None,
        conversation: str | None = None,
        event: Event | None = None,
    ) -> None:
        """Store the session and, in the same statement (and transaction), the turn's event.

        Returns once both are in the database; turns of other chats may share the statement.
        """
        row = self._session_row(key, state, campaign, conversation, event)
        await self._write_turn(row)
        self._after_save(key, row[TURN_COLUMNS.index("state")], campaign, conversation)

    @staticmethod
    def _session_row(
        key: str,
        state: dict[str, Any],
        campaign: str | None,
        conversation: str | None,
        event: Event | None,
    ) -> tuple[Any, ...]:
        columns: Mapping[str, object] = event or {}  # no event: a session alone
        return _turn_row(
            key=key, state=jsontext.dumps(state), campaign=campaign,
            conversation=conversation, at=columns.get("at", time.time()),
            channel=columns.get("channel"), lang=columns.get("lang"),
            event_campaign=columns.get("campaign"), node=columns.get("node"),
            kind=columns.get("kind"), value=columns.get("value"),
            concepts=_json_or_none(columns.get("concepts")), reply_node=columns.get("reply_node"),
            event=columns.get("event"), outcome=_json_or_none(columns.get("outcome")),
        )  # fmt: skip

    def _after_save(
        self, key: str, state_json: str, campaign: str | None, conversation: str | None
    ) -> None:
        """The cache after a session was written."""
        previous = self._forget_cached(key)
        if campaign is None and previous is not None:
            campaign = previous[2]
        if conversation is None and previous is not None:
            conversation = previous[3]
        if previous is not None or (campaign is not None and conversation is not None):
            self._remember(key, state_json, campaign, conversation)
        # else the database alone knows what the trigger kept: the next load reads it

    def _remember(
        self, key: str, state_json: str, campaign: str | None, conversation: str | None
    ) -> None:
        self._forget_cached(key)
        size = _cached_size(key, state_json)
        if size > self._cache_limit:
            return  # the database alone: it would push out everyone else
        self._cache[key] = (time.monotonic(), state_json, campaign, conversation)
        self._cache_bytes += size
        while self._cache_bytes > self._cache_limit:
            oldest, (_, oldest_json, _, _) = self._cache.popitem(last=False)
            self._cache_bytes -= _cached_size(oldest, oldest_json)

    def _forget_cached(self, key: str) -> tuple[float, str, str | None, str | None] | None:
        entry = self._cache.pop(key, None)
        if entry is not None:
            self._cache_bytes -= _cached_size(key, entry[1])
        return entry

    async def append_event(self, event: Event) -> None:
        values = [event.get(column) for column in EVENT_COLUMNS]
        for index, column in enumerate(EVENT_COLUMNS):
            if column in ("concepts", "outcome"):
                values[index] = _json_or_none(values[index])
            elif column == "at" and values[index] is None:
                values[index] = time.time()
        placeholders = ", ".join("?" * len(EVENT_COLUMNS))
        await self._write(
            f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({placeholders})", values
        )

    async def _write_turn(self, row: tuple[Any, ...]) -> None:
        await self._write_rows([row])

    async def _write_rows(self, rows: list[tuple[Any, ...]]) -> None:
        """Write ``rows`` (of ``TURN_COLUMNS``), all or none, with whatever other writes are
        waiting."""
        batch = self._batch
        if batch is None or batch.row_count >= MAX_BATCH_ROWS:
            batch = self._start_batch()
        written = asyncio.get_running_loop().create_future()
        batch.groups.append(rows)
        batch.row_count += len(rows)
        batch.written.append(written)
        await written

    def _start_batch(self) -> _Batch:
        batch = self._batch = _Batch()
        # a task of its own, so that a cancelled handler cannot strand the others' turns
        writer = asyncio.create_task(self._gather_and_write(batch))
        self._batch_writers.add(writer)
        writer.add_done_callback(self._batch_writers.discard)
        return batch

    async def _gather_and_write(self, batch: _Batch) -> None:
        # asyncio's own loop keeps what it will run next in ``_ready``; empty when this task
        # resumes means the loop polled for I/O and found nothing else to run: no turn can
        # join before the loop sleeps, so waiting more turns would only delay this one
        # (bench_engine, one turn at a time: p50 0.40 -> 0.33 ms). Another loop: all turns.
        # No public API tells this; the best stand-in, stopping after a turn of the loop that
        # brought no write, cut batches short under load: 283-308 trips to aiosqlite's thread
        # per 1,000 updates instead of 244-246 (benchmarks/sqlite_trips.py, README there).
        ready = getattr(asyncio.get_running_loop(), "_ready", None)
        for _ in range(GATHER_LOOP_TURNS):
            await asyncio.sleep(0)  # one turn of the loop: the ready handlers run
            if ready is not None and not ready:
                break
        await self._write_batch(batch)

    async def _write_batch(self, batch: _Batch) -> None:
        async with self._writing:  # meanwhile, more turns join this batch
            if self._batch is batch:
                self._batch = None
            self._take_deletions(batch)
            try:
                await self._insert_turns([row for group in batch.groups for row in group])
            except Exception as error:
                if len(batch.groups) <= 1:
                    _settle(batch.written, error)
                else:  # one write that cannot be done must not fail the others: one by one
                    for group, written in zip(batch.groups, batch.written, strict=True):
                        try:
                            await self._insert_turns(group)
                        except Exception as alone:
                            _settle([written], alone)
                        else:
                            _settle([written])
            except BaseException:
                for written in batch.written:
                    written.cancel()
                raise
            else:
                _settle(batch.written)

    async def _insert_turns(self, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            await self.db.execute(_insert_turns_sql(len(rows)), [v for row in rows for v in row])

    async def _write(self, sql: str, parameters: Sequence[Any]) -> aiosqlite.Cursor:
        async with self._writing:
            return await self.db.execute(sql, parameters)

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[None]:
        """Several statements as one: all of them, or - on any error - none."""
        async with self._writing:
            await self.db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                await self.db.execute("ROLLBACK")
                raise
            await self.db.execute("COMMIT")

    async def delete_person(self, person: str) -> dict[str, int]:
        """Everything kept about one person: their session and every event of theirs."""
        self._forget_cached(person)
        async with self._transaction():
            sessions = await self.db.execute("DELETE FROM sessions WHERE key = ?", (person,))
            events = await self.db.execute("DELETE FROM events WHERE person = ?", (person,))
            await self.db.execute("DELETE FROM outbox WHERE person = ?", (person,))
        await self._scrub_wal()
        return {"sessions": sessions.rowcount, "events": events.rowcount}

    async def purge(self, older_than: float) -> dict[str, int]:
        """Delete events and untouched sessions from before ``older_than`` (a Unix time)."""
        self._cache.clear()
        self._cache_bytes = 0
        async with self._transaction():
            events = await self.db.execute("DELETE FROM events WHERE at < ?", (older_than,))
            sessions = await self.db.execute(
                "DELETE FROM sessions WHERE updated_at < ?", (older_than,)
            )
            await self.db.execute("DELETE FROM outbox WHERE at < ?", (older_than,))
            await self.db.execute(
                "DELETE FROM processed_updates WHERE at < ?",
                (time.time() - PROCESSED_UPDATES_SECONDS,),
            )
        await self._scrub_wal()
        return {"sessions": sessions.rowcount, "events": events.rowcount}

    async def _scrub_wal(self) -> None:
        """Copy the WAL into the database and empty it: until then the WAL still holds the
        pages as they were before a deletion, with what was deleted in them."""
        await self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def mark_update(self, update_id: int) -> bool:
        """True the first time an update id is seen, False for a re-delivery.

        Checked in memory; the id reaches the database with the update's own writes
        (``save_update``), in the same statement.
        """
        if update_id in self._recent_updates or update_id < self._forgotten_below:
            return False
        self._remember_update(update_id)
        return True

    def unmark_update(self, update_id: int) -> None:
        self._recent_updates.discard(update_id)

    async def save_update(self, writes: UpdateWrites) -> None:
        now = time.time()
        rows = [
            self._session_row(w.key, w.state, w.campaign, w.conversation, w.event)
            for w in writes.sessions
        ]
        rows += [_event_row(event, now) for event in writes.events]
        rows = rows or [_turn_row(at=now)]
        replies = []
        for reply in writes.replies:
            reply.id, reply.created_at = self._next_reply_id, now
            self._next_reply_id += 1
            replies.append(
                {"id": reply.id, "chat_id": reply.chat_id, "person": reply.person,
                 "body": reply.body}
            )  # fmt: skip
        first = list(rows[0])
        first[TURN_COLUMNS.index("update_id")] = writes.update_id
        first[TURN_COLUMNS.index("replies")] = jsontext.dumps(replies) if replies else None
        rows[0] = tuple(first)
        await self._write_rows(rows)
        state_column = TURN_COLUMNS.index("state")
        for w, row in zip(writes.sessions, rows, strict=False):
            self._after_save(w.key, row[state_column], w.campaign, w.conversation)

    @asynccontextmanager
    async def exclusive(self, chat_id: int | None) -> AsyncIterator[None]:
        """One process per SQLite file: its own per-chat order is enough."""
        yield

    async def pending_replies(self) -> list[OutboxReply]:
        found = await self.db.execute_fetchall(
            "SELECT id, chat_id, person, at, body FROM outbox ORDER BY id"
        )
        return self._delivered.excluding(
            OutboxReply(int(chat_id), jsontext.loads(body), person, float(at), int(reply_id))
            for reply_id, chat_id, person, at, body in found
        )

    async def delete_replies(self, reply_ids: list[int]) -> None:
        """The rows go with the next statement of turns (bot/storage/delivered.py); returns
        once they are deleted."""
        await self._delivered.add(reply_ids)

    def _delete_alone(self) -> None:
        """No turn came for the waiting deletions: a statement for them (a batch that is
        gathering takes them anyway)."""
        if self._batch is None:
            self._start_batch()

    def _take_deletions(self, batch: _Batch) -> None:
        """The waiting deletions into ``batch``, as a group of their own."""
        taken = self._delivered.take()
        if taken is not None:
            reply_ids, deleted = taken
            batch.groups.append([_turn_row(delivered=jsontext.dumps(reply_ids))])
            batch.row_count += 1
            batch.written.append(deleted)

    def _remember_update(self, update_id: int) -> None:
        self._recent_updates.add(update_id)
        self._recent_order.append(update_id)
        if len(self._recent_order) > RECENT_UPDATES:
            oldest = self._recent_order.popleft()
            self._recent_updates.discard(oldest)
            self._forgotten_below = max(self._forgotten_below, oldest + 1)

    async def backup(self, target: Path) -> None:
        """A consistent copy of the database in the new file ``target``, by SQLite's online
        backup API: every page in one step, so the copy is one committed state however busy
        the bot is (turns still gathering for a statement are not in it: not yet stored)."""
        copy = sqlite3.connect(target, check_same_thread=False)  # used on aiosqlite's thread
        try:
            await self.db.backup(copy)
        finally:
            copy.close()


@dataclass
class _Batch:
    """Writes waiting for one statement - each a group of rows that goes in all or none -
    and for each the future its caller awaits."""

    groups: list[list[tuple[Any, ...]]] = field(default_factory=list)
    row_count: int = 0
    written: list[asyncio.Future[None]] = field(default_factory=list)


def _settle(futures: list[asyncio.Future[None]], error: Exception | None = None) -> None:
    for future in futures:
        if future.done():  # its handler was cancelled meanwhile
            continue
        if error is None:
            future.set_result(None)
        else:
            future.set_exception(error)


def _cached_size(key: str, state_json: str) -> int:
    return sys.getsizeof(key) + sys.getsizeof(state_json) + _CACHE_ENTRY_OVERHEAD


@functools.lru_cache(maxsize=64)
def _insert_turns_sql(row_count: int) -> str:
    row = "(" + ", ".join("?" * len(TURN_COLUMNS)) + ")"
    return f"INSERT INTO turns ({', '.join(TURN_COLUMNS)}) VALUES " + ", ".join([row] * row_count)


def _turn_row(**values: Any) -> tuple[Any, ...]:
    """A row of ``TURN_COLUMNS``; a column not given is NULL."""
    return tuple(values.get(column) for column in TURN_COLUMNS)


def _event_row(event: Event, now: float) -> tuple[Any, ...]:
    """A row of the ``turns`` view that adds an event alone (to the person's conversation)."""
    return _turn_row(
        key=event["person"], at=event.get("at") or now, channel=event.get("channel"),
        lang=event.get("lang"), event_campaign=event.get("campaign"), node=event.get("node"),
        kind=event.get("kind"), value=event.get("value"),
        concepts=_json_or_none(event.get("concepts")), reply_node=event.get("reply_node"),
        event=event.get("event"), outcome=_json_or_none(event.get("outcome")),
    )  # fmt: skip


def _json_or_none(value: Any) -> str | None:
    return None if value is None else jsontext.dumps(value)
