"""``python -m bot backup DEST``: a consistent copy of the live database, safe while the bot runs.

Copying the file with ``cp`` while the bot writes can give a torn database (and misses what is
still in the WAL); SQLite's online backup API copies one committed state. The copy is written
as ``DEST.partial``, checked with ``PRAGMA integrity_check`` and only then renamed, so a file
named like a backup is always a whole one. Restore: stop the bot, put the copy at
``BOT_DATABASE`` (removing any ``-wal``/``-shm`` files beside it), start the bot.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
import time
from pathlib import Path

HELP = "write a consistent copy of the live database to DEST (a file, or a folder for dated copies)"

# in a folder: bot-20261204T021500Z.sqlite3, so that the names sort by time
BACKUP_PREFIX = "bot-"
BACKUP_SUFFIX = ".sqlite3"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "destination", type=Path, metavar="DEST",
        help="the new file, or an existing folder: the copy is then named bot-<UTC time>.sqlite3",
    )  # fmt: skip
    parser.add_argument("--database", type=Path, help="the SQLite file (default: BOT_DATABASE)")
    parser.add_argument(
        "--keep", type=int, metavar="N",
        help="with a folder as DEST: afterwards delete all but the newest N bot-*.sqlite3 there",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from bot.operators.database import require_database
    from bot.settings import Settings
    from bot.storage.url import PostgresDatabase

    database = args.database or Settings.from_env().database
    if isinstance(database, PostgresDatabase):
        print(
            f"error: backup copies a SQLite file; back up {database} with PostgreSQL's own "
            'tools: pg_dump --format=custom --file=bot.dump "$DATABASE_URL" (see the README)',
            file=sys.stderr,
        )
        return 2
    source = require_database(database)
    if args.keep is not None and args.keep < 1:
        print("error: --keep must be at least 1", file=sys.stderr)
        return 2
    target = args.destination
    if target.is_dir():
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        target = target / f"{BACKUP_PREFIX}{stamp}{BACKUP_SUFFIX}"
    elif args.keep is not None:
        print("error: --keep needs a folder as DEST", file=sys.stderr)
        return 2
    if target.exists():
        print(f"error: {target} exists already: a backup never overwrites a file", file=sys.stderr)
        return 2
    if not target.parent.is_dir():
        print(f"error: no folder {target.parent} to write the backup into", file=sys.stderr)
        return 2
    pages = back_up(source, target)
    print(f"backed up {source} to {target} ({pages} pages, checked)")
    if args.keep is not None:
        for old in prune(args.destination, args.keep):
            print(f"deleted the older backup {old}")
    return 0


def back_up(source: Path, target: Path) -> int:
    """Copy ``source`` to ``target`` through the storage's online backup; the page count.

    The copy is readable by its owner only, like the database: it holds the same anonymised
    log. It is left in rollback-journal mode, one self-contained file; the bot turns WAL back
    on when it opens a restored copy.
    """
    from bot.storage import SqliteStorage

    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)  # left by a backup that was killed half-way
    # an empty file is a valid empty database: made first, so that it is never readable by others
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:

        async def copy() -> None:
            async with SqliteStorage(source) as storage:
                await storage.backup(partial)

        asyncio.run(copy())
        with sqlite3.connect(partial) as check:
            (result,) = check.execute("PRAGMA integrity_check").fetchone()
            if result != "ok":
                raise sqlite3.DatabaseError(f"the copy failed its integrity check: {result}")
            check.execute("PRAGMA journal_mode=DELETE")
            (pages,) = check.execute("PRAGMA page_count").fetchone()
        check.close()
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return int(pages)


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups in ``folder``; the files deleted."""
    backups = sorted(folder.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}"))
    old = backups[:-keep]
    for path in old:
        path.unlink()
    return old
