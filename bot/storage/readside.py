"""The read side: what the operators' tools (``logs``, ``report``, the console, metrics) ask of
the event log, one backend per file (``sqlite_log.py``, ``postgres_log.py``), built by
``open_event_log`` from the same ``BOT_DATABASE`` as the bot's own storage.

The operators' code is synchronous (a command, or a console page in a worker thread), so this
interface is too. It never writes the event log: SQLite is opened read-only, and PostgreSQL's
transactions are read-only (the summary's scratch table is the session's own temporary one).

Words: a *conversation* is one run of the dialogue (``events.conversation``); a person
(``person``, a pseudonym) can have several. A conversation belongs to a period when its first
event does. An event row is a plain ``dict`` with the keys of ``EVENT_FIELDS``; ``concepts``
and ``outcome`` are decoded JSON values, ``at`` a Unix time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Any, Protocol

from bot.storage.url import Database, PostgresDatabase, parse_database

# the fields of an exported or shown event, in the table's order
EVENT_FIELDS: tuple[str, ...] = (
    "id", "conversation", "person", "at", "channel", "lang", "campaign", "node", "kind",
    "value", "concepts", "reply_node", "event", "outcome",
)  # fmt: skip
JSON_FIELDS = ("concepts", "outcome")
# the person's inputs, as opposed to the start of a conversation and the booking button
INPUT_KINDS = ("option", "text", "command")
CHUNK_SIZE = 2000

EventRow = dict[str, Any]


class EventLogMissingError(FileNotFoundError):
    """There is no database where one was expected (the message names the path or the URL
    without its password: configuration, not data)."""


class ConversationNotFoundError(LookupError):
    pass


class AmbiguousConversationError(LookupError):
    pass


@dataclass(frozen=True)
class Scope:
    """Which conversations: those that started in ``[since, until)`` and match every field
    given (None: any). ``without_campaign`` picks those that came without a campaign link."""

    since: float | None = None
    until: float | None = None
    campaign: str | None = None
    without_campaign: bool = False
    lang: str | None = None
    channel: str | None = None
    bot: str | None = None


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


@dataclass(frozen=True)
class Funnel:
    started: int
    answered: int  # answered the first question (any option or typed text)
    reached: int  # reached an outcome (advice, or the emergency rule)
    booked: int  # pressed the booking button

    @classmethod
    def total(cls, parts: Iterable[Funnel]) -> Funnel:
        """The funnel of several groups of conversations together."""
        rows = [astuple(part) for part in parts]
        return cls(*(sum(row[i] for row in rows) for i in range(len(fields(cls)))))


class Summary(Protocol):
    """The conversations of one ``Scope``, summarised once and read from one snapshot of the
    database: every figure agrees with the others while the bot writes on."""

    def funnels(self) -> tuple[Funnel, dict[str | None, Funnel]]:
        """The funnel overall and per campaign (``None``: no campaign link), the largest
        campaign first."""

    def sessions_per_day(self) -> list[tuple[str, int]]:
        """(UTC date, conversations started that day), oldest first; days without any are
        absent."""

    def outcomes_by_urgency(self) -> dict[str, int]:
        """Conversations by the urgency of their last outcome."""

    def outcomes_by_specialist(self) -> dict[str, int]:
        """Conversations referred to each specialist (one may name several), most first."""

    def leaving_nodes(self, quiet_since: float | None = None) -> dict[str, int]:
        """Conversations without an outcome by the step the bot last showed, most first;
        with ``quiet_since``, only those with nothing new since then (not still going on)."""

    def questions_reached(self) -> dict[str, int]:
        """Conversations that were shown each step (the bot went there at least once)."""

    def times_to_advice(self) -> list[float]:
        """Seconds from the first message to the first advice, ascending."""

    def typed_texts(self) -> Iterator[EventRow]:
        """Typed texts that were kept (after consent): ``conversation``, ``node``, ``value``,
        ``concepts``, ``reply_node``, ``event``; in the order they were written."""

    def unmatched_texts(self) -> Iterator[str]:
        """The scrubbed texts the matcher found no concept in."""

    def concept_scores(self) -> Iterator[float]:
        """Every concept score the matcher gave to the typed texts."""

    def events(self, chunk_size: int = CHUNK_SIZE) -> Iterator[EventRow]:
        """Every event of these conversations, oldest first, streamed."""


class EventLog(Protocol):
    """The event log and the figures of the stored sessions, read-only."""

    def close(self) -> None: ...

    def __enter__(self) -> EventLog: ...

    def __exit__(self, *exc: object) -> None: ...

    def schema_version(self) -> int: ...

    def events(
        self, since: float | None = None, until: float | None = None, chunk_size: int = CHUNK_SIZE
    ) -> Iterator[EventRow]:
        """Every event written in ``[since, until)``, oldest first, streamed in chunks from
        one consistent snapshot (memory stays flat however many there are)."""

    def conversations(
        self, scope: Scope, limit: int | None = 50, offset: int = 0
    ) -> list[ConversationSummary]:
        """The conversations of ``scope``, the most recent first."""

    def resolve_conversation(self, prefix: str) -> str:
        """The full id of the one conversation whose id starts with ``prefix``."""

    def conversation_events(self, conversation: str) -> list[EventRow]:
        """One conversation's events, in the order they were written."""

    def selection_choices(self) -> dict[str, list[str]]:
        """The campaigns, languages, channels and bots there are (``bot``: empty where the
        events carry no bot id), each sorted."""

    def summary(self, scope: Scope) -> AbstractContextManager[Summary]:
        """The conversations of ``scope``, summarised once (see ``Summary``)."""

    def sessions_by_node(self) -> dict[str, int]:
        """Stored sessions by the dialogue step they stand at."""

    def outbox_depth(self) -> int:
        """Replies waiting to be sent."""


class OperatorExistsError(ValueError):
    """An operator account of that name exists already."""


class ConsoleRecords(Protocol):
    """The operators' console's own tables: the accounts (a name and a password hash, never
    a password) and the audit log, to which rows are only ever added."""

    def close(self) -> None: ...

    def __enter__(self) -> ConsoleRecords: ...

    def __exit__(self, *exc: object) -> None: ...

    def add_operator(self, name: str, password_hash: str, created_at: float) -> None:
        """A new account; ``OperatorExistsError`` if the name is taken."""

    def remove_operator(self, name: str) -> bool:
        """Whether there was such an account (its audit entries stay)."""

    def operators(self) -> list[tuple[str, float]]:
        """(name, created at) of every account, by name."""

    def password_hash(self, name: str) -> str | None: ...

    def record(self, at: float, operator: str, action: str, target: str) -> None:
        """One audit entry."""

    def audit(self, limit: int) -> list[tuple[float, str, str, str]]:
        """(at, operator, action, target) of the newest ``limit`` entries, newest first."""


def open_console_records(database: Database | str) -> ConsoleRecords:
    """The console's accounts and audit log in ``database`` (which must exist, at the
    newest schema: the bot, or ``prepare_database``, migrates it)."""
    target = parse_database(database)
    if isinstance(target, PostgresDatabase):
        from bot.storage.postgres_log import PostgresConsoleRecords

        return PostgresConsoleRecords(target)
    from bot.storage.sqlite_log import SqliteConsoleRecords

    return SqliteConsoleRecords(Path(target))


def open_event_log(database: Database | str) -> EventLog:
    """The read side of ``database``, open; ``EventLogMissingError`` if it does not exist
    (a mistyped path is reported, never created)."""
    target = parse_database(database)
    if isinstance(target, PostgresDatabase):
        from bot.storage.postgres_log import PostgresEventLog

        return PostgresEventLog(target)
    from bot.storage.sqlite_log import SqliteEventLog

    return SqliteEventLog(Path(target))
