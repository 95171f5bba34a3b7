"""``python -m bot scrub TEXT`` / ``python -m bot scrub --stdin``"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "print text as the anonymised log would store it (--stdin: one output line per input line)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="?", metavar="TEXT", help="the message to scrub")
    parser.add_argument(
        "--stdin", action="store_true",
        help="read one message per line and print one scrubbed line for each, flushed",
    )  # fmt: skip
    parser.add_argument("--content", type=Path, help="the content folder (default: content/)")


def run(args: argparse.Namespace) -> int:
    from bot.privacy.scrubber import Scrubber, ScrubberConfigError, single_line
    from bot.settings import Settings

    if args.stdin == (args.text is not None):
        print("give either TEXT or --stdin", file=sys.stderr)
        return 2
    try:
        scrubber = Scrubber.load(args.content or Settings.from_env().content_dir)
    except ScrubberConfigError as error:
        print(error, file=sys.stderr)
        return 2
    out = sys.stdout.buffer
    if not args.stdin:
        out.write(scrubber.scrub(args.text).encode("utf-8", "replace") + b"\n")
        out.flush()
        return 0
    # bytes split on "\n" only: a stray "\r" or U+2028 inside a message must not turn one input
    # line into two output lines, or a process driving us over a pipe falls out of step
    for raw in iter(sys.stdin.buffer.readline, b""):
        line = raw.removesuffix(b"\n").removesuffix(b"\r").decode("utf-8", "replace")
        out.write(single_line(scrubber.scrub(line)).encode("utf-8", "replace") + b"\n")
        out.flush()
    return 0
