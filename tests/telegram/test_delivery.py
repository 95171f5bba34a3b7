"""What reaches the person when Telegram fails: the real python-telegram-bot Application
against the fake Bot API with faults injected."""

from __future__ import annotations

import asyncio
import io
import logging
import sqlite3
import time
from collections.abc import Iterator
from typing import Any

import pytest

from bot.conversation import Conversations
from bot.settings import Settings
from bot.telegram.logs import configure_logging
from bot.testing import FakeBotApi
from bot.testing.fake_bot_api import TranscriptEntry
from bot.testing.user import FakeUser

from .conftest import RunningBot
from .test_app import answer_by_buttons

PRIVATE_WORDS = ("Zinaida", "Pryce", "7700 900123", "my lower back hurts")


@pytest.fixture
def full_log() -> Iterator[io.StringIO]:
    """Every record of every logger at every level, through the bot's own log handler."""
    stream = io.StringIO()
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in ("", "telegram", "httpx", "bot")}
    configure_logging(("123456789:AAFakeTokenForTestsOnly_0123456789abcd",), stream)
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield stream
    for handler in [h for h in root.handlers if h.get_name() == "bot"]:
        root.removeHandler(handler)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def bot_entries(user: FakeUser) -> list[TranscriptEntry]:
    """What the bot sent and changed in a chat (messages and edits, in order)."""
    return [e for e in user.transcript if e.sender == "bot" and e.kind in ("message", "edit")]


async def a_few_steps(user: FakeUser) -> None:
    """Start, consent with the button (an edit marks the answer), and a typed answer."""
    await user.send_command("start")
    await user.next_reply(timeout=10)
    await user.press("I agree")
    await user.next_reply(timeout=10)
    await user.send("my lower back hurts since yesterday")
    await user.next_reply(timeout=10)


async def test_an_unreadable_update_is_skipped_alone_and_nothing_of_it_is_logged(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, full_log: io.StringIO
) -> None:
    first = fake_bot_api.user(user_id=401, first_name="Zinaida", language_code="en")
    second = fake_bot_api.user(user_id=402, first_name="Zinaida", language_code="en")
    await first.send_command("start")
    # python-telegram-bot cannot read it (a chat that is not an object); it names a person
    poison = fake_bot_api.add_update(
        "message",
        {"message_id": 1, "date": 0, "chat": "Jonathan Pryce +44 7700 900123",
         "text": "I am Jonathan Pryce, +44 7700 900123, my lower back hurts"},
    )  # fmt: skip
    await second.send_command("start")
    async with running_bot():
        assert "Healthy Back Clinic" in (await first.next_reply(timeout=10)).text
        assert "Healthy Back Clinic" in (await second.next_reply(timeout=10)).text
        await second.press("I agree")
        await second.next_reply(timeout=10)
        await second.send("my lower back hurts, I am Zinaida Pryce")
        await second.next_reply(timeout=10)
        # the offset moved past it: Telegram does not keep it
        assert await fake_bot_api.wait_until(
            lambda: not fake_bot_api.is_pending(poison["update_id"]), 5
        )
    logged = full_log.getvalue()
    assert "DEBUG" in logged and "telegram" in logged, "the log must have seen everything"
    skipped = [line for line in logged.splitlines() if str(poison["update_id"]) in line]
    assert skipped and all("WARNING" in line and "(message)" in line for line in skipped)
    for words in PRIVATE_WORDS:
        assert words not in logged
    assert fake_bot_api.token not in logged


FAULTS = [
    pytest.param(dict(error_code=500), id="500"),
    pytest.param(dict(error_code=502), id="502"),
    pytest.param(dict(error_code=429, retry_after=1), id="429"),
    pytest.param(dict(error_code=500, delay=1.0), id="timeout"),
]


@pytest.mark.parametrize("method", ["sendMessage", "editMessageText"])
@pytest.mark.parametrize("fault", FAULTS)
async def test_failed_calls_are_retried_and_every_reply_arrives_once_in_order(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, method: str, fault: dict[str, float]
) -> None:
    calm = fake_bot_api.user(user_id=411, language_code="en")
    unlucky = fake_bot_api.user(user_id=412, language_code="en")
    # a 0.5 s read timeout: the server's 1 s "timeout" fault is a timeout to the bot
    async with running_bot(read_timeout=0.5):
        await a_few_steps(calm)  # the same steps without faults: what must arrive
        fake_bot_api.fail_next(
            method,
            times=2,
            chat_id=unlucky.chat_id,
            **fault,  # type: ignore[arg-type]
        )
        await a_few_steps(unlucky)
        await asyncio.sleep(0.3)  # a reply sent twice would arrive meanwhile
    failed = [
        c for c in fake_bot_api.calls_of(method)
        if c.params.get("chat_id") == unlucky.chat_id and c.status != 200
    ]  # fmt: skip
    assert len(failed) == 2, "the faults were not met: the test would prove nothing"
    assert [str(e) for e in bot_entries(unlucky)] == [str(e) for e in bot_entries(calm)]


def owed(settings: Settings) -> int:
    """Replies in the outbox: what a restart would send."""
    with sqlite3.connect(settings.database) as db:
        return int(db.execute("SELECT count(*) FROM outbox").fetchone()[0])


async def test_after_a_5xx_every_reply_arrives_once_and_none_is_left_owed(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, settings: Settings
) -> None:
    """A delivered reply leaves the outbox while the bot runs (rows do not pile up), and a
    restart sends nothing again."""
    users = [fake_bot_api.user(user_id=481 + n, language_code="en") for n in range(3)]
    async with running_bot():
        fake_bot_api.fail_next("sendMessage", times=1, chat_id=users[0].chat_id, error_code=502)
        await asyncio.gather(*(a_few_steps(user) for user in users))
        deadline = time.monotonic() + 2  # (the database, not the server: polled)
        while owed(settings) and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        assert owed(settings) == 0
    seen = [[str(e) for e in bot_entries(user)] for user in users]
    assert seen[0] == seen[1] == seen[2]  # the one that met the 502 got every reply, once
    async with running_bot():
        await asyncio.sleep(0.3)  # a reply owed would be sent meanwhile
    assert [[str(e) for e in bot_entries(user)] for user in users] == seen


async def test_a_429_for_one_chat_does_not_delay_another(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    slowed = fake_bot_api.user(user_id=421, language_code="en")
    other = fake_bot_api.user(user_id=422, language_code="en")
    async with running_bot():
        fake_bot_api.fail_next("sendMessage", 429, retry_after=4, chat_id=slowed.chat_id)
        await slowed.send_command("start")
        await fake_bot_api.wait_for_call("sendMessage", where=lambda c: c.status == 429)
        asked = time.monotonic()
        await other.send_command("start")
        await other.next_reply(timeout=5)
        assert time.monotonic() - asked < 1.0
        started = time.monotonic()
        await slowed.next_reply(timeout=10)  # after the pause Telegram asked for
        assert time.monotonic() - started > 2.0


async def test_blocked_users_and_messages_without_a_sender_give_no_error(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = fake_bot_api.user(user_id=431, language_code="en")
    fake_bot_api.set_blocked(blocked.chat_id)
    anonymous_chat = {"id": 432, "type": "private", "first_name": "Nobody"}
    after = fake_bot_api.user(user_id=433, language_code="en")
    caplog.set_level(logging.INFO)
    async with running_bot():
        await blocked.send_command("start")
        await blocked.send("hello?")
        fake_bot_api.add_message(anonymous_chat, None, text="hello")
        await after.send_command("start")
        await after.next_reply(timeout=10)
        await fake_bot_api.wait_until(
            lambda: len([c for c in fake_bot_api.calls_of("sendMessage") if c.status == 403]) >= 1,
            5,
        )
        await asyncio.sleep(0.3)
    assert fake_bot_api.message_count(432) == 0
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not [r for r in caplog.records if r.exc_info or r.exc_text]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("cannot be written to" in w for w in warnings), warnings


async def test_a_reply_that_waited_too_long_becomes_an_apology_and_the_current_question(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    user = fake_bot_api.user(user_id=441, language_code="en")
    async with running_bot(stale_after=1.0):
        await user.send_command("start")
        greeting = await user.next_reply(timeout=10)
        fake_bot_api.fail_next("sendMessage", 502, times=3, chat_id=user.chat_id)
        await user.send_command("help")  # retried after 0.5, 1 and 2 s: by then too old
        late = await user.next_reply(timeout=10)
        current = await user.next_reply(timeout=10)
    assert late.text.startswith("Sorry for the delay")
    assert greeting.text.endswith(current.text) and current.keyboard == greeting.keyboard
    assert len(user.messages) == 3  # the help text itself is not sent late


async def test_getupdates_failures_are_warnings_and_polling_goes_on(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    user = fake_bot_api.user(user_id=451, language_code="en")
    caplog.set_level(logging.INFO)
    async with running_bot(raise_handler_errors=False):
        await fake_bot_api.wait_for_call("getUpdates")
        fake_bot_api.fail_next("getUpdates", 502, times=2)
        fake_bot_api.fail_next("getUpdates", 409)
        await user.send_command("start")
        await user.next_reply(timeout=15)

        def failed_polls() -> int:
            return sum(1 for c in fake_bot_api.calls_of("getUpdates") if c.status != 200)

        assert await fake_bot_api.wait_until(lambda: failed_polls() == 3, 10)
        await fake_bot_api.wait_for_call("getUpdates", since=len(fake_bot_api.calls))  # again
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not [r for r in caplog.records if r.exc_info or r.exc_text]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("NetworkError" in w for w in warnings) and any("Conflict" in w for w in warnings)


async def test_a_failed_last_getupdates_on_stop_is_one_warning(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    user = fake_bot_api.user(user_id=461, language_code="en")
    caplog.set_level(logging.INFO)
    async with running_bot():
        await user.send_command("start")
        await user.next_reply(timeout=10)
        await fake_bot_api.wait_for_call("getUpdates", since=len(fake_bot_api.calls))
        fake_bot_api.fail_next("getUpdates", 502)  # the Updater's last call, on stop
    assert fake_bot_api.calls_of("getUpdates")[-1].status == 502
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == ["could not confirm the last updates on stop (NetworkError)"]


async def test_an_update_is_confirmed_to_telegram_only_once_handled(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = fake_bot_api.user(user_id=471, language_code="en")
    handle = Conversations.handle

    async def slow(self: Conversations, *args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(1.0)  # a long step: the process could die meanwhile
        return await handle(self, *args, **kwargs)

    async with running_bot():
        await user.send_command("start")
        await user.next_reply(timeout=10)
        monkeypatch.setattr(Conversations, "handle", slow)
        await user.send("I agree")
        typed = fake_bot_api.last_update_id
        await fake_bot_api.wait_for_call(
            "getUpdates", where=lambda c: c.params.get("offset") == typed, timeout=5
        )  # fetched...
        await asyncio.sleep(0.5)
        assert fake_bot_api.is_pending(typed)  # ...but not confirmed while it is handled
        await user.next_reply(timeout=10)
        assert await fake_bot_api.wait_until(lambda: not fake_bot_api.is_pending(typed), 5)


async def test_a_booking_press_is_stored_with_its_update_once(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, settings: Settings
) -> None:
    user = fake_bot_api.user(user_id=491, language_code="en")
    async with running_bot():
        await user.send_command("start")
        advice, _ = await answer_by_buttons(user, await user.next_reply())
        await user.press("b", message_id=advice.message_id)
        pressed = fake_bot_api.last_update_id
        details = await user.next_reply()
        fake_bot_api.add_duplicate(pressed)  # Telegram delivers the press again
        await fake_bot_api.wait_until(lambda: not fake_bot_api.is_pending(pressed), 5)
        await asyncio.sleep(0.2)
    assert [b.text for row in details.keyboard for b in row] == ["Book online"]
    with sqlite3.connect(settings.database) as db:
        assert db.execute("SELECT count(*) FROM events WHERE kind = 'booking'").fetchone() == (1,)
    assert user.messages[-1].message_id == details.message_id  # answered once
