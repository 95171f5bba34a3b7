"""Turns per second of the engine with durable SQLite sessions (no Telegram).

Each turn is what the bot does for one message: load the session from SQLite, step the
engine (matcher included for typed text), scrub the text, store the session and the event in
one transaction. Conversations are random walks over the real dialogue (buttons, typed text
and the odd /back), so the mix of work matches real use.

    python benchmarks/bench_engine.py [--conversations 10000] [--seed 1] [--memory]

``--memory`` runs the same walks on the engine alone, without storage, for comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from machine import describe, percentile  # benchmarks/machine.py, beside this script

from bot.app import load_engine, open_conversations
from bot.engine import Engine, Turn, UserInput
from bot.settings import Settings
from bot.simulate import free_text_pool

MAX_TURNS = 60


def pick(rng: random.Random, turn: Turn, pool: list[str]) -> UserInput:
    """Mostly the cautious answer ("no", "done" with nothing ticked, which reads "None of
    these"), so that most conversations go the whole way (20-40 turns) instead of stopping at
    the first emergency button."""
    roll = rng.random()
    if roll < 0.02:
        return UserInput.command("back")
    if roll < 0.20 or not turn.reply.options:
        return UserInput.text(rng.choice(pool))
    ids = [option.id for option in turn.reply.options]
    cautious = [i for i in ids if i in ("no", "done", "agree", "skip")]
    if cautious and rng.random() < 0.85:
        return UserInput.option(cautious[0])
    return UserInput.option(rng.choice(ids))


SIZE_SAMPLES = 200  # conversations whose stored size is measured at every turn


async def run(
    conversations: int, seed: int, in_memory: bool, sizes: dict[int, list[int]]
) -> tuple[list[float], float]:
    settings = Settings.shipped(Path(tempfile.mkdtemp(prefix="bench-engine-")) / "bot.sqlite3")
    engine: Engine = load_engine(settings)
    # typed text without warning signs, so that typing does not end most conversations early
    pool = [
        text for text in free_text_pool(engine)
        if len(text) < 500 and not any(
            engine.content.concepts[c].level == "emergency"
            for c in (engine.matcher.match(text).affirmed if engine.matcher else [])
        )
    ]  # fmt: skip
    rng = random.Random(seed)
    latencies: list[float] = []
    async with open_conversations(settings, "terminal", engine) as service:
        service.prepare()  # the scrubber's models, as the bot loads them at start: not timed
        started = time.perf_counter()
        for number in range(conversations):
            person = f"bench-{number}"
            t0 = time.perf_counter()
            turn = (
                engine.start(rng.choice(["en", "ru"]))
                if in_memory
                else await service.begin(person, rng.choice(["en", "ru"]))
            )
            latencies.append(time.perf_counter() - t0)
            for turn_number in range(1, MAX_TURNS + 1):
                if turn.reply.outcome is not None:
                    break
                user_input = pick(rng, turn, pool)
                t0 = time.perf_counter()
                if in_memory:
                    turn = engine.step(turn.session, user_input)
                else:
                    turn = await service.handle(person, user_input)
                latencies.append(time.perf_counter() - t0)
                if number < SIZE_SAMPLES:  # outside the timing: the stored JSON's size
                    stored = json.dumps(turn.session.to_json(), ensure_ascii=False)
                    sizes.setdefault(turn_number, []).append(len(stored.encode()))
        elapsed = time.perf_counter() - started
    return latencies, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--memory", action="store_true", help="engine only, no storage")
    args = parser.parse_args()
    sizes: dict[int, list[int]] = {}
    latencies, elapsed = asyncio.run(run(args.conversations, args.seed, args.memory, sizes))
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = percentile(latencies, 0.99) * 1000
    mode = "engine only" if args.memory else "engine + SQLite sessions + events + scrubber"
    print(f"# {mode}; {args.conversations} conversations, seed {args.seed}")
    print(f"# {len(latencies) / args.conversations:.1f} turns per conversation on average")
    print(f"# {time.strftime('%Y-%m-%d')}, {describe()}")
    print("| turns | seconds | turns/s | p50 ms | p99 ms | max ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(
        f"| {len(latencies)} | {elapsed:.1f} | {len(latencies) / elapsed:.0f} | {p50:.2f} "
        f"| {p99:.2f} | {latencies[-1] * 1000:.1f} |"
    )
    print()
    print("| after turn | stored session, median bytes | conversations |")
    print("| --- | --- | --- |")
    for turn_number in (1, 2, 5, 10, 20, 27, 40):
        if len(sizes.get(turn_number, [])) >= 5:
            at = sizes[turn_number]
            print(f"| {turn_number} | {statistics.median(at):,.0f} | {len(at)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
