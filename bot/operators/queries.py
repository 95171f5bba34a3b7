"""Read-side SQL over the event log (the write side is ``bot/storage/sqlite.py``).

Every function takes a connection from ``database.connect_readonly``. The words used here:
a *conversation* is one run of the dialogue (``events.conversation``); a person (``person``,
the pseudonym) can have several. A conversation belongs to a period when its first event does.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any

from bot.events import EventKind
from bot.operators.periods import Period
from bot.operators.selection import Selection, as_selection
from bot.storage.sqlite import EVENT_COLUMNS

# the columns of an exported or shown event, in the table's order
COLUMNS: tuple[str, ...] = ("id", *EVENT_COLUMNS)
JSON_COLUMNS = ("concepts", "outcome")
# user inputs, as opposed to the start of a conversation and the booking button
INPUT_KINDS = tuple(str(k) for k in (EventKind.OPTION, EventKind.TEXT, EventKind.COMMAND))
CHUNK_SIZE = 2000
ALL_TIME = Period()
# the highest code point: ``prefix <= id < prefix + MAX_CHAR`` is every id starting with prefix
_MAX_CHAR = "\U0010ffff"


@dataclass(frozen=True)
class ConversationSummary:
    conversation: str
    started: float
    channel: str
    lang: str | None
    campaign: str | None
    turns: int  # the person's inputs: options, typed text, commands
    booked: bool
    outcome: dict[str, Any] | None


class ConversationNotFoundError(LookupError):
    pass


class AmbiguousConversationError(LookupError):
    pass


def _decode(row: sqlite3.Row | tuple[Any, ...], columns: tuple[str, ...]) -> dict[str, Any]:
    event = dict(zip(columns, row, strict=True))
    for column in JSON_COLUMNS:
        if event.get(column) is not None:
            # an unreadable cell is shown as it is rather than hiding the event
            with contextlib.suppress(ValueError):
                event[column] = json.loads(event[column])
    return event


def iter_events(
    db: sqlite3.Connection, period: Period = ALL_TIME, chunk_size: int = CHUNK_SIZE
) -> Iterator[dict[str, Any]]:
    """Every event of the period, oldest first, fetched ``chunk_size`` rows at a time.

    The ``events_at`` index gives the order, so SQLite streams rows without sorting them in
    memory; one read transaction keeps the export consistent while the bot goes on writing.
    """
    condition, params = period.where("at")
    cursor = db.execute(
        f"SELECT {', '.join(COLUMNS)} FROM events WHERE {condition} ORDER BY at, id", params
    )
    for row in _stream(cursor, chunk_size):
        yield _decode(row, COLUMNS)


def list_conversations(
    db: sqlite3.Connection,
    scope: Selection | Period | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> list[ConversationSummary]:
    """The conversations that started in the period (and match the selection), the most
    recent first."""
    condition, params = as_selection(scope).having()
    rows = db.execute(
        f"""
        SELECT conversation, MIN(at) AS started, MAX(channel) AS channel,
               MAX({bot_column(db)}) AS bot, MAX(campaign) AS campaign,
               SUM(kind IN {INPUT_KINDS}), MAX(kind = '{EventKind.BOOKING}'),
               MAX(lang) AS lang,
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
            outcome=json.loads(row[8]) if row[8] else None,
        )
        for row in rows
    ]


def resolve_conversation(db: sqlite3.Connection, prefix: str) -> str:
    """The full id of the conversation whose id starts with ``prefix`` (like git's short ids)."""
    if not prefix:
        raise ConversationNotFoundError("give a conversation id (see `logs list`)")
    rows = db.execute(
        "SELECT DISTINCT conversation FROM events WHERE conversation >= ? AND conversation < ?"
        " LIMIT 2",
        (prefix, prefix + _MAX_CHAR),
    ).fetchall()
    if not rows:
        raise ConversationNotFoundError("no conversation with that id (see `logs list`)")
    if len(rows) > 1:
        raise AmbiguousConversationError("several conversations start so: give more of the id")
    return str(rows[0][0])


def conversation_events(db: sqlite3.Connection, conversation: str) -> list[dict[str, Any]]:
    rows = db.execute(
        f"SELECT {', '.join(COLUMNS)} FROM events WHERE conversation = ? ORDER BY id",
        (conversation,),
    ).fetchall()
    return [_decode(row, COLUMNS) for row in rows]


# --- aggregates for the report ---------------------------------------------------------------


def load_period(db: sqlite3.Connection, scope: Selection | Period | None = None) -> None:
    """Summarise the selected conversations once into a temporary table ``conv``.

    Temporary tables live outside the database file, so this works on a read-only connection;
    the report's queries below then read ``conv`` instead of grouping a million events each.
    """
    condition, params = as_selection(scope).having()
    db.execute("DROP TABLE IF EXISTS temp.conv")
    db.execute(
        f"""
        CREATE TEMP TABLE conv AS
        SELECT conversation, MIN(at) AS started, MAX(campaign) AS campaign,
               MAX(channel) AS channel, MAX(lang) AS lang, MAX({bot_column(db)}) AS bot,
               MAX(kind IN ('{EventKind.OPTION}', '{EventKind.TEXT}')) AS answered,
               MAX(outcome IS NOT NULL) AS reached,
               MAX(kind = '{EventKind.BOOKING}') AS booked,
               MAX(id) AS last_id, MAX(at) AS last_at,
               MAX(CASE WHEN outcome IS NOT NULL THEN id END) AS outcome_id,
               MIN(CASE WHEN outcome IS NOT NULL THEN at END) AS advised_at
        FROM events
        GROUP BY conversation
        HAVING {condition}
        """,
        params,
    )


def iter_selected_events(
    db: sqlite3.Connection, chunk_size: int = CHUNK_SIZE
) -> Iterator[dict[str, Any]]:
    """Every event of the conversations in ``conv`` (see ``load_period``), oldest first."""
    cursor = db.execute(
        f"SELECT {', '.join('e.' + c for c in COLUMNS)} FROM events AS e"
        " WHERE e.conversation IN (SELECT conversation FROM conv) ORDER BY e.at, e.id"
    )
    for row in _stream(cursor, chunk_size):
        yield _decode(row, COLUMNS)


def times_to_advice(db: sqlite3.Connection) -> list[float]:
    """Seconds from the first message to the first advice, per conversation that got one."""
    rows = db.execute(
        "SELECT advised_at - started FROM conv WHERE advised_at IS NOT NULL ORDER BY 1"
    )
    return [float(seconds) for (seconds,) in rows]


def questions_reached(db: sqlite3.Connection) -> dict[str, int]:
    """Conversations that were shown each step (the bot went there at least once)."""
    return _counts(
        db,
        "SELECT e.reply_node AS step, COUNT(DISTINCT e.conversation)"
        " FROM conv JOIN events AS e ON e.conversation = conv.conversation"
        " WHERE e.reply_node IS NOT NULL GROUP BY step ORDER BY step",
    )


def bot_column(db: sqlite3.Connection) -> str:
    """``bot`` where the events carry the id of the bot that handled them (several bots on
    one database); ``NULL`` on a database without that column."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(events)")}
    return "bot" if "bot" in columns else "NULL"


def selection_choices(db: sqlite3.Connection) -> dict[str, list[str]]:
    """The campaigns, languages, channels and bots there are, for the filters' menus."""
    columns = ["campaign", "lang", "channel"]
    if bot_column(db) == "bot":
        columns.append("bot")
    choices = {
        column: [str(v) for (v,) in db.execute(
            f"SELECT DISTINCT {column} FROM events WHERE {column} IS NOT NULL ORDER BY 1"
        )]
        for column in columns
    }  # fmt: skip
    choices.setdefault("bot", [])
    return choices


def typed_texts(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """The selected conversations' typed texts that were kept (after consent), with the step
    they answered, what the matcher found and where the bot went."""
    cursor = db.execute(
        "SELECT e.conversation, e.node, e.value, e.concepts, e.reply_node, e.event"
        " FROM conv JOIN events AS e ON e.conversation = conv.conversation"
        f" WHERE e.kind = '{EventKind.TEXT}' AND e.value IS NOT NULL ORDER BY e.id"
    )
    columns = ("conversation", "node", "value", "concepts", "reply_node", "event")
    for row in _stream(cursor):
        yield _decode(row, columns)


def sessions_per_day(db: sqlite3.Connection) -> list[tuple[str, int]]:
    """(UTC date, conversations started that day), oldest first; days without any are absent."""
    return db.execute(
        "SELECT date(started, 'unixepoch') AS day, COUNT(*) FROM conv GROUP BY day ORDER BY day"
    ).fetchall()


@dataclass(frozen=True)
class Funnel:
    started: int
    answered: int  # answered the first question (any option or typed text)
    reached: int  # reached an outcome (advice, or the emergency rule)
    booked: int  # pressed the booking button


def funnels(db: sqlite3.Connection) -> tuple[Funnel, dict[str | None, Funnel]]:
    """The funnel overall and per campaign (``None``: came without a campaign link)."""
    rows = db.execute(
        "SELECT campaign, COUNT(*), SUM(answered), SUM(reached), SUM(booked)"
        " FROM conv GROUP BY campaign ORDER BY COUNT(*) DESC, campaign"
    ).fetchall()
    per_campaign = {row[0]: Funnel(*(int(n or 0) for n in row[1:])) for row in rows}
    overall = Funnel(
        *(sum(getattr(f, field.name) for f in per_campaign.values()) for field in fields(Funnel))
    )
    return overall, per_campaign


def outcomes_by_urgency(db: sqlite3.Connection) -> dict[str, int]:
    """Conversations by the urgency of their last outcome."""
    return _counts(
        db,
        "SELECT json_extract(e.outcome, '$.urgency') AS urgency, COUNT(*)"
        " FROM conv JOIN events AS e ON e.id = conv.outcome_id GROUP BY urgency",
    )


def outcomes_by_specialist(db: sqlite3.Connection) -> dict[str, int]:
    """Conversations referred to each specialist (one conversation may name several)."""
    return _counts(
        db,
        "SELECT s.value AS specialist, COUNT(*)"
        " FROM conv JOIN events AS e ON e.id = conv.outcome_id,"
        " json_each(e.outcome, '$.specialists') AS s"
        " GROUP BY specialist ORDER BY COUNT(*) DESC, specialist",
    )


def leaving_nodes(db: sqlite3.Connection, quiet_since: float | None = None) -> dict[str, int]:
    """Conversations without an outcome, by the step the bot last showed (where they left);
    with ``quiet_since``, only those with nothing new since that moment (not still going on)."""
    quiet = "" if quiet_since is None else " AND conv.last_at < ?"
    return _counts(
        db,
        "SELECT COALESCE(e.reply_node, e.node, '?') AS step, COUNT(*)"
        f" FROM conv JOIN events AS e ON e.id = conv.last_id WHERE NOT conv.reached{quiet}"
        " GROUP BY step ORDER BY COUNT(*) DESC, step",
        () if quiet_since is None else (quiet_since,),
    )


def unmatched_texts(db: sqlite3.Connection) -> Iterator[str]:
    """The scrubbed texts of the period that the matcher found no concept in."""
    cursor = db.execute(
        "SELECT e.value FROM conv JOIN events AS e ON e.conversation = conv.conversation"
        f" WHERE e.kind = '{EventKind.TEXT}' AND e.value IS NOT NULL"
        " AND (e.concepts IS NULL OR json_array_length(e.concepts) = 0)"
    )
    for row in _stream(cursor):
        yield str(row[0])


def concept_scores(db: sqlite3.Connection) -> Iterator[float]:
    """Every concept score the matcher gave to the period's typed texts."""
    cursor = db.execute(
        "SELECT json_extract(c.value, '$.score')"
        " FROM conv JOIN events AS e ON e.conversation = conv.conversation,"
        " json_each(e.concepts) AS c"
        f" WHERE e.kind = '{EventKind.TEXT}' AND e.concepts IS NOT NULL"
    )
    for row in _stream(cursor):
        if row[0] is not None:
            yield float(row[0])


def _counts(db: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> dict[str, int]:
    """``{key: count}`` of a query that selects the two, in the query's order."""
    return {str(key): int(count) for key, count in db.execute(sql, params)}


def _stream(cursor: sqlite3.Cursor, chunk_size: int = CHUNK_SIZE) -> Iterator[Any]:
    """The cursor's rows, fetched ``chunk_size`` at a time; the cursor is closed after."""
    try:
        while rows := cursor.fetchmany(chunk_size):
            yield from rows
    finally:
        cursor.close()


# --- figures for /metrics, read at scrape time ---------------------------------------------


def sessions_by_node(db: sqlite3.Connection) -> dict[str, int]:
    """Stored sessions by the step they stand at (dialogue node ids: no personal data)."""
    return _counts(
        db,
        "SELECT COALESCE(json_extract(state, '$.node'), '?') AS node, COUNT(*)"
        " FROM sessions WHERE json_valid(state) GROUP BY node ORDER BY node",
    )


def outbox_depth(db: sqlite3.Connection) -> int:
    """Replies waiting in the outbox (a row is deleted once Telegram has accepted it)."""
    return int(db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])


def database_answers(db: sqlite3.Connection) -> bool:
    """Whether the database can be read (for /healthz)."""
    return db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone() is not None
