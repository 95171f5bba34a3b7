"""Time of ``Scrubber.scrub`` per message: the bot calls it on every message before storing it.

Messages: 40-word messages made by joining the texts of ``tests/data/pii_dev.yaml`` of one
language (chat messages with personal data, so every detector runs) and clinical lines without
personal data, cut at 40 words; plus the pii_dev texts as they are (40-130 characters).

Each figure is measured twice in the same run: with the named-entity models (natasha, spaCy;
what the bot runs) and without them (the rules alone, the baseline), so that the ratio says
what the models cost on this machine today.

Reported:
- load: ``Scrubber.load`` plus ``prepare`` (dictionaries opened, models loaded);
- cold: the first pass over the messages, with the per-word dictionary cache still empty;
- warm: the steady state, many passes; mean, p50 and p99 per message, in wall time and in the
  CPU time of the scrubbing thread (on a shared machine the wall time also counts waiting);
- models_share: how many of the 40-word messages woke a model (capitalised or unknown words left);
- long: one 10,000-character message;
- startup: a fresh ``python`` process that loads the bot's scrubber the way the bot does
  (``bot.app.load_scrubber`` then ``prepare``), with and without the models: wall time and
  resident memory (VmRSS, VmHWM).

Usage::

    python benchmarks/bench_scrubber.py [--passes 50]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml
from machine import describe, percentile  # benchmarks/machine.py, beside this script

from bot.privacy.scrubber import Scrubber
from bot.settings import SHIPPED_CONTENT

ROOT = Path(__file__).resolve().parent.parent
WORDS = 40
CLINICAL = [
    "температура 38,2, пью парацетамол 500 мг, поясница болит 4 дня, отдаёт в левую ногу до стопы",
    "took naproxen 250 mg twice, pain 6/10, sitting makes it worse, L5-S1 on the scan last year",
    "Киста Бейкера справа, симптом Ласега положительный, грыжа L4-L5 с 2019 года, немеет мизинец",
    "Baker's cyst on the left knee, pins and needles for 2 weeks after a steroid injection in 2021",
]
STARTUP = """
import sys, time
started = time.perf_counter()
from bot.app import load_scrubber
from bot.settings import Settings
scrubber = load_scrubber(Settings.from_env())
scrubber.models = sys.argv[1] == "models"
loaded = scrubber.prepare()
seconds = time.perf_counter() - started
status = dict(line.split(':', 1) for line in open('/proc/self/status') if line.startswith('Vm'))
print(seconds, int(status['VmRSS'].split()[0]) // 1024, int(status['VmHWM'].split()[0]) // 1024,
      loaded)
"""


def _items() -> list[tuple[str, str]]:
    data = yaml.safe_load((ROOT / "tests" / "data" / "pii_dev.yaml").read_text(encoding="utf-8"))
    clinical = [("ru" if any("а" <= c <= "я" for c in t) else "en", t) for t in CLINICAL]
    return [(item["lang"], item["text"]) for item in data["items"]] + clinical


def _forty_words(items: list[tuple[str, str]]) -> list[str]:
    """Each text followed by the next ones of its language until 40 words: one person's
    message, in one language, as people write."""
    messages = []
    for i, (lang, _) in enumerate(items):
        same = [text for other, text in items[i:] + items[:i] if other == lang]
        words: list[str] = []
        k = 0
        while len(words) < WORDS:
            text = same[k % len(same)]
            # one message of several sentences: each text ends with its full stop
            words += (text if text[-1] in ".!?" else text + ".").split()
            k += 1
        messages.append(" ".join(words[:WORDS]))
    return messages


def _measure(scrubber: Scrubber, messages: list[str], passes: int) -> dict[str, float]:
    scrubber._morph_cache.clear()  # the cold pass starts with an empty cache
    started = time.perf_counter()
    for text in messages:
        scrubber.scrub(text)
    cold_us = (time.perf_counter() - started) / len(messages) * 1e6
    samples: list[float] = []
    cpu: list[float] = []
    for _ in range(passes):
        for text in messages:
            c0 = time.thread_time()
            t0 = time.perf_counter()
            scrubber.scrub(text)
            samples.append((time.perf_counter() - t0) * 1e6)
            cpu.append((time.thread_time() - c0) * 1e6)
    samples.sort()
    cpu.sort()
    return {
        "cold_us": round(cold_us, 1),
        "warm_us_mean": round(statistics.mean(samples), 1),
        "warm_us_p50": round(samples[len(samples) // 2], 1),
        "warm_us_p99": round(percentile(samples, 0.99), 1),
        # CPU time of this thread: what one core spends, whatever else the machine runs
        "cpu_us_mean": round(statistics.mean(cpu), 1),
        "cpu_us_p99": round(percentile(cpu, 0.99), 1),
    }


def _startup(models: bool) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", STARTUP, "models" if models else "rules"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split(maxsplit=3)  # fmt: skip
    return {
        "seconds": round(float(out[0]), 2),
        "rss_mib": int(out[1]),
        "peak_rss_mib": int(out[2]),
        "models": out[3].strip(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=50, help="warm passes over the messages")
    args = parser.parse_args()
    items = _items()
    texts = [text for _, text in items]
    forty = _forty_words(items)

    report: dict[str, object] = {"machine": describe(), "messages_40_words": len(forty)}
    for label, models in (("rules_only", False), ("with_models", True)):
        started = time.perf_counter()
        scrubber = Scrubber.load(SHIPPED_CONTENT)
        scrubber.models = models
        scrubber.prepare()
        load_ms = (time.perf_counter() - started) * 1000
        woke = sum(1 for text in forty if _wakes_a_model(scrubber, text))
        long_text = ("болит спина, отдаёт в ногу; Анна Петрова +7 912 345-67-89. " * 200)[:10_000]
        t0 = time.perf_counter()
        scrubber.scrub(long_text)
        long_ms = (time.perf_counter() - t0) * 1000
        report[label] = {
            "load_ms": round(load_ms, 1),
            "forty_words": _measure(scrubber, forty, args.passes),
            "pii_dev_texts": _measure(scrubber, texts, args.passes),
            "models_share": f"{woke}/{len(forty)}" if models else "-",
            "long_10000_chars_ms": round(long_ms, 1),
        }
    with_models = report["with_models"]["forty_words"]  # type: ignore[index]
    rules_only = report["rules_only"]["forty_words"]  # type: ignore[index]
    report["p99_ratio_models_to_rules"] = round(
        with_models["warm_us_p99"] / rules_only["warm_us_p99"], 2
    )
    report["startup_rules_only"] = _startup(models=False)
    report["startup_with_models"] = _startup(models=True)
    print(json.dumps(report, indent=2, ensure_ascii=False))


def _wakes_a_model(scrubber: Scrubber, text: str) -> bool:
    """Does scrubbing this text call a named-entity model at all?"""
    from bot.privacy import entities

    calls: list[str] = []
    real = entities.find_entities
    entities.find_entities = lambda *args: calls.append(args[0]) or real(*args)  # type: ignore[assignment]
    try:
        scrubber.scrub(text)
    finally:
        entities.find_entities = real
    return bool(calls)


if __name__ == "__main__":
    main()
