"""``python -m bot run`` as a real process: long polling, webhook mode, and a clean SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp

from bot.testing import FakeBotApi


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def listening(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            assert time.monotonic() < deadline, f"nothing listens on port {port}"
            await asyncio.sleep(0.1)
        else:
            writer.close()
            await writer.wait_closed()
            return


@asynccontextmanager
async def bot_process(
    server: FakeBotApi, data: Path, *args: str, **env: str
) -> AsyncIterator[asyncio.subprocess.Process]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    environment |= {
        "TELEGRAM_BOT_TOKEN": server.token,
        "TELEGRAM_API_BASE_URL": server.base_url,
        "BOT_DATABASE": str(data / "bot.sqlite3"),
        **env,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", *args, env=environment,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def stop(process: asyncio.subprocess.Process) -> str:
    process.send_signal(signal.SIGTERM)
    output, _ = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, output.decode()
    return output.decode()


async def test_polling_then_sigterm_finishes_and_closes_the_database(
    fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    user = fake_bot_api.user(user_id=301, language_code="en")
    async with bot_process(fake_bot_api, tmp_path) as process:
        await fake_bot_api.wait_for_call("getUpdates", timeout=30)
        await user.send_command("start")
        greeting = await user.next_reply(timeout=15)
        await user.press("I agree")
        await user.next_reply(timeout=15)
        output = await stop(process)
    assert "Healthy Back Clinic" in greeting.text
    assert fake_bot_api.token not in output
    # the token is checked once: the start-up's own check is python-telegram-bot's getMe
    assert [c.method for c in fake_bot_api.calls].count("getMe") == 1
    # closed cleanly: the write-ahead log was merged into the database and removed
    assert not (tmp_path / "bot.sqlite3-wal").exists()
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM events").fetchone() == (2,)


async def test_webhook_mode_accepts_only_telegram_with_the_secret(
    fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    port = free_port()
    secret = "s3cret-token-for-the-webhook"
    user = fake_bot_api.user(user_id=302, language_code="en")
    update = {
        "update_id": 7001,
        "message": {
            "message_id": 1, "date": int(time.time()), "text": "/start",
            "chat": {"id": 302, "type": "private", "first_name": "Test"},
            "from": user.user,
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }  # fmt: skip
    async with bot_process(
        fake_bot_api, tmp_path, "--webhook",
        BOT_WEBHOOK_URL="https://bot.example.org", BOT_WEBHOOK_SECRET=secret,
        BOT_WEBHOOK_PORT=str(port),
    ) as process:  # fmt: skip
        await fake_bot_api.wait_for_call("setWebhook", timeout=30)
        assert fake_bot_api.webhook_url == "https://bot.example.org/telegram"
        # no more updates at once than the bot's update queue holds (as many as polling)
        assert fake_bot_api.calls_of("setWebhook")[-1].params["max_connections"] == 32
        await listening(port, timeout=30)  # the web server may start just after setWebhook
        url = f"http://127.0.0.1:{port}/telegram"
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=update) as refused:
                assert refused.status == 403  # no secret: not Telegram
            headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
            async with http.post(url, json=update, headers=headers) as accepted:
                assert accepted.status == 200
        greeting = await user.next_reply(timeout=15)
        await stop(process)
    assert "Healthy Back Clinic" in greeting.text
    assert len(fake_bot_api.messages(302)) == 1  # the refused copy was not answered
    assert [c.method for c in fake_bot_api.calls].count("getMe") == 1


async def test_webhook_answers_only_once_the_update_is_stored_and_skips_a_poison_one(
    fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    port = free_port()
    secret = "s3cret-token-for-the-webhook"
    user = fake_bot_api.user(user_id=303, language_code="en")
    start = {
        "update_id": 7101,
        "message": {
            "message_id": 1, "date": int(time.time()), "text": "/start",
            "chat": {"id": 303, "type": "private", "first_name": "Test"},
            "from": user.user,
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }  # fmt: skip
    poison = {"update_id": 7100, "message": {"chat": "Jonathan Pryce", "text": "+44 7700 900123"}}
    async with bot_process(
        fake_bot_api, tmp_path, "--webhook",
        BOT_WEBHOOK_URL="https://bot.example.org", BOT_WEBHOOK_SECRET=secret,
        BOT_WEBHOOK_PORT=str(port),
    ) as process:  # fmt: skip
        await fake_bot_api.wait_for_call("setWebhook", timeout=30)
        await listening(port, timeout=30)
        url = f"http://127.0.0.1:{port}/telegram"
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=poison, headers=headers) as skipped:
                assert skipped.status == 200  # or Telegram would send it for ever
            async with http.post(url, json=start, headers=headers) as accepted:
                assert accepted.status == 200
                # by the time Telegram hears 200, the update is stored with its reply
                with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
                    stored = db.execute("SELECT update_id FROM processed_updates").fetchall()
                assert stored == [(7101,)]
            async with http.post(url, json=start, headers=headers) as again:
                assert again.status == 200  # Telegram's retry: answered, not handled again
        await user.next_reply(timeout=15)
        output = await stop(process)
    assert len(fake_bot_api.messages(303)) == 1
    skipped_lines = [line for line in output.splitlines() if "7100" in line]
    assert len(skipped_lines) == 1 and "WARNING" in skipped_lines[0]
    assert "Pryce" not in output and "900123" not in output
