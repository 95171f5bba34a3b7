"""The one way storage is built: from ``BOT_DATABASE`` (``Settings.database``)."""

from __future__ import annotations

from pathlib import Path

from bot.storage.base import Storage
from bot.storage.url import Database, PostgresDatabase, parse_database


def open_storage(
    database: Database | str, bot: str = "", session_cache_mb: int | None = None
) -> Storage:
    """The backend for ``database`` (not yet opened): a SQLite file, or PostgreSQL.

    ``bot`` keeps several bots apart in one PostgreSQL database (a SQLite file serves one).
    ``session_cache_mb`` bounds the sessions a SQLite backend keeps in memory (PostgreSQL
    keeps none: other instances may write them).
    """
    target = parse_database(database)
    if isinstance(target, PostgresDatabase):
        from bot.storage.postgres import PostgresStorage

        return PostgresStorage(target, bot=bot)
    from bot.storage.sqlite import SqliteStorage

    if session_cache_mb is None:
        return SqliteStorage(Path(target))
    return SqliteStorage(Path(target), cache_bytes=session_cache_mb * 1024 * 1024)


def bot_id(token: str) -> str:
    """A bot's public numeric id, the part of its token before the colon (not a secret)."""
    return token.split(":", 1)[0] if ":" in token else ""
