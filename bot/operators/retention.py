"""Retention: what is older than ``BOT_RETENTION_DAYS`` is deleted (``python -m bot purge``;
the running bot purges ``cutoff(days)`` from its daily job)."""

from __future__ import annotations

import time

from bot.storage.factory import open_storage
from bot.storage.url import Database

DAY = 24 * 3600


def cutoff(days: int, now: float | None = None) -> float:
    if days < 1:
        # 0 would delete the conversations people are having right now
        raise ValueError("retention must be at least 1 day")
    return (time.time() if now is None else now) - days * DAY


async def purge_before(database: Database, older_than: float) -> dict[str, int]:
    """Delete events and sessions from before ``older_than`` (a Unix time); the counts."""
    async with open_storage(database) as storage:
        return await storage.purge(older_than)
