from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.telegram.config import ConfigError, TelegramSettings
from bot.testing import FakeBotApi

GOOD_TOKEN = "123456789:AAH" + "x" * 32


def environment(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_WEBHOOK"))}
    return env | values


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "hello"}, "does not look like a bot token"),
        (
            {"TELEGRAM_BOT_TOKEN": GOOD_TOKEN, "TELEGRAM_API_BASE_URL": "http://x/"},
            "must end with /bot",
        ),
    ],
)
def test_bad_settings_are_one_line_errors(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], message: str
) -> None:
    for key in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError) as error:
        TelegramSettings.from_env()
    assert message in str(error.value) and "\n" not in str(error.value)
    assert GOOD_TOKEN not in str(error.value)


def test_webhook_needs_url_and_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("BOT_WEBHOOK_URL", "https://bot.example/hook")
    monkeypatch.delenv("BOT_WEBHOOK_SECRET", raising=False)
    with pytest.raises(ConfigError, match="BOT_WEBHOOK_SECRET"):
        TelegramSettings.from_env(webhook=True)
    monkeypatch.setenv("BOT_WEBHOOK_SECRET", "s3cret-s3cret-s3cret")
    settings = TelegramSettings.from_env(webhook=True)
    assert settings.webhook_url == "https://bot.example/hook"
    assert GOOD_TOKEN not in repr(settings) and "s3cret" not in repr(settings)


@pytest.mark.parametrize("token", ["", "not-a-token"])
def test_run_without_a_usable_token_says_so_in_one_line(token: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"], env=environment(TELEGRAM_BOT_TOKEN=token),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: TELEGRAM_BOT_TOKEN")
    assert "Traceback" not in result.stderr


async def run_bot_command(env: dict[str, str]) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=environment(**env),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode or 0, output.decode()


async def test_a_token_telegram_rejects_is_one_line_without_the_token(
    fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    code, output = await run_bot_command(
        {"TELEGRAM_BOT_TOKEN": GOOD_TOKEN, "TELEGRAM_API_BASE_URL": fake_bot_api.base_url,
         "BOT_DATABASE": str(tmp_path / "bot.sqlite3")}
    )  # fmt: skip
    assert code == 2
    assert output.strip().splitlines()[-1] == (
        "error: Telegram rejected TELEGRAM_BOT_TOKEN (revoked or mistyped?)"
    )
    assert GOOD_TOKEN not in output and "Traceback" not in output


async def test_no_network_is_one_line(tmp_path: Path) -> None:
    code, output = await run_bot_command(
        {"TELEGRAM_BOT_TOKEN": GOOD_TOKEN, "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",
         "BOT_DATABASE": str(tmp_path / "bot.sqlite3")}
    )  # fmt: skip
    assert code == 3
    assert output.strip().splitlines()[-1].startswith("error: cannot reach the Telegram Bot API")
    assert GOOD_TOKEN not in output and "Traceback" not in output
