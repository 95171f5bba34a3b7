"""End-to-end throughput and reply latency of a Telegram application against the fake Bot API.

A child process runs :class:`bot.testing.FakeBotApi` on 127.0.0.1 and plays many users in
parallel (each sends a message, waits for the reply, sends the next); this process runs the
python-telegram-bot ``Application`` with long polling, as in production. Two processes, so
that the application's CPU is its own, as it would be against the real Telegram.

Reported per configuration: updates per second (replies received / wall time), p50 and p99
latency from the moment the update is queued to the moment the reply reaches the server, the
application's CPU time per update (all of it, and its event loop's thread alone), how often
per update the event loop's thread went to sleep (waiting for the GIL, or idle: on a virtual
machine each of these costs far more than its own time), and the Bot API calls per update.

With ``--rate`` the load is an open loop instead (``telegram_open_loop.py``): updates are
offered at that mean rate (Poisson arrivals) for ``--seconds``, whether or not the earlier ones
are answered, and the latency of each (queued -> reply at the server) is reported as p50, p95,
p99 and max, with the part spent waiting to be fetched by ``getUpdates`` and the count of
updates not answered.

Usage::

    python benchmarks/bench_telegram.py                    # the echo bot, all configurations
    python benchmarks/bench_telegram.py --chats 50 --messages 20 --config tuned
    python benchmarks/bench_telegram.py --app both --config tuned --repeat 5   # bot vs echo
    python benchmarks/bench_telegram.py --app both --echo direct --config tuned --repeat 5
    python benchmarks/bench_telegram.py --app both --config tuned --repeat 3 \
        --rate 50 --rate 100 --rate 200 --seconds 20       # open loop: reply latency at a rate

Only 127.0.0.1 is used; the load is bounded by ``--chats`` x ``--messages`` and by
``--time-limit`` seconds per configuration (open loop: ``--rate`` x ``--seconds``).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dtm
import importlib
import logging
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from machine import describe, percentile  # benchmarks/machine.py, beside this script
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters
from telegram_open_loop import OpenLoopResult, offer

from bot.telegram.app import POLL_INTERVAL_SECONDS

if TYPE_CHECKING:
    from bot.testing import FakeBotApi

# httpx logs every request URL at INFO, and the URL contains the bot token.
logging.getLogger("httpx").setLevel(logging.WARNING)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
#: ``factory(token, base_url, concurrent_updates=..., connection_pool_size=...)``
ApplicationFactory = Callable[..., AnyApplication]


@dataclass(frozen=True)
class Config:
    """How the application is tuned: updates processed at once, pooled HTTP connections, and
    the pause between two getUpdates calls."""

    name: str
    concurrent_updates: int
    connection_pool_size: int
    poll_interval: float = 0.0


CONFIGS: dict[str, Config] = {
    # ApplicationBuilder's defaults: updates one at a time, 256 pooled connections.
    "ptb-default": Config("ptb-default", 1, 256),
    # .concurrent_updates(True) means 256; the pool stays at its default of 256.
    "concurrent-256": Config("concurrent-256", 256, 256),
    # Small on purpose: httpcore scans its whole pool on every request; and the bot's pause
    # between polls (``--poll-interval`` overrides it for every configuration).
    "tuned": Config("tuned", 8, 8, POLL_INTERVAL_SECONDS),
    # the same with fewer pooled connections: does a shorter pool scan lower CPU per call?
    "tuned-pool-4": Config("tuned-pool-4", 8, 4, POLL_INTERVAL_SECONDS),
    "tuned-pool-2": Config("tuned-pool-2", 8, 2, POLL_INTERVAL_SECONDS),
}


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text)


def build_echo_application(
    token: str,
    base_url: str,
    *,
    concurrent_updates: int = 8,
    connection_pool_size: int = 8,
    reply: Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]] = _echo,
) -> AnyApplication:
    """A bare python-telegram-bot echo bot: the floor the real bot is compared with."""
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .concurrent_updates(concurrent_updates)
        .connection_pool_size(connection_pool_size)
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, reply))
    return application


def build_direct_echo_application(
    token: str,
    base_url: str,
    *,
    concurrent_updates: int = 8,
    connection_pool_size: int = 8,
) -> AnyApplication:
    """The echo bot sending its reply as the real bot does (``bot.telegram.sending``: no
    ``Message`` object built from Telegram's answer), for a like-for-like comparison."""
    from bot.telegram import sending
    from bot.telegram.render import Outgoing, escape

    async def echo_as_the_bot_sends(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is not None and message.text:
            reply = Outgoing(escape(message.text))
            await sending.send_message(context.bot, message.chat_id, reply)

    sending.expect_direct_calls()
    return build_echo_application(
        token, base_url, concurrent_updates=concurrent_updates,
        connection_pool_size=connection_pool_size, reply=echo_as_the_bot_sends,
    )  # fmt: skip


def build_bot_application(
    token: str, base_url: str, *, concurrent_updates: int = 8, connection_pool_size: int = 8
) -> AnyApplication:
    """The real bot on a fresh SQLite file in a temporary folder.

    Two limits that protect real people are lifted, because the load is not a person: the
    flood guard (each simulated user sends as fast as the bot answers) and the 30 messages/s
    rate limiter (Telegram's limit, which would cap the figure at 30).
    """
    from bot.settings import Settings
    from bot.telegram.app import build_application
    from bot.telegram.flood import FloodGuard

    settings = Settings.shipped(Path(tempfile.mkdtemp(prefix="bench-telegram-")) / "bot.sqlite3")
    return build_application(
        token, base_url, settings=settings, concurrent_updates=concurrent_updates,
        connection_pool_size=connection_pool_size, max_messages_per_second=1e6,
        flood=FloodGuard(max_messages=10**9),
    )  # fmt: skip


@dataclass(frozen=True)
class Load:
    """What the simulated users do. Without ``rate``, a closed loop: each of ``chats`` users
    sends ``messages`` messages, each after the reply to the one before, for at most
    ``time_limit`` seconds. With ``rate``, an open loop: updates offered at ``rate`` a second
    among ``chats`` users for ``seconds``, arrival times drawn from ``seed``."""

    chats: int
    messages: int
    time_limit: float
    rate: float | None = None
    seconds: float = 20.0
    seed: int = 0


def load_factory(app: str) -> ApplicationFactory:
    """The application factory for ``--app``: ``echo``, ``bot`` or ``module:function`` taking
    ``(token, base_url, *, concurrent_updates, connection_pool_size)``."""
    if app == "echo":
        return build_echo_application
    if app == "echo-direct":
        return build_direct_echo_application
    if app == "bot":
        return build_bot_application
    module_name, _, attribute = app.partition(":")
    return getattr(importlib.import_module(module_name), attribute)  # type: ignore[no-any-return]


# --- the child process: fake server and users ---------------------------------------------


def _serve_and_load(conn: Connection, load: Load) -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    asyncio.run(_serve_and_load_async(conn, load))


async def _serve_and_load_async(conn: Connection, load: Load) -> None:
    # Imported here: only the child process needs aiohttp and the fake server.
    from bot.testing import FakeBotApi

    async with FakeBotApi() as server:
        conn.send((server.token, server.base_url))
        # Wait for the application to poll (the server must keep answering meanwhile).
        await _receive(conn)
        cpu_before = time.process_time()
        measured = await _load(server, load)
        conn.send((*measured, time.process_time() - cpu_before))
        # Keep serving until the application has stopped: it calls getUpdates once more.
        await _receive(conn)


async def _load(
    server: FakeBotApi, load: Load
) -> tuple[list[float], float, int, int, dict[str, int], OpenLoopResult | None]:
    """Users talking in parallel: each waiting for the reply before the next message, or (open
    loop) messages offered at a rate.

    Returns the latencies (update queued -> reply at the server), the wall time, the number of
    chats that failed (open loop: of updates not answered), the number of warm-up updates, the
    Bot API calls the application made meanwhile, by method, and the open loop's details.
    """
    first_call = len(server.calls)
    chats, messages = load.chats, load.messages
    users = [server.user(user_id=10_000 + n, first_name=f"U{n}") for n in range(chats)]
    latencies: list[float] = []
    failures = 0

    async def talk(index: int, count: int, record: bool) -> None:
        nonlocal failures
        user = users[index]
        for turn in range(count):
            sent = time.monotonic()
            await user.send(f"message {turn} from chat {index}")
            try:
                reply = await user.next_reply(timeout=10)
            except AssertionError:
                failures += 1
                return
            if record:
                latencies.append(reply.sent_at - sent)

    # Warm up: connections and code paths used the first time.
    warmup = min(chats, 8)
    await asyncio.gather(*(talk(n, 1, record=False) for n in range(warmup)))
    if load.rate is not None:
        # a reply still missing this long after the last update counts as not answered
        offered = await offer(
            server, users, rate=load.rate, seconds=load.seconds, seed=load.seed, drain=10.0
        )
        calls = Counter(call.method for call in server.calls[first_call:])
        return (
            offered.latencies, offered.elapsed, offered.unanswered, warmup, dict(calls), offered
        )  # fmt: skip
    started = time.monotonic()
    try:
        async with asyncio.timeout(load.time_limit):
            await asyncio.gather(*(talk(n, messages, record=True) for n in range(chats)))
    except TimeoutError:
        failures += 1
    calls = Counter(call.method for call in server.calls[first_call:])
    return latencies, time.monotonic() - started, failures, warmup, dict(calls), None


async def _receive(conn: Connection) -> Any:
    """``conn.recv()`` without blocking the event loop, so that the server keeps answering."""
    while not conn.poll():
        await asyncio.sleep(0.005)
    return conn.recv()


# --- this process: the application --------------------------------------------------------


@dataclass(frozen=True)
class Result:
    config: Config
    updates: int
    elapsed: float
    p50_ms: float
    p99_ms: float
    app_cpu_ms: float
    loop_cpu_ms: float  # the event loop's thread alone (not aiosqlite's, for instance)
    # times per update the event loop's thread went to sleep: waiting for the GIL, or idle
    loop_waits: float
    server_cpu_ms: float
    failures: int
    calls_per_update: float  # Bot API requests the application made, per update handled
    polls_per_update: float  # of them getUpdates
    p95_ms: float = float("nan")
    max_ms: float = float("nan")
    load_average: float = float("nan")  # of the machine, one minute, when the run started
    open_loop: OpenLoopResult | None = None

    @property
    def per_second(self) -> float:
        return self.updates / self.elapsed if self.elapsed else 0.0


def _running(
    factory: ApplicationFactory, config: Config, token: str, url: str
) -> AbstractAsyncContextManager[AnyApplication]:
    """The application built for ``config``, polling, with the life cycle of run_polling (the
    bot opens its database in post_init)."""
    from bot.testing.application import running_application

    application = factory(
        token,
        url,
        concurrent_updates=config.concurrent_updates,
        connection_pool_size=config.connection_pool_size,
    )
    return running_application(
        application, poll_timeout=5, poll_interval=config.poll_interval,
        raise_handler_errors=False,
    )  # fmt: skip


class _Meter:
    """CPU of this process and of its event loop's thread, and the loop's waits, from now."""

    def __init__(self) -> None:
        self._start = self._now()

    @staticmethod
    def _now() -> tuple[float, float, float]:
        return time.process_time(), time.thread_time(), _loop_thread_waits()

    def read(self) -> dict[str, float]:
        app_cpu, loop_cpu, loop_waits = (
            b - a for a, b in zip(self._start, self._now(), strict=True)
        )
        return {"app_cpu": app_cpu, "loop_cpu": loop_cpu, "loop_waits": loop_waits}


async def _run_two_processes(factory: ApplicationFactory, config: Config, load: Load) -> Result:
    load_average = os.getloadavg()[0]
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=_serve_and_load, args=(child, load), daemon=True)
    process.start()
    loop = asyncio.get_running_loop()
    try:
        token, base_url = await loop.run_in_executor(None, _recv, parent, 30.0)
        async with _running(factory, config, token, base_url):
            meter = _Meter()
            parent.send("go")
            limit = load.time_limit if load.rate is None else load.seconds + 10
            *measured, server_cpu = await loop.run_in_executor(None, _recv, parent, limit + 60)
            used = meter.read()
        parent.send("done")
    finally:
        process.join(timeout=10)
        if process.is_alive():
            process.terminate()
    return _result(config, *measured, **used, server_cpu=server_cpu, load_average=load_average)


async def _run_one_process(factory: ApplicationFactory, config: Config, load: Load) -> Result:
    from bot.testing import FakeBotApi

    load_average = os.getloadavg()[0]
    async with FakeBotApi() as server, _running(factory, config, server.token, server.base_url):
        meter = _Meter()
        measured = await _load(server, load)
        used = meter.read()
    # One process: the CPU time is the application's and the server's together.
    return _result(config, *measured, **used, server_cpu=float("nan"), load_average=load_average)


def _result(
    config: Config,
    latencies: list[float],
    elapsed: float,
    failures: int,
    warmup: int,
    calls: dict[str, int],
    open_loop: OpenLoopResult | None,
    *,
    app_cpu: float,
    loop_cpu: float,
    loop_waits: float,
    server_cpu: float,
    load_average: float,
) -> Result:
    latencies = sorted(latencies)
    count = len(latencies)
    # CPU is counted from before the warm-up, so the warm-up updates count too.
    handled = count + warmup
    return Result(
        config=config,
        updates=count,
        elapsed=elapsed,
        p50_ms=statistics.median(latencies) * 1000 if count else float("nan"),
        p99_ms=percentile(latencies, 0.99) * 1000 if count else float("nan"),
        app_cpu_ms=app_cpu * 1000 / handled if count else float("nan"),
        loop_cpu_ms=loop_cpu * 1000 / handled if count else float("nan"),
        loop_waits=loop_waits / handled if count else float("nan"),
        server_cpu_ms=server_cpu * 1000 / handled if count else float("nan"),
        failures=failures,
        calls_per_update=sum(calls.values()) / handled if count else float("nan"),
        polls_per_update=calls.get("getUpdates", 0) / handled if count else float("nan"),
        p95_ms=percentile(latencies, 0.95) * 1000 if count else float("nan"),
        max_ms=latencies[-1] * 1000 if count else float("nan"),
        load_average=load_average,
        open_loop=open_loop,
    )


def _loop_thread_waits() -> float:
    """How often this thread has gone to sleep so far (Linux's voluntary context switches);
    NaN where /proc does not tell."""
    try:
        with open("/proc/thread-self/status") as status:
            for line in status:
                if line.startswith("voluntary_ctxt_switches:"):
                    return float(line.split()[1])
    except OSError:
        pass
    return float("nan")


def _recv(conn: Connection, timeout: float) -> Any:
    if not conn.poll(timeout):
        raise TimeoutError("the load process did not answer in time")
    return conn.recv()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--app",
        default="echo",
        help="echo (bare PTB), echo-direct (sending as the bot does), bot (the real bot), "
        "both (echo then bot, with their ratio) or module:function",
    )
    parser.add_argument(
        "--echo",
        choices=["ptb", "direct"],
        default="ptb",
        help="the echo bot of --app both: bare PTB (default) or echo-direct",
    )
    parser.add_argument("--chats", type=int, default=50, help="users talking in parallel")
    parser.add_argument("--messages", type=int, default=20, help="messages per user")
    parser.add_argument(
        "--config",
        action="append",
        choices=sorted(CONFIGS),
        help="configuration(s) to run; all by default",
    )
    parser.add_argument(
        "--poll-interval",
        type=float,
        help="seconds between getUpdates calls, for every configuration (default: each "
        "configuration's own)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs per configuration (echo and bot alternate); with --app both, the median "
        "of the per-run ratios is printed too",
    )
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per config")
    parser.add_argument(
        "--same-process",
        action="store_true",
        help="run the fake server and the users in the application's process and event loop",
    )
    parser.add_argument(
        "--rate",
        type=float,
        action="append",
        help="open loop: offer this many updates a second (Poisson) among --chats users, "
        "replies or not; repeat for several rates",
    )
    parser.add_argument("--seconds", type=float, default=20.0, help="open loop: seconds per run")
    args = parser.parse_args(argv)

    apps = ["echo", "bot"] if args.app == "both" else [args.app]
    factories = {app: load_factory(app) for app in apps}
    if args.app == "both" and args.echo == "direct":
        factories["echo"] = build_direct_echo_application
    configs = [CONFIGS[name] for name in args.config or CONFIGS]
    if args.poll_interval is not None:
        configs = [replace(config, poll_interval=args.poll_interval) for config in configs]
    run = _run_one_process if args.same_process else _run_two_processes
    mode = "one process" if args.same_process else "two processes"
    if args.rate:
        return _open_loop(args, factories, configs, run, mode)
    print(
        f"# {args.app}: {args.chats} chats x {args.messages} messages, "
        f"{dtm.date.today().isoformat()}, {describe()}"
    )
    print(f"# {mode}; CPU ms per update: the application's, and the fake server's with its users")
    print(
        "| config | concurrent_updates | pool | poll interval s | updates/s | p50 ms | p99 ms "
        "| app CPU ms/update | of it event loop | loop waits/update | server CPU ms/update "
        "| API calls/update (getUpdates) |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    load = Load(args.chats, args.messages, args.time_limit)
    failed = False
    for config in configs:
        ratios: list[float] = []
        for _ in range(args.repeat):
            results = {}
            for app, factory in factories.items():
                result = asyncio.run(run(factory, config, load))
                results[app] = result
                failed = failed or bool(result.failures)
                _print_row(f"{app} {config.name}" if len(factories) > 1 else config.name, result)
            if len(results) == 2 and results["echo"].per_second:
                ratio = results["bot"].per_second / results["echo"].per_second
                ratios.append(ratio)
                cpu = results["echo"].app_cpu_ms / results["bot"].app_cpu_ms
                print(f"# {config.name}: bot/echo throughput {ratio:.0%}, CPU echo/bot {cpu:.0%}")
        if len(ratios) > 1:
            print(
                f"# {config.name}: median bot/echo throughput {statistics.median(ratios):.0%} "
                f"over {len(ratios)} runs ({min(ratios):.0%}-{max(ratios):.0%})"
            )
    return 1 if failed else 0


def _open_loop(
    args: argparse.Namespace,
    factories: dict[str, ApplicationFactory],
    configs: list[Config],
    run: Callable[[ApplicationFactory, Config, Load], Coroutine[Any, Any, Result]],
    mode: str,
) -> int:
    """``--rate``: for each configuration and rate, ``--repeat`` runs of each app in turn (a
    pair shares its arrival times), a row per run and the medians per app."""
    print(
        f"# {args.app}: open loop, Poisson arrivals among {args.chats} chats, {args.seconds:g} s "
        f"per run, {dtm.date.today().isoformat()}, {describe()}"
    )
    print(f"# {mode}; latency: update queued at the fake server -> reply there; 'fetch': of it, "
          "queued -> first getUpdates answer that carried it")  # fmt: skip
    print(
        "| app config | rate /s (offered) | answered | p50 ms | p95 ms | p99 ms | max ms "
        "| fetch p50 / p99 ms | not answered | app CPU ms/update | API calls/update "
        "(getUpdates) | load average |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    unanswered = 0
    for config in configs:
        for rate in args.rate:
            results: dict[str, list[Result]] = {app: [] for app in factories}
            for pair in range(args.repeat):
                load = Load(args.chats, 0, 0.0, rate=rate, seconds=args.seconds, seed=pair)
                for app, factory in factories.items():
                    result = asyncio.run(run(factory, config, load))
                    results[app].append(result)
                    unanswered += result.failures
                    _print_open_row(f"{app} {config.name}", rate, result)
            for app, runs in results.items():
                p50 = statistics.median(r.p50_ms for r in runs)
                p99s = [r.p99_ms for r in runs]
                print(
                    f"# {app} {config.name} at {rate:g}/s, {len(runs)} runs: median p50 "
                    f"{p50:.1f} ms, median p99 {statistics.median(p99s):.1f} ms "
                    f"({min(p99s):.1f}-{max(p99s):.1f}), not answered "
                    f"{sum(r.failures for r in runs)}",
                    flush=True,
                )
    return 1 if unanswered else 0


def _print_open_row(name: str, rate: float, result: Result) -> None:
    offered = result.open_loop
    assert offered is not None, "an open-loop run"
    fetch = sorted(offered.fetch_waits)
    fetch_ms = (
        f"{statistics.median(fetch) * 1000:.1f} / {percentile(fetch, 0.99) * 1000:.1f}"
        if fetch else "-"
    )  # fmt: skip
    print(
        f"| {name} | {rate:g} ({offered.offered / offered.elapsed:.1f}) | {result.updates} "
        f"| {result.p50_ms:.1f} | {result.p95_ms:.1f} | {result.p99_ms:.1f} "
        f"| {result.max_ms:.1f} | {fetch_ms} | {result.failures} | {result.app_cpu_ms:.2f} "
        f"| {result.calls_per_update:.2f} ({result.polls_per_update:.2f}) "
        f"| {result.load_average:.1f} |",
        flush=True,
    )


def _print_row(name: str, result: Result) -> None:
    config = result.config
    note = f" ({result.failures} chats failed)" if result.failures else ""
    print(
        f"| {name} | {config.concurrent_updates} | {config.connection_pool_size} "
        f"| {config.poll_interval:g} "
        f"| {result.per_second:.0f} | {result.p50_ms:.1f} | {result.p99_ms:.1f} "
        f"| {result.app_cpu_ms:.2f} | {result.loop_cpu_ms:.2f} | {result.loop_waits:.2f} "
        f"| {result.server_cpu_ms:.2f} "
        f"| {result.calls_per_update:.2f} ({result.polls_per_update:.2f}) |{note}",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
