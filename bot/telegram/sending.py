"""The bot's own messages on their way to Telegram: sent and edited with
``Bot.do_api_request``, which returns Telegram's answer as it came.

Why not ``send_message`` and its kin: python-telegram-bot turns each answer into a
``Message`` object, setting its 200-odd attributes one by one, and the bot needs only the new
message's id. Building that object was 0.1 ms of the event loop per message here, more than
the engine's whole turn; see ``benchmarks/README.md``. Everything else is python-telegram-bot's
as for its own methods: the parameters' encoding, the rate limiter, the errors raised.
"""

from __future__ import annotations

import warnings
from typing import Any

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.warnings import PTBUserWarning

from bot.telegram.render import Outgoing

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def send_message(bot: Bot, chat_id: int, message: Outgoing) -> int:
    """Send ``message`` (HTML, with its keyboard if any); the id Telegram gave it."""
    parameters: dict[str, Any] = {
        "chat_id": chat_id,
        "text": message.text,
        "parse_mode": ParseMode.HTML,
        "link_preview_options": NO_PREVIEW,
    }
    if message.keyboard is not None:
        parameters["reply_markup"] = message.keyboard
    sent = await bot.do_api_request("sendMessage", api_kwargs=parameters)
    return int(sent["message_id"])


async def edit_message_text(bot: Bot, chat_id: int, message_id: int, html_text: str) -> None:
    """Replace a message's text with ``html_text``; Telegram drops its keyboard with it."""
    parameters = {
        "chat_id": chat_id,
        "message_id": message_id,
        "text": html_text,
        "parse_mode": ParseMode.HTML,
    }
    await bot.do_api_request("editMessageText", api_kwargs=parameters)


async def remove_keyboard(bot: Bot, chat_id: int, message_id: int) -> None:
    """Take a message's buttons away; its text stays."""
    parameters = {"chat_id": chat_id, "message_id": message_id}
    await bot.do_api_request("editMessageReplyMarkup", api_kwargs=parameters)


def expect_direct_calls() -> None:
    """Silence python-telegram-bot's advice to use its own methods for these calls: they are
    used on purpose (see above). Only that advice; every other warning stays."""
    warnings.filterwarnings(
        "ignore",
        message=r"Please use 'Bot\.(sendMessage|editMessageText|editMessageReplyMarkup)'",
        category=PTBUserWarning,
    )
