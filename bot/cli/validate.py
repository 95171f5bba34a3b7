"""``python -m bot validate [FILE ...]``"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "check the dialogue and content files; print file:line: message for each problem"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="*", type=Path, metavar="FILE",
        help="dialogue files to check (default: the configured dialogue); "
        "content files are always checked",
    )  # fmt: skip
    parser.add_argument("--content", type=Path, help="the content folder (default: content/)")


def run(args: argparse.Namespace) -> int:
    from bot.settings import Settings
    from bot.validator import validate

    settings = Settings.from_env()
    content_dir = args.content or settings.content_dir
    dialogues = [f for f in args.files if not _inside(f, content_dir)] or [settings.dialogue_file]
    problems = validate(dialogues, content_dir)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"ok: {', '.join(str(d) for d in dialogues)} and {content_dir}")
    return 0


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())
