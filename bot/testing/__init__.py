"""Test tools: a fake Telegram Bot API server, a fake user and a pytest plugin.

They let a real python-telegram-bot ``Application`` talk HTTP to a local fake server, so a
dialogue can be tested end to end without Telegram::

    from bot.testing import FakeBotApi, running_application

    async with FakeBotApi() as server:
        application = build_application(server.token, server.base_url)
        user = server.user(user_id=1001, first_name="Anna", language_code="ru")
        async with running_application(application):
            await user.send_command("start")
            print(await user.next_reply())

With pytest, add ``pytest_plugins = ["bot.testing.pytest_plugin"]`` to a conftest and take the
``fake_bot_api`` fixture. The tools need ``aiohttp`` (the ``test`` extra).
"""

from bot.testing.application import running_application
from bot.testing.fake_bot_api import (
    DEFAULT_TOKEN,
    ApiCall,
    ApiError,
    BotMessage,
    Button,
    FakeBotApi,
    TranscriptEntry,
    UploadedFile,
)
from bot.testing.user import FakeUser

__all__ = [
    "DEFAULT_TOKEN",
    "ApiCall",
    "ApiError",
    "BotMessage",
    "Button",
    "FakeBotApi",
    "FakeUser",
    "TranscriptEntry",
    "UploadedFile",
    "running_application",
]
