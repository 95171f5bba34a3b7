"""A SQLite file that an operators' command expects to exist (``backup``, ``purge``): the
event log, accounts and audit log are read through ``bot.storage.readside``."""

from __future__ import annotations

from pathlib import Path

from bot.storage.readside import EventLogMissingError
from bot.storage.url import Database, PostgresDatabase

DatabaseMissingError = EventLogMissingError


class SqliteOnlyError(DatabaseMissingError):
    """An operators' tool that reads SQLite only was given a PostgreSQL database."""


def sqlite_path(database: Database | str) -> Path:
    """``database`` as a SQLite file's path; ``SqliteOnlyError`` for a PostgreSQL database."""
    if isinstance(database, PostgresDatabase):
        raise SqliteOnlyError(
            f"this command works on a SQLite file only, not {database} "
            "(give --database a SQLite file)"
        )
    return Path(database)


def require_database(database: Database | str) -> Path:
    """``database``'s file, if it is there; ``DatabaseMissingError`` otherwise."""
    path = sqlite_path(database)
    if not path.is_file():
        raise DatabaseMissingError(f"no database at {path} (set BOT_DATABASE or --database)")
    return path

