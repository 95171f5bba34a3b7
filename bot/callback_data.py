"""What a button carries back when pressed (its callback data): short, and naming the
question it belongs to, so that a press on an old message can be told apart from a press on
the current one. Outside ``bot.telegram`` and free of python-telegram-bot: the validator
checks dialogue ids with it, and the validator imports no front end."""

from __future__ import annotations

import re

MAX_CALLBACK_DATA = 64  # bytes, Telegram's limit

# callback data kinds
OPTION, LANGUAGE, FORGET, BOOKING = "o", "l", "f", "b"
# how many parts follow each kind: o|node|option, l|language, f|yes, b
PARTS = {OPTION: 2, LANGUAGE: 1, FORGET: 1, BOOKING: 0}


def callback(kind: str, *parts: str) -> str:
    data = "|".join((kind, *parts))
    if len(data.encode()) > MAX_CALLBACK_DATA:
        raise ValueError("button data too long: shorten the node or option id")
    return data


def parse_callback(data: str | None) -> tuple[str, list[str]]:
    """``("o", [node, option])`` and so on; unknown or malformed data gives ``("", [])``."""
    if not data or len(data) > MAX_CALLBACK_DATA:
        return "", []
    kind, *parts = data.split("|")
    if PARTS.get(kind) != len(parts):
        return "", []
    return kind, parts


def pattern(kind: str) -> re.Pattern[str]:
    """The data of a well-formed button of ``kind``, its parts as the match's groups (what
    ``parse_callback`` accepts for that kind): a handler's ``pattern=``."""
    parts = r"\|([^|]*)" * PARTS[kind]
    return re.compile(rf"^(?=.{{1,{MAX_CALLBACK_DATA}}}$){re.escape(kind)}{parts}$", re.DOTALL)
