"""``python -m bot logs list|show|export``: the anonymised event log, for operators.

Reads the database read-only, so it is safe while the bot runs.
"""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
import sys
from pathlib import Path

HELP = "read the anonymised conversations: list, show CONVERSATION, export --format jsonl|csv"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from bot.operators.periods import add_period_arguments

    parser.add_argument("--database", type=Path, help="the SQLite file (default: BOT_DATABASE)")
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
    from bot.operators.database import connect_readonly
    from bot.operators.queries import AmbiguousConversationError, ConversationNotFoundError
    from bot.settings import Settings

    # a missing or unreadable database is a one-line error of the command line (bot/cli)
    db = connect_readonly(args.database or Settings.from_env().database)
    try:
        if args.action == "list":
            return _list(db, args)
        if args.action == "show":
            return _show(db, args)
        return _export(db, args)
    except (ConversationNotFoundError, AmbiguousConversationError) as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        db.close()


def _list(db: sqlite3.Connection, args: argparse.Namespace) -> int:
    from bot.operators.periods import period_from
    from bot.operators.queries import list_conversations
    from bot.operators.transcript import conversation_table

    limit = None if args.limit <= 0 else args.limit
    rows = list_conversations(db, period_from(args), limit)
    if not rows:
        print("no conversations in this period", file=sys.stderr)
        return 0
    print(conversation_table(rows))
    return 0


def _show(db: sqlite3.Connection, args: argparse.Namespace) -> int:
    from bot.operators.queries import conversation_events, resolve_conversation
    from bot.operators.reading import DialogueTexts
    from bot.operators.transcript import transcript
    from bot.settings import Settings
    from bot.validator import load_checked

    settings = Settings.from_env()
    texts = DialogueTexts(*load_checked(settings.dialogue_file, settings.content_dir))
    conversation = resolve_conversation(db, args.conversation)
    print(transcript(conversation_events(db, conversation), texts))
    return 0


def _export(db: sqlite3.Connection, args: argparse.Namespace) -> int:
    from bot.operators.export import write
    from bot.operators.periods import period_from
    from bot.operators.queries import iter_events

    events = iter_events(db, period_from(args))
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
