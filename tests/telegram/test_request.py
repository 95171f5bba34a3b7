"""The bot's HTTP requests: JSON bodies that the Bot API (here the fake server) reads as it
reads python-telegram-bot's forms, and the same errors as python-telegram-bot's request."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.error import NetworkError, TelegramError, TimedOut

from bot.telegram.request import JsonBodyRequest
from bot.testing import FakeBotApi


def bot_on(server: FakeBotApi, request: JsonBodyRequest) -> Bot:
    """A bot whose every call, getUpdates included, goes through ``request``."""
    return Bot(server.token, base_url=server.base_url, request=request, get_updates_request=request)


async def test_a_message_goes_as_json_and_arrives_whole(fake_bot_api: FakeBotApi) -> None:
    fake_bot_api.user(user_id=2001, first_name="Vera")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Да", callback_data="o:consent:yes")]])
    async with bot_on(fake_bot_api, JsonBodyRequest()) as bot:
        sent = await bot.send_message(
            2001, "<b>Боль</b> в спине", parse_mode="HTML", reply_markup=keyboard,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )  # fmt: skip

    (call,) = fake_bot_api.calls_of("sendMessage")
    assert call.content_type == "application/json"
    assert call.params == {
        "chat_id": 2001,
        "text": "<b>Боль</b> в спине",
        "parse_mode": "HTML",
        "reply_markup": {"inline_keyboard": [[{"text": "Да", "callback_data": "o:consent:yes"}]]},
        "link_preview_options": {"is_disabled": True},
    }
    assert sent.text == "Боль в спине"
    assert sent.reply_markup == keyboard


async def test_an_upload_still_goes_as_a_multipart_form(fake_bot_api: FakeBotApi) -> None:
    fake_bot_api.user(user_id=2002, first_name="Oleg")
    async with bot_on(fake_bot_api, JsonBodyRequest()) as bot:
        # the fake server does not implement sendDocument: what went over the wire counts
        with contextlib.suppress(TelegramError):
            await bot.send_document(2002, b"%PDF-1.4", filename="a.pdf")

    (call,) = fake_bot_api.calls_of("sendDocument")
    assert call.content_type == "multipart/form-data"
    assert call.files["document"].size == 8


async def test_an_unreachable_server_is_a_network_error() -> None:
    request = JsonBodyRequest(connect_timeout=1)
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as raised:
            await request.post("http://127.0.0.1:9/bot123:abc/sendMessage", None)
        assert "ConnectError" in str(raised.value)
    finally:
        await request.shutdown()


async def test_a_full_pool_is_a_timeout(fake_bot_api: FakeBotApi) -> None:
    fake_bot_api.user(user_id=2003, first_name="Lev")
    request = JsonBodyRequest(connection_pool_size=1, pool_timeout=0.01)
    async with bot_on(fake_bot_api, request) as bot:
        # the long poll holds the only connection for a second
        polling = asyncio.ensure_future(bot.get_updates(timeout=1))
        await fake_bot_api.wait_for_call("getUpdates", timeout=3)
        with pytest.raises(TimedOut, match="Pool timeout"):
            await bot.send_message(2003, "hello")
        await polling
