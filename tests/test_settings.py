from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT, Settings, SettingsError, read_database, secret_from_env


@pytest.mark.parametrize(
    ("value", "message"),
    [("abc", "must be a whole number"), ("0", "must be at least 1"), ("-5", "at least 1")],
)
def test_bad_retention_is_refused(
    monkeypatch: pytest.MonkeyPatch, value: str, message: str
) -> None:
    monkeypatch.setenv("BOT_RETENTION_DAYS", value)
    with pytest.raises(SettingsError, match=message):
        Settings.from_env()


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BOT_RETENTION_DAYS", "BOT_DATABASE", "BOT_CONTENT_DIR", "BOT_DIALOGUE"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings.from_env()
    assert settings.retention_days == 90
    assert str(settings.database) == "data/bot.sqlite3"
    assert (settings.content_dir / "concepts.yaml").is_file()


def test_the_session_cache_is_sized_in_megabytes_and_can_be_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("BOT_SESSION_CACHE_MB", raising=False)
    assert Settings.from_env().session_cache_mb == 8
    monkeypatch.setenv("BOT_SESSION_CACHE_MB", "0")
    assert Settings.from_env().session_cache_mb == 0
    monkeypatch.setenv("BOT_SESSION_CACHE_MB", "-1")
    with pytest.raises(SettingsError, match="BOT_SESSION_CACHE_MB must be at least 0"):
        Settings.from_env()


def test_a_bad_setting_is_one_line_for_any_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "purge"], env=os.environ | {"BOT_RETENTION_DAYS": "0"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == "error: BOT_RETENTION_DAYS must be at least 1\n"


# --- BOT_DATABASE, the data folder and secrets: one line for each configuration problem ---


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("data/bot.sqlite3", "data/bot.sqlite3"),
        ("/var/lib/backpain-bot/bot.sqlite3", "/var/lib/backpain-bot/bot.sqlite3"),
        ("sqlite:///data/bot.sqlite3", "data/bot.sqlite3"),
        ("sqlite:////var/lib/backpain-bot/bot.sqlite3", "/var/lib/backpain-bot/bot.sqlite3"),
        ("", "data/bot.sqlite3"),
    ],
)
def test_database_as_a_path_or_a_sqlite_url(value: str, expected: str) -> None:
    assert read_database(value) == Path(expected)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("postgresql://bot:hunter2@db.example", "needs a database name"),
        ("mysql://bot:hunter2@db.example/bot", "BOT_DATABASE: unknown scheme mysql://"),
        ("sqlite://data/bot.sqlite3", "BOT_DATABASE: a SQLite URL is sqlite:///relative/path"),
        ("sqlite:///", "BOT_DATABASE: a SQLite URL is"),
        ("data/", "BOT_DATABASE names a folder, not a file"),
    ],
)
def test_bad_database_setting_is_refused_without_its_password(value: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message) as refused:
        read_database(value)
    assert "hunter2" not in str(refused.value)
    assert "\n" not in str(refused.value)


def test_existing_folder_as_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=f"names a folder, not a file: {tmp_path}$"):
        read_database(str(tmp_path))


def settings_at(database: Path) -> Settings:
    return Settings.shipped(database)


def test_a_missing_data_folder_is_created_private(tmp_path: Path) -> None:
    settings = settings_at(tmp_path / "data" / "bot.sqlite3")
    settings.prepare_data_folder()
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


def test_a_mistyped_path_grows_no_tree(tmp_path: Path) -> None:
    settings = settings_at(tmp_path / "nowhere" / "data" / "bot.sqlite3")
    with pytest.raises(SettingsError, match=r"does not exist, nor does .*nowhere: create it"):
        settings.prepare_data_folder()
    assert list(tmp_path.iterdir()) == []


def test_a_file_where_the_data_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("")
    with pytest.raises(SettingsError, match=r"the data folder .*data is not a folder"):
        settings_at(tmp_path / "data" / "bot.sqlite3").prepare_data_folder()


def as_unprivileged(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``command`` as a user without rights to the test's files: as root (which may write
    anywhere), through util-linux's ``setpriv`` as nobody."""
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot test a folder one cannot write")
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        probe = subprocess.run(
            [*nobody, sys.executable, "-c", "import bot.cli"], env=env, capture_output=True
        )
        if probe.returncode != 0:  # e.g. a checkout under /root, which nobody may enter
            pytest.skip("nobody cannot run this checkout's Python: cannot drop privileges")
        command = [*nobody, *command]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture
def readable_only() -> Iterator[Path]:
    """A folder everyone may read and enter, and nobody but root may write."""
    folder = Path(tempfile.mkdtemp(prefix="bot-readonly-"))
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o700)
    shutil.rmtree(folder)


def bot_env(**settings: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    return keep | {"PYTHONPATH": str(PROJECT_ROOT), "HOME": "/nonexistent"} | settings


@pytest.mark.parametrize("where", ["folder", "parent"])
def test_a_data_folder_the_bot_cannot_write_is_one_line_exit_2(
    readable_only: Path, where: str
) -> None:
    """The container's old failure: a data folder the bot's user may not create (or write)
    was a 30-line traceback; now it is one line naming the folder, before any network."""
    database = (
        readable_only / "bot.sqlite3" if where == "folder" else readable_only / "d" / "bot.sqlite3"
    )
    result = as_unprivileged(
        [sys.executable, "-m", "bot", "run"],
        bot_env(TELEGRAM_BOT_TOKEN="123456789:" + "A" * 35, BOT_DATABASE=str(database),
                # nothing listens here: the check must come before the Bot API is asked
                TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot"),
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    expected = "is not writable by" if where == "folder" else "cannot create the data folder"
    assert result.stderr.startswith("error: ") and expected in result.stderr
    assert str(database.parent) in result.stderr


def test_the_token_comes_from_the_systemd_credential_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "telegram_bot_token").write_text("123:from-the-credential\n")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:from-an-old-environment-file")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path))
    assert secret_from_env("TELEGRAM_BOT_TOKEN") == "123:from-the-credential"
    (tmp_path / "telegram_bot_token").unlink()  # no such credential: the environment
    assert secret_from_env("TELEGRAM_BOT_TOKEN") == "123:from-an-old-environment-file"
    monkeypatch.delenv("CREDENTIALS_DIRECTORY")
    assert secret_from_env("TELEGRAM_BOT_TOKEN") == "123:from-an-old-environment-file"
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN")
    assert secret_from_env("TELEGRAM_BOT_TOKEN") == ""


def test_run_reads_the_token_from_the_credential(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.telegram.config import TelegramSettings

    token = "123456789:" + "B" * 35
    (tmp_path / "telegram_bot_token").write_text(token + "\n")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path))
    assert TelegramSettings.from_env().token == token


def test_the_pseudonym_key_may_be_a_credential_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.privacy.pseudonyms import load_secret

    credentials, data = tmp_path / "credentials", tmp_path / "data"
    credentials.mkdir()
    (credentials / "bot_log_secret").write_text("k" * 40 + "\n")
    monkeypatch.delenv("BOT_LOG_SECRET", raising=False)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(credentials))
    assert load_secret(data) == b"k" * 40
    assert not data.exists()  # no key generated into the data folder
