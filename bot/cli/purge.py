"""``python -m bot purge [--days N]``: delete what is older than the retention period."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

HELP = "delete events and sessions older than BOT_RETENTION_DAYS (default 90) and print counts"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--days", type=int, help="keep this many days (default: BOT_RETENTION_DAYS, or 90)"
    )
    parser.add_argument("--database", type=Path, help="the database (default: BOT_DATABASE)")


def run(args: argparse.Namespace) -> int:
    from bot.operators.database import require_database
    from bot.operators.periods import when
    from bot.operators.retention import purge_before
    from bot.retention import cutoff
    from bot.settings import Settings

    settings = Settings.from_env()  # a wrong BOT_RETENTION_DAYS is a one-line error (cli)
    database = args.database or settings.database
    days = args.days if args.days is not None else settings.retention_days
    try:
        older_than = cutoff(days)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if isinstance(database, Path):
        require_database(database)  # SqliteStorage would create an empty database here
    deleted = asyncio.run(purge_before(database, older_than))
    print(
        f"deleted {deleted['events']} events and {deleted['sessions']} sessions "
        f"older than {days} days (before {when(older_than)} UTC)"
    )
    return 0
