"""The one small interface every storage backend implements (one backend per file)."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.events import Event


@dataclass
class StoredSession:
    key: str
    state: dict[str, Any]  # ``Session.to_json()``
    campaign: str | None = None
    conversation: str | None = None
    # how many times it was written, where the backend counts (PostgreSQL); 0 otherwise
    version: int = 0


class StorageUnavailableError(RuntimeError):
    """The database cannot be reached or opened; the message is one line, without a
    password."""


class SessionConflict(RuntimeError):
    """Another instance wrote the session after this update read it: nothing of the update
    was written, and it is handled again (on the newer session) when Telegram re-delivers."""


class DuplicateUpdate(RuntimeError):
    """Another instance already wrote this update: nothing of it was written here (its
    replies are that instance's to send)."""


@dataclass
class SessionWrite:
    """One ``save_session`` call, kept back until the update that made it is written."""

    key: str
    state: dict[str, Any]
    campaign: str | None = None
    conversation: str | None = None
    event: Event | None = None


@dataclass
class OutboxReply:
    """One thing the bot says or changes in a chat, waiting in the outbox until Telegram
    accepts it. ``body`` is what to send - the bot's own words and buttons, never the
    person's text; ``person`` (a pseudonym) lets a reply that waited too long be replaced by
    the person's current question."""

    chat_id: int
    body: dict[str, Any]
    person: str | None = None
    created_at: float = 0.0
    id: int = 0  # given by the storage when the reply is written


@dataclass
class UpdateWrites:
    """Everything one Telegram update changes - its session steps with their events, its
    replies, and its id (the de-duplication key) - written in ONE transaction: after a crash
    either all of it is in the database (the update is not handled again, its replies are
    sent) or none of it (the update is handled again when Telegram delivers it again)."""

    update_id: int | None
    sessions: list[SessionWrite] = field(default_factory=list)
    replies: list[OutboxReply] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # outside a step: a booking
    # the version of each session as the update first read it (0: there was none), so that
    # a backend shared by several instances can refuse a write over a newer session
    read_versions: dict[str, int] = field(default_factory=dict)


class Storage(Protocol):
    """Sessions, events and the reply outbox. Keys are pseudonymous ids; nothing stored is
    raw personal data (the outbox holds chat ids only until a reply is delivered)."""

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def __aenter__(self) -> Storage: ...

    async def __aexit__(self, *exc: object) -> None: ...

    async def schema_version(self) -> int: ...

    async def load_session(self, key: str) -> StoredSession | None: ...

    async def save_session(
        self,
        key: str,
        state: dict[str, Any],
        campaign: str | None = None,
        conversation: str | None = None,
        event: Event | None = None,
    ) -> None:
        """Store a session and (atomically) the event of the turn that produced it."""

    async def append_event(self, event: Event) -> None: ...

    async def delete_person(self, person: str) -> dict[str, int]:
        """Delete a person's session, events and undelivered replies; the counts deleted."""

    async def purge(self, older_than: float) -> dict[str, int]:
        """Delete what is older than the retention period; the counts deleted."""

    async def mark_update(self, update_id: int) -> bool:
        """True the first time a Telegram update id is seen (in flight or written)."""

    async def save_update(self, writes: UpdateWrites) -> None:
        """Write an update's sessions, events, replies and id in one transaction; gives each
        reply its ``id``. Raises, having written nothing, if that cannot be done."""

    def unmark_update(self, update_id: int) -> None:
        """Forget an update id ``mark_update`` saw but whose writes failed: handled again
        when Telegram delivers it again."""

    def exclusive(self, chat_id: int | None) -> AbstractAsyncContextManager[None]:
        """Held while one update of ``chat_id`` is handled: no other instance handles an
        update of that chat meanwhile (a no-op where one process owns the database)."""

    async def pending_replies(self) -> list[OutboxReply]:
        """Replies not yet delivered, oldest first (after a restart: what is still owed -
        by this process, or by an instance that is no longer running)."""

    async def delete_replies(self, reply_ids: list[int]) -> None:
        """Take delivered (or undeliverable) replies out of the outbox: with the next write
        of turns, within ``bot.storage.delivered.DELETE_DELAY_SECONDS``, at once on
        ``close``; returns once they are deleted. ``pending_replies`` does not offer them
        meanwhile; after a crash meanwhile it does (at least once, never lost)."""
