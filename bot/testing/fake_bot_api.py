"""A small fake Telegram Bot API server for tests, on 127.0.0.1.

A real python-telegram-bot :class:`~telegram.ext.Application` talks HTTP to it exactly as it
talks to Telegram: long polling with ``getUpdates``, ``sendMessage``, ``editMessageText`` and
so on. The test injects updates (a user types, presses a button, sends a sticker) and reads back
what the bot did (every API call, and every chat's messages with their current text and
keyboard, edits applied).

.. code:: python

    from telegram.ext import AIORateLimiter, ApplicationBuilder

    from bot.testing import FakeBotApi, running_application

    async def test_start() -> None:
        async with FakeBotApi() as server:
            application = (
                ApplicationBuilder()
                .token(server.token)
                .base_url(server.base_url)
                .rate_limiter(AIORateLimiter(max_retries=3))
                .build()
            )
            application.add_handler(...)
            user = server.user(user_id=1001, first_name="Anna", language_code="ru")
            async with running_application(application):
                await user.send_command("start", payload="spring_promo")
                reply = await user.next_reply(timeout=5)
                assert "Здравствуйте" in reply.text
                await user.press("Yes")

Behaviour follows the real Bot API where a bot's mistakes would show: sending to an unknown
chat, an empty or too long text, an edit that changes nothing, callback data over 64 bytes,
HTML that does not parse, and answering an unknown callback query all answer 400 as Telegram
does; ``editMessageText`` without ``reply_markup`` removes the inline keyboard, as Telegram
does. Methods that are not implemented answer 404 ``Not Found: method X``.

The server never logs a token or a message text; at DEBUG it logs method names only.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, NamedTuple, Self

from aiohttp import web

if TYPE_CHECKING:
    from bot.testing.user import FakeUser

__all__ = [
    "DEFAULT_TOKEN",
    "ApiCall",
    "BotMessage",
    "Button",
    "FakeBotApi",
    "TranscriptEntry",
    "UploadedFile",
]

_LOGGER = logging.getLogger(__name__)

#: The token a :class:`FakeBotApi` accepts unless told otherwise. Shaped like a real one.
DEFAULT_TOKEN: Final = "123456789:AAFakeTokenForTestsOnly_0123456789abcd"

#: Telegram's limit on the text of one message, in characters after entity parsing.
MAX_MESSAGE_LENGTH: Final = 4096
#: Telegram's limit on ``callback_data``, in bytes.
MAX_CALLBACK_DATA_BYTES: Final = 64

# Update kinds Telegram leaves out unless they are asked for in ``allowed_updates``.
_OPT_IN_UPDATES: Final = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

# Parameters that are plain strings on the wire. All other form values are JSON encoded by
# python-telegram-bot (numbers, booleans, objects), see telegram.request.RequestParameter.
_STRING_PARAMS: Final = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "inline_message_id",
        "action",
        "language_code",
        "secret_token",
        "ip_address",
        "message_effect_id",
        "business_connection_id",
        "description",
        "short_description",
    }
)

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


# getUpdates is async and also gets the request; every other method is a plain function.
MethodHandler = Callable[..., Any]


class FakeBotApi:
    """A fake Telegram Bot API server on ``127.0.0.1`` (a free port unless given).

    Use it as an async context manager, or call :meth:`start` and :meth:`stop`. Point the
    application at it with ``ApplicationBuilder().token(server.token).base_url(server.base_url)``.

    Args:
        token: The one bot token the server accepts; any other answers 401 Unauthorized.
        bot_username: The username ``getMe`` reports.
        bot_first_name: The name ``getMe`` reports.
        port: The port to listen on; ``0`` picks a free one.

    Attributes:
        calls: Every request that reached a method (known or not), in order.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "triage_test_bot",
        bot_first_name: str = "Triage Test Bot",
        port: int = 0,
    ) -> None:
        self.token = token
        head = token.split(":", 1)[0]
        self.bot_user: dict[str, Any] = {
            "id": int(head) if head.isdigit() else 123456789,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.calls: list[ApiCall] = []
        self.webhook_url: str = ""
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self._port = port
        self._runner: web.AppRunner | None = None
        self._chats: dict[int, _Chat] = {}
        self._pending: list[_Pending] = []
        self._sent_updates: dict[int, dict[str, Any]] = {}
        self._next_update_id = 100_001
        self._next_callback_id = 1
        self._allowed_updates: frozenset[str] | None = None
        self._poll_generation = 0
        self._failures: dict[str, list[_Fault]] = {}
        self._held: set[str] = set()
        self._released = asyncio.Event()
        # who waits for a change: of anything (key None), or of one chat's messages
        self._waiters: dict[int | None, list[asyncio.Future[None]]] = {}
        self._closing = False
        self._methods: dict[str, MethodHandler] = {
            "getme": self._get_me,
            "getupdates": self._get_updates,
            "deletewebhook": self._delete_webhook,
            "setwebhook": self._set_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "answercallbackquery": self._answer_callback_query,
            "sendchataction": self._true,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "setmydescription": self._true,
            "setmyshortdescription": self._true,
            "setchatmenubutton": self._true,
            "close": self._true,
            "logout": self._true,
        }

    # --- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Start listening on 127.0.0.1."""
        if self._runner is not None:
            return
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self._handle)
        # access_log=None: the access log line would contain the token.
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", self._port)
        await site.start()
        self._runner = runner
        sockets = site._server.sockets if site._server else ()  # type: ignore[union-attr]
        self._port = sockets[0].getsockname()[1]
        self._closing = False
        _LOGGER.debug("Fake Bot API listening on 127.0.0.1:%d", self._port)

    async def stop(self) -> None:
        """Answer pending long polls and stop listening."""
        if self._runner is None:
            return
        self._closing = True
        self._notify()
        await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        """The ``base_url`` for python-telegram-bot: ``http://127.0.0.1:PORT/bot``."""
        if self._runner is None:
            raise RuntimeError("FakeBotApi is not started")
        return f"http://127.0.0.1:{self._port}/bot"

    # --- what the bot did ------------------------------------------------------------------

    def calls_of(self, method: str) -> list[ApiCall]:
        """The calls of one method (case-insensitive name), in order."""
        wanted = method.lower()
        return [call for call in self.calls if call.method.lower() == wanted]

    def messages(self, chat_id: int) -> list[BotMessage]:
        """Messages the bot sent to a chat, oldest first, deleted ones included."""
        chat = self._chats.get(chat_id)
        return list(chat.bot_messages) if chat else []

    def message_count(self, chat_id: int) -> int:
        """How many messages the bot has sent to a chat (cheap: for polling predicates)."""
        chat = self._chats.get(chat_id)
        return len(chat.bot_messages) if chat else 0

    def transcript(self, chat_id: int) -> list[TranscriptEntry]:
        """What happened in a chat, in order: the user's messages and presses, the bot's
        messages, edits, deletions and callback answers."""
        chat = self._chats.get(chat_id)
        return list(chat.transcript) if chat else []

    @property
    def last_update_id(self) -> int:
        """The ``update_id`` of the latest update added."""
        return self._next_update_id - 1

    def is_pending(self, update_id: int) -> bool:
        """Whether an update is still queued: not yet fetched, or fetched but not confirmed by
        a later ``getUpdates`` offset."""
        return any(entry.update_id == update_id for entry in self._pending)

    def fail_next(
        self,
        method: str,
        error_code: int = 429,
        retry_after: int = 1,
        *,
        description: str | None = None,
        times: int = 1,
        chat_id: int | None = None,
        delay: float = 0.0,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` (about ``chat_id`` only, if given) with
        an error instead of doing them, after ``delay`` seconds.

        A 429 answers as Telegram does, with ``parameters.retry_after``, so that
        python-telegram-bot raises :class:`telegram.error.RetryAfter`::

            {"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 1",
             "parameters": {"retry_after": 1}}
        """
        text = description or _ERROR_DESCRIPTIONS.get(error_code, "Injected failure")
        parameters = None
        if error_code == 429:
            text = text.format(retry_after=retry_after)
            parameters = {"retry_after": retry_after}
        queue = self._failures.setdefault(method.lower(), [])
        queue.extend(
            _Fault(ApiError(error_code, text, parameters), chat_id, delay) for _ in range(times)
        )

    def time_out_next(self, method: str, seconds: float, *, times: int = 1) -> None:
        """Let the next ``times`` calls of ``method`` wait ``seconds`` and then fail with a 500,
        NOT done: a client whose read timeout is shorter sees a timeout."""
        self.fail_next(method, 500, delay=seconds, times=times)

    def hold(self, *methods: str) -> None:
        """Keep calls of ``methods`` waiting, not done, until :meth:`release`; a call whose
        client went away meanwhile (it was killed) is then dropped, never done."""
        self._held.update(method.lower() for method in methods)
        self._released.clear()

    def release(self) -> None:
        self._held.clear()
        self._released.set()

    async def wait_for_call(
        self,
        method: str,
        *,
        since: int = 0,
        where: Callable[[ApiCall], bool] | None = None,
        timeout: float = 5.0,
    ) -> ApiCall:
        """Wait for a call of ``method`` at index ``since`` or later in :attr:`calls` (take
        ``since=len(server.calls)`` before acting to see only new ones) that ``where`` accepts.

        Raises:
            AssertionError: When none came within ``timeout`` seconds.
        """
        wanted = method.lower()

        def find() -> ApiCall | None:
            for call in self.calls[since:]:
                if call.method.lower() == wanted and (where is None or where(call)):
                    return call
            return None

        if not await self.wait_until(lambda: find() is not None, timeout):
            seen = ", ".join(call.method for call in self.calls[since:][-10:]) or "none"
            raise AssertionError(
                f"no {method} call within {timeout:g} s; last calls since #{since}: {seen}"
            )
        result = find()
        assert result is not None
        return result

    async def wait_until(
        self, predicate: Callable[[], bool], timeout: float, *, chat_id: int | None = None
    ) -> bool:
        """Wait until ``predicate()`` is true, re-checking whenever the server's state changes
        (a call arrived, an update was added). Returns ``False`` after ``timeout`` seconds.

        With ``chat_id``, re-check only on calls about that chat: for a predicate that
        depends on nothing else, so that many users waiting at once do not wake each other.
        """
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                while not predicate():
                    waiter: asyncio.Future[None] = loop.create_future()
                    self._waiters.setdefault(chat_id, []).append(waiter)
                    try:
                        await waiter
                    finally:  # when woken, ``_notify`` has taken it out already
                        with contextlib.suppress(ValueError):
                            self._waiters[chat_id].remove(waiter)
        except TimeoutError:
            return predicate()
        return True

    def _notify(self, chat_id: int | None = None) -> None:
        """Wake who waits for any change, and who waits for ``chat_id`` (everyone if None)."""
        keys = list(self._waiters) if chat_id is None else [None, chat_id]
        for key in keys:
            waiters = self._waiters.get(key)
            if not waiters:
                continue
            self._waiters[key] = []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)

    # --- users and chats -------------------------------------------------------------------

    def user(
        self,
        user_id: int = 1001,
        first_name: str = "Test",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> FakeUser:
        """A :class:`~bot.testing.user.FakeUser` that talks to the bot in a private chat."""
        # Imported here: user.py imports this module.
        from bot.testing.user import FakeUser

        return FakeUser(
            self,
            user_id=user_id,
            first_name=first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )

    def user_object(
        self,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
    ) -> dict[str, Any]:
        """A Bot API ``User`` object for a person; also opens their private chat."""
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        private = {
            key: user[key] for key in ("id", "first_name", "last_name", "username") if key in user
        }
        self.chat(private | {"type": "private"})
        return user

    def chat(self, info: Mapping[str, Any]) -> dict[str, Any]:
        """Register a chat (a Bot API ``Chat`` object) so the bot may send to it; returns it.

        Groups and channels have negative ids: ``{"id": -1001, "type": "group", "title": "X"}``.
        """
        chat_id = int(info["id"])
        if chat_id not in self._chats:
            self._chats[chat_id] = _Chat(info=dict(info))
        return self._chats[chat_id].info

    def set_blocked(self, chat_id: int, blocked: bool = True) -> None:
        """Make sending to this chat answer 403 "Forbidden: bot was blocked by the user"."""
        self._chat(chat_id).blocked = blocked

    def _chat(self, chat_id: int) -> _Chat:
        try:
            return self._chats[chat_id]
        except KeyError:
            raise _bad_request("chat not found") from None

    # --- injecting updates -----------------------------------------------------------------

    def add_update(self, kind: str, payload: Mapping[str, Any]) -> dict[str, Any]:
        """Queue a raw update ``{"update_id": N, kind: payload}`` for ``getUpdates``; returns it.

        The helpers below build the usual kinds; use this one for anything else
        (``my_chat_member``, ``message_reaction``, ...).
        """
        update = {"update_id": self._next_update_id, kind: dict(payload)}
        self._next_update_id += 1
        self._sent_updates[update["update_id"]] = update
        self._pending.append(_Pending(update))
        chat = payload.get("chat") or payload.get("message", {}).get("chat") or {}
        chat_id = chat.get("id") if isinstance(chat, dict) else None  # malformed on purpose?
        self._notify(chat_id if isinstance(chat_id, int) else None)
        return update

    def add_duplicate(self, update_id: int) -> dict[str, Any]:
        """Deliver an already sent update again with the same ``update_id``, as Telegram does
        when it was not confirmed (a crash, a webhook retry). The server does not dedupe: the
        bot must. The copy is delivered in a ``getUpdates`` answer of its own."""
        original = self._sent_updates[update_id]
        copy = json.loads(json.dumps(original))
        self._pending.append(_Pending(copy, redelivery=True))
        self._notify()
        return copy

    def add_message(
        self,
        chat: Mapping[str, Any],
        from_user: Mapping[str, Any] | None,
        *,
        text: str | None = None,
        entities: Sequence[Mapping[str, Any]] | None = None,
        extra: Mapping[str, Any] | None = None,
        kind: str = "message",
        transcript_kind: str = "text",
        transcript_text: str | None = None,
    ) -> dict[str, Any]:
        """Queue a message update from a user (or, with ``from_user=None`` and
        ``kind="channel_post"``, a channel post); returns the ``Message`` object."""
        self.chat(chat)
        state = self._chats[int(chat["id"])]
        message: dict[str, Any] = {
            "message_id": state.take_message_id(),
            "date": int(time.time()),
            "chat": dict(state.info),
        }
        if from_user is not None:
            message["from"] = dict(from_user)
        elif kind == "channel_post":
            message["sender_chat"] = dict(state.info)
        if text is not None:
            message["text"] = text
        if entities:
            message["entities"] = [dict(entity) for entity in entities]
        if extra:
            message.update(extra)
        state.user_messages[message["message_id"]] = message
        state.transcript.append(
            TranscriptEntry(
                "user",
                transcript_kind,
                transcript_text if transcript_text is not None else text or "",
                message["message_id"],
            )
        )
        self.add_update(kind, message)
        return message

    def add_edited_message(self, chat_id: int, message_id: int, text: str) -> dict[str, Any]:
        """Queue an ``edited_message`` update: the user edited their message ``message_id``."""
        state = self._chat(chat_id)
        original = state.user_messages[message_id]
        edited = dict(original, text=text, edit_date=int(time.time()))
        edited.pop("entities", None)
        state.user_messages[message_id] = edited
        state.transcript.append(TranscriptEntry("user", "edit", text, message_id))
        kind = "edited_channel_post" if original["chat"]["type"] == "channel" else "edited_message"
        self.add_update(kind, edited)
        return edited

    def add_callback_query(
        self,
        from_user: Mapping[str, Any],
        message: BotMessage,
        data: str,
        *,
        label: str | None = None,
    ) -> dict[str, Any]:
        """Queue a ``callback_query`` as if ``from_user`` pressed a button with ``data`` under
        ``message``; returns the ``CallbackQuery`` object (its ``id`` is what the bot must
        answer). ``data`` is not checked against the keyboard, so forged data can be sent."""
        state = self._chat(message.chat_id)
        query = {
            "id": str(self._next_callback_id),
            "from": dict(from_user),
            "message": self._message_object(state, message),
            "chat_instance": f"ci{message.chat_id}",
            "data": data,
        }
        self._next_callback_id += 1
        shown = f"[{label}]" if label is not None else f"data={data!r}"
        state.transcript.append(TranscriptEntry("user", "press", shown, message.message_id))
        self.add_update("callback_query", query)
        return query

    # --- the HTTP side ---------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["path"]
        head, _, method = path.partition("/")
        if not head.startswith("bot") or not method or "/" in method:
            return ApiError(404, "Not Found").to_response()
        if head[3:] != self.token:
            return ApiError(401, "Unauthorized").to_response()
        try:
            params, files = await _read_params(request)
        except ApiError as error:
            return error.to_response()
        content_type = request.content_type if request.body_exists else ""
        arrived = time.monotonic()
        _LOGGER.debug("Fake Bot API call %s", method)

        if method.lower() in self._held:
            await self._released.wait()
            if request.transport is None or request.transport.is_closing():
                return web.Response(status=499)  # the client is gone: nothing done
        fault = self._take_fault(method, params)
        if fault is not None:
            error = fault.error
            self._record(ApiCall(method, params, arrived, content_type, error.error_code, files))
            if fault.delay:
                await asyncio.sleep(fault.delay)
            return error.to_response()

        handler = self._methods.get(method.lower())
        if handler is None:
            error = ApiError(404, f"Not Found: method {method}")
            self._record(ApiCall(method, params, arrived, content_type, 404, files))
            return error.to_response()
        # getUpdates is recorded on arrival: a test may wait for the bot to start polling.
        index = len(self.calls)
        self._record(ApiCall(method, params, arrived, content_type, 200, files))
        try:
            if handler == self._get_updates:
                result = await self._get_updates(params, request)
            else:
                result = handler(params)
        except ApiError as error:
            self.calls[index] = ApiCall(
                method, params, arrived, content_type, error.error_code, files
            )
            self._notify()
            return error.to_response()
        return web.json_response({"ok": True, "result": result})

    def _take_fault(self, method: str, params: Mapping[str, Any]) -> _Fault | None:
        faults = self._failures.get(method.lower())
        for index, fault in enumerate(faults or ()):
            if fault.chat_id is None or fault.chat_id == _chat_id(params):
                return faults.pop(index)  # type: ignore[union-attr]
        return None

    def _record(self, call: ApiCall) -> None:
        self.calls.append(call)
        self._notify(_chat_id(call.params))

    # --- methods ---------------------------------------------------------------------------

    def _true(self, params: dict[str, Any]) -> bool:
        return True

    def _get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        return dict(self.bot_user)

    async def _get_updates(
        self, params: dict[str, Any], request: web.Request | None = None
    ) -> list[dict[str, Any]]:
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        # A newer getUpdates ends an older one still waiting, as on Telegram.
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()

        offset = _int_param(params, "offset", 0)
        limit = min(max(_int_param(params, "limit", 100), 1), 100)
        timeout = min(max(_float_param(params, "timeout", 0.0), 0.0), 60.0)
        allowed = params.get("allowed_updates")
        if allowed is not None:
            self._allowed_updates = frozenset(allowed) if allowed else None
        self._confirm(offset)

        def ready() -> bool:
            return (
                self._closing
                or generation != self._poll_generation
                or any(self._deliverable(entry) for entry in self._pending)
            )

        await self.wait_until(ready, timeout)
        if generation != self._poll_generation and not self._closing:
            transport = request.transport if request is not None else None
            if transport is None or transport.is_closing():
                # The bot gave this request up (python-telegram-bot cancels its long poll
                # when it stops): nobody reads the answer, and no conflict happened.
                return []
            raise ApiError(409, _ERROR_DESCRIPTIONS[409])

        batch: list[_Pending] = []
        for entry in list(self._pending):
            if not self._deliverable(entry):
                # Telegram never queues kinds the bot did not ask for.
                self._pending.remove(entry)
                continue
            if entry.redelivery and not entry.delivered:
                # A redelivered update comes alone, so that the offset the bot confirms
                # afterwards (its update_id + 1) cannot confirm newer updates unseen.
                if not batch:
                    batch.append(entry)
                break
            batch.append(entry)
            if len(batch) >= limit:
                break
        for entry in batch:
            entry.delivered = True
        return [entry.update for entry in batch]

    def _deliverable(self, entry: _Pending) -> bool:
        allowed = self._allowed_updates
        if allowed is None:
            return entry.kind not in _OPT_IN_UPDATES
        return entry.kind in allowed

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            # A negative offset keeps only the last -offset updates, forgetting the rest.
            self._pending = self._pending[offset:]
        elif offset > 0:
            self._pending = [
                entry
                for entry in self._pending
                if entry.update_id >= offset or (entry.redelivery and not entry.delivered)
            ]

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook_url = ""
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook_url = str(params.get("url", ""))
        allowed = params.get("allowed_updates")
        if allowed is not None:
            self._allowed_updates = frozenset(allowed) if allowed else None
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self._allowed_updates is not None:
            info["allowed_updates"] = sorted(self._allowed_updates)
        return info

    def _target_chat(self, params: Mapping[str, Any]) -> _Chat:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad_request("chat_id is empty")
        if isinstance(chat_id, str):
            found = [c for c in self._chats.values() if f"@{c.info.get('username')}" == chat_id]
            if not found:
                raise _bad_request("chat not found")
            return found[0]
        return self._chat(int(chat_id))

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        state = self._target_chat(params)
        if state.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        raw_text, parse_mode, text = _message_text(params)
        markup = _check_markup(params.get("reply_markup"))
        message = BotMessage(
            chat_id=int(state.info["id"]),
            message_id=state.take_message_id(),
            text=text,
            raw_text=raw_text,
            parse_mode=parse_mode,
            reply_markup=markup,
            date=int(time.time()),
            sent_at=time.monotonic(),
            history=[text],
        )
        state.bot_messages.append(message)
        state.transcript.append(
            TranscriptEntry("bot", "message", text, message.message_id, _frozen(message.keyboard))
        )
        return self._message_object(state, message)

    def _find_bot_message(self, params: Mapping[str, Any], action: str) -> BotMessage:
        if params.get("inline_message_id"):
            raise _bad_request("inline messages are not supported by the fake server")
        state = self._target_chat(params)
        message_id = _int_param(params, "message_id", 0)
        for message in state.bot_messages:
            if message.message_id == message_id and not message.deleted:
                return message
        raise _bad_request(f"message to {action} not found")

    def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._find_bot_message(params, "edit")
        raw_text, parse_mode, text = _message_text(params)
        # Telegram drops the inline keyboard of a message edited without reply_markup.
        markup = _check_markup(params.get("reply_markup"))
        return self._apply_edit(message, text, raw_text, parse_mode, markup)

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._find_bot_message(params, "edit")
        markup = _check_markup(params.get("reply_markup"))
        return self._apply_edit(message, message.text, message.raw_text, message.parse_mode, markup)

    def _apply_edit(
        self,
        message: BotMessage,
        text: str,
        raw_text: str,
        parse_mode: str | None,
        markup: dict[str, Any] | None,
    ) -> dict[str, Any]:
        old_inline = message.reply_markup if message.is_inline_keyboard else None
        if text == message.text and markup == old_inline:
            raise _bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        if markup is not None and "inline_keyboard" not in markup:
            raise _bad_request("inline keyboard expected")
        message.text, message.raw_text, message.parse_mode = text, raw_text, parse_mode
        message.reply_markup = markup
        message.edit_date = int(time.time())
        if text != message.history[-1]:
            message.history.append(text)
        state = self._chat(message.chat_id)
        state.transcript.append(
            TranscriptEntry("bot", "edit", text, message.message_id, _frozen(message.keyboard))
        )
        return self._message_object(state, message)

    def _delete_message(self, params: dict[str, Any]) -> bool:
        message = self._find_bot_message(params, "delete")
        message.deleted = True
        self._chat(message.chat_id).transcript.append(
            TranscriptEntry("bot", "delete", "", message.message_id)
        )
        return True

    def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        query = next(
            (
                update["callback_query"]
                for update in self._sent_updates.values()
                if "callback_query" in update and update["callback_query"]["id"] == query_id
            ),
            None,
        )
        if query is None or query_id in self.callback_answers:
            raise _bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        answer = {key: params[key] for key in ("text", "show_alert", "url") if key in params}
        self.callback_answers[query_id] = answer
        chat_id = query["message"]["chat"]["id"]
        if chat_id in self._chats:
            self._chats[chat_id].transcript.append(
                TranscriptEntry("bot", "answer", str(answer.get("text", "")))
            )
        return True

    @staticmethod
    def _scope_key(params: Mapping[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _set_my_commands(self, params: dict[str, Any]) -> bool:
        self.commands[self._scope_key(params)] = list(params.get("commands") or [])
        return True

    def _get_my_commands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self.commands.get(self._scope_key(params), [])

    def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        self.commands.pop(self._scope_key(params), None)
        return True

    def _message_object(self, state: _Chat, message: BotMessage) -> dict[str, Any]:
        result: dict[str, Any] = {
            "message_id": message.message_id,
            "from": dict(self.bot_user),
            "chat": dict(state.info),
            "date": message.date,
            "text": message.text,
        }
        if message.edit_date is not None:
            result["edit_date"] = message.edit_date
        if message.is_inline_keyboard:
            # Telegram shows only inline keyboards in Message.reply_markup.
            result["reply_markup"] = message.reply_markup
        return result


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


def _decode_value(name: str, value: str) -> Any:
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Parameters from the query string and the body: JSON, urlencoded form or multipart."""
    params: dict[str, Any] = {key: _decode_value(key, val) for key, val in request.query.items()}
    files: dict[str, UploadedFile] = {}
    if not request.body_exists:
        return params, files
    content_type = request.content_type
    if content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise _bad_request("can't parse JSON body") from None
        if not isinstance(body, dict):
            raise _bad_request("JSON body must be an object")
        # Telegram reads a JSON-serialized string where it expects a number or an object
        # (python-telegram-bot's ``RequestData.json_payload`` sends every value so)
        params.update(
            {key: _decode_value(key, value) if isinstance(value, str) else value
             for key, value in body.items()}
        )  # fmt: skip
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                size = len(value.file.read())
                files[key] = UploadedFile(value.filename, value.content_type, size)
            else:
                params[key] = _decode_value(key, str(value))
    else:
        raise _bad_request(f"unsupported content type {content_type}")
    return params, files
