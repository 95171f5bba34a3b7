"""A read-only connection to the bot's SQLite database, safe to use while the bot runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from bot.storage.url import Database, PostgresDatabase


class DatabaseMissingError(FileNotFoundError):
    """The database file does not exist (the message names the path, which holds no personal
    data: it is configuration)."""


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
    """Open ``path`` read-only.

    ``mode=ro`` makes every write fail, so an operator's query can never alter the log, and it
    never creates an empty database where a mistyped path points. In WAL mode a reader does not
    block the bot's writer, nor the writer the reader.
    """
    path = require_database(path)
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    db = sqlite3.connect(uri, uri=True, check_same_thread=False)
    # the bot may be mid-commit: wait for its lock rather than fail at once
    db.execute("PRAGMA busy_timeout = 5000")
    return db
