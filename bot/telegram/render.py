"""Engine replies as Telegram messages: escaped HTML, split under the length limit, buttons
(their data: ``bot.callback_data``)."""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callback_data import BOOKING, OPTION, callback
from bot.content import Content
from bot.engine import Reply

MAX_MESSAGE_LENGTH = 4096
_ESCAPED = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


@dataclass(frozen=True)
class Outgoing:
    text: str  # HTML
    keyboard: InlineKeyboardMarkup | None = None


def split_html(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """``text`` escaped for HTML, in pieces under ``limit`` once escaped, cut at paragraph,
    then line, then word boundaries.

    Cut before escaping, so that no ``&amp;`` is ever cut in half.
    """
    rest = text.strip()
    whole = escape(rest)
    if len(whole) <= limit:  # nearly always: one message
        return [whole]
    pieces: list[str] = []
    while rest:
        size = fit = 0
        for char in rest:  # how many characters fit once escaped
            size += len(_ESCAPED.get(char, char))
            if size > limit:
                break
            fit += 1
        if fit == len(rest):
            pieces.append(escape(rest))
            break
        # the widest boundary that still fills at least half a message
        cuts = (rest.rfind(sep, 0, fit) for sep in ("\n\n", "\n", " "))
        cut = next((c for c in cuts if c > fit // 2), fit)
        pieces.append(escape(rest[:cut].rstrip()))
        rest = rest[cut:].lstrip()
    return pieces or [""]


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def reply_messages(reply: Reply, content: Content, lang: str) -> list[Outgoing]:
    """The messages for one engine reply; the keyboard goes on the last one."""
    booking = (
        content.text(lang, "ui", "book_button")
        if reply.outcome is not None and reply.booking
        else None
    )
    options = tuple((option.id, option.label) for option in reply.options)
    pieces = split_html(reply.text)
    keyboard = _keyboard(reply.node, options, booking)
    return [Outgoing(p) for p in pieces[:-1]] + [Outgoing(pieces[-1], keyboard)]


@functools.lru_cache(maxsize=1024)
def _keyboard(
    node: str, options: tuple[tuple[str, str], ...], booking: str | None
) -> InlineKeyboardMarkup | None:
    """The buttons of a step: the same for everyone at it, and python-telegram-bot's objects
    cannot be changed, so one is built per step and language and shared."""
    rows = [(label, callback(OPTION, node, option_id)) for option_id, label in options]
    if booking is not None:
        rows.insert(0, (booking, callback(BOOKING)))
    return buttons(rows) if rows else None


def buttons(labels_and_data: Iterable[tuple[str, str]]) -> InlineKeyboardMarkup:
    """One button per row: labels in Russian are long, and a phone screen is narrow."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data)] for label, data in labels_and_data]
    )


def answered_text(question: str, label: str) -> str:
    """The question message after a press: the question, then the chosen answer in bold."""
    answer = f"\n\n<b>› {escape(label)}</b>"
    room = MAX_MESSAGE_LENGTH - len(answer)
    shown = escape(question)
    if len(shown) > room:  # a question split over messages: its last part, then the answer
        shown = split_html(question, room)[-1]
    return shown + answer
