"""A seeded event log with known numbers, written through the real storage."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from bot.storage import SqliteStorage, Storage, open_storage

DAY0 = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC).timestamp()
OLD = datetime.datetime(2026, 8, 1, 9, 0, tzinfo=datetime.UTC).timestamp()
UNMATCHED = "It feels like electric eels!"


def _outcome(urgency: str, *specialists: str) -> dict[str, Any]:
    return {"urgency": urgency, "specialists": list(specialists), "red_flags": []}


# (conversation, person, start time, campaign, turns); a turn is
# (node, kind, value, concepts, reply_node, event, outcome)
Turn = tuple[str | None, str, str | None, list[dict[str, Any]] | None, str | None, str, Any]
START: Turn = (None, "start", None, None, "consent", "asked", None)
AGREE: Turn = ("consent", "option", "agree", None, "describe", "asked", None)


def text(value: str, *concepts: tuple[str, float, bool], to: str = "saddle") -> Turn:
    found = [{"id": c, "score": s, "negated": n} for c, s, n in concepts]
    return ("describe", "text", value, found, to, "asked", None)


def advice(node: str, outcome: dict[str, Any], event: str = "outcome") -> Turn:
    return ("numbness", "option", "no", None, node, event, outcome)


BOOKING: Turn = ("radicular", "booking", None, None, None, "", None)

CONVERSATIONS: list[tuple[str, str, float, str | None, list[Turn]]] = [
    ("aaaa0001", "p1", DAY0, "spring", [
        START, AGREE, text("my back hurts", ("low_back_pain", 100.0, False)),
        advice("back_pain_routine", _outcome("routine", "neurologist")), BOOKING,
    ]),
    ("aaaa0002", "p2", DAY0 + 600, "spring", [
        START, AGREE, text(UNMATCHED),
        advice("radicular", _outcome("soon", "neurologist", "vertebrologist")), BOOKING,
    ]),
    ("aaaa0003", "p3", DAY0 + 86400, "spring", [
        START, AGREE, text("pain down the leg", ("radiating_leg_pain", 92.5, False)),
        advice("emergency", _outcome("emergency", "emergency", "neurosurgeon"), "emergency_rule"),
    ]),
    ("aaaa0004", "p4", DAY0 + 86400 + 60, "spring", [START, AGREE]),
    ("aaaa0005", "p5", DAY0 + 2 * 86400, "spring", [START]),
    ("bbbb0001", "p6", DAY0 + 1200, "flyer", [
        START, AGREE, text("it  feels like ELECTRIC eels"),
        advice("see_today", _outcome("urgent", "neurologist")), BOOKING,
    ]),
    ("bbbb0002", "p7", DAY0 + 86400 + 120, "flyer", [START, AGREE, text("zzz strange tingle")]),
    ("bbbb0003", "p8", DAY0 + 2 * 86400 + 60, "flyer", [START]),
    ("cccc0001", "p9", DAY0 + 86400 + 180, None, [
        START, AGREE,
        text("back pain 2 weeks", ("low_back_pain", 100.0, False),
             ("radiating_leg_pain", 75.0, True)),
        advice("back_pain_routine", _outcome("routine", "orthopedist")),
    ]),
    ("cccc0002", "p1", DAY0 + 2 * 86400 + 120, None, [START]),
    # long before the period of the report, and beyond a 90-day retention
    ("dddd0001", "p10", OLD, "spring", [
        START, AGREE, text("old old pain"), advice("back_pain_routine", _outcome("routine")),
    ]),
]  # fmt: skip

# what a report from DAY0 on must show
EXPECTED_PER_DAY = {"2026-11-20": 3, "2026-11-21": 4, "2026-11-22": 3}
EXPECTED_FUNNEL = {"started": 10, "answered": 7, "reached": 5, "booked": 3}
EXPECTED_CAMPAIGNS = {
    "spring": {"started": 5, "answered": 4, "reached": 3, "booked": 2},
    "flyer": {"started": 3, "answered": 2, "reached": 1, "booked": 1},
    None: {"started": 2, "answered": 1, "reached": 1, "booked": 0},
}
EXPECTED_URGENCY = {"routine": 2, "soon": 1, "urgent": 1, "emergency": 1}
EXPECTED_SPECIALISTS = {
    "neurologist": 3, "vertebrologist": 1, "emergency": 1, "neurosurgeon": 1, "orthopedist": 1,
}  # fmt: skip
EXPECTED_LEAVING = {"consent": 3, "describe": 1, "saddle": 1}
EXPECTED_UNMATCHED = [("it feels like electric eels", 2), ("zzz strange tingle", 1)]
EXPECTED_SCORES = {"100": 2, "90-99": 1, "70-79": 1}
EVENT_COUNT = sum(len(turns) for *_, turns in CONVERSATIONS)
OLD_EVENT_COUNT = 4


def seeded_events() -> list[dict[str, Any]]:
    """The events of the conversations above, one a minute from each one's start time, in
    the order they are written."""
    return [
        {
            "conversation": conversation, "person": person, "at": start + 60 * index,
            "channel": "telegram", "lang": "ru" if person == "p9" else "en",
            "campaign": campaign, "node": node, "kind": kind, "value": value,
            "concepts": concepts, "reply_node": reply_node, "event": event or None,
            "outcome": outcome,
        }
        for conversation, person, start, campaign, turns in CONVERSATIONS
        for index, (node, kind, value, concepts, reply_node, event, outcome) in enumerate(turns)
    ]  # fmt: skip


async def write_events(storage: Storage) -> None:
    for event in seeded_events():
        await storage.append_event(event)


async def seed_database(database: str, bot: str = "") -> None:
    """The events above in ``database`` (a URL of either backend), through its storage."""
    async with open_storage(database, bot=bot) as storage:
        await write_events(storage)


async def seed(path: Path) -> None:
    """Write the conversations above, and each person's session."""
    async with SqliteStorage(path) as storage:
        await write_events(storage)
        for conversation, person, start, campaign, turns in CONVERSATIONS:
            await storage.save_session(person, {"node": "x"}, campaign, conversation)
            # the session's times are now; a purge test needs the old one to be old
            await storage.db.execute(
                "UPDATE sessions SET created_at = ?, updated_at = ? WHERE key = ?",
                (start, start + 60 * len(turns), person),
            )
            await storage.db.commit()
