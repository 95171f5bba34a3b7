"""``python -m bot simulate [--lang ru|en]`` and ``simulate --random N --seed S``"""

from __future__ import annotations

import argparse
import json
import sys

HELP = "run the dialogue on inputs from standard input, one JSON line per input (or random walks)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("ru", "en"), help="the conversation's language")
    parser.add_argument(
        "--random", type=int, metavar="N", help="instead: N random walks, then a summary"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed for --random (default 0)")


def run(args: argparse.Namespace) -> int:
    from bot.app import load_engine
    from bot.simulate import random_walks, run_script

    engine = load_engine()
    if args.random is not None:
        print(json.dumps(random_walks(engine, args.random, args.seed).to_json()))
        return 0
    for line in run_script(engine, iter(sys.stdin.readline, ""), args.lang):
        print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0
