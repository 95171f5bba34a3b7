"""python-telegram-bot's own path for the bot's replies, for ``bench_bypasses.py`` to measure
the bot's shortcuts (``bot.telegram.sending``'s direct calls) against: ``Bot.send_message``
and its kin, each answer read into a ``Message``. The other shortcut's library path is
python-telegram-bot's ``HTTPXRequest`` itself."""

from __future__ import annotations

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode

from bot.telegram.render import Outgoing

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class LibrarySending:
    """``bot.telegram.sending``'s functions, through python-telegram-bot's methods."""

    FUNCTIONS = ("send_message", "edit_message_text", "remove_keyboard", "replace_keyboard")

    @staticmethod
    async def send_message(bot: Bot, chat_id: int, message: Outgoing) -> int:
        sent = await bot.send_message(
            chat_id, message.text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW,
            reply_markup=message.keyboard,
        )  # fmt: skip
        return sent.message_id

    @staticmethod
    async def edit_message_text(bot: Bot, chat_id: int, message_id: int, html_text: str) -> None:
        await bot.edit_message_text(
            html_text, chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML
        )

    @staticmethod
    async def remove_keyboard(bot: Bot, chat_id: int, message_id: int) -> None:
        await bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id)

    @staticmethod
    async def replace_keyboard(
        bot: Bot, chat_id: int, message_id: int, keyboard: InlineKeyboardMarkup
    ) -> None:
        await bot.edit_message_reply_markup(
            chat_id=chat_id, message_id=message_id, reply_markup=keyboard
        )
