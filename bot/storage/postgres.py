"""PostgreSQL storage through asyncpg (``pip install -e '.[postgres]'``): a connection pool,
JSONB for session state and event data, schema from migrations/postgres/*.sql.

Built for several processes on one database - two instances of a bot behind a load balancer,
several bots (one ``bot`` id each) with one central report:
- nothing is cached in memory: every load reads the database;
- an update is written in ONE transaction with its id; an id another instance already wrote
  fails the transaction (``DuplicateUpdate``), so an update is applied once;
- a session the update read is written only if nobody wrote it meanwhile (its ``version``);
  otherwise nothing is written (``SessionConflict``) and the update is handled again, on the
  newer session, when Telegram re-delivers it;
- one instance at a time handles a chat's update (``exclusive``: an advisory lock per chat,
  held on a connection of its own, released by the server if the process dies);
- outbox ids come from the database's sequence; each reply is its writer's to send. A
  running instance holds an advisory lock on its own number; a reply whose writer no longer
  holds it (the process died) is taken over by the next instance that starts;
- a delivered reply's row is deleted in the next transaction of turns, as a write of its own
  (bot/storage/delivered.py): no round trip and no commit of its own.
"""

from __future__ import annotations

import asyncio
import functools
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from bot.events import Event
from bot.storage import jsontext
from bot.storage.base import (
    DuplicateUpdate,
    OutboxReply,
    SessionConflict,
    StorageUnavailableError,
    StoredSession,
    UpdateWrites,
)
from bot.storage.delivered import PendingDeletions
from bot.storage.migrations import migrations
from bot.storage.url import PostgresDatabase

try:
    import asyncpg
except ImportError:  # pragma: no cover - the optional extra is not installed
    asyncpg = None

MIGRATIONS: tuple[str, ...] = migrations("postgres")
# Update ids are kept this long: Telegram keeps unconfirmed updates a day.
PROCESSED_UPDATES_SECONDS = 2 * 24 * 3600
# One number for "the schema is being upgraded": instances starting together wait in turn.
_MIGRATION_LOCK = 0x6B_61_63_6B  # any constant; the same in every process
# Advisory locks of two keys: (kind, number) - a chat being handled, a running instance.
_CHAT_LOCKS = 1
_INSTANCE_LOCKS = 2
POOL_SIZE = 8
# Writes of other chats that may share one transaction (and one commit), and the turns of the
# event loop a batch waits for them (as bot/storage/sqlite.py does). Each write is a round trip
# or two to the server, so they are kept few: a session and its event are one statement, and
# the writes of a batch share the transaction without a savepoint each (if one fails, the
# batch is written again one write at a time, as SQLite's is).
MAX_BATCH_WRITES = 200
GATHER_LOOP_TURNS = 16
Write = Callable[[Any], Awaitable[None]]
# A write and the future its caller awaits; a write that is one statement also as that
# statement and its arguments: the statements of a batch go to the server together, in one
# message (asyncpg's executemany: its own transaction, one round trip for them all).
Statement = tuple[str, tuple[Any, ...]]
_Batched = tuple[Write, "asyncio.Future[None]", Statement | None]
_DELETE_REPLIES = "DELETE FROM outbox WHERE id = ANY($1::bigint[])"
# Connections that hold chat locks: as many chats as the bot handles at once, and then some.
LOCK_POOL_SIZE = 16

_UPSERT_SESSION = """
    INSERT INTO sessions AS s (bot, key, state, campaign, conversation, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $6)
    ON CONFLICT (bot, key) DO UPDATE SET
        state = excluded.state,
        campaign = COALESCE(excluded.campaign, s.campaign),
        conversation = COALESCE(excluded.conversation, s.conversation),
        updated_at = excluded.updated_at,
        version = s.version + 1
    RETURNING version, conversation
"""
_INSERT_NEW_SESSION = """
    INSERT INTO sessions (bot, key, state, campaign, conversation, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $6)
    ON CONFLICT (bot, key) DO NOTHING
    RETURNING version, conversation
"""
_UPDATE_READ_SESSION = """
    UPDATE sessions AS s SET
        state = $3,
        campaign = COALESCE($4, s.campaign),
        conversation = COALESCE($5, s.conversation),
        updated_at = $6,
        version = s.version + 1
    WHERE bot = $1 AND key = $2 AND version = $7
    RETURNING version, conversation
"""
# The event joins the person's current conversation, as the session row has it now.
_INSERT_EVENT = """
    INSERT INTO events (bot, conversation, person, at, channel, lang, campaign, node, kind,
                        value, concepts, reply_node, event, outcome)
    VALUES ($1, COALESCE((SELECT conversation FROM sessions WHERE bot = $1 AND key = $2),
                         $3, ''),
            $2, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
"""
EVENT_PARAMETERS = 12  # after the session's: the event's conversation, at, channel... outcome


def _with_event(session_sql: str, session_parameters: int) -> str:
    """``session_sql`` (one of the three above) and the insert of the turn's event as ONE
    statement: one round trip, and the event only if the session was written. The event joins
    the conversation the session row has after the write (what ``_INSERT_EVENT`` reads)."""
    first = session_parameters + 1  # the event's parameters follow the session's
    p = [f"${number}" for number in range(first, first + EVENT_PARAMETERS)]
    return f"""
    WITH s AS ({session_sql}),
    e AS (
        INSERT INTO events (bot, conversation, person, at, channel, lang, campaign, node, kind,
                            value, concepts, reply_node, event, outcome)
        SELECT $1, COALESCE(s.conversation, {p[0]}, ''), $2, {", ".join(p[1:])} FROM s
    )
    SELECT version FROM s
"""


_UPSERT_SESSION_WITH_EVENT = _with_event(_UPSERT_SESSION, 6)
_INSERT_NEW_SESSION_WITH_EVENT = _with_event(_INSERT_NEW_SESSION, 6)
_UPDATE_READ_SESSION_WITH_EVENT = _with_event(_UPDATE_READ_SESSION, 7)


class PostgresStorage:
    """``Storage`` on PostgreSQL; ``bot`` keeps several bots apart in one database."""

    def __init__(self, database: PostgresDatabase, bot: str = "") -> None:
        if asyncpg is None:
            raise RuntimeError("PostgreSQL needs the postgres extra: pip install -e '.[postgres]'")
        self.database = database
        self.bot = bot
        self._pool: asyncpg.Pool | None = None
        self._locks: asyncpg.Pool | None = None
        self._alive: Any = None  # the connection that holds this instance's own lock
        self._in_flight: set[int] = set()
        self._batch: list[_Batched] | None = None
        self._batch_writers: set[asyncio.Task[None]] = set()
        # delivered replies whose rows go with the next batch of writes (a write of their own)
        self._delivered = PendingDeletions(self._delete_alone)
        # this process's number among the running instances (0 is never given)
        self.instance = 1 + secrets.randbelow(2**31 - 2)

    async def __aenter__(self) -> PostgresStorage:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("storage is not open")
        return self._pool

    async def open(self) -> None:
        if self._pool is not None:
            return
        try:
            self._pool = await asyncpg.create_pool(
                self.database.dsn, min_size=1, max_size=POOL_SIZE,
                init=jsontext.use_for_json_columns, reset=_keep_session,
            )  # fmt: skip
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
            # the driver's own message may quote the URL: name the database without it
            raise StorageUnavailableError(
                f"cannot open the database {self.database}: {type(error).__name__}"
            ) from None
        try:
            await self._migrate()
            self._locks = await asyncpg.create_pool(
                self.database.dsn, min_size=0, max_size=LOCK_POOL_SIZE
            )
            self._alive = await asyncpg.connect(self.database.dsn)
            await self._alive.execute(
                "SELECT pg_advisory_lock($1, $2)", _INSTANCE_LOCKS, self.instance
            )
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        if self._pool is not None:
            self._delivered.flush()
        await asyncio.gather(*self._batch_writers, return_exceptions=True)
        self._delivered.abandon()
        alive, self._alive = self._alive, None
        if alive is not None:
            await alive.close()  # the instance's lock goes with it
        for name in ("_locks", "_pool"):
            pool = getattr(self, name)
            if pool is not None:
                setattr(self, name, None)
                await pool.close()

    @asynccontextmanager
    async def exclusive(self, chat_id: int | None) -> AsyncIterator[None]:
        """An advisory lock on the chat, on a connection of its own for as long as the
        update is handled: another instance's update of the chat waits for it."""
        if chat_id is None or self._locks is None:
            yield
            return
        async with self._locks.acquire() as db:
            key = f"{self.bot}:{chat_id}"
            await db.execute("SELECT pg_advisory_lock($1, hashtext($2))", _CHAT_LOCKS, key)
            try:
                yield
            finally:
                await db.execute("SELECT pg_advisory_unlock($1, hashtext($2))", _CHAT_LOCKS, key)

    async def schema_version(self) -> int:
        async with self.pool.acquire() as db:
            return await _schema_version(db)

    async def _migrate(self) -> None:
        async with self.pool.acquire() as db, db.transaction():
            await db.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
            await db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
            version = await _schema_version(db)
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                await db.execute(script)
                await db.execute("DELETE FROM schema_version")
                await db.execute("INSERT INTO schema_version VALUES ($1)", number)

    async def load_session(self, key: str) -> StoredSession | None:
        row = await self.pool.fetchrow(
            "SELECT state, campaign, conversation, version FROM sessions"
            " WHERE bot = $1 AND key = $2",
            self.bot, key,
        )  # fmt: skip
        if row is None:
            return None
        state = row["state"] if isinstance(row["state"], dict) else {}
        return StoredSession(key, state, row["campaign"], row["conversation"], row["version"])

    async def save_session(
        self,
        key: str,
        state: dict[str, Any],
        campaign: str | None = None,
        conversation: str | None = None,
        event: Event | None = None,
    ) -> None:
        at = (event.get("at") if event else None) or time.time()
        values = (self.bot, key, state, campaign, conversation, at)
        if event and event.get("kind") is not None:
            sql, values = _UPSERT_SESSION_WITH_EVENT, (*values, *_event_values(event, at))
        else:
            sql = _UPSERT_SESSION

        async def write(db: Any) -> None:
            await db.execute(sql, *values)

        await self._committed(write, (sql, values))

    async def append_event(self, event: Event) -> None:
        async with self.pool.acquire() as db:
            await self._insert_event(db, event, time.time())

    async def _insert_event(self, db: Any, event: Event, now: float) -> None:
        await db.execute(_INSERT_EVENT, self.bot, event["person"], *_event_values(event, now))

    async def save_update(self, writes: UpdateWrites) -> None:
        await self._committed(functools.partial(self._write_update, writes=writes))
        if writes.update_id is not None:
            self._in_flight.discard(writes.update_id)

    async def _write_update(self, db: Any, writes: UpdateWrites) -> None:
        now = time.time()
        if writes.update_id is not None:
            fresh = await db.fetchval(
                "INSERT INTO processed_updates (bot, update_id, at) VALUES ($1, $2, $3)"
                " ON CONFLICT DO NOTHING RETURNING update_id",
                self.bot, writes.update_id, now,
            )  # fmt: skip
            if fresh is None:
                raise DuplicateUpdate(f"update {writes.update_id} was already handled")
        versions = dict(writes.read_versions)
        for write in writes.sessions:
            at = (write.event.get("at") if write.event else None) or now
            values: tuple[Any, ...] = (
                self.bot, write.key, write.state, write.campaign, write.conversation, at
            )  # fmt: skip
            expected = versions.get(write.key)
            with_event = bool(write.event and write.event.get("kind") is not None)
            if expected is None:  # not read by this update: last writer wins
                sql = _UPSERT_SESSION_WITH_EVENT if with_event else _UPSERT_SESSION
            elif expected == 0:
                sql = _INSERT_NEW_SESSION_WITH_EVENT if with_event else _INSERT_NEW_SESSION
            else:
                sql = _UPDATE_READ_SESSION_WITH_EVENT if with_event else _UPDATE_READ_SESSION
                values = (*values, expected)
            if with_event and write.event:
                values = (*values, *_event_values(write.event, at))
            version = await db.fetchval(sql, *values)
            if version is None:  # nothing written, the event neither
                raise SessionConflict("a session changed while an update was handled")
            versions[write.key] = version
        for event in writes.events:
            await self._insert_event(db, event, now)
        for reply in writes.replies:
            reply.created_at = now
            reply.id = await db.fetchval(
                "INSERT INTO outbox (bot, instance, chat_id, person, at, body)"
                " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                self.bot, self.instance, reply.chat_id, reply.person, now, reply.body,
            )  # fmt: skip

    async def _committed(self, write: Write, statement: Statement | None = None) -> None:
        """Run ``write`` in a transaction shared with the writes of other chats that are
        ready meanwhile: one commit (one wait for the disk) for all of them. A write that
        fails is undone alone: then the others are written again, each in a transaction of
        its own (a savepoint each would cost two round trips per write, every time)."""
        batch = self._batch
        if batch is None or len(batch) >= MAX_BATCH_WRITES:
            batch = self._start_batch()
        done = asyncio.get_running_loop().create_future()
        batch.append((write, done, statement))
        await done

    def _start_batch(self) -> list[_Batched]:
        batch: list[_Batched] = []
        self._batch = batch
        # a task of its own, so that a cancelled caller cannot strand the others' writes
        writer = asyncio.create_task(self._commit_batch(batch))
        self._batch_writers.add(writer)
        writer.add_done_callback(self._batch_writers.discard)
        return batch

    def _delete_alone(self) -> None:
        """No write came for the waiting deletions: a batch for them (one that is gathering
        takes them anyway)."""
        if self._batch is None and self._pool is not None:
            self._start_batch()

    def _take_deletions(self, batch: list[_Batched]) -> None:
        """The waiting deletions into ``batch``, as a write of its own: in the batch's
        transaction, and alone if the batch is written again one write at a time."""
        taken = self._delivered.take()
        if taken is not None:
            reply_ids, deleted = taken

            async def delete(db: Any) -> None:
                await db.execute(_DELETE_REPLIES, reply_ids)

            batch.append((delete, deleted, (_DELETE_REPLIES, (reply_ids,))))

    async def _commit_batch(self, batch: list[_Batched]) -> None:
        for _ in range(GATHER_LOOP_TURNS):
            await asyncio.sleep(0)  # the handlers that are ready reach their write and join
        if self._batch is batch:
            self._batch = None
        self._take_deletions(batch)
        if not batch:
            return
        failed: dict[int, BaseException] = {}
        try:
            async with self.pool.acquire() as db:
                statements = [statement for _, _, statement in batch if statement is not None]
                if len(statements) == len(batch) and len({sql for sql, _ in statements}) == 1:
                    try:
                        await db.executemany(statements[0][0], [args for _, args in statements])
                    except Exception:
                        if len(batch) == 1:
                            raise
                        await self._one_by_one(db, batch, failed)
                else:
                    try:
                        async with db.transaction():
                            for write, _, _ in batch:
                                await write(db)
                    except Exception:
                        if len(batch) == 1:
                            raise
                        await self._one_by_one(db, batch, failed)
        except BaseException as error:
            for _, done, _ in batch:
                if not done.done():
                    done.set_exception(error)
            if not isinstance(error, Exception):
                raise
            return
        for number, (_, done, _) in enumerate(batch):
            if done.done():  # its caller was cancelled meanwhile
                continue
            if number in failed:
                done.set_exception(failed[number])
            else:
                done.set_result(None)

    @staticmethod
    async def _one_by_one(db: Any, batch: list[_Batched], failed: dict[int, BaseException]) -> None:
        """The writes of a batch that failed, each in a transaction of its own: one that
        cannot be done does not fail the others (its error goes into ``failed``)."""
        for number, (write, _, _) in enumerate(batch):
            try:
                async with db.transaction():
                    await write(db)
            except Exception as error:
                failed[number] = error

    async def mark_update(self, update_id: int) -> bool:
        """True unless the update is being handled here or was written by any instance."""
        if update_id in self._in_flight:
            return False
        self._in_flight.add(update_id)
        written = await self.pool.fetchval(
            "SELECT 1 FROM processed_updates WHERE bot = $1 AND update_id = $2",
            self.bot, update_id,
        )  # fmt: skip
        if written is not None:
            self._in_flight.discard(update_id)
            return False
        return True

    def unmark_update(self, update_id: int) -> None:
        self._in_flight.discard(update_id)

    async def pending_replies(self) -> list[OutboxReply]:
        """This instance's replies, and those of instances that are no longer running
        (taken over: from now on this instance sends them)."""
        async with self.pool.acquire() as db:
            writers = await db.fetch(
                "SELECT DISTINCT instance FROM outbox WHERE bot = $1"
                " AND instance IS DISTINCT FROM $2",
                self.bot, self.instance,
            )  # fmt: skip
            for (writer,) in writers:
                if writer is not None and not await _gone(db, writer):
                    continue  # still running: its replies are its own to send
                # A reply whose person has taken a step since (through another instance)
                # is not sent: they saw it (Telegram took it just before the writer died)
                # or they have moved on - either way it would come after a newer question.
                await db.execute(
                    "DELETE FROM outbox AS o USING sessions AS s WHERE o.bot = $1"
                    " AND o.instance IS NOT DISTINCT FROM $2 AND s.bot = o.bot"
                    " AND s.key = o.person AND s.updated_at > o.at",
                    self.bot, writer,
                )  # fmt: skip
                await db.execute(
                    "UPDATE outbox SET instance = $3 WHERE bot = $1"
                    " AND instance IS NOT DISTINCT FROM $2",
                    self.bot, writer, self.instance,
                )  # fmt: skip
            rows = await db.fetch(
                "SELECT id, chat_id, person, at, body FROM outbox"
                " WHERE bot = $1 AND instance = $2 ORDER BY id",
                self.bot, self.instance,
            )  # fmt: skip
        return self._delivered.excluding(
            OutboxReply(row["chat_id"], row["body"], row["person"], row["at"], row["id"])
            for row in rows
        )

    async def delete_replies(self, reply_ids: list[int]) -> None:
        """The rows go with the next batch of writes (bot/storage/delivered.py); returns once
        they are deleted."""
        await self._delivered.add(reply_ids)

    async def delete_person(self, person: str) -> dict[str, int]:
        async with self.pool.acquire() as db, db.transaction():
            sessions = await db.execute(
                "DELETE FROM sessions WHERE bot = $1 AND key = $2", self.bot, person
            )
            events = await db.execute(
                "DELETE FROM events WHERE bot = $1 AND person = $2", self.bot, person
            )
            await db.execute("DELETE FROM outbox WHERE bot = $1 AND person = $2", self.bot, person)
        return {"sessions": _count(sessions), "events": _count(events)}

    async def purge(self, older_than: float) -> dict[str, int]:
        """What is older than ``older_than`` (a Unix time), of every bot in the database:
        retention is the database's, whichever instance runs it."""
        async with self.pool.acquire() as db, db.transaction():
            events = await db.execute("DELETE FROM events WHERE at < $1", older_than)
            sessions = await db.execute("DELETE FROM sessions WHERE updated_at < $1", older_than)
            await db.execute("DELETE FROM outbox WHERE at < $1", older_than)
            await db.execute(
                "DELETE FROM processed_updates WHERE at < $1",
                time.time() - PROCESSED_UPDATES_SECONDS,
            )
        return {"sessions": _count(sessions), "events": _count(events)}


async def _keep_session(db: Any) -> None:
    """What the pool does to a connection given back, besides rolling back an open
    transaction (asyncpg does that first): nothing. asyncpg's default (unlock all advisory
    locks, close cursors, UNLISTEN, RESET ALL) is one more round trip per use, and this pool's
    connections change none of those: they set nothing, listen to nothing, and take a
    session's lock only in ``_gone``, in the statement that lets it go (chat locks are on a
    pool of their own, which keeps asyncpg's reset)."""


async def _gone(db: Any, instance: int) -> bool:
    """True if no running process holds ``instance``'s lock (it was taken and let go here, in
    one statement: nothing can leave it held on a pooled connection)."""
    taken = await db.fetchval(
        "SELECT CASE WHEN pg_try_advisory_lock($1, $2) THEN pg_advisory_unlock($1, $2)"
        " ELSE false END",
        _INSTANCE_LOCKS, instance,
    )  # fmt: skip
    return bool(taken)


def _event_values(event: Event, now: float) -> tuple[Any, ...]:
    """An event's values in the order of ``_INSERT_EVENT``'s $3... (``_with_event``'s too)."""
    return (
        event.get("conversation") or None, event.get("at") or now, event.get("channel"),
        event.get("lang"), event.get("campaign"), event.get("node"), event.get("kind"),
        event.get("value"), event.get("concepts"), event.get("reply_node"), event.get("event"),
        event.get("outcome"),
    )  # fmt: skip


async def _schema_version(db: Any) -> int:
    exists = await db.fetchval("SELECT to_regclass('schema_version') IS NOT NULL")
    if not exists:
        return 0
    return int(await db.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_version"))


def _count(status: str) -> int:
    """The row count of a command status such as ``DELETE 3``."""
    return int(status.rsplit(" ", 1)[-1])
