"""Every matcher result, written out so that two versions can be compared: a speed change
must leave each one as it was.

Runs ``Matcher.match`` (what ``python -m bot match`` prints) on every text of
tests/data/*.yaml, tests/data/heldout*/*.yaml (run only: those texts are never shown) and
tests/matcher/*.yaml, with ``lang`` auto and as each item says, on a warm and a cold matcher;
on 3,000 messages glued from those texts with punctuation and joining words between them
(clauses, lists, answers), on the benchmark's 40-word messages warm, cold and with typos, and
on long messages (1k-10k characters). One JSON line per run. The code measured is whatever
``bot`` the interpreter imports: run it once per tree and compare the files.

    PYTHONPATH=/copy/of/old/tree python benchmarks/matcher_identity.py before.jsonl
    PYTHONPATH=. python benchmarks/matcher_identity.py after.jsonl
    cmp before.jsonl after.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import TextIO

from bench_matcher import add_typos, build_messages, long_message  # beside this script

from bot.evaluation.matcher import load_items
from bot.matcher import Matcher
from bot.settings import SHIPPED_CONTENT

ROOT = Path(__file__).resolve().parents[1]  # the sets of this script's tree, for both runs
JOINERS = [",", ".", " -", "?", ":", " and", " but", " но", " и", " а", ";", "!", "...", ""]


def labelled_texts() -> list[tuple[str, str]]:
    files = [
        *sorted((ROOT / "tests" / "data").glob("*.yaml")),
        *sorted((ROOT / "tests" / "data").glob("heldout*/*.yaml")),
        *sorted((ROOT / "tests" / "matcher").glob("*.yaml")),
    ]
    texts: list[tuple[str, str]] = []
    for path in files:
        for item in load_items(path)[0]:
            texts.append((item.text, "auto"))
            if item.lang in ("ru", "en"):
                texts.append((item.text, item.lang))
    return texts


def glued(texts: list[str], count: int, rng: random.Random) -> list[str]:
    out = []
    for _ in range(count):
        parts = [rng.choice(texts) for _ in range(rng.randint(2, 5))]
        message = parts[0]
        for part in parts[1:]:
            message += rng.choice(JOINERS) + " " + part
        out.append(message)
    return out


def emit(out: TextIO, tag: str, matcher: Matcher, text: str, lang: str = "auto") -> None:
    result = matcher.match(text, lang).to_json()
    out.write(json.dumps([tag, lang, text, result], ensure_ascii=False) + "\n")


def main() -> None:
    labelled = labelled_texts()
    rng = random.Random(7)
    mixed = glued([text for text, _ in labelled], 3000, rng)
    bench = build_messages(3000)
    longs = [long_message(n, seed) for n in (1000, 2000, 4000, 10000) for seed in (3, 4, 5)]
    longs += [" ".join(rng.sample(mixed, 40))[:4096] for _ in range(6)]
    runs = 0
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        warm = Matcher.load(SHIPPED_CONTENT)
        cold = Matcher.load(SHIPPED_CONTENT)
        for text, lang in labelled:
            emit(out, "labelled", warm, text, lang)
            emit(out, "labelled-cold", cold, text, lang)
        cold = Matcher.load(SHIPPED_CONTENT)
        for index, text in enumerate(mixed):
            emit(out, "glued", warm, text)
            if index < 500:
                emit(out, "glued-cold", cold, text)
        cold = Matcher.load(SHIPPED_CONTENT)
        for index, text in enumerate(bench):
            emit(out, "bench", warm, text)
            if index < 1000:
                emit(out, "bench-cold", cold, text)
        for text in add_typos(bench):
            emit(out, "typos", warm, text)
        for text in longs:
            emit(out, "long", warm, text)
        runs = 2 * len(labelled) + len(mixed) + 500 + len(bench) + 1000 + len(bench) + len(longs)
    print(f"{runs} match runs ({len({t for t, _ in labelled})} distinct labelled texts)")


if __name__ == "__main__":
    main()
