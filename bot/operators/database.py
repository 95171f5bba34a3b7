"""Where the operators' commands find the database: the event log through the storage's read
side (``bot.storage.readside``); the console's accounts and audit log, and backups, in a
SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.storage.readside import EventLogMissingError
from bot.storage.sqlite_log import connect_readonly as _connect_readonly
from bot.storage.url import Database, PostgresDatabase

DatabaseMissingError = EventLogMissingError


class SqliteOnlyError(DatabaseMissingError):
    """An operators' tool that reads SQLite only was given a PostgreSQL database."""


def sqlite_path(database: Database | str) -> Path:
    """``database`` as a SQLite file's path; ``SqliteOnlyError`` for a PostgreSQL database."""
    if isinstance(database, PostgresDatabase):
        raise SqliteOnlyError(
            f"this command reads a SQLite file only so far, not {database} "
            "(give --database a SQLite file)"
        )
    return Path(database)


def require_database(database: Database | str) -> Path:
    """``database``'s file, if it is there; ``DatabaseMissingError`` otherwise."""
    path = sqlite_path(database)
    if not path.is_file():
        raise DatabaseMissingError(f"no database at {path} (set BOT_DATABASE or --database)")
    return path


def connect_readonly(path: Database | str) -> sqlite3.Connection:
    """``path`` opened read-only (see ``bot.storage.sqlite_log``)."""
    return _connect_readonly(sqlite_path(path))
