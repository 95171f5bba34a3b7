"""The two shortcuts past python-telegram-bot that the bot used until issue 20, kept here so
that ``bench_bypasses.py`` can measure them against the library's path in the same run.
The bot itself uses the library's path: these did not pay for themselves (benchmarks/README.md).

- ``DirectSending``: replies with ``Bot.do_api_request``, so that Telegram's answer is not
  turned into a ``Message`` object (about 0.09 ms per message measured alone).
- ``JsonBodyRequest``: parameters as one JSON body instead of a urlencoded form, which urllib
  quotes byte by byte in Python (about 45 us per call measured alone).
"""

from __future__ import annotations

import warnings
from typing import Any

import httpx
from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import EndPointNotFound, InvalidToken, NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData
from telegram.warnings import PTBUserWarning

from bot.telegram.render import Outgoing

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# python-telegram-bot marks a timeout the caller did not give with a ``DefaultValue``
_NOT_GIVEN = type(BaseRequest.DEFAULT_NONE)

# the library warns that these methods have their own Bot methods: here on purpose
warnings.filterwarnings(
    "ignore",
    message=r"Please use 'Bot\.(sendMessage|editMessageText|editMessageReplyMarkup)'",
    category=PTBUserWarning,
)


class DirectSending:
    """``bot.telegram.sending``'s functions, with ``Bot.do_api_request``."""

    FUNCTIONS = ("send_message", "edit_message_text", "remove_keyboard", "replace_keyboard")

    @staticmethod
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
        sent = await DirectSending.call(bot, "sendMessage", parameters)
        return int(sent["message_id"])

    @staticmethod
    async def edit_message_text(bot: Bot, chat_id: int, message_id: int, html_text: str) -> None:
        """Replace a message's text with ``html_text``; Telegram drops its keyboard with it."""
        parameters = {
            "chat_id": chat_id,
            "message_id": message_id,
            "text": html_text,
            "parse_mode": ParseMode.HTML,
        }
        await DirectSending.call(bot, "editMessageText", parameters)

    @staticmethod
    async def remove_keyboard(bot: Bot, chat_id: int, message_id: int) -> None:
        """Take a message's buttons away; its text stays."""
        parameters = {"chat_id": chat_id, "message_id": message_id}
        await DirectSending.call(bot, "editMessageReplyMarkup", parameters)

    @staticmethod
    async def replace_keyboard(
        bot: Bot, chat_id: int, message_id: int, keyboard: InlineKeyboardMarkup
    ) -> None:
        """Redraw a message's buttons (a checklist's ticks); its text stays."""
        parameters = {"chat_id": chat_id, "message_id": message_id, "reply_markup": keyboard}
        await DirectSending.call(bot, "editMessageReplyMarkup", parameters)

    @staticmethod
    async def call(bot: Bot, method: str, parameters: dict[str, Any]) -> Any:
        try:
            return await bot.do_api_request(method, api_kwargs=parameters)
        except EndPointNotFound as error:
            # do_api_request takes Telegram's 401/404 for a misspelt method; for these methods
            # it means what send_message would say: the token is wrong or revoked
            if isinstance(error.__cause__, InvalidToken):
                raise error.__cause__ from None
            raise


class JsonBodyRequest(HTTPXRequest):
    """``HTTPXRequest`` that sends a call's parameters as ``application/json``, which the Bot
    API accepts as well as a form (except for uploads: those still go as multipart forms).

    Why: python-telegram-bot sends a urlencoded form, and urllib quotes it byte by byte in
    Python. For the bot's typical message (about 400 characters of HTML and a keyboard) that
    is about 60 us per call here, against 15 us to encode the same parameters as JSON; the
    body is also up to three times smaller in Russian.
    """

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if request_data is None or request_data.contains_files:
            return await super().do_request(
                url, method, request_data, read_timeout, write_timeout, connect_timeout,
                pool_timeout,
            )  # fmt: skip
        own = self._client.timeout
        timeout = httpx.Timeout(
            connect=_given(connect_timeout, own.connect),
            read=_given(read_timeout, own.read),
            write=_given(write_timeout, own.write),
            pool=_given(pool_timeout, own.pool),
        )
        try:
            response = await self._client.request(
                method=method,
                url=url,
                headers={"User-Agent": self.USER_AGENT, "Content-Type": "application/json"},
                timeout=timeout,
                content=request_data.json_payload,
            )
        # the same errors as python-telegram-bot's own request raises
        except httpx.PoolTimeout as error:
            raise TimedOut(
                "Pool timeout: all connections in the pool are occupied; the request was not "
                "sent to Telegram"
            ) from error
        except httpx.TimeoutException as error:
            raise TimedOut from error
        except httpx.HTTPError as error:
            raise NetworkError(f"httpx.{type(error).__name__}: {error}") from error
        return response.status_code, response.content


def _given(timeout: Any, own: float | None) -> float | None:
    return own if isinstance(timeout, _NOT_GIVEN) else timeout  # type: ignore[no-any-return]
