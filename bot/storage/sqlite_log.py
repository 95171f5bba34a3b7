"""The read side (``readside.EventLog``) on a SQLite file: a read-only connection, safe to use
while the bot runs (the write side is ``sqlite.py``).

``mode=ro`` makes every write fail, so an operator's query can never alter the log, and it
never creates an empty database where a mistyped path points. In WAL mode a reader does not
block the bot's writer, nor the writer the reader.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bot.storage import jsontext
from bot.storage.readside import (
    CHUNK_SIZE,
    EVENT_FIELDS,
    INPUT_KINDS,
    JSON_FIELDS,
    AmbiguousConversationError,
    ConversationNotFoundError,
    ConversationSummary,
    EventLogMissingError,
    EventRow,
    Funnel,
    OperatorExistsError,
    Scope,
)

# the highest code point: ``prefix <= id < prefix + MAX_CHAR`` is every id starting with prefix
_MAX_CHAR = "\U0010ffff"
_TYPED_FIELDS = ("conversation", "node", "value", "concepts", "reply_node", "event")


def connect_readonly(path: Path) -> sqlite3.Connection:
    """``path`` opened read-only; ``EventLogMissingError`` if there is no file."""
    if not path.is_file():
        raise EventLogMissingError(f"no database at {path} (set BOT_DATABASE or --database)")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    db = sqlite3.connect(uri, uri=True, check_same_thread=False)
    # the bot may be mid-commit: wait for its lock rather than fail at once
    db.execute("PRAGMA busy_timeout = 5000")
    return db


def _decode(row: Sequence[Any], columns: tuple[str, ...]) -> EventRow:
    event = dict(zip(columns, row, strict=True))
    for column in JSON_FIELDS:
        if event.get(column) is not None:
            # an unreadable cell is shown as it is rather than hiding the event
            with contextlib.suppress(ValueError):
                event[column] = jsontext.loads(event[column])
    return event


def _stream(cursor: sqlite3.Cursor, chunk_size: int = CHUNK_SIZE) -> Iterator[Any]:
    """The cursor's rows, fetched ``chunk_size`` at a time; the cursor is closed after."""
    try:
        while rows := cursor.fetchmany(chunk_size):
            yield from rows
    finally:
        cursor.close()


def _where(scope: Scope) -> tuple[str, list[object]]:
    """The condition on a per-conversation summary (``started``, ``campaign``, ...)."""
    clauses: list[str] = []
    values: list[object] = []
    for column, operator, value in (
        ("started", ">=", scope.since), ("started", "<", scope.until),
        ("campaign", "=", scope.campaign), ("lang", "=", scope.lang),
        ("channel", "=", scope.channel), ("bot", "=", scope.bot),
    ):  # fmt: skip
        if value is not None:
            clauses.append(f"{column} {operator} ?")
            values.append(value)
    if scope.without_campaign:
        clauses.append("campaign IS NULL")
    return " AND ".join(clauses) or "1", values


class SqliteEventLog:
    def __init__(self, path: Path) -> None:
        self.db = connect_readonly(path)

    def __enter__(self) -> SqliteEventLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def schema_version(self) -> int:
        (version,) = self.db.execute("PRAGMA user_version").fetchone()
        self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return int(version)

    def _bot_column(self) -> str:
        """``bot`` where the events carry the id of the bot that handled them; ``NULL`` on a
        database without that column (one SQLite file serves one bot)."""
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(events)")}
        return "bot" if "bot" in columns else "NULL"

    def events(
        self, since: float | None = None, until: float | None = None, chunk_size: int = CHUNK_SIZE
    ) -> Iterator[EventRow]:
        # the events_at index gives the order, so SQLite streams rows without sorting them
        clauses, values = [], []
        for operator, value in ((">=", since), ("<", until)):
            if value is not None:
                clauses.append(f"at {operator} ?")
                values.append(value)
        cursor = self.db.execute(
            f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE {' AND '.join(clauses) or '1'}"
            " ORDER BY at, id",
            values,
        )
        for row in _stream(cursor, chunk_size):
            yield _decode(row, EVENT_FIELDS)

    def conversations(
        self, scope: Scope, limit: int | None = 50, offset: int = 0
    ) -> list[ConversationSummary]:
        condition, params = _where(scope)
        rows = self.db.execute(
            f"""
            SELECT conversation, MIN(at) AS started, MAX(channel) AS channel,
                   MAX({self._bot_column()}) AS bot, MAX(campaign) AS campaign,
                   SUM(kind IN {INPUT_KINDS}), MAX(kind = 'booking'), MAX(lang) AS lang,
                   (SELECT outcome FROM events AS o
                    WHERE o.conversation = e.conversation AND o.outcome IS NOT NULL
                    ORDER BY id DESC LIMIT 1)
            FROM events AS e
            GROUP BY conversation
            HAVING {condition}
            ORDER BY started DESC, conversation
            LIMIT ? OFFSET ?
            """,
            [*params, -1 if limit is None else limit, offset],
        ).fetchall()
        return [
            ConversationSummary(
                conversation=row[0],
                started=row[1],
                channel=row[2],
                campaign=row[4],
                turns=int(row[5] or 0),
                booked=bool(row[6]),
                lang=row[7],
                outcome=jsontext.loads(row[8]) if row[8] else None,
            )
            for row in rows
        ]

    def resolve_conversation(self, prefix: str) -> str:
        if not prefix:
            raise ConversationNotFoundError("give a conversation id (see `logs list`)")
        rows = self.db.execute(
            "SELECT DISTINCT conversation FROM events WHERE conversation >= ?"
            " AND conversation < ? LIMIT 2",
            (prefix, prefix + _MAX_CHAR),
        ).fetchall()
        if not rows:
            raise ConversationNotFoundError("no conversation with that id (see `logs list`)")
        if len(rows) > 1:
            raise AmbiguousConversationError("several conversations start so: give more of the id")
        return str(rows[0][0])

    def conversation_events(self, conversation: str) -> list[EventRow]:
        rows = self.db.execute(
            f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE conversation = ? ORDER BY id",
            (conversation,),
        ).fetchall()
        return [_decode(row, EVENT_FIELDS) for row in rows]

    def selection_choices(self) -> dict[str, list[str]]:
        columns = ["campaign", "lang", "channel"]
        if self._bot_column() == "bot":
            columns.append("bot")
        choices = {
            column: [str(v) for (v,) in self.db.execute(
                f"SELECT DISTINCT {column} FROM events WHERE {column} IS NOT NULL"
                f" AND {column} != '' ORDER BY 1"
            )]
            for column in columns
        }  # fmt: skip
        choices.setdefault("bot", [])
        return choices

    @contextlib.contextmanager
    def summary(self, scope: Scope) -> Iterator[SqliteSummary]:
        """One read transaction; the summary is a temporary table (outside the database
        file, so this works on a read-only connection)."""
        condition, params = _where(scope)
        self.db.execute("BEGIN")
        try:
            self.db.execute("DROP TABLE IF EXISTS temp.conv")
            self.db.execute(
                f"""
                CREATE TEMP TABLE conv AS
                SELECT conversation, MIN(at) AS started, MAX(campaign) AS campaign,
                       MAX(channel) AS channel, MAX(lang) AS lang,
                       MAX({self._bot_column()}) AS bot,
                       MAX(kind IN ('option', 'text')) AS answered,
                       MAX(outcome IS NOT NULL) AS reached,
                       MAX(kind = 'booking') AS booked,
                       MAX(id) AS last_id, MAX(at) AS last_at,
                       MAX(CASE WHEN outcome IS NOT NULL THEN id END) AS outcome_id,
                       MIN(CASE WHEN outcome IS NOT NULL THEN at END) AS advised_at
                FROM events
                GROUP BY conversation
                HAVING {condition}
                """,
                params,
            )
            yield SqliteSummary(self.db)
        finally:
            self.db.execute("ROLLBACK")

    def sessions_by_node(self) -> dict[str, int]:
        return _counts(
            self.db,
            "SELECT COALESCE(json_extract(state, '$.node'), '?') AS node, COUNT(*)"
            " FROM sessions WHERE json_valid(state) GROUP BY node ORDER BY node",
        )

    def outbox_depth(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])


class SqliteSummary:
    """``readside.Summary`` over the temporary table ``conv``."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def funnels(self) -> tuple[Funnel, dict[str | None, Funnel]]:
        rows = self.db.execute(
            "SELECT campaign, COUNT(*), SUM(answered), SUM(reached), SUM(booked)"
            " FROM conv GROUP BY campaign ORDER BY COUNT(*) DESC, campaign"
        ).fetchall()
        per_campaign = {row[0]: Funnel(*(int(n or 0) for n in row[1:])) for row in rows}
        return Funnel.total(per_campaign.values()), per_campaign

    def sessions_per_day(self) -> list[tuple[str, int]]:
        rows = self.db.execute(
            "SELECT date(started, 'unixepoch') AS day, COUNT(*) FROM conv GROUP BY day ORDER BY day"
        )
        return [(str(day), int(count)) for day, count in rows]

    def outcomes_by_urgency(self) -> dict[str, int]:
        return _counts(
            self.db,
            "SELECT json_extract(e.outcome, '$.urgency') AS urgency, COUNT(*)"
            " FROM conv JOIN events AS e ON e.id = conv.outcome_id"
            " GROUP BY urgency ORDER BY urgency",
        )

    def outcomes_by_specialist(self) -> dict[str, int]:
        return _counts(
            self.db,
            "SELECT s.value AS specialist, COUNT(*)"
            " FROM conv JOIN events AS e ON e.id = conv.outcome_id,"
            " json_each(e.outcome, '$.specialists') AS s"
            " GROUP BY specialist ORDER BY COUNT(*) DESC, specialist",
        )

    def leaving_nodes(self, quiet_since: float | None = None) -> dict[str, int]:
        quiet = "" if quiet_since is None else " AND conv.last_at < ?"
        return _counts(
            self.db,
            "SELECT COALESCE(e.reply_node, e.node, '?') AS step, COUNT(*)"
            f" FROM conv JOIN events AS e ON e.id = conv.last_id WHERE NOT conv.reached{quiet}"
            " GROUP BY step ORDER BY COUNT(*) DESC, step",
            () if quiet_since is None else (quiet_since,),
        )

    def questions_reached(self) -> dict[str, int]:
        return _counts(
            self.db,
            "SELECT e.reply_node AS step, COUNT(DISTINCT e.conversation)"
            " FROM conv JOIN events AS e ON e.conversation = conv.conversation"
            " WHERE e.reply_node IS NOT NULL GROUP BY step ORDER BY step",
        )

    def times_to_advice(self) -> list[float]:
        rows = self.db.execute(
            "SELECT advised_at - started FROM conv WHERE advised_at IS NOT NULL ORDER BY 1"
        )
        return [float(seconds) for (seconds,) in rows]

    def typed_texts(self) -> Iterator[EventRow]:
        cursor = self.db.execute(
            f"SELECT {', '.join('e.' + c for c in _TYPED_FIELDS)}"
            " FROM conv JOIN events AS e ON e.conversation = conv.conversation"
            " WHERE e.kind = 'text' AND e.value IS NOT NULL ORDER BY e.id"
        )
        for row in _stream(cursor):
            yield _decode(row, _TYPED_FIELDS)

    def unmatched_texts(self) -> Iterator[str]:
        cursor = self.db.execute(
            "SELECT e.value FROM conv JOIN events AS e ON e.conversation = conv.conversation"
            " WHERE e.kind = 'text' AND e.value IS NOT NULL"
            " AND (e.concepts IS NULL OR json_array_length(e.concepts) = 0) ORDER BY e.id"
        )
        for row in _stream(cursor):
            yield str(row[0])

    def concept_scores(self) -> Iterator[float]:
        cursor = self.db.execute(
            "SELECT json_extract(c.value, '$.score')"
            " FROM conv JOIN events AS e ON e.conversation = conv.conversation,"
            " json_each(e.concepts) AS c"
            " WHERE e.kind = 'text' AND e.concepts IS NOT NULL"
        )
        for row in _stream(cursor):
            if isinstance(row[0], int | float):
                yield float(row[0])

    def events(self, chunk_size: int = CHUNK_SIZE) -> Iterator[EventRow]:
        cursor = self.db.execute(
            f"SELECT {', '.join('e.' + c for c in EVENT_FIELDS)} FROM events AS e"
            " WHERE e.conversation IN (SELECT conversation FROM conv) ORDER BY e.at, e.id"
        )
        for row in _stream(cursor, chunk_size):
            yield _decode(row, EVENT_FIELDS)


def _counts(db: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> dict[str, int]:
    """``{key: count}`` of a query that selects the two, in the query's order."""
    return {str(key): int(count) for key, count in db.execute(sql, params)}


class SqliteConsoleRecords:
    """The console's accounts and audit log, on a writable connection of their own (the
    schema's triggers refuse to change or delete an audit entry)."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise EventLogMissingError(f"no database at {path} (set BOT_DATABASE or --database)")
        self.db = sqlite3.connect(path, timeout=5, check_same_thread=False)

    def __enter__(self) -> SqliteConsoleRecords:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def add_operator(self, name: str, password_hash: str, created_at: float) -> None:
        try:
            with self.db:
                self.db.execute(
                    "INSERT INTO operators (name, password_hash, created_at) VALUES (?, ?, ?)",
                    (name, password_hash, created_at),
                )
        except sqlite3.IntegrityError:
            raise OperatorExistsError(name) from None

    def remove_operator(self, name: str) -> bool:
        with self.db:
            return self.db.execute("DELETE FROM operators WHERE name = ?", (name,)).rowcount > 0

    def operators(self) -> list[tuple[str, float]]:
        rows = self.db.execute("SELECT name, created_at FROM operators ORDER BY name")
        return [(str(name), float(created)) for name, created in rows]

    def password_hash(self, name: str) -> str | None:
        row = self.db.execute(
            "SELECT password_hash FROM operators WHERE name = ?", (name,)
        ).fetchone()
        return None if row is None else str(row[0])

    def record(self, at: float, operator: str, action: str, target: str) -> None:
        with self.db:
            self.db.execute(
                "INSERT INTO audit_log (at, operator, action, target) VALUES (?, ?, ?, ?)",
                (at, operator, action, target),
            )

    def audit(self, limit: int) -> list[tuple[float, str, str, str]]:
        rows = self.db.execute(
            "SELECT at, operator, action, target FROM audit_log ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [(float(at), str(who), str(action), str(target)) for at, who, action, target in rows]
