"""The metrics: what a step counts, and the figures read from the database at scrape time."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from prometheus_client import generate_latest

from bot.console import metrics
from bot.storage import SqliteStorage


def value(name: str, **labels: str) -> float:
    return metrics.REGISTRY.get_sample_value(name, labels) or 0.0


def test_a_failing_step_counts_its_error_by_class_and_no_reply() -> None:
    before = (value("bot_errors_total", kind="TimeoutError"), value("bot_replies_total"))
    with pytest.raises(TimeoutError), metrics.step("text"):
        raise TimeoutError("the database is busy")
    assert value("bot_errors_total", kind="TimeoutError") == before[0] + 1
    assert value("bot_replies_total") == before[1]


def test_an_unknown_kind_is_counted_as_other() -> None:
    before = value("bot_updates_total", kind="other")
    with metrics.step("a kind made up by a forged update"):
        pass
    assert value("bot_updates_total", kind="other") == before + 1


def test_sessions_by_node_and_outbox_depth_come_from_the_database(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"

    async def fill() -> None:
        async with SqliteStorage(path) as storage:
            for person, node in (("p1", "consent"), ("p2", "fever"), ("p3", "fever")):
                await storage.save_session(person, {"node": node}, "spring", f"c-{person}")

    asyncio.run(fill())
    text = generate_latest(metrics.registry_for(path)).decode()
    assert 'bot_sessions_by_node{node="fever"} 2.0' in text
    assert 'bot_sessions_by_node{node="consent"} 1.0' in text
    assert "bot_outbox_depth 0.0" in text
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO outbox (chat_id, person, at, body) VALUES (?, ?, 0, '{}')",
            [(1, "p1"), (2, "p2")],
        )
    text = generate_latest(metrics.registry_for(path)).decode()
    assert "bot_outbox_depth 2.0" in text
    assert "spring" not in text and "p1" not in text and "c-p1" not in text
