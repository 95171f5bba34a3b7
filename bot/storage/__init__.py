"""Storage behind one small interface (``base.Storage``); each backend is one file, and
``open_storage`` builds the one that ``BOT_DATABASE`` names. The operators' tools read
through the read side (``readside.EventLog``, ``readside.ConsoleRecords``; one file per
backend: ``sqlite_log.py``, ``postgres_log.py``), built from the same setting."""

from bot.storage.base import Storage, StoredSession
from bot.storage.factory import open_storage
from bot.storage.sqlite import SqliteStorage

__all__ = ["SqliteStorage", "Storage", "StoredSession", "open_storage"]
