"""Storage behind one small interface (``base.Storage``); each backend is one file."""

from bot.storage.base import Storage, StoredSession
from bot.storage.sqlite import SqliteStorage

__all__ = ["SqliteStorage", "Storage", "StoredSession"]
