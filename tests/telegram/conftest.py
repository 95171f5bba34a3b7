"""A running bot (the real PTB Application) against the fake Bot API, on a fresh database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.engine import Engine
from bot.settings import Settings
from bot.telegram.app import build_application
from bot.testing import FakeBotApi, running_application

from ..conftest import CONTENT_DIR, DIALOGUE_FILE

RunningBot = Callable[..., AbstractAsyncContextManager[Any]]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(CONTENT_DIR, DIALOGUE_FILE, tmp_path / "data" / "bot.sqlite3")


@pytest.fixture
def running_bot(fake_bot_api: FakeBotApi, settings: Settings, engine: Engine) -> RunningBot:
    """``async with running_bot() as application:`` - a bot process; call again to restart.

    Keyword arguments go to ``build_application`` (e.g. ``flood=`` for a scripted fast typist).
    """

    @asynccontextmanager
    async def start(raise_handler_errors: bool = True, **options: Any) -> AsyncIterator[Any]:
        application = build_application(
            fake_bot_api.token, fake_bot_api.base_url, settings=settings, engine=engine, **options
        )
        async with running_application(
            application, poll_timeout=0.5, raise_handler_errors=raise_handler_errors
        ) as running:
            yield running

    return start
