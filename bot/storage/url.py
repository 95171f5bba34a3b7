"""``BOT_DATABASE`` read as a URL: ``sqlite:///path`` (or a plain path) or
``postgresql://user@host/db``. A PostgreSQL URL may hold a password: it is never printed
(``str`` and ``repr`` hide it), so it cannot reach a log line or an error message."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SQLITE_PREFIX = "sqlite:///"
POSTGRES_SCHEMES = ("postgresql", "postgres")


class DatabaseUrlError(ValueError):
    """``BOT_DATABASE`` cannot be read; the message never repeats a password."""


@dataclass(frozen=True)
class PostgresDatabase:
    """A PostgreSQL server and database; ``dsn`` is what the driver is given."""

    dsn: str = field(repr=False)

    def __str__(self) -> str:
        parts = urlsplit(self.dsn)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        user = f"{parts.username}@" if parts.username else ""
        return urlunsplit((parts.scheme, f"{user}{host}", parts.path, "", ""))

    def __repr__(self) -> str:
        return f"PostgresDatabase({self})"


Database = Path | PostgresDatabase


def parse_database(value: str | Database) -> Database:
    """What ``BOT_DATABASE`` names: a SQLite file's path, or a PostgreSQL database."""
    if isinstance(value, Path | PostgresDatabase):
        return value
    text = value.strip()
    if not text:
        raise DatabaseUrlError("BOT_DATABASE is empty")
    if text.lower().startswith("sqlite:"):
        # sqlite:///relative/path and sqlite:////absolute/path, as SQLAlchemy reads them
        path = text[len(SQLITE_PREFIX) :] if text.startswith(SQLITE_PREFIX) else ""
        if not path:
            raise DatabaseUrlError(
                "BOT_DATABASE: a SQLite URL is sqlite:///relative/path or sqlite:////absolute/path"
            )
        return Path(path)
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in POSTGRES_SCHEMES:
        if not urlsplit(text).path.strip("/"):
            raise DatabaseUrlError("BOT_DATABASE postgresql:// needs a database name")
        return PostgresDatabase(text)
    if scheme:
        raise DatabaseUrlError(
            f"BOT_DATABASE: unknown scheme {scheme}:// (use sqlite:/// or postgresql://)"
        )
    return Path(text)
