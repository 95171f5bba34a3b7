"""Prometheus metrics of the bot (official ``prometheus-client``).

Counters are kept in this process by ``Conversations`` (bot/conversation.py), the one door
every front end goes through; figures that the database knows (sessions by step, the outbox)
are read from it when Prometheus scrapes. Labels are only kinds, node ids and error class
names: never a person, a text, a chat id or a campaign.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import sqlite3
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from bot.storage.base import StorageUnavailableError
from bot.storage.readside import EventLog, open_event_log
from bot.storage.url import Database

# the registry of this process; the console's /metrics serves it
REGISTRY = CollectorRegistry(auto_describe=True)

UPDATES = Counter(
    "bot_updates", "Inputs handled, by kind (start, option, text, command, booking...)",
    ["kind"], registry=REGISTRY,
)  # fmt: skip
REPLIES = Counter("bot_replies", "Replies the bot produced", registry=REGISTRY)
ERRORS = Counter(
    "bot_errors", "Errors while handling an input, by exception class", ["kind"],
    registry=REGISTRY,
)  # fmt: skip
STEP_SECONDS = Histogram(
    "bot_step_seconds", "Time to handle one input: load, engine step, store",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
    registry=REGISTRY,
)  # fmt: skip
KNOWN_KINDS = frozenset({"start", "option", "text", "command", "booking", "forget", "alarm"})


def count_update(kind: str) -> None:
    UPDATES.labels(kind if kind in KNOWN_KINDS else "other").inc()


def count_error(error: BaseException) -> None:
    ERRORS.labels(type(error).__name__).inc()


class DatabaseCollector(Collector):
    """Figures read from the database at scrape time: sessions by step, outbox depth."""

    def __init__(self, connect: Callable[[], EventLog]) -> None:
        self.connect = connect

    def collect(self) -> Iterator[GaugeMetricFamily]:
        sessions = GaugeMetricFamily(
            "bot_sessions_by_node", "Stored sessions by the dialogue step they stand at",
            labels=["node"],
        )  # fmt: skip
        outbox = GaugeMetricFamily("bot_outbox_depth", "Replies waiting to be sent")
        try:
            log = self.connect()
        except (OSError, sqlite3.Error, StorageUnavailableError):
            return
        try:
            for node, count in log.sessions_by_node().items():
                sessions.add_metric([node], count)
            depth = log.outbox_depth()
        except (sqlite3.Error, StorageUnavailableError):
            return
        finally:
            log.close()
        yield sessions
        outbox.add_metric([], depth)
        yield outbox


def registry_for(database: Database) -> CollectorRegistry:
    """This process's counters plus the database's figures, for one console."""
    registry = CollectorRegistry()
    registry.register(_Forward(REGISTRY))
    registry.register(DatabaseCollector(lambda: open_event_log(database)))
    return registry


class _Forward(Collector):
    def __init__(self, source: CollectorRegistry) -> None:
        self.source = source

    def collect(self) -> Iterator[object]:  # type: ignore[override]
        yield from self.source.collect()


@contextlib.contextmanager
def step(kind: str) -> Iterator[None]:
    """Count one input of ``kind`` and its reply, time it, and count an error by its class."""
    count_update(kind)
    started = time.perf_counter()
    try:
        yield
    except Exception as error:
        count_error(error)
        raise
    REPLIES.inc()
    STEP_SECONDS.observe(time.perf_counter() - started)


_counting: contextvars.ContextVar[bool] = contextvars.ContextVar("bot_counting", default=False)
Method = TypeVar("Method", bound=Callable[..., Awaitable[Any]])


def counted(kind: str | None = None) -> Callable[[Method], Method]:
    """Count and time each call of a ``Conversations`` method as one input (``step``).

    ``kind``: the input's kind; None takes it from the call's ``UserInput`` argument. A call
    made inside a counted call (``handle`` starting a conversation) is not counted again."""

    def decorate(method: Method) -> Method:
        @functools.wraps(method)
        async def run(*args: Any, **kwargs: Any) -> Any:
            if _counting.get():
                return await method(*args, **kwargs)
            name = kind or next(
                (str(a.kind) for a in (*args, *kwargs.values()) if hasattr(a, "kind")), "other"
            )
            token = _counting.set(True)
            try:
                with step(name):
                    return await method(*args, **kwargs)
            finally:
                _counting.reset(token)

        return run  # type: ignore[return-value]

    return decorate
