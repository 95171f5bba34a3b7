"""The retention period: what is older than ``BOT_RETENTION_DAYS`` is deleted - by the
running bot's daily job (``Conversations.purge_expired``) and by ``python -m bot purge``
(bot/operators/retention.py). Both take the cut-off from here."""

from __future__ import annotations

import time

DAY = 24 * 3600


def cutoff(days: int, now: float | None = None) -> float:
    """The Unix time before which rows are deleted, ``days`` before ``now``."""
    if days < 1:
        # 0 would delete the conversations people are having right now
        raise ValueError("retention must be at least 1 day")
    return (time.time() if now is None else now) - days * DAY
