"""``python -m bot logs list|show|export``: the anonymised event log, for operators.

Reads the database read-only (SQLite or PostgreSQL), so it is safe while the bot runs.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.storage.readside import EventLog

HELP = "read the anonymised conversations: list, show CONVERSATION, export --format jsonl|csv"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from bot.operators.periods import add_period_arguments

    parser.add_argument("--database", type=Path, help="the database (default: BOT_DATABASE)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    listing = actions.add_parser("list", help="conversations, the most recent first")
    add_period_arguments(listing)
    listing.add_argument(
        "--limit", type=int, default=50, help="how many to show (0: all; default 50)"
    )

    show = actions.add_parser("show", help="one conversation's anonymised transcript")
    show.add_argument("conversation", metavar="CONVERSATION", help="its id, or a prefix of it")

    export = actions.add_parser("export", help="every event of a period, streamed")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    add_period_arguments(export)
    export.add_argument("--out", type=Path, help="write to this file (default: standard output)")


def run(args: argparse.Namespace) -> int:
    from bot.settings import Settings
    from bot.storage.readside import (
        AmbiguousConversationError,
        ConversationNotFoundError,
        open_event_log,
    )

    # a missing or unreadable database is a one-line error of the command line (bot/cli)
    with open_event_log(args.database or Settings.from_env().database) as log:
        try:
            if args.action == "list":
                return _list(log, args)
            if args.action == "show":
                return _show(log, args)
            return _export(log, args)
        except (ConversationNotFoundError, AmbiguousConversationError) as error:
            print(error, file=sys.stderr)
            return 1


def _list(log: EventLog, args: argparse.Namespace) -> int:
    from bot.operators.periods import period_from
    from bot.operators.selection import as_selection
    from bot.operators.transcript import conversation_table

    limit = None if args.limit <= 0 else args.limit
    rows = log.conversations(as_selection(period_from(args)).scope(), limit)
    if not rows:
        print("no conversations in this period", file=sys.stderr)
        return 0
    print(conversation_table(rows))
    return 0


def _show(log: EventLog, args: argparse.Namespace) -> int:
    from bot.operators.reading import DialogueTexts
    from bot.operators.transcript import transcript
    from bot.settings import Settings
    from bot.validator import load_checked

    settings = Settings.from_env()
    texts = DialogueTexts(*load_checked(settings.dialogue_file, settings.content_dir))
    conversation = log.resolve_conversation(args.conversation)
    print(transcript(log.conversation_events(conversation), texts))
    return 0


def _export(log: EventLog, args: argparse.Namespace) -> int:
    from bot.operators.export import write
    from bot.operators.periods import period_from

    period = period_from(args)
    events = log.events(period.since, period.until)
    # newline="": the csv module writes its own line ends; UTF-8 whatever the locale says
    if args.out is None:
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        count = write(events, out, args.format)
        out.flush()
        out.detach()  # leave sys.stdout usable
    else:
        # written beside the target and renamed at the end: an interrupted export never
        # leaves a truncated file that looks complete
        partial = args.out.with_name(args.out.name + ".partial")
        with partial.open("w", encoding="utf-8", newline="") as out:
            count = write(events, out, args.format)
        os.replace(partial, args.out)
    print(f"exported {count} events", file=sys.stderr)
    return 0
