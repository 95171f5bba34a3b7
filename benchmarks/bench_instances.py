"""End-to-end updates per second of ``python -m bot run --webhook`` processes: one instance
on SQLite (the baseline), one and two instances on one PostgreSQL database, in one run.

A load balancer (in this script) spreads 100 chats' updates across the instances; each chat
sends its next message once the bot has answered the last one, as people do, and all chats
talk at once. The Bot API is the fake one (bot/testing); PostgreSQL is a server started for
the run (Debian's package, fsync on).

    PYTHONPATH=. python benchmarks/bench_instances.py [--chats 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
from machine import describe  # benchmarks/, beside this script

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot.testing import FakeBotApi
from tests.storage.conftest import fresh_postgres_database
from tests.storage.postgres_server import running_server
from tests.storage.test_instances import SCRIPT, SECRET, LoadBalancer
from tests.telegram.test_run import bot_process, free_port, listening


async def measure(database: str, instances: int, chats: int, rounds: int) -> float:
    """Updates per second over ``rounds`` passes of the script by ``chats`` people."""
    async with FakeBotApi() as server:
        folder = Path(tempfile.mkdtemp(prefix="bench-instances-"))
        ports = [free_port() for _ in range(instances)]
        env = {
            "BOT_DATABASE": database, "BOT_DATA_DIR": str(folder),
            "BOT_WEBHOOK_URL": "https://bot.example.org", "BOT_WEBHOOK_SECRET": SECRET,
            "BOT_MAX_MESSAGES_PER_SECOND": "10000",
        }  # fmt: skip
        async with aiohttp.ClientSession() as http:
            running = contextlib.AsyncExitStack()
            processes = []
            for port in ports:  # one after the other: the first writes the pseudonym secret
                processes.append(
                    await running.enter_async_context(
                        bot_process(server, folder, "--webhook", BOT_WEBHOOK_PORT=str(port), **env)
                    )
                )
                await listening(port, timeout=120)
            balancer = LoadBalancer(http, ports)
            rng = random.Random(1)
            updates: dict[int, list[dict[str, Any]]] = {}
            for chat in range(30_000, 30_000 + chats):
                user = server.user(user_id=chat, language_code="en")
                updates[chat] = []
                for _ in range(rounds):
                    for line in SCRIPT:
                        sent = await (user.send_command(line[1:]) if line.startswith("/")
                                      else user.send(line))  # fmt: skip
                        updates[chat].append({"update_id": server.last_update_id, "message": sent})

            async def converse(chat: int) -> None:
                for update in updates[chat]:
                    before = server.message_count(chat)
                    await balancer.deliver(update, rng.randrange(len(ports)))
                    await server.wait_until(
                        lambda before=before: server.message_count(chat) > before,
                        60,
                        chat_id=chat,
                    )

            started = time.perf_counter()
            await asyncio.gather(*(converse(chat) for chat in updates))
            elapsed = time.perf_counter() - started
            for process in processes:
                process.terminate()
                await process.wait()
            await running.aclose()
    return chats * rounds * len(SCRIPT) / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    updates = args.chats * args.rounds * len(SCRIPT)
    print(f"# {args.chats} chats x {args.rounds * len(SCRIPT)} updates; "
          f"{time.strftime('%Y-%m-%d')}, {describe()}")  # fmt: skip
    print("| set-up | updates | updates/s |")
    print("| --- | --- | --- |")
    sqlite = f"sqlite:///{Path(tempfile.mkdtemp(prefix='bench-instances-')) / 'bot.sqlite3'}"
    rate = asyncio.run(measure(sqlite, 1, args.chats, args.rounds))
    print(f"| 1 instance, SQLite | {updates} | {rate:.0f} |")
    with running_server(durable=True) as server:
        for instances in (1, 2):
            database = asyncio.run(fresh_postgres_database(server))
            rate = asyncio.run(measure(database, instances, args.chats, args.rounds))
            print(f"| {instances} instance(s), PostgreSQL | {updates} | {rate:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
