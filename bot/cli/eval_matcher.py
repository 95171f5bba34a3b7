"""``python -m bot eval-matcher FILE``"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "measure the symptom matcher on a labelled file (format of tests/data/dev_phrases.yaml)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="the labelled phrases (YAML)")
    parser.add_argument("--content", type=Path, help="the content folder (default: content/)")
    parser.add_argument("--json-only", action="store_true", help="print only the JSON report")


def run(args: argparse.Namespace) -> int:
    from bot.cli.reports import print_report
    from bot.evaluation.matcher import evaluate, format_table, load_items
    from bot.matcher import Matcher
    from bot.matcher.lexicon import LexiconError
    from bot.settings import Settings
    from bot.yamlfile import YamlError

    try:
        matcher = Matcher.load(args.content or Settings.from_env().content_dir)
        items, problems = load_items(args.file)
    except (LexiconError, YamlError) as error:
        print(error, file=sys.stderr)
        return 2
    report = evaluate(matcher, items)
    print_report(problems, report.to_json(), lambda: format_table(report), args.json_only)
    # exit 1 below the targets, so that scripts and CI can rely on it
    return 0 if report.meets_targets() else 1
