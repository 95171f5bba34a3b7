"""``Conversations`` as the front ends' one door: what each of its questions answers, what
/forget and the retention purge erase (on SQLite and on PostgreSQL), and nothing more."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import open_conversations
from bot.conversation import Conversations
from bot.engine import Engine, UserInput
from bot.retention import DAY
from bot.settings import Settings, read_database
from bot.storage.url import PostgresDatabase
from tests.storage.conftest import database, postgres_server  # noqa: F401 (fixtures)

from .conftest import CONTENT_DIR, DIALOGUE_FILE

AGREE = UserInput.option("agree")


@dataclass
class Door:
    conversations: Conversations
    database: str  # its BOT_DATABASE, to check what is stored past the door


@pytest.fixture
async def door(engine: Engine, database: str) -> AsyncIterator[Door]:  # noqa: F811
    """Conversations over an empty database of each backend."""
    url = database
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, read_database(url))
    async with open_conversations(settings, "telegram", engine) as conversations:
        yield Door(conversations, url)


async def stored_rows(door: Door, person: str) -> tuple[int, int]:
    """How many sessions and events of ``person`` the database holds, read past the door."""
    target = read_database(door.database)
    if isinstance(target, PostgresDatabase):
        import asyncpg

        connection = await asyncpg.connect(target.dsn)
        try:
            sessions = await connection.fetchval(
                "SELECT count(*) FROM sessions WHERE key = $1", person
            )
            events = await connection.fetchval(
                "SELECT count(*) FROM events WHERE person = $1", person
            )
        finally:
            await connection.close()
        return int(sessions), int(events)
    with sqlite3.connect(target) as db:
        counts = [
            db.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (person,)).fetchone()[0]
            for table, column in (("sessions", "key"), ("events", "person"))
        ]
    return counts[0], counts[1]


async def test_forget_erases_that_persons_session_and_events_and_no_one_elses(door: Door) -> None:
    conversations = door.conversations
    for person in ("forgetful", "other"):
        await conversations.begin(person, "en")
        await conversations.handle(person, AGREE)
        await conversations.handle(person, UserInput.text("my back hurts"))
    assert await stored_rows(door, "forgetful") == (1, 3)

    erased = await conversations.forget("forgetful")

    assert erased == {"sessions": 1, "events": 3}
    assert await stored_rows(door, "forgetful") == (0, 0)
    assert await conversations.current("forgetful") is None
    assert await stored_rows(door, "other") == (1, 3)
    # after /forget the person starts again from the very beginning
    assert (await conversations.handle("forgetful", AGREE)).reply.node == "consent"


async def test_the_retention_purge_erases_only_what_is_older_than_the_period(
    door: Door, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversations = door.conversations
    await conversations.begin("p1", "en")
    await conversations.handle("p1", AGREE)

    assert await conversations.purge_expired(30) == {"sessions": 0, "events": 0}
    assert await stored_rows(door, "p1") == (1, 2)

    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 31 * DAY)
    assert await conversations.purge_expired(30) == {"sessions": 1, "events": 2}
    monkeypatch.undo()
    assert await stored_rows(door, "p1") == (0, 0)


async def test_a_retention_of_less_than_a_day_erases_nothing(door: Door) -> None:
    conversations = door.conversations
    await conversations.begin("p1", "en")
    with pytest.raises(ValueError):
        await conversations.purge_expired(0)
    assert await stored_rows(door, "p1") == (1, 1)


async def test_the_questions_front_ends_ask_about_a_session(engine: Engine, tmp_path: Path) -> None:
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, tmp_path / "bot.sqlite3")
    async with open_conversations(settings, "terminal", engine) as conversations:
        assert conversations.content is engine.content
        start = await conversations.begin("p1", "en")
        assert conversations.accepts(start.session, "agree")
        assert not conversations.accepts(start.session, "no-such-option")
        assert not conversations.toggles(start.session, "agree")  # an answer, not a tick

        await conversations.handle("p1", AGREE)
        checklist = await conversations.handle("p1", UserInput.text("my back hurts"))
        assert checklist.reply.node == "red_signs"
        assert not conversations.accepts(checklist.session, "agree")  # moved on
        assert conversations.accepts(checklist.session, "bladder")
        assert conversations.toggles(checklist.session, "bladder")  # a box to tick
        assert not conversations.toggles(checklist.session, "done")  # ends the checklist
        assert not conversations.toggles(checklist.session, "unsure")
        assert not conversations.offers_booking(checklist.session)

        again = conversations.repeat(checklist.session)
        assert again.reply.node == checklist.reply.node
        assert again.reply.text == checklist.reply.text
        assert await conversations.session("p1") == checklist.session  # nothing stored
        assert await conversations.session("nobody") is None


async def test_booking_is_offered_only_after_advice_that_offers_it(
    engine: Engine, tmp_path: Path
) -> None:
    done = UserInput.option("done")
    to_advice = (
        AGREE, UserInput.text("my back hurts"), done, done, done,
        UserInput.option("below_knee"), UserInput.option("numbness"), done,
        UserInput.option("one"), UserInput.option("by_itself"), UserInput.option("weeks"),
        UserInput.option("little"), UserInput.option("little"), UserInput.option("age_20_50"),
    )  # fmt: skip
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, tmp_path / "bot.sqlite3")
    async with open_conversations(settings, "terminal", engine) as conversations:
        turn = await conversations.begin("calm", "en")
        for user_input in to_advice:
            assert not conversations.offers_booking(turn.session)
            turn = await conversations.handle("calm", user_input)
        assert turn.reply.node == "radicular"
        assert conversations.offers_booking(turn.session)

        await conversations.begin("alarmed", "en")
        await conversations.handle("alarmed", AGREE)
        turn = await conversations.handle("alarmed", UserInput.text("I suddenly can't pee at all"))
        assert turn.reply.outcome is not None and turn.reply.outcome["urgency"] == "emergency"
        assert not conversations.offers_booking(turn.session)  # emergency advice: no booking


# -- updates and the outbox -------------------------------------------------------------


async def answer(conversations: Conversations, person: str, chat_id: int, text: str) -> None:
    """What a front end does with one update: a step, and its reply into the outbox."""
    turn = await conversations.handle(person, UserInput.text(text), "en")
    conversations.queue_reply(chat_id, {"kind": "send", "text": turn.reply.text}, person)


async def test_an_update_is_stored_with_its_replies_and_a_duplicate_is_handled_once(
    door: Door,
) -> None:
    conversations = door.conversations
    await conversations.begin("p1", "en")
    assert await conversations.first_sight(7)
    replies = await conversations.handle_update(7, 1001, answer(conversations, "p1", 1001, "hi"))
    assert replies is not None and [r.chat_id for r in replies] == [1001]
    assert replies[0].id and replies[0].person == "p1"
    assert replies[0].body["text"].endswith("Do you agree?")  # consent, asked again
    assert await stored_rows(door, "p1") == (1, 2)  # the start and the typed message
    assert [r.id for r in await conversations.owed_replies()] == [replies[0].id]

    # Telegram delivers the same update again: it is not handled a second time
    assert not await conversations.first_sight(7)
    assert await stored_rows(door, "p1") == (1, 2)

    await conversations.delivered([replies[0].id])
    assert await conversations.owed_replies() == []


async def test_an_update_that_failed_half_way_keeps_only_what_came_after(door: Door) -> None:
    conversations = door.conversations
    await conversations.begin("p1", "en")
    before = await conversations.current("p1")

    async def failing_then_apologising() -> None:
        await answer(conversations, "p1", 1001, "my back hurts")
        conversations.discard_update()  # what an error handler does
        conversations.queue_reply(1001, {"kind": "send", "text": "sorry"}, "p1")

    replies = await conversations.handle_update(8, 1001, failing_then_apologising())

    assert replies is not None and [r.body["text"] for r in replies] == ["sorry"]
    assert await stored_rows(door, "p1") == (1, 1)  # no step, no event of the update
    after = await conversations.current("p1")
    assert before is not None and after is not None and after[0] == before[0]


async def test_replies_made_outside_an_update_go_straight_into_the_outbox(door: Door) -> None:
    conversations = door.conversations
    bodies = [{"kind": "send", "text": "late"}, {"kind": "send", "text": "question"}]
    replies = await conversations.add_replies(1001, bodies, "p1")
    owed = await conversations.owed_replies()
    assert [r.body["text"] for r in owed] == ["late", "question"]
    assert [r.id for r in owed] == [r.id for r in replies]
    assert await conversations.add_replies(1001, [], "p1") == []


async def test_forget_also_erases_the_replies_still_owed_to_that_person(door: Door) -> None:
    conversations = door.conversations
    await conversations.add_replies(1001, [{"kind": "send", "text": "to p1"}], "p1")
    await conversations.add_replies(1002, [{"kind": "send", "text": "to p2"}], "p2")
    await conversations.forget("p1")
    assert [r.body["text"] for r in await conversations.owed_replies()] == ["to p2"]
