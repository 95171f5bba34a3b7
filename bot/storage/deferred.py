"""A storage that keeps an update's writes back until the update is done, so that its
steps, events, replies and id go to the database in one transaction (``save_update``).

Conversations run unchanged over it: inside ``collecting`` their ``save_session`` calls are
kept in the update's ``UpdateWrites`` (and read back by ``load_session``); outside, every
call goes straight to the storage underneath.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import AbstractAsyncContextManager, contextmanager
from typing import Any

from bot.events import Event
from bot.storage.base import (
    OutboxReply,
    SessionWrite,
    Storage,
    StoredSession,
    UpdateWrites,
)

# The writes of the update the current task handles (each update runs in a task of its own).
_CURRENT: contextvars.ContextVar[UpdateWrites | None] = contextvars.ContextVar(
    "update_writes", default=None
)


class NotCollecting(RuntimeError):
    """A reply was made outside the handling of an update."""


def current_writes() -> UpdateWrites:
    writes = _CURRENT.get()
    if writes is None:
        raise NotCollecting("replies are collected only while an update is handled")
    return writes


def add_reply(reply: OutboxReply) -> None:
    """Queue a reply with the update being handled: it is written with the update's step."""
    current_writes().replies.append(reply)


def discard_current() -> None:
    """Forget what the update being handled has done so far (it failed half-way): only the
    replies queued after this are written, with the update's id."""
    writes = current_writes()
    writes.sessions.clear()
    writes.events.clear()
    writes.replies.clear()


class DeferredStorage:
    """``Storage`` over another one; see the module's doc."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    @contextmanager
    def collecting(self, update_id: int | None) -> Iterator[UpdateWrites]:
        writes = UpdateWrites(update_id)
        token = _CURRENT.set(writes)
        try:
            yield writes
        finally:
            _CURRENT.reset(token)

    async def load_session(self, key: str) -> StoredSession | None:
        found = await self.storage.load_session(key)
        writes = _CURRENT.get()
        if writes is not None and key not in writes.read_versions:
            writes.read_versions[key] = found.version if found is not None else 0
        for kept in writes.sessions if writes is not None else ():
            if kept.key == key:  # as the database will have it: campaign and conversation
                found = StoredSession(  # are kept when a write does not give them
                    key,
                    kept.state,
                    kept.campaign or (found.campaign if found else None),
                    kept.conversation or (found.conversation if found else None),
                )
        return found

    async def save_session(
        self,
        key: str,
        state: dict[str, Any],
        campaign: str | None = None,
        conversation: str | None = None,
        event: Event | None = None,
    ) -> None:
        writes = _CURRENT.get()
        if writes is None:
            await self.storage.save_session(key, state, campaign, conversation, event)
        else:
            writes.sessions.append(SessionWrite(key, state, campaign, conversation, event))

    async def append_event(self, event: Event) -> None:
        writes = _CURRENT.get()
        if writes is None:
            await self.storage.append_event(event)
        else:
            writes.events.append(event)

    async def save_update(self, writes: UpdateWrites) -> None:
        await self.storage.save_update(writes)

    # everything else goes straight through
    async def open(self) -> None:
        await self.storage.open()

    async def close(self) -> None:
        await self.storage.close()

    async def __aenter__(self) -> DeferredStorage:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def schema_version(self) -> int:
        return await self.storage.schema_version()

    async def delete_person(self, person: str) -> dict[str, int]:
        return await self.storage.delete_person(person)

    async def purge(self, older_than: float) -> dict[str, int]:
        return await self.storage.purge(older_than)

    async def mark_update(self, update_id: int) -> bool:
        return await self.storage.mark_update(update_id)

    def unmark_update(self, update_id: int) -> None:
        self.storage.unmark_update(update_id)

    def exclusive(self, chat_id: int | None) -> AbstractAsyncContextManager[None]:
        return self.storage.exclusive(chat_id)

    async def pending_replies(self) -> list[OutboxReply]:
        return await self.storage.pending_replies()

    async def delete_replies(self, reply_ids: list[int]) -> None:
        await self.storage.delete_replies(reply_ids)
