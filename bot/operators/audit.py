"""The console's audit log: who viewed or exported what, and when.

Rows are only ever added: the database refuses UPDATE and DELETE on ``audit_log`` (triggers
of the schema, on either backend), and the console has no page that changes it. What is
logged is the page and its filters - conversation ids and settings, never a typed text.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from bot.storage.readside import ConsoleRecords

SHOWN = 500


@dataclass(frozen=True)
class AuditEntry:
    at: float
    operator: str
    action: str
    target: str


def record(
    db: ConsoleRecords, operator: str, action: str, target: str, now: float | None = None
) -> None:
    db.record(time.time() if now is None else now, operator, action, target[:500])


def recent(db: ConsoleRecords, limit: int = SHOWN) -> list[AuditEntry]:
    return [AuditEntry(*row) for row in db.audit(limit)]
