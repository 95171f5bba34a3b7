"""Prometheus metrics for the operators' console: this process's counters (bot/metrics.py)
and figures that the database knows (sessions by step, the outbox), read from it when
Prometheus scrapes. Labels are only node ids: never a person, a text, a chat id or a campaign.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from bot.metrics import REGISTRY
from bot.storage.base import StorageUnavailableError
from bot.storage.readside import EventLog, open_event_log
from bot.storage.url import Database


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
