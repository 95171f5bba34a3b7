"""The read side on SQLite over a seeded log: list, resolve, transcript rows, aggregates."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.app import open_conversations
from bot.engine import Engine, UserInput
from bot.settings import Settings
from bot.storage.readside import (
    AmbiguousConversationError,
    ConversationNotFoundError,
    Scope,
    open_event_log,
)

from ..conftest import CONTENT_DIR, DIALOGUE_FILE
from .seeding import DAY0, seed


@pytest.fixture
async def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "bot.sqlite3"
    await seed(path)
    return path


def test_list_counts_turns_outcome_and_booking(db_path: Path) -> None:
    with open_event_log(db_path) as db:
        rows = {row.conversation: row for row in db.conversations(Scope(), limit=None)}
    assert len(rows) == 11
    first = rows["aaaa0001"]
    assert (first.campaign, first.lang, first.channel) == ("spring", "en", "telegram")
    assert first.turns == 3  # agree, the typed text, the last answer; not start nor booking
    assert first.booked
    assert first.outcome == {"urgency": "routine", "specialists": ["neurologist"], "red_flags": []}
    assert rows["aaaa0005"].turns == 0 and rows["aaaa0005"].outcome is None
    assert not rows["aaaa0003"].booked


def test_list_is_newest_first_limited_and_filtered_by_start(db_path: Path) -> None:
    with open_event_log(db_path) as db:
        newest = db.conversations(Scope(), limit=2)
        in_period = db.conversations(Scope(since=DAY0), limit=None)
        old_only = db.conversations(Scope(until=DAY0), limit=None)
    assert [row.conversation for row in newest] == ["cccc0002", "bbbb0003"]
    assert len(in_period) == 10
    assert [row.conversation for row in old_only] == ["dddd0001"]


def test_resolve_prefix(db_path: Path) -> None:
    with open_event_log(db_path) as db:
        assert db.resolve_conversation("bbbb0002") == "bbbb0002"
        assert db.resolve_conversation("dddd") == "dddd0001"
        with pytest.raises(AmbiguousConversationError):
            db.resolve_conversation("aaaa")
        with pytest.raises(ConversationNotFoundError):
            db.resolve_conversation("ffff")


def test_conversation_events_decode_json(db_path: Path) -> None:
    with open_event_log(db_path) as db:
        events = db.conversation_events("cccc0001")
    assert [e["kind"] for e in events] == ["start", "option", "text", "option"]
    assert events[2]["concepts"][1] == {"id": "radiating_leg_pain", "score": 75.0, "negated": True}
    assert events[3]["outcome"]["specialists"] == ["orthopedist"]


async def test_several_bots_on_one_database_can_be_told_apart(tmp_path: Path) -> None:
    """Once events carry a bot id (several bots on one database), the selection filters by it;
    without that column every conversation is of the one bot."""
    from bot.operators.selection import Selection
    from bot.storage import SqliteStorage

    path = tmp_path / "bot.sqlite3"
    async with SqliteStorage(path) as storage:
        for index in range(3):
            await storage.append_event({
                "conversation": f"c{index}", "person": "p", "at": 1_800_000_000.0 + index,
                "channel": "telegram", "kind": "start",
            })  # fmt: skip
    with open_event_log(path) as db:
        assert len(db.conversations(Selection().scope(), limit=None)) == 3
        assert db.selection_choices()["bot"] == []
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE events ADD COLUMN bot TEXT")
        db.execute(
            "UPDATE events SET bot = CASE conversation WHEN 'c0' THEN 'city' ELSE 'brand' END"
        )
    with open_event_log(path) as db:
        assert [r.conversation for r in db.conversations(Selection(bot="city").scope())] == ["c0"]
        with db.summary(Selection(bot="brand").scope()) as summary:
            assert summary.funnels()[0].started == 2
        assert db.selection_choices()["bot"] == ["brand", "city"]


async def test_a_refusal_is_counted_where_people_leave_not_as_an_urgency(
    engine: Engine, tmp_path: Path
) -> None:
    """Through the real conversation service: one refusal, one routine advice. The report's
    urgency mix holds only the advice; the refusal is where that person left."""
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, tmp_path / "bot.sqlite3")
    routine = ["agree", "skip", "done", "done", "done", "back_only", "done", "by_itself",
               "days", "little", "little", "age_20_50"]  # fmt: skip
    async with open_conversations(settings, "telegram", engine) as conversations:
        await conversations.begin("p1", "en")
        await conversations.handle("p1", UserInput.option("decline"))
        await conversations.begin("p2", "en")
        for option in routine:
            turn = await conversations.handle("p2", UserInput.option(option))
    assert turn.reply.node == "back_pain_routine"
    with open_event_log(settings.database) as db, db.summary(Scope()) as summary:
        assert summary.outcomes_by_urgency() == {"routine": 1}
        assert summary.outcomes_by_specialist() == {"neurologist": 1, "vertebrologist": 1}
        assert summary.leaving_nodes() == {"declined": 1}
        overall, _ = summary.funnels()
        assert (overall.started, overall.answered, overall.reached) == (2, 2, 1)
