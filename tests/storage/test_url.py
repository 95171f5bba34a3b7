"""``BOT_DATABASE`` as a URL, and the one factory that builds storage from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError
from bot.storage.factory import bot_id, open_storage
from bot.storage.sqlite import SqliteStorage
from bot.storage.url import DatabaseUrlError, PostgresDatabase, parse_database


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ("data/bot.sqlite3", Path("data/bot.sqlite3")),  # a plain path, as before
        ("/var/lib/bot/bot.sqlite3", Path("/var/lib/bot/bot.sqlite3")),
        ("sqlite:///data/bot.sqlite3", Path("data/bot.sqlite3")),  # relative
        ("sqlite:////var/lib/bot/bot.sqlite3", Path("/var/lib/bot/bot.sqlite3")),  # absolute
    ],
)
def test_sqlite_urls_and_plain_paths_name_a_file(value: str, path: Path) -> None:
    assert parse_database(value) == path
    assert isinstance(open_storage(value), SqliteStorage)


def test_a_postgresql_url_names_a_server() -> None:
    target = parse_database("postgresql://bot@db.internal/triage")
    assert target == PostgresDatabase("postgresql://bot@db.internal/triage")
    assert parse_database("postgres://bot@db/triage") == PostgresDatabase(
        "postgres://bot@db/triage"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("mysql://bot@db/triage", "unknown scheme mysql://"),
        ("postgresql://bot:pw@db", "needs a database name"),
        ("sqlite:///", "a SQLite URL is sqlite:///relative/path"),
        ("sqlite://data/bot.sqlite3", "a SQLite URL is sqlite:///relative/path"),
        ("  ", "is empty"),
    ],
)
def test_a_wrong_url_is_a_clear_one_line_error(value: str, message: str) -> None:
    with pytest.raises(DatabaseUrlError, match=message) as raised:
        parse_database(value)
    assert "pw" not in str(raised.value)


def test_settings_read_bot_database_as_a_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_DATABASE", "postgresql://bot@db/triage")
    monkeypatch.setenv("BOT_DATA_DIR", "/srv/bot-secret")
    settings = Settings.from_env()
    assert settings.database == PostgresDatabase("postgresql://bot@db/triage")
    assert settings.data_dir == Path("/srv/bot-secret")  # the pseudonym secret's folder
    monkeypatch.setenv("BOT_DATABASE", "sqlite:///srv/bot/bot.sqlite3")
    assert Settings.from_env().data_dir == Path("srv/bot")
    monkeypatch.setenv("BOT_DATABASE", "redis://x")
    with pytest.raises(SettingsError, match="unknown scheme"):
        Settings.from_env()


def test_the_bot_id_is_the_public_part_of_the_token() -> None:
    assert bot_id("123456:AAE-secret") == "123456"
    assert bot_id("garbage") == ""


def test_the_factory_takes_what_the_settings_hold() -> None:
    from bot.storage.postgres import PostgresStorage

    target = parse_database("postgresql://bot@db/triage")
    assert isinstance(open_storage(target, bot="123"), PostgresStorage)
    assert isinstance(open_storage(Path("x.sqlite3")), SqliteStorage)
