"""``python -m bot graph [--format mermaid|dot]``"""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "print the dialogue as a Mermaid or Graphviz diagram"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    parser.add_argument(
        "file", nargs="?", type=Path, help="a dialogue file (default: the configured one)"
    )


def run(args: argparse.Namespace) -> int:
    from bot.dialogue.diagram import to_dot, to_mermaid
    from bot.dialogue.loader import load_dialogue
    from bot.settings import Settings

    dialogue = load_dialogue(args.file or Settings.from_env().dialogue_file)
    print(to_mermaid(dialogue) if args.format == "mermaid" else to_dot(dialogue))
    return 0
