"""Two ``python -m bot run --webhook`` processes on one PostgreSQL database, behind a load
balancer that spreads 100 chats' updates across both, sends some of them to both (as
Telegram re-delivers), and meets one instance killed with SIGKILL mid-way and restarted:
every chat's transcript is exactly the one a single fault-free bot gives, and every update
was applied once."""

from __future__ import annotations

import asyncio
import random
import signal
import time
from pathlib import Path
from typing import Any

import aiohttp

from bot.testing import FakeBotApi
from tests.storage.conftest import fresh_postgres_database
from tests.storage.test_base import rows
from tests.telegram.test_run import bot_process, free_port, listening

CHATS = 100
SCRIPT = ["/start", "I agree", "my lower back hurts since yesterday after lifting a box", "no"]
SECRET = "s3cret-token-for-the-webhook"
DUPLICATES = 0.25  # of the updates, also sent to the other instance


def bot_messages(server: FakeBotApi, chat: int) -> list[str]:
    """What the person sees from the bot, keyboards included (cosmetic edits left out)."""
    return [
        str(entry)
        for entry in server.transcript(chat)
        if entry.sender == "bot" and entry.kind == "message"
    ]


def without_repeats(messages: list[str]) -> list[str]:
    """A reply Telegram took whose answer never came back (the kill) is sent again: at
    least once, never lost. Such a message alone may show twice in a row."""
    return [m for n, m in enumerate(messages) if n == 0 or messages[n - 1] != m]


class LoadBalancer:
    """Telegram and a load balancer in one: posts an update to an instance until one
    answers 200, moving to the other instance when one does not answer."""

    def __init__(self, http: aiohttp.ClientSession, ports: list[int]) -> None:
        self.http = http
        self.ports = ports

    async def deliver(self, update: dict[str, Any], first: int) -> None:
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        attempt = 0
        while True:
            port = self.ports[(first + attempt) % len(self.ports)]
            attempt += 1
            try:
                async with self.http.post(
                    f"http://127.0.0.1:{port}/telegram", json=update, headers=headers,
                    timeout=aiohttp.ClientTimeout(total=60),
                ) as answer:  # fmt: skip
                    if answer.status == 200:
                        return
            except (aiohttp.ClientError, TimeoutError):
                pass  # the instance is down: the other one gets it
            await asyncio.sleep(0.2)


async def converse(
    server: FakeBotApi, balancer: LoadBalancer, chat: int, updates: list[dict[str, Any]],
    rng: random.Random,
) -> None:  # fmt: skip
    """A person: each message once the bot has answered the one before (all of it)."""
    for update in updates:
        before = server.message_count(chat)
        first = rng.randrange(2)
        await balancer.deliver(update, first)
        if rng.random() < DUPLICATES:
            await balancer.deliver(update, 1 - first)
        assert await server.wait_until(
            lambda before=before: server.message_count(chat) > before, 60, chat_id=chat
        ), f"chat {chat} got no answer"
        await quiet(server, chat)


async def quiet(server: FakeBotApi, chat: int, seconds: float = 0.4) -> None:
    """Until the chat has had no new message for ``seconds``."""
    count = -1
    while count != server.message_count(chat):
        count = server.message_count(chat)
        await asyncio.sleep(seconds)


async def test_two_webhook_instances_on_one_postgresql_answer_every_chat_exactly(
    fake_bot_api: FakeBotApi, postgres_server: str, tmp_path: Path
) -> None:
    database = await fresh_postgres_database(postgres_server)
    rng = random.Random(17)
    ports = [free_port(), free_port()]
    data = tmp_path / "data"  # one pseudonym secret for both instances (BOT_DATA_DIR)
    env = {
        "BOT_DATABASE": database, "BOT_DATA_DIR": str(data),
        "BOT_WEBHOOK_URL": "https://bot.example.org", "BOT_WEBHOOK_SECRET": SECRET,
        "BOT_MAX_MESSAGES_PER_SECOND": "10000",
    }  # fmt: skip
    reference = 9_999
    users = {chat: fake_bot_api.user(user_id=chat, language_code="en")
             for chat in [reference, *range(20_000, 20_000 + CHATS)]}  # fmt: skip
    updates: dict[int, list[dict[str, Any]]] = {chat: [] for chat in users}
    for chat, user in users.items():
        for line in SCRIPT:
            sent = await (user.send_command(line[1:]) if line.startswith("/") else user.send(line))
            updates[chat].append({"update_id": fake_bot_api.last_update_id, "message": sent})

    def start(number: int) -> Any:
        return bot_process(
            fake_bot_api, tmp_path, "--webhook", BOT_WEBHOOK_PORT=str(ports[number]), **env
        )

    killed_at = 0
    async with start(0) as first, aiohttp.ClientSession() as http:
        await listening(ports[0], timeout=60)
        async with start(1) as second:
            await listening(ports[1], timeout=60)
            balancer = LoadBalancer(http, ports)
            # the reference: one chat, one instance, no faults
            await converse(fake_bot_api, LoadBalancer(http, ports[:1]), reference,
                           updates[reference], rng)  # fmt: skip
            expected = bot_messages(fake_bot_api, reference)
            total = CHATS * len(expected)

            def delivered() -> int:
                return sum(fake_bot_api.message_count(chat) for chat in range(20_000, 20_100))

            chats = asyncio.gather(
                *(converse(fake_bot_api, balancer, chat, updates[chat], rng)
                  for chat in range(20_000, 20_000 + CHATS))
            )  # fmt: skip
            assert await fake_bot_api.wait_until(lambda: delivered() >= total // 3, 120)
            killed_at = delivered()
            first.send_signal(signal.SIGKILL)  # mid-way, its requests on their way
            await first.wait()
            started = time.monotonic()
            async with start(0) as restarted:  # as systemd would: what it owed is sent
                await listening(ports[0], timeout=60)
                await asyncio.wait_for(chats, 300)
                await asyncio.sleep(0.5)  # a reply sent twice would come meanwhile
                print(f"killed at {killed_at}/{total} messages; restarted and done in "
                      f"{time.monotonic() - started:.1f} s")  # fmt: skip
                for process in (restarted, second):
                    process.send_signal(signal.SIGTERM)
                    await asyncio.wait_for(process.wait(), 30)

    got = {chat: bot_messages(fake_bot_api, chat) for chat in range(20_000, 20_000 + CHATS)}
    repeated = sum(len(m) - len(without_repeats(m)) for m in got.values())
    print(f"messages sent twice after the kill: {repeated}")
    assert repeated <= 16, repeated  # only what was on its way at the kill
    wrong = [chat for chat, messages in got.items() if without_repeats(messages) != expected]
    assert not wrong, "\n".join(
        [f"{len(wrong)} chats differ; the first:", *(m[:80] for m in got[wrong[0]]),
         "expected:", *(m[:80] for m in expected)]
    )  # fmt: skip
    # every update applied once: one row each, and every person's events as the reference's
    assert await rows(database, "SELECT count(*) FROM processed_updates") == [
        ((CHATS + 1) * len(SCRIPT),)
    ]
    per_person = await rows(database, "SELECT count(*) FROM events GROUP BY person")
    assert len(per_person) == CHATS + 1 and len(set(per_person)) == 1, per_person
    assert await rows(database, "SELECT count(*) FROM outbox") == [(0,)]
