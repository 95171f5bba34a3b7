"""The console's metrics: the figures read from the database at scrape time."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from prometheus_client import generate_latest

from bot.console import metrics
from bot.storage import SqliteStorage


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
