"""The fake Bot API's data: what the bot sent (messages, calls, transcripts), the updates and
chats it keeps, and the checks Telegram makes on a message (HTML, keyboards, lengths)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Final, NamedTuple

from aiohttp import web

#: The token a :class:`FakeBotApi` accepts unless told otherwise. Shaped like a real one.
DEFAULT_TOKEN: Final = "123456789:AAFakeTokenForTestsOnly_0123456789abcd"

#: Telegram's limit on the text of one message, in characters after entity parsing.
MAX_MESSAGE_LENGTH: Final = 4096
#: Telegram's limit on ``callback_data``, in bytes.
MAX_CALLBACK_DATA_BYTES: Final = 64

# Update kinds Telegram leaves out unless they are asked for in ``allowed_updates``.
_OPT_IN_UPDATES: Final = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


# Tags Telegram's HTML parse mode knows.
_HTML_TAGS: Final = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)

_ERROR_DESCRIPTIONS: Final[Mapping[int, str]] = {
    400: "Bad Request: injected failure",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


class ApiError(Exception):
    """An error answer of the Bot API: raised inside a method handler, sent as Telegram's JSON."""

    def __init__(
        self, error_code: int, description: str, parameters: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = dict(parameters) if parameters else None

    def to_response(self) -> web.Response:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return web.json_response(body, status=self.error_code)


def _bad_request(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


class UploadedFile(NamedTuple):
    """A file part of a multipart request."""

    filename: str | None
    content_type: str
    size: int


@dataclass(frozen=True)
class ApiCall:
    """One request the bot made.

    Attributes:
        method: The method name as sent, e.g. ``"sendMessage"``.
        params: Parameters, decoded: JSON encoded form values are parsed back to numbers,
            booleans, lists and dicts, so ``params["reply_markup"]`` is a dict.
        time: :func:`time.monotonic` when the request arrived.
        content_type: The request's content type (empty when it had no body).
        status: The HTTP status the server answered with.
        files: File parts of a multipart request, by field name.
    """

    method: str
    params: Mapping[str, Any]
    time: float
    content_type: str
    status: int = 200
    files: Mapping[str, UploadedFile] = field(default_factory=dict)


class Button(NamedTuple):
    """A keyboard button as a user sees it: its label and its callback data or url.

    It compares equal to a plain tuple, so ``keyboard == [[("Yes", "yes"), ("No", "no")]]``.
    ``data`` is ``None`` for a reply-keyboard button (pressing it sends its label as text).
    """

    text: str
    data: str | None


@dataclass
class BotMessage:
    """A message the bot sent, as it is now (edits applied).

    The object is live: a later edit changes :attr:`text` and :attr:`reply_markup`;
    :attr:`history` keeps every text it had, first as sent.
    """

    chat_id: int
    message_id: int
    text: str
    raw_text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    date: int
    sent_at: float
    history: list[str] = field(default_factory=list)
    edit_date: int | None = None
    deleted: bool = False

    @property
    def keyboard(self) -> list[list[Button]]:
        """The buttons, row by row: inline buttons with their callback data or url, or a reply
        keyboard's buttons with ``data=None``; empty without a keyboard."""
        return _keyboard_rows(self.reply_markup)

    @property
    def is_inline_keyboard(self) -> bool:
        return bool(self.reply_markup and self.reply_markup.get("inline_keyboard"))

    def __str__(self) -> str:
        return _describe("bot", self.text, self.keyboard)


@dataclass(frozen=True)
class TranscriptEntry:
    """One event in a chat: ``sender`` is ``"user"`` or ``"bot"``; ``kind`` is ``"text"``,
    ``"command"``, ``"press"``, ``"sticker"``, ... for the user and ``"message"``, ``"edit"``,
    ``"delete"``, ``"answer"`` (a callback query answer) for the bot."""

    sender: str
    kind: str
    text: str
    message_id: int | None = None
    keyboard: tuple[tuple[Button, ...], ...] = ()

    def __str__(self) -> str:
        label = self.sender if self.kind in ("text", "message") else f"{self.sender} {self.kind}"
        return _describe(label, self.text, [list(row) for row in self.keyboard])


def _describe(label: str, text: str, keyboard: Sequence[Sequence[Button]]) -> str:
    shown = text if len(text) <= 300 else text[:300] + "…"
    line = f"{label}> {shown}"
    if keyboard:
        line += "  " + " / ".join(" | ".join(f"[{b.text}]" for b in row) for row in keyboard)
    return line


def _keyboard_rows(markup: Mapping[str, Any] | None) -> list[list[Button]]:
    if not markup:
        return []
    if "inline_keyboard" in markup:
        return [
            [
                Button(
                    str(button.get("text", "")),
                    button.get("callback_data", button.get("url")),
                )
                for button in row
            ]
            for row in markup["inline_keyboard"]
        ]
    if "keyboard" in markup:
        return [
            [
                Button(button if isinstance(button, str) else str(button.get("text", "")), None)
                for button in row
            ]
            for row in markup["keyboard"]
        ]
    return []


class _TelegramHTML(HTMLParser):
    """Turns Telegram HTML into the plain text a user reads; notes what Telegram would refuse."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open_tags: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS:
            self.error = self.error or f'Unsupported start tag "{tag}"'
        self.open_tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.error = self.error or f'Unsupported start tag "{tag}"'

    def handle_endtag(self, tag: str) -> None:
        if not self.open_tags or self.open_tags[-1] != tag:
            self.error = self.error or f'Unexpected end tag "{tag}"'
        else:
            self.open_tags.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _message_text(params: Mapping[str, Any]) -> tuple[str, str | None, str]:
    """(text as sent, parse mode, text as shown), refused as Telegram refuses it."""
    raw_text = str(params.get("text") or "")
    parse_mode = params.get("parse_mode") or None
    text = _plain_text(raw_text, parse_mode)
    if not text.strip():
        raise _bad_request("message text is empty")
    if len(text) > MAX_MESSAGE_LENGTH:
        raise _bad_request("message is too long")
    return raw_text, parse_mode, text


def _plain_text(text: str, parse_mode: str | None) -> str:
    """The text as the user reads it. HTML is checked roughly as Telegram does; Markdown is
    kept as sent (its escaping rules are not emulated)."""
    if not parse_mode or parse_mode.upper() != "HTML":
        return text
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    if parser.error is None and parser.open_tags:
        parser.error = f'Can\'t find end tag corresponding to start tag "{parser.open_tags[-1]}"'
    if parser.error:
        raise _bad_request(f"can't parse entities: {parser.error}")
    return "".join(parser.parts)


@dataclass
class _Pending:
    update: dict[str, Any]
    redelivery: bool = False
    delivered: bool = False

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])

    @property
    def kind(self) -> str:
        return next(key for key in self.update if key != "update_id")


@dataclass
class _Fault:
    error: ApiError
    chat_id: int | None = None  # only calls about this chat, or any
    delay: float = 0.0


@dataclass
class _Chat:
    info: dict[str, Any]
    next_message_id: int = 1
    bot_messages: list[BotMessage] = field(default_factory=list)
    user_messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    transcript: list[TranscriptEntry] = field(default_factory=list)
    blocked: bool = False

    def take_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


def _frozen(rows: Iterable[Iterable[Button]]) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(row) for row in rows)


def _chat_id(params: Mapping[str, Any]) -> int | None:
    """The chat a call is about, if it names one by number."""
    try:
        return int(params["chat_id"])
    except (KeyError, TypeError, ValueError):
        return None


def _int_param(params: Mapping[str, Any], name: str, default: int) -> int:
    value = params.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad_request(f"invalid {name}") from None


def _float_param(params: Mapping[str, Any], name: str, default: float) -> float:
    value = params.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except (TypeError, ValueError):
        raise _bad_request(f"invalid {name}") from None


def _check_markup(value: Any) -> dict[str, Any] | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise _bad_request("can't parse reply keyboard markup JSON object") from None
    if not isinstance(value, dict):
        raise _bad_request("can't parse reply keyboard markup JSON object")
    for row in value.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA_BYTES:
                raise _bad_request("BUTTON_DATA_INVALID")
            if not str(button.get("text", "")).strip():
                raise _bad_request("text buttons are unallowed in the inline keyboard")
    return value
