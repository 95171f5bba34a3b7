"""``python -m bot match [--lang auto|ru|en] TEXT`` / ``python -m bot match --stdin``"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "print the symptom concepts found in free text as JSON (--stdin: one JSON line per line)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="?", metavar="TEXT", help="the message to match")
    parser.add_argument(
        "--lang",
        choices=("auto", "ru", "en"),
        default="auto",
        help="language of the text (default: detect per message)",
    )
    parser.add_argument(
        "--stdin", action="store_true",
        help="read one message per line and print one JSON line for each, flushed",
    )  # fmt: skip
    parser.add_argument("--content", type=Path, help="the content folder (default: content/)")


def run(args: argparse.Namespace) -> int:
    from bot.matcher import Matcher
    from bot.matcher.lexicon import LexiconError
    from bot.settings import Settings

    if args.stdin == (args.text is not None):
        print("give either TEXT or --stdin", file=sys.stderr)
        return 2
    try:
        matcher = Matcher.load(args.content or Settings.from_env().content_dir)
    except LexiconError as error:
        print(error, file=sys.stderr)
        return 2
    out = sys.stdout.buffer

    def emit(text: str) -> None:
        line = json.dumps(matcher.match(text, args.lang).to_json(), ensure_ascii=False)
        out.write(line.encode("utf-8") + b"\n")
        out.flush()

    if not args.stdin:
        emit(args.text)
        return 0
    # split on "\n" only, so that one input line always gives exactly one output line
    for raw in iter(sys.stdin.buffer.readline, b""):
        emit(raw.removesuffix(b"\n").removesuffix(b"\r").decode("utf-8", "replace"))
    return 0
