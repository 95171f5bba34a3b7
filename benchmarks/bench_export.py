"""Export benchmark: peak memory and time of ``logs export`` over a million events.

Generates N events (default 1,000,000: 100,000 conversations of 10 turns over 100 days) into a
temporary SQLite database through the real schema, then runs the real command in a child
process per measurement and reads that child's peak RSS from ``os.wait4``. Exporting the last
10 days (~10 % of the rows) and all of them shows whether memory grows with the row count.
A last in-process run measures the Python heap of the export with ``tracemalloc``.

    python benchmarks/bench_export.py [--events N] [--keep DIR]

Not a test: figures go to the "Export" section of benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from machine import describe  # benchmarks/machine.py, beside this script

from bot.storage import SqliteStorage
from bot.storage.sqlite import EVENT_COLUMNS

DAY = 86400
START = 1_790_000_000.0  # 2026-09-21
NODES = ("consent", "describe", "saddle", "bladder", "weakness", "trauma", "fever", "cancer",
         "spread", "numbness", "duration")  # fmt: skip
TEXTS = (
    "my back hurts and the pain goes down my left leg to the knee",
    "болит поясница, отдаёт в правую ногу, немеют пальцы",
    "[NAME] here, sharp pain in the lower back since Monday, call [PHONE]",
    "it feels like electric eels in my calf when I sit for long",
)


def generate(path: Path, events: int, seed: int = 6) -> None:
    asyncio.run(_create(path))
    rnd = random.Random(seed)
    per_conversation = 10
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous = OFF")  # only for generating; the bot runs with NORMAL
    placeholders = ", ".join("?" * len(EVENT_COLUMNS))
    sql = f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({placeholders})"
    conversations = events // per_conversation
    span = 100 * DAY
    batch: list[tuple[object, ...]] = []
    for number in range(conversations):
        conversation = f"{rnd.getrandbits(128):032x}"
        person = f"{rnd.getrandbits(128):032x}"
        at = START + span * number / conversations
        campaign = rnd.choice((None, "spring", "flyer", "radio"))
        lang = rnd.choice(("ru", "en"))
        for turn in range(per_conversation):
            node = NODES[turn] if turn else None
            kind = "start" if turn == 0 else ("text" if turn == 2 else "option")
            value = rnd.choice(TEXTS) if kind == "text" else ("no" if turn else None)
            concepts = (
                json.dumps([{"id": "low_back_pain", "score": 100.0, "negated": False},
                            {"id": "radiating_leg_pain", "score": 87.5, "negated": False}])
                if kind == "text" else None
            )  # fmt: skip
            outcome = (
                json.dumps({"urgency": "soon", "specialists": ["neurologist"], "red_flags": []})
                if turn == per_conversation - 1
                else None
            )
            batch.append((conversation, person, at + turn * 20, "telegram", lang, campaign, node,
                          kind, value, concepts, NODES[min(turn + 1, len(NODES) - 1)],
                          "outcome" if outcome else "asked", outcome))  # fmt: skip
        if len(batch) >= 50_000:
            db.executemany(sql, batch)
            db.commit()
            batch.clear()
    db.executemany(sql, batch)
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


async def _create(path: Path) -> None:
    async with SqliteStorage(path):  # the real schema and its migrations
        pass


# Runs the command in the child and writes its VmHWM (peak resident set of this process's own
# memory map) to a file. ``ru_maxrss`` from ``wait4`` is not used: Linux carries the high-water
# mark of the memory map from before ``exec`` over, so it would report this (large) parent.
CHILD = """
import sys
from bot.cli import main
code = main(sys.argv[2:])
status = open("/proc/self/status").read().splitlines()
kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
open(sys.argv[1], "w").write(kib)
sys.exit(code)
"""


def measure(args: list[str], code: str = CHILD) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of ``python -m bot ARGS`` in a fresh child process."""
    with tempfile.NamedTemporaryFile("r", suffix=".hwm") as hwm:
        started = time.perf_counter()
        child = subprocess.run(
            [sys.executable, "-c", code, hwm.name, *args], stderr=subprocess.DEVNULL
        )
        elapsed = time.perf_counter() - started
        if child.returncode != 0:
            raise SystemExit(f"python -m bot {' '.join(args)} exited with {child.returncode}")
        return elapsed, int(hwm.read()) / 1024


def baseline() -> float:
    """Peak RSS of an interpreter that only imports what the export imports."""
    code = CHILD.replace("code = main(sys.argv[2:])", (
        "import bot.operators.export, bot.storage.sqlite_log, bot.storage, sqlite3\ncode = 0"
    ))  # fmt: skip
    return measure([], code)[1]


def heap_peak(path: Path) -> tuple[int, float]:
    from bot.operators.export import write_jsonl
    from bot.storage.readside import open_event_log

    class Null(io.TextIOBase):
        def write(self, text: str) -> int:
            return len(text)

    tracemalloc.start()
    with open_event_log(path) as log:
        count = write_jsonl(log.events(), Null())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return count, peak / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="build the database in DIR and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench_export_"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "bench.sqlite3"
    print(f"{time.strftime('%Y-%m-%d')}, {describe()}, SQLite {sqlite3.sqlite_version}")
    if not db.exists():
        started = time.perf_counter()
        generate(db, args.events)
        print(f"generated {args.events:,} events in {time.perf_counter() - started:.1f} s "
              f"({db.stat().st_size / 2**20:.0f} MiB)")  # fmt: skip
    with sqlite3.connect(db) as check:
        total = check.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    last_days = time.strftime("%Y-%m-%d", time.gmtime(START + 90 * DAY))
    print(f"baseline interpreter with the imports: {baseline():.1f} MiB peak RSS")
    print("| command | rows | seconds | rows/s | peak RSS MiB | output MiB |")
    print("| --- | --- | --- | --- | --- | --- |")
    out = folder / "export.out"
    for fmt in ("jsonl", "csv"):
        for since, rows in ((last_days, None), (None, total)):
            period = ["--since", since] if since else []
            command = ["logs", "--database", str(db), "export", "--format", fmt, *period]
            seconds, rss = measure([*command, "--out", str(out)])
            lines = sum(1 for _ in out.open("rb")) - (1 if fmt == "csv" else 0)
            label = f"logs export --format {fmt}" + (f" --since {since}" if since else "")
            print(f"| `{label}` | {lines:,} | {seconds:.1f} | {lines / seconds:,.0f} | "
                  f"{rss:.1f} | {out.stat().st_size / 2**20:.0f} |")  # fmt: skip
            assert rows is None or lines == rows, (lines, rows)
    seconds, rss = measure(["report", "--database", str(db), "--out", str(folder / "r.html")])
    print(f"| `report` (all {total:,} events) | {total:,} | {seconds:.1f} | "
          f"{total / seconds:,.0f} | {rss:.1f} | - |")  # fmt: skip
    count, peak = heap_peak(db)
    print(f"tracemalloc: exporting {count:,} events as JSON lines, peak Python heap {peak:.2f} MiB")
    out.unlink(missing_ok=True)
    if args.keep is None:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
