"""Turns per second of the engine with durable sessions on each storage backend: SQLite and
PostgreSQL, in one run on one machine (no Telegram).

The same random walks over the real dialogue as bench_engine.py (load the session, step the
engine, scrub, store session and event), with ``--concurrency`` conversations at a time, as
a bot serves many chats at once. PostgreSQL is a real server: ``--postgres URL``, or by
default one started for the run in a temporary folder (Debian's ``postgresql`` package,
as the tests do; fsync stays on, as in production).

    python benchmarks/bench_storage.py [--conversations 2000] [--concurrency 1 16]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench_engine import MAX_TURNS, pick  # benchmarks/, beside this script
from machine import describe, percentile

from bot.app import load_engine, open_conversations
from bot.engine import Engine
from bot.settings import Settings
from bot.simulate import free_text_pool
from bot.storage.url import parse_database


def server_cpu_seconds(database: str) -> float | None:
    """CPU seconds the PostgreSQL server behind ``database`` has used, its backends that
    have ended included (they are its children); None if it is not on this machine. On a
    shared machine turns/s follows the load; CPU per turn says what a turn costs."""
    import asyncpg

    async def postmaster() -> int:
        db = await asyncpg.connect(database)
        try:  # the backend's parent, read while the backend runs
            backend = int(await db.fetchval("SELECT pg_backend_pid()"))
            return int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])
        finally:
            await db.close()

    time.sleep(0.3)  # the backends of a pool just closed are ended and counted
    try:
        fields = Path(f"/proc/{asyncio.run(postmaster())}/stat").read_text()
    except OSError:
        return None
    utime, stime, cutime, cstime = fields.rsplit(")", 1)[1].split()[11:15]
    return (int(utime) + int(stime) + int(cutime) + int(cstime)) / os.sysconf("SC_CLK_TCK")


async def run(
    engine: Engine, database: str, conversations: int, concurrency: int, seed: int
) -> tuple[list[float], float, float]:
    """The turns' latencies, the seconds they took, and the CPU seconds of this process (the
    bot, all its threads) meanwhile."""
    settings = Settings.shipped(parse_database(database))
    pool = [t for t in free_text_pool(engine) if len(t) < 500]
    latencies: list[float] = []
    async with open_conversations(settings, "terminal", engine) as service:
        service.prepare()  # the scrubber's models, as the bot loads them at start: not timed

        async def walk(number: int) -> None:
            rng = random.Random(seed * 1_000_003 + number)
            person = f"bench-{seed}-{number}"
            t0 = time.perf_counter()
            turn = await service.begin(person, rng.choice(["en", "ru"]))
            latencies.append(time.perf_counter() - t0)
            for _ in range(MAX_TURNS):
                if turn.reply.outcome is not None:
                    break
                t0 = time.perf_counter()
                turn = await service.handle(person, pick(rng, turn, pool))
                latencies.append(time.perf_counter() - t0)

        queue = iter(range(conversations))

        async def worker() -> None:
            for number in queue:
                await walk(number)

        started, cpu_before = time.perf_counter(), time.process_time()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_before
    return latencies, elapsed, cpu


@contextlib.contextmanager
def postgres(url: str | None) -> Iterator[str]:
    if url:
        yield url
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.storage.postgres_server import running_server

    with running_server(durable=True) as server:
        yield server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", help="a server's URL (default: start one for the run)")
    args = parser.parse_args()
    engine = load_engine(Settings.shipped(Path("unused.sqlite3")))
    print(f"# {args.conversations} conversations per run; {time.strftime('%Y-%m-%d')}, "
          f"{describe()}")  # fmt: skip
    print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| backend | concurrency | turns | seconds | turns/s | p50 ms | p99 ms "
          "| bot CPU ms/turn | server CPU ms/turn |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    with postgres(args.postgres) as server:
        for backend in ("sqlite", "postgresql"):
            for concurrency in args.concurrency:
                if backend == "sqlite":
                    folder = Path(tempfile.mkdtemp(prefix="bench-storage-"))
                    database = f"sqlite:///{folder / 'bot.sqlite3'}"
                else:
                    database = server
                seed = args.seed + concurrency  # new people each run: no session to reuse
                server_before = server_cpu_seconds(database) if backend != "sqlite" else None
                latencies, elapsed, bot_cpu = asyncio.run(
                    run(engine, database, args.conversations, concurrency, seed)
                )
                server_after = server_cpu_seconds(database) if backend != "sqlite" else None
                server_cpu = (
                    f"{(server_after - server_before) * 1000 / len(latencies):.3f}"
                    if server_before is not None and server_after is not None
                    else "-"
                )
                latencies.sort()
                print(
                    f"| {backend} | {concurrency} | {len(latencies)} | {elapsed:.1f} "
                    f"| {len(latencies) / elapsed:.0f} "
                    f"| {statistics.median(latencies) * 1000:.2f} "
                    f"| {percentile(latencies, 0.99) * 1000:.2f} "
                    f"| {bot_cpu * 1000 / len(latencies):.3f} | {server_cpu} |"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
