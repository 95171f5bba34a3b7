"""What "an update is handled" means: its step, events, replies and id are in the database,
in one transaction, and its replies are handed to the sender. Until then Telegram is not
told the update is done (``bot.telegram.polling``), so a crash at any moment loses nothing:
a step is applied at most once, and its reply is delivered at least once."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import Any

from telegram import Update

from bot.storage.base import DuplicateUpdate
from bot.storage.deferred import DeferredStorage
from bot.telegram.delivery import Sender

logger = logging.getLogger(__name__)


def update_type(update: Update) -> str:
    """The kind of an update ("message", "callback_query", ...), never its content."""
    data = update.api_kwargs or {}
    for name in Update.ALL_TYPES:
        if getattr(update, name, None) is not None:
            return str(name)
    return next(iter(data), "unknown")


class UpdateHandling:
    def __init__(self, storage: DeferredStorage, sender: Sender | None = None) -> None:
        self.storage = storage
        self.sender = sender

    async def run(self, update: Update, handling: Awaitable[Any]) -> None:
        chat = update.effective_chat
        # several instances on one database: one of them at a time handles a chat's update
        async with self.storage.exclusive(chat.id if chat is not None else None):
            with self.storage.collecting(update.update_id) as writes:
                await handling  # python-telegram-bot's handlers and, on a failure, error handler
            try:
                await self.storage.save_update(writes)
            except DuplicateUpdate:
                # Telegram's re-delivery reached another instance too, and that one was first
                logger.info("update %s was handled by another instance", update.update_id)
                return
            except Exception as error:
                # nothing of the update is stored: Telegram delivers it again, and it is handled
                self.storage.unmark_update(update.update_id)
                logger.error(
                    "update %s (%s) could not be stored: %s",
                    update.update_id, update_type(update), type(error).__name__,
                )  # fmt: skip
                raise
        if self.sender is not None and writes.replies:
            self.sender.post(writes.replies)
