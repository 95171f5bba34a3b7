from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.settings import Settings, SettingsError


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


def test_a_bad_setting_is_one_line_for_any_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "purge"], env=os.environ | {"BOT_RETENTION_DAYS": "0"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == "error: BOT_RETENTION_DAYS must be at least 1\n"
