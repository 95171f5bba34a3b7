"""The ``TEXT`` / ``--stdin`` convention of ``match`` and ``scrub``: one output line per
input line, flushed at once, so another process can drive the command over a pipe."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable


def add_text_arguments(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("text", nargs="?", metavar="TEXT", help=f"the message to {what}")
    parser.add_argument(
        "--stdin", action="store_true",
        help="read one message per line and print one line for each, flushed",
    )  # fmt: skip


def wrong_input(args: argparse.Namespace) -> bool:
    """True (and says so) unless exactly one of TEXT and --stdin is given."""
    if args.stdin == (args.text is not None):
        print("give either TEXT or --stdin", file=sys.stderr)
        return True
    return False


def answer_lines(args: argparse.Namespace, answer: Callable[[str], str]) -> int:
    """Print ``answer(text)`` for TEXT, or for every line of standard input."""
    out = sys.stdout.buffer

    def emit(text: str) -> None:
        out.write(answer(text).encode("utf-8", "replace") + b"\n")
        out.flush()

    if not args.stdin:
        emit(args.text)
        return 0
    # bytes split on "\n" only: a stray "\r" or U+2028 inside a message must not turn one input
    # line into two output lines, or a process driving us over a pipe falls out of step
    for raw in iter(sys.stdin.buffer.readline, b""):
        emit(raw.removesuffix(b"\n").removesuffix(b"\r").decode("utf-8", "replace"))
    return 0
