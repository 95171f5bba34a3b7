"""The bot's own messages on their way to Telegram, through python-telegram-bot's methods
(its parameters' encoding, its rate limiter, its errors).

Until issue 20 these went through ``Bot.do_api_request`` to skip building a ``Message`` from
each answer, and as JSON bodies; measured on the whole bot in one run, neither changed its
throughput (``benchmarks/bench_bypasses.py``, figures in ``benchmarks/README.md``).
"""

from __future__ import annotations

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode

from bot.telegram.render import Outgoing

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def send_message(bot: Bot, chat_id: int, message: Outgoing) -> int:
    """Send ``message`` (HTML, with its keyboard if any); the id Telegram gave it."""
    sent = await bot.send_message(
        chat_id, message.text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW,
        reply_markup=message.keyboard,
    )  # fmt: skip
    return sent.message_id


async def edit_message_text(bot: Bot, chat_id: int, message_id: int, html_text: str) -> None:
    """Replace a message's text with ``html_text``; Telegram drops its keyboard with it."""
    await bot.edit_message_text(
        html_text, chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML
    )


async def remove_keyboard(bot: Bot, chat_id: int, message_id: int) -> None:
    """Take a message's buttons away; its text stays."""
    await bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id)


async def replace_keyboard(
    bot: Bot, chat_id: int, message_id: int, keyboard: InlineKeyboardMarkup
) -> None:
    """Redraw a message's buttons (a checklist's ticks); its text stays."""
    await bot.edit_message_reply_markup(
        chat_id=chat_id, message_id=message_id, reply_markup=keyboard
    )
