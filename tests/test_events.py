"""The event log's names: the enums cover exactly what a real conversation stores, and rows
written as plain strings (before the enums) read the same."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from bot.app import open_conversations
from bot.engine import Engine, UserInput
from bot.events import EventKind, ReplyEvent
from bot.operators.transcript import transcript
from bot.settings import Settings
from bot.storage import SqliteStorage
from bot.storage.readside import Funnel, Scope, open_event_log

from .conftest import CONTENT_DIR, DIALOGUE_FILE

OPTION, TEXT, COMMAND = UserInput.option, UserInput.text, UserInput.command
# one conversation that makes every kind of input and gets every kind of reply
EVERY_EVENT = (
    (OPTION("agree"), ReplyEvent.ASKED),
    (TEXT("xyzzy qwerty"), ReplyEvent.ASKED),  # the description: anything goes
    (TEXT("back pain"), ReplyEvent.REASK),  # not an answer to the emergency signs' list
    (OPTION("done"), ReplyEvent.ASKED),
    (OPTION("fever"), ReplyEvent.TOGGLED),  # ticked at the urgent signs' checklist
    (COMMAND("back"), ReplyEvent.BACK),
    (TEXT("since yesterday I cannot pee at all"), ReplyEvent.EMERGENCY_RULE),
    (TEXT("thanks"), ReplyEvent.ENDED),
    (COMMAND("restart"), ReplyEvent.RESTARTED),
    (OPTION("decline"), ReplyEvent.DECLINED),  # the safety net: no verdict, no outcome
    (COMMAND("restart"), ReplyEvent.RESTARTED),
    *(
        (OPTION(answer), ReplyEvent.ASKED)
        for answer in (
            "agree",
            "skip",
            "done",
            "done",
            "done",
            "back_only",
            "done",
            "by_itself",
            "days",
            "little",
            "little",
        )
    ),
    (OPTION("age_20_50"), ReplyEvent.OUTCOME),  # a routine advice
)


async def test_the_enums_name_exactly_what_a_real_conversation_stores(
    engine: Engine, tmp_path: Path
) -> None:
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, tmp_path / "bot.sqlite3")
    async with open_conversations(settings, "telegram", engine) as conversations:
        await conversations.begin("p1", "en")
        for user_input, expected in EVERY_EVENT:
            turn = await conversations.handle("p1", user_input)
            assert turn.reply.event == expected, user_input
        await conversations.log("p1", EventKind.BOOKING)
    with sqlite3.connect(settings.database) as db:
        rows = db.execute(
            "SELECT kind, typeof(kind), event, typeof(event), outcome IS NOT NULL"
            " FROM events ORDER BY id"
        ).fetchall()
    assert {kind for kind, *_ in rows} == set(EventKind)
    assert {event for _, _, event, *_ in rows if event is not None} == set(ReplyEvent)
    # stored as the plain strings they always were
    assert {(kind_type, event_type) for _, kind_type, _, event_type, _ in rows} <= {
        ("text", "text"),
        ("text", "null"),
    }
    assert [kind for kind, *_ in rows] == [
        "start",
        *(str(user_input.kind) for user_input, _ in EVERY_EVENT),
        "booking",
    ]
    # the advice is kept with the replies that give it, and only with those
    assert [event for _, _, event, _, advised in rows if advised] == ["emergency_rule", "outcome"]


async def test_rows_written_as_plain_strings_read_the_same(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with SqliteStorage(path):
        pass  # the schema, as the bot makes it
    advice = {"urgency": "routine", "specialists": ["neurologist"], "red_flags": []}
    old_rows = [  # (node, kind, value, reply_node, event, outcome): as written before the enums
        (None, "start", None, "consent", "asked", None),
        ("consent", "option", "agree", "describe", "asked", None),
        ("red_signs", "text", "my back", "red_signs", "reask", None),
        ("red_signs", "command", "back", "describe", "back", None),
        ("numbness", "option", "no", "radicular", "outcome", json.dumps(advice)),
        ("radicular", "booking", None, None, None, None),
    ]
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO events (conversation, person, at, channel, lang, node, kind, value,"
            " reply_node, event, outcome) VALUES ('c0ffee', 'p1', ?, 'telegram', 'en',"
            " ?, ?, ?, ?, ?, ?)",
            [(1_700_000_000 + i, *row) for i, row in enumerate(old_rows)],
        )
    with open_event_log(path) as db:
        [summary] = db.conversations(Scope())
        events = db.conversation_events("c0ffee")
        with db.summary(Scope()) as period:
            funnel, _ = period.funnels()
            typed = list(period.typed_texts())
    assert (summary.turns, summary.booked, summary.outcome) == (4, True, advice)
    assert funnel == Funnel(started=1, answered=1, reached=1, booked=1)
    assert [EventKind(e["kind"]) for e in events] == [
        EventKind.START, EventKind.OPTION, EventKind.TEXT, EventKind.COMMAND, EventKind.OPTION,
        EventKind.BOOKING,
    ]  # fmt: skip
    assert [e["event"] and ReplyEvent(e["event"]) for e in events][2:5] == [
        ReplyEvent.REASK, ReplyEvent.BACK, ReplyEvent.OUTCOME,
    ]  # fmt: skip
    assert [t["value"] for t in typed] == ["my back"]
    shown = transcript(events)
    assert "started" in shown and 'typed "my back"' in shown and "(reask)" in shown
    assert "(asked)" not in shown
