"""Do the bot's two shortcuts past python-telegram-bot pay for themselves? The real bot's
end-to-end throughput with and without each, in the same run.

The shortcuts (issue 20 asked for this measurement before keeping either; both are kept):

- **direct calls**: replies sent with ``Bot.do_api_request`` instead of ``Bot.send_message``
  and its kin, so that Telegram's answer is not turned into a ``Message`` object;
- **JSON bodies**: a request class that sends parameters as one JSON body instead of
  python-telegram-bot's urlencoded form.

Each variant is the real bot (``bench_telegram.build_bot_application``: SQLite, matcher,
scrubber, per-chat ordering, the outbox), driven by ``bench_telegram``'s two-process harness
(50 chats each waiting for its reply, on the fake Bot API at 127.0.0.1). The variants take
turns within each round, so that a busy spell on the shared machine hits all of them; the
figure kept is each variant's median over the rounds, as a ratio to the library's own path.

Usage::

    PYTHONPATH=. python benchmarks/bench_bypasses.py --rounds 3 --chats 50 --messages 20
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dtm
import statistics
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from bench_telegram import (  # benchmarks/bench_telegram.py, beside this script
    CONFIGS,
    Result,
    _run_two_processes,
    build_bot_application,
)
from library_paths import LibrarySending  # benchmarks/library_paths.py
from machine import describe
from telegram.request import HTTPXRequest

import bot.telegram.app
from bot.telegram import sending

VARIANTS = ["library", "direct calls", "JSON bodies", "both shortcuts"]


@contextmanager
def shortcuts(direct_calls: bool, json_bodies: bool) -> Iterator[None]:
    """The bot built and run with the chosen shortcuts; the library's path for the others."""
    saved_request = bot.telegram.app.JsonBodyRequest
    saved_sending = {name: getattr(sending, name) for name in LibrarySending.FUNCTIONS}
    try:
        if not json_bodies:
            bot.telegram.app.JsonBodyRequest = HTTPXRequest  # type: ignore[misc]
        if not direct_calls:
            for name in LibrarySending.FUNCTIONS:
                setattr(sending, name, getattr(LibrarySending, name))
        yield
    finally:
        bot.telegram.app.JsonBodyRequest = saved_request  # type: ignore[misc]
        for name, function in saved_sending.items():
            setattr(sending, name, function)


def run_variant(variant: str, chats: int, messages: int, time_limit: float) -> Result:
    direct = variant in ("direct calls", "both shortcuts")
    json_bodies = variant in ("JSON bodies", "both shortcuts")
    with shortcuts(direct, json_bodies):
        return asyncio.run(
            _run_two_processes(build_bot_application, CONFIGS["tuned"], chats, messages, time_limit)
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args(argv)
    print(
        f"# the real bot, {args.chats} chats x {args.messages} messages, config 'tuned', "
        f"{args.rounds} rounds; {dtm.date.today().isoformat()}, {describe()}"
    )
    print("| round | variant | updates/s | p50 ms | p99 ms | app CPU ms/update |")
    print("| --- | --- | --- | --- | --- | --- |")
    results: dict[str, list[Result]] = {variant: [] for variant in VARIANTS}
    failed = False
    for round_number in range(1, args.rounds + 1):
        # a different first variant each round: no variant always runs on a cold machine
        turn = VARIANTS[round_number % len(VARIANTS) :] + VARIANTS[: round_number % len(VARIANTS)]
        for variant in turn:
            result = run_variant(variant, args.chats, args.messages, args.time_limit)
            results[variant].append(result)
            failed = failed or bool(result.failures)
            print(
                f"| {round_number} | {variant} | {result.per_second:.0f} | {result.p50_ms:.1f} "
                f"| {result.p99_ms:.1f} | {result.app_cpu_ms:.2f} |",
                flush=True,
            )
    library_rate = statistics.median(r.per_second for r in results["library"])
    library_cpu = statistics.median(r.app_cpu_ms for r in results["library"])
    print()
    print("| variant | median updates/s | vs library | median app CPU ms/update | vs library |")
    print("| --- | --- | --- | --- | --- |")
    for variant in VARIANTS:
        rate = statistics.median(r.per_second for r in results[variant])
        cpu = statistics.median(r.app_cpu_ms for r in results[variant])
        print(
            f"| {variant} | {rate:.0f} | {rate / library_rate - 1:+.1%} | {cpu:.2f} "
            f"| {cpu / library_cpu - 1:+.1%} |"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
