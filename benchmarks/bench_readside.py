"""The operators' read side on SQLite and on PostgreSQL: the same N events in both (the
generator of ``bench_export.py``), then the time of the report, the export, the console's
dashboard and a page of the conversation list, through ``bot.storage.readside``.

PostgreSQL is a server started in a temporary folder with fsync on (as in production), from
Debian's ``postgresql`` package, like the tests'.

    python benchmarks/bench_readside.py [--events N]

Not a test: figures go to the "Operators' read side" section of benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's bot
from bench_export import generate  # benchmarks/, beside this script
from machine import describe

from bot.operators import dashboard, report
from bot.operators.export import write_jsonl
from bot.operators.periods import Period
from bot.operators.reading import DialogueTexts
from bot.operators.selection import Selection
from bot.settings import Settings
from bot.storage import open_storage
from bot.storage.readside import EVENT_FIELDS, open_event_log
from bot.validator import load_checked
from tests.storage.conftest import fresh_postgres_database
from tests.storage.postgres_server import running_server


class Null(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


async def copy_to_postgres(source: Path, url: str) -> None:
    import asyncpg

    async with open_storage(url):  # the real schema
        pass
    columns = [c for c in EVENT_FIELDS if c != "id"]
    rows = sqlite3.connect(source).execute(
        f"SELECT {', '.join(columns)} FROM events ORDER BY id"
    )
    db = await asyncpg.connect(url)
    try:
        while chunk := rows.fetchmany(50_000):
            await db.copy_records_to_table("events", records=chunk, columns=columns)
        # JSON went in as text: make it JSONB values, as the bot writes them
        await db.execute(
            "UPDATE events SET concepts = (concepts #>> '{}')::jsonb,"
            " outcome = (outcome #>> '{}')::jsonb"
        )
        await db.execute("VACUUM ANALYZE events")
    finally:
        await db.close()


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def measure(database: str, texts: DialogueTexts) -> dict[str, float]:
    figures: dict[str, float] = {}
    with open_event_log(database) as log:
        everything = Selection(Period(), channel=None)
        figures["report"] = timed(lambda: report.build_report(log, everything, 0.0, texts))
        figures["export (all, jsonl)"] = timed(lambda: write_jsonl(log.events(), Null()))
        figures["dashboard"] = timed(lambda: dashboard.collect(log, everything, texts, "en"))
        figures["conversations page"] = timed(
            lambda: log.conversations(everything.scope(), 101, 0)
        )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    settings = Settings.shipped(Path("unused.sqlite3"))
    texts = DialogueTexts(*load_checked(settings.dialogue_file, settings.content_dir))
    print(describe())
    with tempfile.TemporaryDirectory() as folder, running_server(durable=True) as server:
        path = Path(folder) / "bot.sqlite3"
        generate(path, args.events)
        url = asyncio.run(fresh_postgres_database(server))
        asyncio.run(copy_to_postgres(path, url))
        results = {"SQLite": measure(f"sqlite:///{path}", texts), "PostgreSQL": measure(url, texts)}
    print(f"{args.events:,} events ({args.events // 10:,} conversations)")
    for backend, figures in results.items():
        print(backend + ": " + ", ".join(f"{name} {s:.2f} s" for name, s in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
