"""End-to-end updates per second of ``python -m bot run --webhook`` processes: one instance
on SQLite (the baseline), one and two instances on one PostgreSQL database, in one run.

A load balancer (in this script) spreads 100 chats' updates across the instances; each chat
sends its next message once the bot has answered the last one, as people do, and all chats
talk at once. The Bot API is the fake one (bot/testing); PostgreSQL is a server started for
the run (Debian's package, fsync on). Besides updates/s, the PostgreSQL rows give what
each update cost the server - its CPU (its backends included) and its transactions (reads
included; a write's commit is a wait for the disk) - and updates/s as a ratio of the SQLite
run's, which follows the load of a shared machine less than updates/s does.

    PYTHONPATH=. python benchmarks/bench_instances.py [--chats 100] [--rounds 3] [--repeat 1]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
from bench_storage import server_cpu_seconds  # benchmarks/, beside this script
from machine import describe

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


async def transactions(database: str) -> int:
    """Transactions ended in ``database`` so far (a backend's are counted when it ends,
    or at most a second after it went idle)."""
    import asyncpg

    db = await asyncpg.connect(database)
    try:
        return int(
            await db.fetchval(
                "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
            )
        )
    finally:
        await db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=1, help="runs of every set-up, in turns")
    args = parser.parse_args()
    updates = args.chats * args.rounds * len(SCRIPT)
    print(f"# {args.chats} chats x {args.rounds * len(SCRIPT)} updates; "
          f"{time.strftime('%Y-%m-%d %H:%M')}, {describe()}")  # fmt: skip
    print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| set-up | updates | updates/s | of SQLite's | server CPU ms/update "
          "| transactions/update |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- |")
    with running_server(durable=True) as server:
        for _ in range(args.repeat):
            folder = Path(tempfile.mkdtemp(prefix="bench-instances-"))
            baseline = asyncio.run(measure(f"sqlite:///{folder / 'bot.sqlite3'}", 1,
                                           args.chats, args.rounds))  # fmt: skip
            print(f"| 1 instance, SQLite | {updates} | {baseline:.0f} | 100% | - | - |",
                  flush=True)  # fmt: skip
            for instances in (1, 2):
                database = asyncio.run(fresh_postgres_database(server))
                cpu_before, ended_before = (
                    server_cpu_seconds(server),
                    asyncio.run(transactions(database)),
                )
                rate = asyncio.run(measure(database, instances, args.chats, args.rounds))
                time.sleep(1.5)  # the ended backends' counts reach pg_stat_database
                cpu_after, ended_after = (
                    server_cpu_seconds(server),
                    asyncio.run(transactions(database)),
                )
                cpu = (
                    f"{(cpu_after - cpu_before) * 1000 / updates:.2f}"
                    if cpu_before is not None and cpu_after is not None
                    else "-"
                )
                print(
                    f"| {instances} instance(s), PostgreSQL | {updates} | {rate:.0f} "
                    f"| {rate / baseline:.0%} | {cpu} "
                    f"| {(ended_after - ended_before - 1) / updates:.2f} |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
