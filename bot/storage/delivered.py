"""Delivered replies whose outbox rows wait to be deleted with the next write of turns, for
every backend: deleting a delivered reply then costs no trip to the database of its own
(SQLite: no trip to aiosqlite's thread; PostgreSQL: no round trip and no commit - a wait for
the disk - of its own). At 100 updates/s a write of turns comes every 10 ms.

A backend takes the waiting ids (``take``) into the next write of turns it makes, as a write
of their own - a turn that cannot be written does not keep them back, nor they a turn - and
settles the future it got with them once that write is done. If no write comes within
``DELETE_DELAY_SECONDS``, the backend is asked to make one for them alone (``write_alone``);
``close`` asks at once. A crash meanwhile sends those replies once more after the restart,
as a crash between Telegram's answer and the deletion always could: at least once, never
lost.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import TypeVar

from bot.storage.base import OutboxReply, StorageUnavailableError

DELETE_DELAY_SECONDS = 0.05

Reply = TypeVar("Reply", bound=OutboxReply)


class PendingDeletions:
    """The ids waiting, and the future their callers await; one per storage."""

    def __init__(self, write_alone: Callable[[], None]) -> None:
        # called (from the event loop) when the ids have waited long enough: the backend
        # starts a write, which ``take``s them - unless a write that will is already on its way
        self._write_alone = write_alone
        self._ids: list[int] = []
        self._written: asyncio.Future[None] | None = None
        self._timer: asyncio.TimerHandle | None = None

    def __bool__(self) -> bool:
        return bool(self._ids)

    async def add(self, reply_ids: list[int]) -> None:
        """Wait for ``reply_ids`` to be deleted with the next write of turns."""
        if not reply_ids:
            return
        self._ids.extend(reply_ids)
        if self._written is None:
            loop = asyncio.get_running_loop()
            self._written = loop.create_future()
            self._timer = loop.call_later(DELETE_DELAY_SECONDS, self._due)
        # shielded: a caller that is cancelled must not cancel the others' deletions
        await asyncio.shield(self._written)

    def take(self) -> tuple[list[int], asyncio.Future[None]] | None:
        """The ids waiting, and the future to settle once they are deleted (or could not be);
        None if nothing waits."""
        if not self._ids or self._written is None:
            return None
        self._cancel_timer()
        taken = self._ids, self._written
        self._ids, self._written = [], None
        return taken

    def excluding(self, replies: Iterable[Reply]) -> list[Reply]:
        """``replies`` without those delivered and waiting to be deleted."""
        waiting = set(self._ids)
        return [reply for reply in replies if reply.id not in waiting]

    def flush(self) -> None:
        """Before a close: a write for what waits, now rather than after the delay."""
        if self._ids:
            self._cancel_timer()
            self._write_alone()

    def abandon(self) -> None:
        """The storage is closed: whoever still waits is told; the rows stay in the outbox
        (sent again after the restart)."""
        self._cancel_timer()
        written, self._written, self._ids = self._written, None, []
        if written is not None and not written.done():
            written.set_exception(StorageUnavailableError("the storage was closed"))

    def _due(self) -> None:
        self._timer = None
        if self._ids:
            self._write_alone()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
