"""``python -m bot eval-scrubber FILE``"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = (
    "score the PII scrubber on a labelled set: JSON figures and misses on stdout, "
    "a summary on stderr; exit 1 below target"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="e.g. tests/data/pii_dev.yaml")
    parser.add_argument("--content", type=Path, help="the content folder (default: content/)")


def run(args: argparse.Namespace) -> int:
    from bot.evaluation.scrubber import DatasetError, evaluate, load_items
    from bot.privacy.scrubber import Scrubber, ScrubberConfigError
    from bot.settings import Settings

    try:
        items = load_items(args.file)
        scrubber = Scrubber.load(args.content or Settings.from_env().content_dir)
    except (DatasetError, ScrubberConfigError) as error:
        print(error, file=sys.stderr)
        return 2
    report = evaluate(scrubber, items)
    # JSON alone on stdout so that it can be piped into a tool; the prose goes to stderr
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    sys.stdout.flush()
    print(report.summary(), file=sys.stderr)
    return 0 if report.passed else 1
