"""What a button carries back when pressed (its callback data): short, and naming the
question it belongs to, so that a press on an old message can be told apart from a press on
the current one. No python-telegram-bot here: the validator checks dialogue ids with it."""

from __future__ import annotations

MAX_CALLBACK_DATA = 64  # bytes, Telegram's limit

# callback data kinds
OPTION, LANGUAGE, FORGET, BOOKING = "o", "l", "f", "b"


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
    expected = {OPTION: 2, LANGUAGE: 1, FORGET: 1, BOOKING: 0}
    if expected.get(kind) != len(parts):
        return "", []
    return kind, parts
