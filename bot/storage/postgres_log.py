"""The read side (``readside.EventLog``) on PostgreSQL, through asyncpg (the write side is
``postgres.py``). Every bot of the database is read; a ``Scope`` with ``bot`` picks one.

The operators' code is synchronous, asyncpg is not: each log holds one connection that lives
on a private event loop in a thread of its own, and every call waits for its result there.
Reads run in REPEATABLE READ transactions that are READ ONLY (a summary first makes its
scratch table, a temporary one of this connection, then turns read-only): an operator's query
never changes the log. Text is ordered with the "C" collation and NULL first, as SQLite
orders them, so that both backends list and chart things in the same order.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from bot.storage import jsontext
from bot.storage.base import StorageUnavailableError
from bot.storage.readside import (
    CHUNK_SIZE,
    EVENT_FIELDS,
    INPUT_KINDS,
    AmbiguousConversationError,
    ConversationNotFoundError,
    ConversationSummary,
    EventRow,
    Funnel,
    OperatorExistsError,
    Scope,
)
from bot.storage.url import PostgresDatabase

try:
    import asyncpg
except ImportError:  # pragma: no cover - the optional extra is not installed
    asyncpg = None

T = TypeVar("T")
_Self = TypeVar("_Self", bound="_Connection")
CONNECT_SECONDS = 10.0
_COLUMNS = ", ".join(EVENT_FIELDS)
_TYPED_FIELDS = ("conversation", "node", "value", "concepts", "reply_node", "event")
# one row per conversation, with the names a ``Scope`` filters on
_CONVERSATIONS = """
    SELECT conversation, MIN(at) AS started, MAX(campaign COLLATE "C") AS campaign,
           MAX(channel COLLATE "C") AS channel, MAX(lang COLLATE "C") AS lang,
           MAX(bot COLLATE "C") AS bot,
           COUNT(*) FILTER (WHERE kind IN ('option', 'text')) > 0 AS answered,
           COUNT(*) FILTER (WHERE kind IN {inputs}) AS turns,
           COUNT(*) FILTER (WHERE outcome IS NOT NULL) > 0 AS reached,
           COUNT(*) FILTER (WHERE kind = 'booking') > 0 AS booked,
           MAX(id) AS last_id, MAX(at) AS last_at,
           MAX(id) FILTER (WHERE outcome IS NOT NULL) AS outcome_id,
           MIN(at) FILTER (WHERE outcome IS NOT NULL) AS advised_at
    FROM events GROUP BY conversation
""".format(inputs=str(INPUT_KINDS))  # noqa: UP032 - one constant, formatted once
# a JSONB value that may not be an array, as one (SQLite's json_each yields nothing then)
_ARRAY = "CASE WHEN jsonb_typeof({0}) = 'array' THEN {0} ELSE '[]'::jsonb END"


# the pool of each database (by its DSN), made on the shared loop when first needed
_POOLS: dict[str, asyncio.Future[Any]] = {}
POOL_SIZE = 8  # more than the console's worker threads: a page never waits for one


async def _acquire(dsn: str) -> tuple[Any, Any]:
    """(the pool of ``dsn``, a connection from it); runs on the shared loop only."""
    if dsn not in _POOLS:
        # min_size 0: nothing connects until a connection is asked for
        _POOLS[dsn] = asyncio.ensure_future(
            asyncpg.create_pool(
                dsn, min_size=0, max_size=POOL_SIZE, init=jsontext.use_for_json_columns
            )
        )
    try:
        pool = await _POOLS[dsn]
    except BaseException:
        _POOLS.pop(dsn, None)
        raise
    return pool, await pool.acquire(timeout=CONNECT_SECONDS)


class _Loop:
    """One event loop in a daemon thread, shared by every PostgreSQL log of the process."""

    _loop: asyncio.AbstractEventLoop | None = None
    _lock = threading.Lock()

    @classmethod
    def run(cls, work: Coroutine[Any, Any, T]) -> T:
        with cls._lock:
            if cls._loop is None:
                loop = asyncio.new_event_loop()
                threading.Thread(target=loop.run_forever, name="postgres-log", daemon=True).start()
                cls._loop = loop
            loop = cls._loop
        return asyncio.run_coroutine_threadsafe(work, loop).result()


def _where(scope: Scope, first: int = 1) -> tuple[str, list[object]]:
    """The condition on ``_CONVERSATIONS``'s rows; parameters numbered from ``first``."""
    clauses: list[str] = []
    values: list[object] = []
    for column, operator, value in (
        ("started", ">=", scope.since), ("started", "<", scope.until),
        ("campaign", "=", scope.campaign), ("lang", "=", scope.lang),
        ("channel", "=", scope.channel), ("bot", "=", scope.bot),
    ):  # fmt: skip
        if value is not None:
            values.append(value)
            clauses.append(f"{column} {operator} ${first + len(values) - 1}")
    if scope.without_campaign:
        clauses.append("campaign IS NULL")
    return " AND ".join(clauses) or "TRUE", values


class _Connection:
    """One pooled asyncpg connection, driven from synchronous code (see ``_Loop``). The pool
    (one per database, on the shared loop) keeps connections open between the console's
    pages: a new connection costs more than most of the queries made on it."""

    def __init__(self, database: PostgresDatabase) -> None:
        if asyncpg is None:
            raise RuntimeError("PostgreSQL needs the postgres extra: pip install -e '.[postgres]'")
        self.database = database
        try:
            self.pool, self.db = _Loop.run(_acquire(database.dsn))
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as error:
            # the driver's own message may quote the URL: name the database without it
            raise StorageUnavailableError(
                f"cannot open the database {database}: {type(error).__name__}"
            ) from None
        self._released = False

    def __enter__(self: _Self) -> _Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if not self._released:
            self._released = True
            self._run(self.pool.release(self.db))

    def _run(self, work: Coroutine[Any, Any, T]) -> T:
        try:
            return _Loop.run(work)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
            # the class names what went wrong ("UndefinedTableError"); the server's message
            # is left out, so that no value of a row can reach the operator's screen or a log
            raise StorageUnavailableError(
                f"cannot read the database {self.database}: {type(error).__name__}"
            ) from None

    def _fetch(self, sql: str, *args: object) -> list[Any]:
        return list(self._run(self.db.fetch(sql, *args)))

    def _counts(self, sql: str, *args: object) -> dict[str, int]:
        return {str(key): int(count) for key, count in self._fetch(sql, *args)}

    def _stream(self, sql: str, args: Sequence[object], chunk_size: int) -> Iterator[Any]:
        """The rows of ``sql``, fetched ``chunk_size`` at a time (inside a transaction)."""

        async def open_cursor() -> Any:
            return await self.db.cursor(sql, *args)

        cursor = self._run(open_cursor())
        while rows := self._run(cursor.fetch(chunk_size)):
            yield from rows


class PostgresEventLog(_Connection):
    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        self._run(self.db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ"))
        try:
            yield
        finally:
            self._run(self.db.execute("ROLLBACK"))

    def schema_version(self) -> int:
        exists = self._run(self.db.fetchval("SELECT to_regclass('schema_version') IS NOT NULL"))
        if not exists:
            return 0
        version = self._run(
            self.db.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_version")
        )
        return int(version)

    def events(
        self, since: float | None = None, until: float | None = None, chunk_size: int = CHUNK_SIZE
    ) -> Iterator[EventRow]:
        clauses, values = [], []
        for operator, value in ((">=", since), ("<", until)):
            if value is not None:
                values.append(value)
                clauses.append(f"at {operator} ${len(values)}")
        with self._snapshot():
            self._run(self.db.execute("SET TRANSACTION READ ONLY"))
            rows = self._stream(
                f"SELECT {_COLUMNS} FROM events WHERE {' AND '.join(clauses) or 'TRUE'}"
                " ORDER BY at, id",
                values, chunk_size,
            )  # fmt: skip
            for row in rows:
                yield dict(zip(EVENT_FIELDS, row, strict=True))

    def conversations(
        self, scope: Scope, limit: int | None = 50, offset: int = 0
    ) -> list[ConversationSummary]:
        condition, values = _where(scope)
        rows = self._fetch(
            f"""
            SELECT c.conversation, c.started, c.channel, c.lang, c.campaign, c.turns, c.booked,
                   (SELECT outcome FROM events AS o
                    WHERE o.conversation = c.conversation AND o.outcome IS NOT NULL
                    ORDER BY id DESC LIMIT 1)
            FROM ({_CONVERSATIONS}) AS c
            WHERE {condition}
            ORDER BY c.started DESC, c.conversation COLLATE "C"
            LIMIT ${len(values) + 1} OFFSET ${len(values) + 2}
            """,
            *values, limit, offset,
        )  # fmt: skip
        return [
            ConversationSummary(
                conversation=row[0],
                started=row[1],
                channel=row[2],
                lang=row[3],
                campaign=row[4],
                turns=int(row[5]),
                booked=bool(row[6]),
                outcome=row[7],
            )
            for row in rows
        ]

    def resolve_conversation(self, prefix: str) -> str:
        if not prefix:
            raise ConversationNotFoundError("give a conversation id (see `logs list`)")
        rows = self._fetch(
            "SELECT DISTINCT conversation FROM events"
            " WHERE left(conversation, length($1)) = $1 LIMIT 2",
            prefix,
        )
        if not rows:
            raise ConversationNotFoundError("no conversation with that id (see `logs list`)")
        if len(rows) > 1:
            raise AmbiguousConversationError("several conversations start so: give more of the id")
        return str(rows[0][0])

    def conversation_events(self, conversation: str) -> list[EventRow]:
        rows = self._fetch(
            f"SELECT {_COLUMNS} FROM events WHERE conversation = $1 ORDER BY id", conversation
        )
        return [dict(zip(EVENT_FIELDS, row, strict=True)) for row in rows]

    def selection_choices(self) -> dict[str, list[str]]:
        return {
            column: [str(row[0]) for row in self._fetch(
                f'SELECT DISTINCT {column} COLLATE "C" AS v FROM events'
                f" WHERE {column} IS NOT NULL AND {column} <> '' ORDER BY v"
            )]
            for column in ("campaign", "lang", "channel", "bot")
        }  # fmt: skip

    @contextmanager
    def summary(self, scope: Scope) -> Iterator[PostgresSummary]:
        condition, values = _where(scope)
        with self._snapshot():
            self._run(self.db.execute(
                f"CREATE TEMP TABLE conv AS SELECT * FROM ({_CONVERSATIONS}) AS c"
                f" WHERE {condition}",
                *values,
            ))  # fmt: skip
            self._run(self.db.execute("SET TRANSACTION READ ONLY"))
            yield PostgresSummary(self)

    def sessions_by_node(self) -> dict[str, int]:
        return self._counts(
            "SELECT COALESCE(state->>'node', '?') COLLATE \"C\" AS node, COUNT(*) FROM sessions"
            " GROUP BY node ORDER BY node"
        )

    def outbox_depth(self) -> int:
        return int(self._run(self.db.fetchval("SELECT COUNT(*) FROM outbox")))


class PostgresSummary:
    """``readside.Summary`` over the temporary table ``conv``."""

    def __init__(self, log: PostgresEventLog) -> None:
        self.log = log

    def funnels(self) -> tuple[Funnel, dict[str | None, Funnel]]:
        rows = self.log._fetch(
            "SELECT campaign, COUNT(*), COUNT(*) FILTER (WHERE answered),"
            " COUNT(*) FILTER (WHERE reached), COUNT(*) FILTER (WHERE booked)"
            ' FROM conv GROUP BY campaign ORDER BY COUNT(*) DESC, campaign COLLATE "C"'
            " NULLS FIRST"
        )
        per_campaign = {row[0]: Funnel(*(int(n) for n in row[1:])) for row in rows}
        return Funnel.total(per_campaign.values()), per_campaign

    def sessions_per_day(self) -> list[tuple[str, int]]:
        rows = self.log._fetch(
            "SELECT to_char(to_timestamp(started) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,"
            " COUNT(*) FROM conv GROUP BY day ORDER BY day"
        )
        return [(str(day), int(count)) for day, count in rows]

    def outcomes_by_urgency(self) -> dict[str, int]:
        return self.log._counts(
            "SELECT (e.outcome->>'urgency') COLLATE \"C\" AS urgency, COUNT(*)"
            " FROM conv JOIN events AS e ON e.id = conv.outcome_id"
            " GROUP BY urgency ORDER BY urgency NULLS FIRST"
        )

    def outcomes_by_specialist(self) -> dict[str, int]:
        specialists = _ARRAY.format("e.outcome->'specialists'")
        return self.log._counts(
            'SELECT s.value COLLATE "C" AS specialist, COUNT(*)'
            " FROM conv JOIN events AS e ON e.id = conv.outcome_id"
            f" CROSS JOIN LATERAL jsonb_array_elements_text({specialists}) AS s(value)"
            " GROUP BY specialist ORDER BY COUNT(*) DESC, specialist"
        )

    def leaving_nodes(self, quiet_since: float | None = None) -> dict[str, int]:
        quiet = "" if quiet_since is None else " AND conv.last_at < $1"
        return self.log._counts(
            "SELECT COALESCE(e.reply_node, e.node, '?') COLLATE \"C\" AS step, COUNT(*)"
            f" FROM conv JOIN events AS e ON e.id = conv.last_id WHERE NOT conv.reached{quiet}"
            " GROUP BY step ORDER BY COUNT(*) DESC, step",
            *(() if quiet_since is None else (quiet_since,)),
        )

    def questions_reached(self) -> dict[str, int]:
        return self.log._counts(
            'SELECT e.reply_node COLLATE "C" AS step, COUNT(DISTINCT e.conversation)'
            " FROM conv JOIN events AS e ON e.conversation = conv.conversation"
            " WHERE e.reply_node IS NOT NULL GROUP BY step ORDER BY step"
        )

    def times_to_advice(self) -> list[float]:
        rows = self.log._fetch(
            "SELECT advised_at - started FROM conv WHERE advised_at IS NOT NULL ORDER BY 1"
        )
        return [float(row[0]) for row in rows]

    def typed_texts(self) -> Iterator[EventRow]:
        rows = self.log._stream(
            f"SELECT {', '.join('e.' + c for c in _TYPED_FIELDS)}"
            " FROM conv JOIN events AS e ON e.conversation = conv.conversation"
            " WHERE e.kind = 'text' AND e.value IS NOT NULL ORDER BY e.id",
            (), CHUNK_SIZE,
        )  # fmt: skip
        for row in rows:
            yield dict(zip(_TYPED_FIELDS, row, strict=True))

    def unmatched_texts(self) -> Iterator[str]:
        rows = self.log._stream(
            "SELECT e.value FROM conv JOIN events AS e ON e.conversation = conv.conversation"
            " WHERE e.kind = 'text' AND e.value IS NOT NULL"
            " AND CASE WHEN jsonb_typeof(e.concepts) = 'array'"
            " THEN jsonb_array_length(e.concepts) = 0 ELSE TRUE END ORDER BY e.id",
            (), CHUNK_SIZE,
        )  # fmt: skip
        for row in rows:
            yield str(row[0])

    def concept_scores(self) -> Iterator[float]:
        rows = self.log._stream(
            "SELECT c.value->'score'"
            " FROM conv JOIN events AS e ON e.conversation = conv.conversation"
            f" CROSS JOIN LATERAL jsonb_array_elements({_ARRAY.format('e.concepts')}) AS c(value)"
            " WHERE e.kind = 'text' AND e.concepts IS NOT NULL",
            (), CHUNK_SIZE,
        )  # fmt: skip
        for row in rows:
            if isinstance(row[0], int | float) and not isinstance(row[0], bool):
                yield float(row[0])

    def events(self, chunk_size: int = CHUNK_SIZE) -> Iterator[EventRow]:
        rows = self.log._stream(
            f"SELECT {', '.join('e.' + c for c in EVENT_FIELDS)} FROM events AS e"
            " WHERE e.conversation IN (SELECT conversation FROM conv) ORDER BY e.at, e.id",
            (), chunk_size,
        )  # fmt: skip
        for row in rows:
            yield dict(zip(EVENT_FIELDS, row, strict=True))


class PostgresConsoleRecords(_Connection):
    """The console's accounts and audit log (a trigger refuses to change an audit entry)."""

    def add_operator(self, name: str, password_hash: str, created_at: float) -> None:
        added = self._run(self.db.fetchval(
            "INSERT INTO operators (name, password_hash, created_at) VALUES ($1, $2, $3)"
            " ON CONFLICT (name) DO NOTHING RETURNING name",
            name, password_hash, created_at,
        ))  # fmt: skip
        if added is None:
            raise OperatorExistsError(name)

    def remove_operator(self, name: str) -> bool:
        status = self._run(self.db.execute("DELETE FROM operators WHERE name = $1", name))
        return str(status) != "DELETE 0"

    def operators(self) -> list[tuple[str, float]]:
        rows = self._fetch('SELECT name, created_at FROM operators ORDER BY name COLLATE "C"')
        return [(str(name), float(created)) for name, created in rows]

    def password_hash(self, name: str) -> str | None:
        found = self._run(
            self.db.fetchval("SELECT password_hash FROM operators WHERE name = $1", name)
        )
        return None if found is None else str(found)

    def record(self, at: float, operator: str, action: str, target: str) -> None:
        self._run(self.db.execute(
            "INSERT INTO audit_log (at, operator, action, target) VALUES ($1, $2, $3, $4)",
            at, operator, action, target,
        ))  # fmt: skip

    def audit(self, limit: int) -> list[tuple[float, str, str, str]]:
        rows = self._fetch(
            "SELECT at, operator, action, target FROM audit_log ORDER BY id DESC LIMIT $1", limit
        )
        return [(float(at), str(who), str(action), str(target)) for at, who, action, target in rows]
