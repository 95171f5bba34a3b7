"""Where things are and how the bot is configured: defaults, overridden by the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bot.storage.url import Database, DatabaseUrlError, PostgresDatabase, parse_database


def _project_root() -> Path:
    """Where content/ and dialogues/ are: beside bot/ in a checkout (or an editable install);
    for a package installed into site-packages, the working directory (the deployed checkout)."""
    beside_package = Path(__file__).resolve().parent.parent
    return beside_package if (beside_package / "content").is_dir() else Path.cwd()


PROJECT_ROOT = _project_root()
SHIPPED_CONTENT = PROJECT_ROOT / "content"
SHIPPED_DIALOGUE = PROJECT_ROOT / "dialogues" / "back_pain.yaml"


class SettingsError(ValueError):
    """A setting is missing or wrong; the message is one line, safe to print."""


def env_int(name: str, default: int, minimum: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number") from None
    if number < minimum:
        raise SettingsError(f"{name} must be at least {minimum}")
    return number


@dataclass(frozen=True)
class Settings:
    content_dir: Path
    dialogue_file: Path
    database: Database  # a SQLite file, or a PostgreSQL server (BOT_DATABASE as a URL)
    # events and sessions older than this are purged (`python -m bot purge`, the bot's daily job)
    retention_days: int = 90

    @classmethod
    def shipped(cls, database: Database) -> Settings:
        """The content and dialogue of this checkout, with ``database``; no environment."""
        return cls(SHIPPED_CONTENT, SHIPPED_DIALOGUE, database)

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        try:
            database = parse_database(env.get("BOT_DATABASE", "data/bot.sqlite3"))
        except DatabaseUrlError as error:
            raise SettingsError(str(error)) from None
        return cls(
            content_dir=Path(env.get("BOT_CONTENT_DIR", SHIPPED_CONTENT)),
            dialogue_file=Path(env.get("BOT_DIALOGUE", SHIPPED_DIALOGUE)),
            database=database,
            # at least a day: 0 would delete the conversations people are having right now
            retention_days=env_int("BOT_RETENTION_DAYS", 90, minimum=1),
        )

    @property
    def data_dir(self) -> Path:
        """The pseudonym secret's folder: beside a SQLite file; for PostgreSQL
        ``BOT_DATA_DIR`` (default data/) - every instance of one bot needs the same secret."""
        if isinstance(self.database, PostgresDatabase):
            return Path(os.environ.get("BOT_DATA_DIR", "data"))
        return self.database.parent
