"""How many dialogue turns per second one bot token can carry under Telegram's limit of
about 30 messages a second, with the cosmetic edits (taking the buttons off a question the
person answered by typing) always sent, and dropped under load as the bot does.

The real bot (python-telegram-bot Application, SQLite, the shipped dialogue) against the fake
Bot API in one process; many people answer by typing, each waiting for the bot's answer.
A turn is one typed answer whose next question arrived.

Usage::

    python benchmarks/bench_capacity.py                 # 60 people, 15 s per mode
    python benchmarks/bench_capacity.py --chats 100 --seconds 20
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dtm
import logging
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from machine import describe  # benchmarks/machine.py, beside this script

from bot.settings import Settings
from bot.telegram.app import POLL_INTERVAL_SECONDS, build_application
from bot.telegram.flood import FloodGuard
from bot.testing import FakeBotApi, running_application
from bot.testing.fake_bot_api import BotMessage

logging.getLogger("httpx").setLevel(logging.WARNING)


def next_input(message: BotMessage) -> str:
    """What a person types to the question ``message`` asks: agree, describe, say no."""
    data = [b.data or "" for row in message.keyboard for b in row]
    if "b" in data:  # the advice: start over
        return "/restart"
    if any(d.endswith("|yes") for d in data) and "agree" in message.text.lower():
        return "I agree"
    if not any(d.startswith("o|") for d in data):
        return "my lower back hurts since yesterday after lifting a box"
    return "no" if any(d.endswith("|no") for d in data) else message.keyboard[0][0].text


async def measure(drop_cosmetic: bool, chats: int, seconds: float, rate: float) -> dict[str, float]:
    settings = Settings.shipped(Path(tempfile.mkdtemp(prefix="bench-capacity-")) / "bot.sqlite3")
    async with FakeBotApi() as server:
        application = build_application(
            server.token, server.base_url, settings=settings, max_messages_per_second=rate,
            flood=FloodGuard(max_messages=10**9),
        )  # fmt: skip
        application.bot_data.sender.drop_cosmetic_under_load = drop_cosmetic
        users = [server.user(user_id=20_000 + n, language_code="en") for n in range(chats)]
        turns = 0
        async with running_application(application, poll_interval=POLL_INTERVAL_SECONDS):
            deadline = time.monotonic() + seconds

            async def talk(index: int) -> None:
                nonlocal turns
                user = users[index]
                typed = "/start"
                while time.monotonic() < deadline:
                    before = server.message_count(user.chat_id)
                    if typed.startswith("/"):
                        await user.send_command(typed[1:])
                    else:
                        await user.send(typed)
                    if not await server.wait_until(
                        lambda before=before: server.message_count(user.chat_id) > before,
                        max(0.1, deadline - time.monotonic()),
                        chat_id=user.chat_id,
                    ):
                        return  # the time is up
                    turns += 1
                    # (a turn of several messages: the last one asks)
                    typed = next_input(server.messages(user.chat_id)[-1])

            first_call = len(server.calls)
            started = time.monotonic()
            await asyncio.gather(*(talk(n) for n in range(chats)))
            elapsed = time.monotonic() - started
            calls = Counter(c.method for c in server.calls[first_call:] if c.status == 200)
    sent = calls["sendMessage"] + calls["editMessageText"] + calls["editMessageReplyMarkup"]
    return {
        "turns/s": turns / elapsed,
        "messages+edits/s": sent / elapsed,
        "cosmetic edits/turn": calls["editMessageReplyMarkup"] / max(turns, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chats", type=int, default=60, help="people typing at once")
    parser.add_argument("--seconds", type=float, default=15.0, help="per mode")
    parser.add_argument("--rate", type=float, default=30.0, help="messages/s the bot allows")
    args = parser.parse_args(argv)
    print(f"# {args.chats} people, {args.seconds:g} s per mode, limit {args.rate:g} messages/s, "
          f"{dtm.date.today().isoformat()}, {describe()}")  # fmt: skip
    print("| cosmetic edits | turns/s | messages+edits/s | cosmetic edits/turn |")
    print("| --- | --- | --- | --- |")
    for drop, name in ((False, "always sent"), (True, "dropped under load")):
        result = asyncio.run(measure(drop, args.chats, args.seconds, args.rate))
        print(f"| {name} | {result['turns/s']:.1f} | {result['messages+edits/s']:.1f} "
              f"| {result['cosmetic edits/turn']:.2f} |", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
