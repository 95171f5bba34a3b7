"""Each update once; updates from one chat one at a time and in order; chats concurrently."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# ``storage.mark_update``: True the first time an update id is seen
FirstSeen = Callable[[int], Awaitable[bool]]
# runs an update's handling (``bot.telegram.updates.UpdateHandling.run``)
Around = Callable[[Update, Awaitable[Any]], Awaitable[None]]
# python-telegram-bot's own limit is set this wide: the real one is taken after the chat's
# lock (below), which python-telegram-bot's cannot be
LIBRARY_LIMIT = 4096


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Two fast presses of one person give one transition, not two racing ones; an update
    Telegram delivers again (it does, after a restart) is not handled a second time.

    The chat's lock is taken before a concurrency slot, so a person who sends many messages
    waits in their own queue and does not occupy the slots other chats need.
    """

    def __init__(
        self,
        max_concurrent_updates: int,
        first_seen: FirstSeen | None = None,
        around: Around | None = None,
        on_done: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(LIBRARY_LIMIT)
        self._slots = asyncio.Semaphore(max_concurrent_updates)
        self._first_seen = first_seen
        self._around = around
        self._on_done = on_done
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if not isinstance(update, Update):
            await coroutine
            return
        try:
            chat = update.effective_chat
            if chat is None:
                await self._once(update, coroutine)
                return
            lock = self._locks.get(chat.id)
            if lock is None:
                lock = self._locks[chat.id] = asyncio.Lock()
            self._waiting[chat.id] = self._waiting.get(chat.id, 0) + 1
            try:
                async with lock:
                    await self._once(update, coroutine)
            finally:
                self._waiting[chat.id] -= 1
                if not self._waiting[chat.id]:  # keep no lock for chats that went quiet
                    del self._waiting[chat.id]
                    del self._locks[chat.id]
        finally:
            if self._on_done is not None:
                self._on_done(update.update_id)

    async def _once(self, update: Update, coroutine: Awaitable[Any]) -> None:
        if self._first_seen is not None and not await self._first_seen(update.update_id):
            if isinstance(coroutine, Coroutine):
                coroutine.close()  # not awaited, on purpose: no "never awaited" warning
            return
        async with self._slots:
            if self._around is None:
                await coroutine
            else:
                await self._around(update, coroutine)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
