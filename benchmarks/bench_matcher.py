"""Symptom matcher speed: lexicon load time, messages/s and per-message latency.

Messages are ~40 words, built from the labelled phrases (tests/data/dev_phrases.yaml and
tests/matcher/paraphrases.yaml) glued together and cut to 40 words, so they hit many
phrases and negations. Three runs:
- warm: the word cache already knows the vocabulary (the steady state of a running bot);
- cold: a fresh matcher per pass, so every distinct word is resolved for the first time;
- typos: every message carries 4 unique misspelled words, so each message pays fuzzy
  look-ups (the worst case: nothing is ever cached).
The process is pinned to one core (where the OS allows) to measure one core.
``--lengths`` times single long messages instead (1k, 2k, 4k, 10k characters; the matcher
reads the first MAX_TEXT_CHARS = 4096, Telegram's own limit): worst-case time against length.

    python benchmarks/bench_matcher.py [--messages 5000] [--lengths]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path

from machine import describe  # benchmarks/machine.py, beside this script

from bot.evaluation.matcher import load_items
from bot.matcher import Matcher
from bot.settings import SHIPPED_CONTENT

ROOT = Path(__file__).resolve().parents[1]
CONTENT = SHIPPED_CONTENT
SOURCES = [
    ROOT / "tests" / "data" / "dev_phrases.yaml",
    ROOT / "tests" / "matcher" / "paraphrases.yaml",
]
WORDS_PER_MESSAGE = 40


def build_messages(count: int, seed: int = 1) -> list[str]:
    texts = [item.text for path in SOURCES for item in load_items(path)[0]]
    rng = random.Random(seed)
    messages = []
    for _ in range(count):
        words: list[str] = []
        while len(words) < WORDS_PER_MESSAGE:
            words.extend(rng.choice(texts).split())
        messages.append(" ".join(words[:WORDS_PER_MESSAGE]))
    return messages


def misspell(word: str, rng: random.Random) -> str:
    """A unique-ish typo: one letter swapped for a random one, plus a random tail."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word))
    letters = "абвгдеклмнопрст" if "а" <= word[0] <= "я" else "abcdefgklmnoprst"
    return word[:i] + rng.choice(letters) + word[i + 1 :] + rng.choice(letters) * rng.randint(0, 1)


def add_typos(messages: list[str], seed: int = 2) -> list[str]:
    rng = random.Random(seed)
    out = []
    for message in messages:
        words = message.split()
        for _ in range(4):
            i = rng.randrange(len(words))
            words[i] = misspell(words[i], rng)
        out.append(" ".join(words))
    return out


def run(matcher: Matcher, messages: list[str]) -> tuple[float, float, list[float]]:
    latencies = []
    start, cpu_start = time.perf_counter(), time.process_time()
    for message in messages:
        t0 = time.perf_counter_ns()
        matcher.match(message)
        latencies.append((time.perf_counter_ns() - t0) / 1e6)
    return time.perf_counter() - start, time.process_time() - cpu_start, latencies


def report(name: str, elapsed: float, cpu: float, latencies: list[float]) -> None:
    """Wall-clock and CPU-time throughput: on a shared machine the second is the stable one."""
    latencies = sorted(latencies)
    p50 = statistics.median(latencies)
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(
        f"{name:<6} {len(latencies) / elapsed:>6.0f} msg/s wall  "
        f"{len(latencies) / cpu:>6.0f} msg/s per CPU-second  p50 {p50:.3f} ms  "
        f"p99 {p99:.3f} ms  max {latencies[-1]:.3f} ms"
    )


def long_message(chars: int, seed: int = 3) -> str:
    """One message of about ``chars`` characters glued from the labelled phrases (many
    repeated phrase words: the case that made placement quadratic)."""
    texts = [item.text for path in SOURCES for item in load_items(path)[0]]
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        parts.append(rng.choice(texts))
        size += len(parts[-1]) + 1
    return " ".join(parts)[:chars]


def time_lengths(matcher: Matcher, lengths: tuple[int, ...] = (1000, 2000, 4000, 10000)) -> None:
    for chars in lengths:
        text = long_message(chars)
        matcher.match(text)  # words resolved once: the steady state
        runs = []
        for _ in range(7):
            t0 = time.process_time()
            matcher.match(text)
            runs.append((time.process_time() - t0) * 1000)
        print(
            f"{chars:>6} chars: median {statistics.median(runs):.2f} ms CPU, max {max(runs):.2f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--lengths", action="store_true", help="time 1k-10k character inputs")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    print(f"{time.strftime('%Y-%m-%d')}, {describe()}, pinned to one core")
    if args.lengths:
        time_lengths(Matcher.load(CONTENT))
        return

    t0 = time.perf_counter()
    Matcher.load(CONTENT)
    print(
        f"lexicon load, first in the process (cold caches): "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms"
    )
    loads = []
    for _ in range(5):
        t0 = time.perf_counter()
        matcher = Matcher.load(CONTENT)
        loads.append(time.perf_counter() - t0)
    print(
        f"lexicon load, again: median {statistics.median(loads) * 1000:.0f} ms "
        f"(max {max(loads) * 1000:.0f} ms), {len(matcher.lexicon.phrases)} phrases"
    )

    messages = build_messages(args.messages)
    words = sum(len(m.split()) for m in messages) / len(messages)
    print(f"{len(messages)} messages of {words:.0f} words")

    cold = Matcher.load(CONTENT)
    report("cold", *run(cold, messages[:1000]))
    run(matcher, messages[:200])  # warm-up
    report("warm", *run(matcher, messages))
    report("typos", *run(matcher, add_typos(messages)))


if __name__ == "__main__":
    main()
