"""Building the engine from the files: the one place every front end gets it from."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.conversation import Conversations
from bot.engine import Engine
from bot.matcher import Matcher
from bot.settings import Settings
from bot.storage.factory import bot_id, open_storage
from bot.validator import load_checked


def load_engine(settings: Settings | None = None) -> Engine:
    """The engine for the configured dialogue, content and symptom matcher.

    Raises ``ContentError`` with every ``file:line`` problem when the files do not validate.
    """
    settings = settings or Settings.from_env()
    # checked first: a missing text would otherwise surface in the middle of a conversation
    dialogue, content = load_checked(settings.dialogue_file, settings.content_dir)
    return Engine(dialogue, content, Matcher.load(settings.content_dir))


def load_scrubber(settings: Settings):  # -> Scrubber
    from bot.privacy.scrubber import Scrubber

    return Scrubber.load(settings.content_dir)


def build_conversations(
    settings: Settings, channel: str, engine: Engine | None = None, bot_token: str = ""
) -> Conversations:
    """The conversation service over the configured database, not yet open (``open`` and
    ``close``). ``bot_token`` keeps several bots apart in one PostgreSQL database."""
    engine = engine or load_engine(settings)
    storage = open_storage(
        settings.database, bot=bot_id(bot_token), session_cache_mb=settings.session_cache_mb
    )
    return Conversations(engine, storage, load_scrubber(settings), channel)


@asynccontextmanager
async def open_conversations(
    settings: Settings, channel: str, engine: Engine | None = None
) -> AsyncIterator[Conversations]:
    """The conversation service over the configured database, open for the ``with`` block."""
    conversations = build_conversations(settings, channel, engine)
    await conversations.open()
    try:
        yield conversations
    finally:
        await conversations.close()
