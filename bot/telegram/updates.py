"""What "an update is handled" means: its step, events, replies and id are in the database,
in one transaction, and its replies are handed to the sender. Until then Telegram is not
told the update is done (``bot.telegram.polling``), so a crash at any moment loses nothing:
a step is applied at most once, and its reply is delivered at least once."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from telegram import Update

from bot.conversation import Conversations
from bot.telegram.delivery import Sender


def update_type(update: Update) -> str:
    """The kind of an update ("message", "callback_query", ...), never its content."""
    data = update.api_kwargs or {}
    for name in Update.ALL_TYPES:
        if getattr(update, name, None) is not None:
            return str(name)
    return next(iter(data), "unknown")


class UpdateHandling:
    def __init__(self, conversations: Conversations, sender: Sender | None = None) -> None:
        self.conversations = conversations
        self.sender = sender

    async def run(self, update: Update, handling: Awaitable[Any]) -> None:
        chat = update.effective_chat
        replies = await self.conversations.handle_update(
            update.update_id,
            chat.id if chat is not None else None,
            handling,  # python-telegram-bot's handlers and, on a failure, its error handler
            update_type(update),
        )
        if self.sender is not None and replies:
            self.sender.post(replies)
