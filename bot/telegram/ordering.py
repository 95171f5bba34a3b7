"""Each update once; updates from one chat one at a time and in order; chats concurrently."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# ``storage.mark_update``: True the first time an update id is seen
FirstSeen = Callable[[int], Awaitable[bool]]


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Two fast presses of one person give one transition, not two racing ones; an update
    Telegram delivers again (it does, after a restart) is not handled a second time.

    The chat's lock is taken before the shared concurrency slot, so a person who sends many
    messages waits in their own queue and does not occupy the slots other chats need.
    """

    def __init__(self, max_concurrent_updates: int, first_seen: FirstSeen | None = None) -> None:
        super().__init__(max_concurrent_updates)
        self._first_seen = first_seen
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if (
            isinstance(update, Update)
            and self._first_seen is not None
            and not await self._first_seen(update.update_id)
        ):
            if isinstance(coroutine, Coroutine):
                coroutine.close()  # not awaited, on purpose: no "never awaited" warning
            return
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await super().process_update(update, coroutine)
            return
        lock = self._locks.get(chat.id)
        if lock is None:
            lock = self._locks[chat.id] = asyncio.Lock()
        self._waiting[chat.id] = self._waiting.get(chat.id, 0) + 1
        try:
            async with lock:
                await super().process_update(update, coroutine)
        finally:
            self._waiting[chat.id] -= 1
            if not self._waiting[chat.id]:  # keep no lock for chats that went quiet
                del self._waiting[chat.id]
                del self._locks[chat.id]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
