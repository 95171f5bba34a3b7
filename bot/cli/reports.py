"""How the labelled-set commands (``eval-matcher``, ``eval-answers``) print: the problems of
the file on stderr, the JSON figures on stdout, then - unless ``--json-only`` - a readable
summary after a blank line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import Any


def print_report(
    problems: Sequence[object], figures: dict[str, Any], summary: Callable[[], str], json_only: bool
) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    if not json_only:
        print()
        print(summary())
