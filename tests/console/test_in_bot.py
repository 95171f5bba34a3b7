"""The console inside the bot's process (``BOT_CONSOLE_PORT``): health and metrics of the
running bot, against the fake Bot API."""

from __future__ import annotations

import socket
from pathlib import Path

import aiohttp
import pytest

from bot.engine import Engine
from bot.metrics import REGISTRY
from bot.settings import Settings
from bot.telegram.app import build_application
from bot.testing import FakeBotApi, running_application

from ..conftest import CONTENT_DIR, DIALOGUE_FILE


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_health_and_metrics_of_the_running_bot(
    fake_bot_api: FakeBotApi, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    monkeypatch.setenv("BOT_CONSOLE_PORT", str(port))
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, tmp_path / "bot.sqlite3")
    application = build_application(
        fake_bot_api.token, fake_bot_api.base_url, settings=settings, engine=engine
    )
    user = fake_bot_api.user(user_id=4242, first_name="Zebedee", username="zebedee_w")
    base = f"http://127.0.0.1:{port}"
    # the counters belong to the process: what other tests counted is subtracted
    before = {
        kind: REGISTRY.get_sample_value("bot_updates_total", {"kind": kind}) or 0.0
        for kind in ("start", "text")
    }
    replies_before = REGISTRY.get_sample_value("bot_replies_total") or 0.0
    async with running_application(application, poll_timeout=0.5):
        await user.send_command("start", payload="spring")
        await user.next_reply(timeout=10)
        await user.send("my back hurts, call me on +44 7700 900321")
        await user.next_reply(timeout=10)
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/healthz") as response:
                assert response.status == 200
                assert await response.json() == {"database": "ok", "bot_api": "ok"}
            async with http.get(f"{base}/metrics") as response:
                metrics = await response.text()
            async with http.get(f"{base}/", allow_redirects=False) as response:
                assert response.status == 303 and response.headers["Location"] == "/login"
    samples = {
        line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
        for line in metrics.splitlines()
        if line and not line.startswith("#")
    }
    assert samples['bot_updates_total{kind="start"}'] == before["start"] + 1
    assert samples['bot_updates_total{kind="text"}'] == before["text"] + 1
    assert samples["bot_replies_total"] == replies_before + 2
    assert samples["bot_step_seconds_count"] == samples["bot_replies_total"]
    # the person stands at one step of the dialogue: counted under its node id
    assert sum(v for k, v in samples.items() if k.startswith("bot_sessions_by_node{")) == 1
    assert "bot_outbox_depth" in samples
    # nothing of the person in any name, label or help text (the values are numbers: a
    # timestamp may well contain "4242")
    text = "\n".join([*samples, *(line for line in metrics.splitlines() if line.startswith("#"))])
    for private in ("4242", "Zebedee", "zebedee", "7700", "spring"):
        assert private not in text
    # the console stopped with the bot
    with pytest.raises(aiohttp.ClientConnectorError):
        async with aiohttp.ClientSession() as http, http.get(f"{base}/healthz"):
            pass


async def test_a_taken_port_leaves_the_bot_running_without_its_console(
    fake_bot_api: FakeBotApi, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        monkeypatch.setenv("BOT_CONSOLE_PORT", str(taken.getsockname()[1]))
        settings = Settings(CONTENT_DIR, DIALOGUE_FILE, tmp_path / "bot.sqlite3")
        application = build_application(
            fake_bot_api.token, fake_bot_api.base_url, settings=settings, engine=engine
        )
        user = fake_bot_api.user(user_id=77, first_name="Ann")
        async with running_application(application, poll_timeout=0.5):
            await user.send_command("start")
            assert (await user.next_reply(timeout=10)).text
    assert "console not started" in caplog.text


def test_without_a_console_port_the_bot_does_not_load_the_console() -> None:
    """aiohttp and Jinja2 cost the bot about 12 MiB resident: only when the console runs."""
    import subprocess
    import sys

    code = (
        "import sys, bot.cli.run, bot.telegram.app; "
        "print(sorted({'aiohttp', 'jinja2', 'bot.console.app'} & set(sys.modules)))"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    ran = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert ran.stdout.strip() == "[]"
