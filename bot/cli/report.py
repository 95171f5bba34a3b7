"""``python -m bot report --out report.html [--since DATE] [--until DATE]``"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HELP = "write a self-contained HTML report (charts of sessions, funnel, outcomes, drop-off)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from bot.operators.selection import REAL_CHANNEL, add_selection_arguments

    parser.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    # test and terminal chats are not patients: left out unless asked for
    add_selection_arguments(parser, channel=REAL_CHANNEL)
    parser.add_argument("--database", type=Path, help="the database (default: BOT_DATABASE)")


def run(args: argparse.Namespace) -> int:
    from bot.operators.reading import DialogueTexts
    from bot.operators.report import build_report
    from bot.operators.selection import selection_from
    from bot.settings import Settings
    from bot.storage.readside import open_event_log
    from bot.validator import load_checked

    settings = Settings.from_env()
    # the dialogue tells a typed button answer ("no") from text the bot did not understand
    texts = DialogueTexts(*load_checked(settings.dialogue_file, settings.content_dir))
    # a missing or unreadable database is a one-line error of the command line (bot/cli)
    with open_event_log(args.database or settings.database) as log:
        html = build_report(log, selection_from(args), time.time(), texts)
    partial = args.out.with_name(args.out.name + ".partial")
    partial.write_text(html, encoding="utf-8")
    os.replace(partial, args.out)
    print(f"report written to {args.out}", file=sys.stderr)
    return 0
