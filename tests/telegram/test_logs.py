"""Log lines carry no person's text and no token, whatever a library logs; JSON on demand."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from telegram import Update

from bot.telegram import logs

TOKEN = "123456789:AAFakeTokenForTestsOnly_0123456789abcd"
RAW = {
    "update_id": 7,
    "message": {
        "message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"},
        "from": {"id": 5, "is_bot": False, "first_name": "Jonathan"},
        "text": "I am Jonathan Pryce, +44 7700 900123",
    },
}  # fmt: skip


@pytest.fixture
def log_output(monkeypatch: pytest.MonkeyPatch) -> Iterator[io.StringIO]:
    stream = io.StringIO()
    logs.configure_logging((TOKEN,), stream)
    yield stream
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == logs.HANDLER_NAME]:
        root.removeHandler(handler)


def test_a_library_line_keeps_its_words_and_loses_the_data(log_output: io.StringIO) -> None:
    library = logging.getLogger("telegram.Bot")
    try:
        raise ValueError(f"bad data: {RAW}")
    except ValueError as error:
        # as python-telegram-bot logs an update it cannot read
        library.critical("Error while parsing updates! Received data was %r", [RAW], exc_info=error)
    update = Update.de_json(RAW, None)
    logging.getLogger("telegram.ext.Application").error("update %s failed", update)
    logging.getLogger("httpx").warning("HTTP Request: POST %s", f"https://x/bot{TOKEN}/getMe")
    logging.getLogger("telegram.ext.Updater").warning("polling %s, %d", "getUpdates", 3)
    logged = log_output.getvalue()
    assert "Error while parsing updates! Received data was <list>" in logged
    assert "update <Update> failed" in logged
    assert "ValueError" in logged and "Traceback (frames only)" in logged
    assert "polling getUpdates, 3" in logged  # harmless arguments stay
    for private in ("Jonathan", "Pryce", "900123", TOKEN):
        assert private not in logged


def test_json_lines_for_a_log_collector(
    log_output: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOT_LOG_FORMAT", "json")
    logs.configure_logging((TOKEN,), log_output)  # replaces the handler, does not add one
    logging.getLogger("bot.telegram.delivery").warning("dropped %d replies", 2)
    try:
        raise RuntimeError(RAW["message"]["text"])  # type: ignore[index]
    except RuntimeError:
        logging.getLogger("bot.x").exception("failed")
    lines = [json.loads(line) for line in log_output.getvalue().splitlines()]
    assert lines[0]["level"] == "WARNING" and lines[0]["message"] == "dropped 2 replies"
    assert lines[0]["logger"] == "bot.telegram.delivery"
    assert lines[1]["exception"].endswith("RuntimeError") and "Pryce" not in lines[1]["exception"]


def test_an_expected_condition_is_one_line_a_minute(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("bot.test")
    caplog.set_level(logging.WARNING)
    for _ in range(5):
        logs.warn_throttled(logger, "test-kind", "Telegram busy (%s)", "NetworkError")
    assert [r.getMessage() for r in caplog.records] == ["Telegram busy (NetworkError)"]
    logs._last_warned["test-kind"] = (-1e9, 4)  # a minute later
    logs.warn_throttled(logger, "test-kind", "Telegram busy (%s)", "NetworkError")
    assert (
        caplog.records[-1].getMessage() == "Telegram busy (NetworkError) (4 more like it left out)"
    )
