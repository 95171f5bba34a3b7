"""``python -m bot scrub TEXT`` / ``python -m bot scrub --stdin``"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.lines import add_text_arguments, answer_lines, wrong_input

HELP = "print text as the anonymised log would store it (--stdin: one output line per input line)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_text_arguments(parser, "scrub")
    parser.add_argument("--content", type=Path, help="the content folder (default: content/)")


def run(args: argparse.Namespace) -> int:
    from bot.privacy.scrubber import Scrubber, ScrubberConfigError, single_line
    from bot.settings import Settings

    if wrong_input(args):
        return 2
    try:
        scrubber = Scrubber.load(args.content or Settings.from_env().content_dir)
    except ScrubberConfigError as error:
        print(error, file=sys.stderr)
        return 2
    # one stored line per message: a line break inside one becomes a space
    return answer_lines(args, lambda text: single_line(scrubber.scrub(text)))
