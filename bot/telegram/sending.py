"""The bot's own messages on their way to Telegram: sent and edited with
``Bot.do_api_request``, which returns Telegram's answer as it came.

Why not ``send_message`` and its kin: python-telegram-bot turns each answer into a
``Message`` object, setting some 250 attributes one by one (the message's, its sender's, its
chat's, its keyboard's), and the bot needs only the new message's id. Building that object
took about 0.09 ms per message here, more than the engine's turn in a tight loop (0.07 ms).
Kept because it pays on the whole bot: with the JSON bodies of ``bot.telegram.request``, the
bot handled 10-20 % more updates per second than on the library's own path, in every round of
``benchmarks/bench_bypasses.py`` on a quiet machine (figures in ``benchmarks/README.md``).

The rest is python-telegram-bot's as for its own methods: the parameters' encoding, the rate
limiter (a 429 waited out and retried), the errors raised. Not applied, because the bot uses
neither: ``telegram.ext.Defaults`` and the arbitrary callback data cache.
"""

from __future__ import annotations

import warnings
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import EndPointNotFound, InvalidToken
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
    sent = await _call(bot, "sendMessage", parameters)
    return int(sent["message_id"])


async def edit_message_text(bot: Bot, chat_id: int, message_id: int, html_text: str) -> None:
    """Replace a message's text with ``html_text``; Telegram drops its keyboard with it."""
    parameters = {
        "chat_id": chat_id,
        "message_id": message_id,
        "text": html_text,
        "parse_mode": ParseMode.HTML,
    }
    await _call(bot, "editMessageText", parameters)


async def remove_keyboard(bot: Bot, chat_id: int, message_id: int) -> None:
    """Take a message's buttons away; its text stays."""
    parameters = {"chat_id": chat_id, "message_id": message_id}
    await _call(bot, "editMessageReplyMarkup", parameters)


async def replace_keyboard(
    bot: Bot, chat_id: int, message_id: int, keyboard: InlineKeyboardMarkup
) -> None:
    """Redraw a message's buttons (a checklist's ticks); its text stays."""
    parameters = {"chat_id": chat_id, "message_id": message_id, "reply_markup": keyboard}
    await _call(bot, "editMessageReplyMarkup", parameters)


async def _call(bot: Bot, method: str, parameters: dict[str, Any]) -> Any:
    try:
        return await bot.do_api_request(method, api_kwargs=parameters)
    except EndPointNotFound as error:
        # do_api_request takes Telegram's 401/404 for a misspelt method; for these methods
        # it means what send_message would say: the token is wrong or revoked
        if isinstance(error.__cause__, InvalidToken):
            raise error.__cause__ from None
        raise


def expect_direct_calls() -> None:
    """Silence python-telegram-bot's advice to use its own methods for these calls, made
    here on purpose (see above). Only that advice, only for this module; called by
    ``build_application``."""
    warnings.filterwarnings(
        "ignore",
        message=r"Please use 'Bot\.(sendMessage|editMessageText|editMessageReplyMarkup"
        r"|getUpdates)'",
        category=PTBUserWarning,
        module=r"bot\.telegram\.(sending|polling)\Z",
    )
