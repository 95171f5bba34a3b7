"""Retention for the operators: ``python -m bot purge`` deletes what is older than the
cut-off (``bot.retention.cutoff``; the running bot purges the same from its daily job)."""

from __future__ import annotations

from bot.storage.factory import open_storage
from bot.storage.url import Database


async def purge_before(database: Database, older_than: float) -> dict[str, int]:
    """Delete events and sessions from before ``older_than`` (a Unix time); the counts."""
    async with open_storage(database) as storage:
        return await storage.purge(older_than)
