"""``python -m bot match [--lang auto|ru|en] TEXT`` / ``python -m bot match --stdin``"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.cli.lines import add_text_arguments, answer_lines, wrong_input

HELP = "print the symptom concepts found in free text as JSON (--stdin: one JSON line per line)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_text_arguments(parser, "match")
    parser.add_argument(
        "--lang",
        choices=("auto", "ru", "en"),
        default="auto",
        help="language of the text (default: detect per message)",
    )
    parser.add_argument("--content", type=Path, help="the content folder (default: content/)")


def run(args: argparse.Namespace) -> int:
    from bot.matcher import Matcher
    from bot.matcher.lexicon import LexiconError
    from bot.settings import Settings

    if wrong_input(args):
        return 2
    try:
        matcher = Matcher.load(args.content or Settings.from_env().content_dir)
    except LexiconError as error:
        print(error, file=sys.stderr)
        return 2

    def as_json(text: str) -> str:
        return json.dumps(matcher.match(text, args.lang).to_json(), ensure_ascii=False)

    return answer_lines(args, as_json)
