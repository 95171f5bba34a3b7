"""Storage behind one small interface (``base.Storage``); each backend is one file, and
``open_storage`` builds the one that ``BOT_DATABASE`` names."""

from bot.storage.base import Storage, StoredSession
from bot.storage.factory import open_storage
from bot.storage.sqlite import SqliteStorage

__all__ = ["SqliteStorage", "Storage", "StoredSession", "open_storage"]
