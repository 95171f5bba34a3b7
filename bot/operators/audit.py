"""The console's audit log: who viewed or exported what, and when.

Rows are only ever added: the database refuses UPDATE and DELETE on ``audit_log`` (triggers
of the schema), and the console has no page that changes it. What is logged is the page and
its filters - conversation ids and settings, never a typed text.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

SHOWN = 500


@dataclass(frozen=True)
class AuditEntry:
    at: float
    operator: str
    action: str
    target: str


def record(
    db: sqlite3.Connection, operator: str, action: str, target: str, now: float | None = None
) -> None:
    with db:
        db.execute(
            "INSERT INTO audit_log (at, operator, action, target) VALUES (?, ?, ?, ?)",
            (time.time() if now is None else now, operator, action, target[:500]),
        )


def recent(db: sqlite3.Connection, limit: int = SHOWN) -> list[AuditEntry]:
    rows = db.execute(
        "SELECT at, operator, action, target FROM audit_log ORDER BY id DESC LIMIT ?", (limit,)
    ).fetchall()
    return [AuditEntry(*row) for row in rows]
