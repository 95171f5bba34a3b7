"""pytest fixtures for bot tests against a fake Telegram Bot API.

Enable them in a ``conftest.py``::

    pytest_plugins = ["bot.testing.pytest_plugin"]

and use them in async tests (pytest-asyncio)::

    async def test_echo(fake_bot_api: FakeBotApi) -> None:
        application = build_application(fake_bot_api.token, fake_bot_api.base_url)
        user = fake_bot_api.user(user_id=1001, first_name="Anna")
        async with running_application(application):
            await user.send("hi")
            assert (await user.next_reply()).text == "hi"
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest_asyncio

from bot.testing.fake_bot_api import FakeBotApi

__all__ = ["fake_bot_api"]

# httpx logs every request URL at INFO, and python-telegram-bot's URLs contain the token.
logging.getLogger("httpx").setLevel(logging.WARNING)


@pytest_asyncio.fixture
async def fake_bot_api() -> AsyncIterator[FakeBotApi]:
    """A started :class:`~bot.testing.FakeBotApi` on 127.0.0.1, stopped after the test."""
    async with FakeBotApi() as server:
        yield server
