"""The bot's resident memory (RSS) against the number of people it has talked to.

The real bot (python-telegram-bot Application, SQLite, the shipped dialogue) runs in this
process; the fake Bot API and the people run in a child process, so that the fake server's
record of every message is not counted. Each person has three turns (/start, the consent by
typing, a first description); RSS is read from /proc after each checkpoint.

Usage::

    python benchmarks/bench_memory.py                          # to 10,000 people
    python benchmarks/bench_memory.py --users 50000 --at 1000,10000,20000,50000
    python benchmarks/bench_memory.py --users 13000 --at 11000 --trace  # who grows, between
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dtm
import logging
import multiprocessing
import sys
import tempfile
import tracemalloc
from multiprocessing.connection import Connection
from pathlib import Path

from machine import describe  # benchmarks/machine.py, beside this script

from bot.settings import Settings
from bot.telegram.app import build_application
from bot.telegram.flood import FloodGuard
from bot.testing import FakeBotApi, running_application

PORT = 18_765
AT_ONCE = 50  # people talking at the same time
TURNS = ("/start", "I agree", "my lower back hurts since yesterday")


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def people(users: int, checkpoints: list[int], pipe: Connection, port: int = PORT) -> None:
    """The child: the fake Bot API and the people; tells the parent each checkpoint."""
    asyncio.run(_people(users, checkpoints, pipe, port))


async def _people(users: int, checkpoints: list[int], pipe: Connection, port: int) -> None:
    async with FakeBotApi(port=port) as server:
        pipe.send("ready")

        async def talk(number: int) -> None:
            user = server.user(user_id=100_000 + number, language_code="en")
            for typed in TURNS:
                before = server.message_count(user.chat_id)
                if typed.startswith("/"):
                    await user.send_command(typed[1:])
                else:
                    await user.send(typed)
                await server.wait_until(
                    lambda before=before: server.message_count(user.chat_id) > before,
                    30,
                    chat_id=user.chat_id,
                )

        done = 0
        for checkpoint in checkpoints:
            while done < checkpoint:
                batch = range(done, min(checkpoint, done + AT_ONCE))
                await asyncio.gather(*(talk(n) for n in batch))
                done = batch.stop
            await asyncio.sleep(1.0)  # the last replies delivered and their rows deleted
            pipe.send(done)
            # the parent has read its RSS; waited for off the loop, so that the fake Bot API
            # goes on answering (a checkpoint at 0 people comes while the bot still starts)
            await asyncio.get_running_loop().run_in_executor(None, pipe.recv)
        pipe.send("done")
        await asyncio.get_running_loop().run_in_executor(None, pipe.recv)


async def bot(pipe: Connection, trace: bool, port: int = PORT) -> list[tuple[int, float]]:
    settings = Settings.shipped(Path(tempfile.mkdtemp(prefix="bench-memory-")) / "bot.sqlite3")
    await asyncio.get_running_loop().run_in_executor(None, pipe.recv)  # "ready"
    application = build_application(
        FakeBotApi().token, f"http://127.0.0.1:{port}/bot", settings=settings,
        max_messages_per_second=10**6, flood=FloodGuard(max_messages=10**9),
    )  # fmt: skip
    figures = [(0, rss_mib())]
    snapshot: tracemalloc.Snapshot | None = None
    async with running_application(application):
        figures[0] = (0, rss_mib())  # started, nobody yet
        print(f"# 0 people: {figures[0][1]:.1f} MiB", file=sys.stderr, flush=True)
        while True:
            message = await asyncio.get_running_loop().run_in_executor(None, pipe.recv)
            if message == "done":
                pipe.send("ok")
                break
            figures.append((int(message), rss_mib()))
            print(f"# {message} people: {figures[-1][1]:.1f} MiB", file=sys.stderr, flush=True)
            if trace:  # from the first checkpoint on: what is allocated after it and stays
                tracemalloc.start()
                previous, snapshot = snapshot, tracemalloc.take_snapshot()
                if previous is not None:
                    for stat in snapshot.compare_to(previous, "lineno")[:12]:
                        print(f"#   {stat}", file=sys.stderr, flush=True)
            pipe.send("ok")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--at", default="1000,2000,5000,10000", help="checkpoints, people")
    parser.add_argument(
        "--trace", action="store_true", help="tracemalloc: what grew between checkpoints"
    )
    parser.add_argument("--port", type=int, default=PORT, help="the fake Bot API's port")
    args = parser.parse_args(argv)
    checkpoints = sorted({int(n) for n in args.at.split(",") if int(n) <= args.users})
    if not checkpoints or checkpoints[-1] != args.users:
        checkpoints.append(args.users)
    logging.disable(logging.WARNING)
    ours, theirs = multiprocessing.Pipe()
    child = multiprocessing.get_context("spawn").Process(
        target=people, args=(args.users, checkpoints, theirs, args.port)
    )
    child.start()
    try:
        figures = asyncio.run(bot(ours, args.trace, args.port))
    finally:
        child.join(timeout=30)
        if child.is_alive():
            child.kill()
    print(f"# {args.users} people x {len(TURNS)} turns, {dtm.date.today().isoformat()}, "
          f"{describe()}")  # fmt: skip
    print("| people | RSS MiB |")
    print("| --- | --- |")
    for count, mib in figures:
        print(f"| {count:,} | {mib:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
