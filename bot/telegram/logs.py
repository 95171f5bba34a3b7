"""Quiet, safe logs.

- ``ContentFilter`` sits on the log handler, so it sees every record of every logger at
  every level: a library's record keeps only its format and harmless arguments (numbers,
  short names); anything that could be an update, a message or a person's text is replaced
  by its type's name, and an exception keeps its type and code frames, never its message
  (a message can quote data). Known secrets (the bot token) are masked in every line.
- ``warn_throttled``: an expected condition (Telegram busy, a 429) at WARNING, one line, at
  most once a minute per kind, with the count of those left out.
- ``BOT_LOG_FORMAT=json``: one JSON object per line, for a log collector.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import traceback
from typing import IO, Any

OWN_LOGGERS = ("bot", "__main__")
# an argument a library may log as it is: a number, or a short word-like name (a method, a
# class); a longer or freer string could be someone's text
_SAFE_TEXT = re.compile(r"[\w.:/-]{0,40}")
THROTTLE_SECONDS = 60.0
HANDLER_NAME = "bot"


class ContentFilter(logging.Filter):
    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(OWN_LOGGERS):
            record.msg = str(record.msg) if _is_safe(record.msg) else _kind(record.msg)
            if isinstance(record.args, dict):
                record.args = {key: _safe(value) for key, value in record.args.items()}
            elif record.args:
                record.args = tuple(_safe(value) for value in record.args)
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            frames = "".join(traceback.format_tb(error.__traceback__))
            record.exc_text = f"Traceback (frames only):\n{frames}{type(error).__name__}"
            record.exc_info = None
        if self.secrets:
            message = record.getMessage()
            for secret in self.secrets:
                message = message.replace(secret, "***")
            record.msg, record.args = message, None
            if record.exc_text:
                for secret in self.secrets:
                    record.exc_text = record.exc_text.replace(secret, "***")
        return True


def _is_safe(value: object) -> bool:
    # a library's format string is its own words; a non-string "message" may be anything
    return isinstance(value, str)


def _safe(value: object) -> object:
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, str) and _SAFE_TEXT.fullmatch(value):
        return value
    if isinstance(value, BaseException):
        return type(value).__name__
    return _kind(value)


class _Hidden(str):
    """What stands for a hidden value, the same with %s and %r."""

    def __repr__(self) -> str:
        return str(self)


def _kind(value: object) -> str:
    return _Hidden(f"<{type(value).__name__}>")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:
            line["exception"] = record.exc_text
        elif record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure_logging(secrets: tuple[str, ...] = (), stream: IO[str] | None = None) -> None:
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContentFilter(secrets))
    if os.environ.get("BOT_LOG_FORMAT", "").strip().lower() == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name(HANDLER_NAME)
    root = logging.getLogger()
    for old in list(root.handlers):
        if old.get_name() == HANDLER_NAME:  # configured before: replaced, not doubled
            root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # httpx logs every request URL at INFO, and the URL contains the bot token
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # python-telegram-bot logs its base URL (with the token) at DEBUG
    logging.getLogger("telegram").setLevel(logging.INFO)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


_last_warned: dict[str, tuple[float, int]] = {}


def warn_throttled(logger: logging.Logger, kind: str, message: str, *args: object) -> None:
    """One WARNING line for an expected condition; repeats within a minute are counted and
    told with the next line that is logged."""
    now = time.monotonic()
    last, left_out = _last_warned.get(kind, (-THROTTLE_SECONDS, 0))
    if now - last < THROTTLE_SECONDS:
        _last_warned[kind] = (last, left_out + 1)
        return
    _last_warned[kind] = (now, 0)
    if left_out:
        message += f" ({left_out} more like it left out)"
    logger.warning(message, *args)
