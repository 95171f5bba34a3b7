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


DEFAULT_DATABASE = "data/bot.sqlite3"
# systemd's LoadCredential= puts each credential in a file of this folder (see deploy/)
CREDENTIALS_DIRECTORY = "CREDENTIALS_DIRECTORY"


class SettingsError(ValueError):
    """A setting is missing or wrong; the message is one line, safe to print."""


def secret_from_env(name: str) -> str:
    """A secret setting: the systemd credential named ``name`` in lower case when the service
    has one (``LoadCredential=``), else the environment variable ``name``; "" when neither.

    The credential wins: a unit that loads one means it, and a token left behind in an old
    environment file must not quietly override it.
    """
    directory = os.environ.get(CREDENTIALS_DIRECTORY, "").strip()
    if directory:
        credential = Path(directory) / name.lower()
        try:
            return credential.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise SettingsError(
                f"cannot read the credential {credential}: {error.strerror}"
            ) from None
    return os.environ.get(name, "").strip()


def read_database(value: str) -> Database:
    """``BOT_DATABASE``: a SQLite file (a plain path, ``sqlite:///relative/path`` or
    ``sqlite:////absolute/path``) or a PostgreSQL database (``postgresql://...``); empty means
    the default file. Errors are one line and never repeat a password."""
    try:
        database = parse_database(value.strip() or DEFAULT_DATABASE)
    except DatabaseUrlError as error:
        raise SettingsError(str(error)) from None
    if isinstance(database, Path) and (value.rstrip().endswith(("/", os.sep)) or database.is_dir()):
        raise SettingsError(f"BOT_DATABASE names a folder, not a file: {database}")
    return database


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
    # sessions kept in memory besides the database (SQLite only; 0: read every turn)
    session_cache_mb: int = 8

    @classmethod
    def shipped(cls, database: Database) -> Settings:
        """The content and dialogue of this checkout, with ``database``; no environment."""
        return cls(SHIPPED_CONTENT, SHIPPED_DIALOGUE, database)

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        database = read_database(env.get("BOT_DATABASE", DEFAULT_DATABASE))
        return cls(
            content_dir=Path(env.get("BOT_CONTENT_DIR", SHIPPED_CONTENT)),
            dialogue_file=Path(env.get("BOT_DIALOGUE", SHIPPED_DIALOGUE)),
            database=database,
            # at least a day: 0 would delete the conversations people are having right now
            retention_days=env_int("BOT_RETENTION_DAYS", 90, minimum=1),
            session_cache_mb=env_int("BOT_SESSION_CACHE_MB", 8, minimum=0),
        )

    @property
    def data_dir(self) -> Path:
        """The pseudonym secret's folder: beside a SQLite file; for PostgreSQL
        ``BOT_DATA_DIR`` (default data/) - every instance of one bot needs the same secret."""
        if isinstance(self.database, PostgresDatabase):
            return Path(os.environ.get("BOT_DATA_DIR", "data"))
        return self.database.parent

    def prepare_data_folder(self) -> None:
        """Make sure the bot can keep its database (and pseudonym key) where configured:
        create the data folder (mode 0700) if only it is missing, or raise ``SettingsError``
        with one line that names the path and what is wrong with it.

        Only the last folder is created: a mistyped path must not grow a tree elsewhere.
        """
        folder = self.data_dir
        setting = "BOT_DATA_DIR" if isinstance(self.database, PostgresDatabase) else "BOT_DATABASE"
        if not folder.exists():
            if not folder.parent.is_dir():
                raise SettingsError(
                    f"the folder of {setting}, {folder}, does not exist, nor does "
                    f"{folder.parent}: create it or correct {setting}"
                )
            try:
                folder.mkdir(mode=0o700)
            except FileExistsError:  # another process made it meanwhile
                pass
            except OSError as error:
                raise SettingsError(
                    f"cannot create the data folder {folder}: {error.strerror} "
                    f"(create it, writable by {_user()}, or correct {setting})"
                ) from None
        if not folder.is_dir():
            raise SettingsError(f"the data folder {folder} is not a folder")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise SettingsError(
                f"the data folder {folder} is not writable by {_user()}: "
                f"give that user write access, or correct {setting}"
            )
        if (
            isinstance(self.database, Path)
            and self.database.exists()
            and not os.access(self.database, os.R_OK | os.W_OK)
        ):
            raise SettingsError(
                f"the database {self.database} is not readable and writable by {_user()}"
            )


def _user() -> str:
    """Who the process runs as, for an error message: the login name, else the uid."""
    import pwd

    try:
        return f"user {pwd.getpwuid(os.geteuid()).pw_name}"
    except KeyError:
        return f"uid {os.geteuid()}"
