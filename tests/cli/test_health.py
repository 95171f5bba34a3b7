"""``python -m bot health``: exit 0 only when the configuration is valid and the database
opens; with ``--bot-api``, also when Telegram (here the fake Bot API) knows the token."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest

from bot.cli import main
from bot.storage import SqliteStorage
from bot.testing import FakeBotApi
from tests.storage.conftest import postgres_server  # noqa: F401 - the fixture

from ..conftest import CONTENT_DIR, DIALOGUE_FILE


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database as the bot leaves it, configured through the environment."""
    path = tmp_path / "data" / "bot.sqlite3"

    async def create() -> None:
        async with SqliteStorage(path) as storage:
            await storage.save_session("person", {"node": "consent"})

    asyncio.run(create())
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "CREDENTIALS_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BOT_DATABASE", str(path))
    monkeypatch.setenv("BOT_CONTENT_DIR", str(CONTENT_DIR))
    monkeypatch.setenv("BOT_DIALOGUE", str(DIALOGUE_FILE))
    return path


def test_a_working_installation_is_healthy(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["health"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"ok: database {database} (schema ")


def test_health_changes_nothing_in_the_database(database: Path) -> None:
    before = database.read_bytes()
    assert main(["health"]) == 0
    assert database.read_bytes() == before


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("BOT_RETENTION_DAYS", "0", "error: BOT_RETENTION_DAYS must be at least 1"),
        ("TELEGRAM_BOT_TOKEN", "not-a-token", "error: TELEGRAM_BOT_TOKEN does not look like"),
        ("BOT_DATABASE", "postgresql://bot:pw@db", "error: BOT_DATABASE postgresql:// needs a"),
    ],
)
def test_a_bad_setting_is_unhealthy_in_one_line(
    database: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    setting: str, value: str, message: str,
) -> None:  # fmt: skip
    monkeypatch.setenv(setting, value)
    assert main(["health"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1
    assert "pw" not in err  # a URL's password is never repeated


def test_no_database_is_unhealthy_and_none_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "data" / "bot.sqlite3"
    monkeypatch.setenv("BOT_DATABASE", str(missing))
    assert main(["health"]) == 2
    assert f"no database at {missing}" in capsys.readouterr().err
    assert not missing.parent.exists()


def test_a_file_that_is_not_the_bots_database_is_unhealthy(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database.unlink()
    database.write_bytes(b"not a database" * 100)
    assert main(["health"]) == 2
    assert capsys.readouterr().err.startswith("cannot read the database: ")


async def test_bot_api_check_asks_getme(
    database: Path, fake_bot_api: FakeBotApi, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", fake_bot_api.token)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", fake_bot_api.base_url)
    assert await asyncio.to_thread(main, ["health", "--bot-api"]) == 0
    assert capsys.readouterr().out.rstrip().endswith(", Bot API: @triage_test_bot")
    assert [call.method for call in fake_bot_api.calls] == ["getMe"]


async def test_bot_api_check_with_a_refused_token_is_a_configuration_error(
    database: Path, fake_bot_api: FakeBotApi, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    other_token = "9" + fake_bot_api.token[1:]
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", other_token)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", fake_bot_api.base_url)
    assert await asyncio.to_thread(main, ["health", "--bot-api"]) == 2
    err = capsys.readouterr().err
    assert err == "error: Telegram rejected TELEGRAM_BOT_TOKEN (revoked or mistyped?)\n"


def test_bot_api_check_when_nothing_answers_is_exit_3(
    database: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = "123456789:" + "A" * 35
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", f"http://127.0.0.1:{port}/bot")
    assert main(["health", "--bot-api", "--timeout", "2"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("error: cannot reach the Telegram Bot API: ")
    assert token not in err


def test_a_postgresql_installation_is_healthy(
    postgres_server: str,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot.storage import open_storage
    from tests.storage.conftest import fresh_postgres_database

    url = asyncio.run(fresh_postgres_database(postgres_server))
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "CREDENTIALS_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BOT_DATABASE", url)
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("BOT_CONTENT_DIR", str(CONTENT_DIR))
    monkeypatch.setenv("BOT_DIALOGUE", str(DIALOGUE_FILE))
    assert main(["health"]) == 2  # an empty database is not the bot's
    assert "no schema" in capsys.readouterr().err

    async def create() -> None:
        async with open_storage(url):
            pass

    asyncio.run(create())
    assert main(["health"]) == 0
    assert capsys.readouterr().out.startswith(f"ok: database {url} (schema 1)")
