"""Time of ``Scrubber.scrub`` per message: the bot calls it on every message before storing it.

Messages: the texts of ``tests/data/pii_dev.yaml`` (typical chat messages of 40-130 characters,
most with personal data, so every detector runs) plus clinical lines without personal data.

Reported:
- load: ``Scrubber.load`` plus ``prepare`` (pymorphy3's and the English dictionary opened);
- cold: the first pass over the messages, with the per-word dictionary cache still empty;
- warm: the steady state, many passes; mean, p50 and p99 per message, and per 100 characters;
- long: one 10,000-character message.

Usage::

    python benchmarks/bench_scrubber.py [--passes 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import yaml
from machine import percentile  # benchmarks/machine.py, beside this script

from bot.privacy.scrubber import Scrubber
from bot.settings import SHIPPED_CONTENT

ROOT = Path(__file__).resolve().parent.parent
CLINICAL = [
    "температура 38,2, пью парацетамол 500 мг, поясница болит 4 дня, отдаёт в левую ногу до стопы",
    "took naproxen 250 mg twice, pain 6/10, sitting makes it worse, L5-S1 on the scan last year",
    "Киста Бейкера справа, симптом Ласега положительный, грыжа L4-L5 с 2019 года, немеет мизинец",
    "Baker's cyst on the left knee, pins and needles for 2 weeks after a steroid injection in 2021",
]


def _messages() -> list[str]:
    data = yaml.safe_load((ROOT / "tests" / "data" / "pii_dev.yaml").read_text(encoding="utf-8"))
    return [item["text"] for item in data["items"]] + CLINICAL


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=200, help="warm passes over the messages")
    args = parser.parse_args()
    messages = _messages()

    started = time.perf_counter()
    scrubber = Scrubber.load(SHIPPED_CONTENT)
    scrubber.prepare()  # opens the Russian and English dictionaries, as the bot does at start
    load_ms = (time.perf_counter() - started) * 1000
    scrubber._morph_cache.clear()  # the cold pass starts with an empty cache

    started = time.perf_counter()
    for text in messages:
        scrubber.scrub(text)
    cold_us = (time.perf_counter() - started) / len(messages) * 1e6

    samples: list[float] = []
    for _ in range(args.passes):
        for text in messages:
            t0 = time.perf_counter()
            scrubber.scrub(text)
            samples.append((time.perf_counter() - t0) * 1e6)
    samples.sort()
    mean_chars = statistics.mean(len(t) for t in messages)
    mean_us = statistics.mean(samples)

    long_text = ("болит спина, отдаёт в ногу; Анна Петрова +7 912 345-67-89. " * 200)[:10_000]
    t0 = time.perf_counter()
    scrubber.scrub(long_text)
    long_ms = (time.perf_counter() - t0) * 1000

    print(
        json.dumps(
            {
                "messages": len(messages),
                "mean_chars": round(mean_chars, 1),
                "load_ms": round(load_ms, 1),
                "cold_us_per_message": round(cold_us, 1),
                "warm_us_mean": round(mean_us, 1),
                "warm_us_p50": round(samples[len(samples) // 2], 1),
                "warm_us_p99": round(percentile(samples, 0.99), 1),
                "warm_us_per_100_chars": round(mean_us * 100 / mean_chars, 1),
                "long_10000_chars_ms": round(long_ms, 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
