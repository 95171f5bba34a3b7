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
import json
import logging
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Final, Self, cast

from aiohttp import web

from bot.testing.bot_api_state import BotApiState
from bot.testing.bot_api_types import (
    _ERROR_DESCRIPTIONS,
    DEFAULT_TOKEN,
    ApiCall,
    ApiError,
    BotMessage,
    Button,
    TranscriptEntry,
    UploadedFile,
    _bad_request,
    _float_param,
    _int_param,
    _Pending,
)
from bot.testing.user import FakeUser

__all__ = [
    "DEFAULT_TOKEN",
    "ApiCall",
    "ApiError",
    "BotMessage",
    "Button",
    "FakeBotApi",
    "TranscriptEntry",
    "UploadedFile",
]

_LOGGER = logging.getLogger(__name__)

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

# getUpdates is async and also gets the request; every other method is a plain function.
MethodHandler = Callable[..., Any]


class FakeBotApi(BotApiState):
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
        super().__init__(token, bot_username=bot_username, bot_first_name=bot_first_name)
        self._port = port
        self._runner: web.AppRunner | None = None
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
        server = cast("asyncio.Server | None", site._server)
        assert server is not None, "started above"
        self._port = server.sockets[0].getsockname()[1]
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
            # a client killed meanwhile: its closed connection may not be seen yet
            await asyncio.sleep(0.05)
            if request.transport is None or request.transport.is_closing():
                return web.Response(status=499)  # the client is gone: nothing done
        fault = self._take_fault(method, params)
        if fault is not None:
            self._record(
                ApiCall(method, params, arrived, content_type, fault.error.error_code, files)
            )
            if fault.delay:
                await asyncio.sleep(fault.delay)
            return fault.error.to_response()

        handler = self._methods.get(method.lower())
        if handler is None:
            self._record(ApiCall(method, params, arrived, content_type, 404, files))
            return ApiError(404, f"Not Found: method {method}").to_response()
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
        now = time.monotonic()
        for entry in batch:
            entry.delivered = True
            self.delivered_at.setdefault(entry.update_id, now)
        return [entry.update for entry in batch]


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
