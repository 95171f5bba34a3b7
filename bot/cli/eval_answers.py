"""``python -m bot eval-answers FILE``"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = (
    "score how the dialogue reads typed answers to its questions on a labelled set: "
    "JSON figures, then a summary; exit 1 if any answer is dangerously misread"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="e.g. tests/data/answers_own.yaml")
    parser.add_argument("--json-only", action="store_true", help="print only the JSON report")


def run(args: argparse.Namespace) -> int:
    from bot.app import load_engine
    from bot.cli.reports import print_report
    from bot.evaluation.answers import evaluate, format_summary, load_items
    from bot.yamlfile import YamlError

    engine = load_engine()  # the configured dialogue and content, checked first
    try:
        items, problems = load_items(args.file, engine)
    except YamlError as error:
        print(error, file=sys.stderr)
        return 2
    report = evaluate(engine, items)
    print_report(problems, report.to_json(), lambda: format_summary(report), args.json_only)
    # exit 1 on any dangerous misreading, so that scripts and CI can rely on it
    return 1 if report.dangerous else 0
