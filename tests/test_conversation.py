"""The conversation service: what a turn stores, and what it must not store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.app import open_conversations
from bot.engine import Engine, UserInput
from bot.settings import Settings

from .conftest import CONTENT_DIR, DIALOGUE_FILE


async def logged(engine: Engine, tmp_path: Path, *inputs: str | UserInput) -> list[tuple]:
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, tmp_path / "bot.sqlite3")
    async with open_conversations(settings, "telegram", engine) as conversations:
        await conversations.begin("p1", "en", "spring")
        for item in inputs:
            user_input = UserInput.text(item) if isinstance(item, str) else item
            await conversations.handle("p1", user_input)
    with sqlite3.connect(settings.database) as db:
        return db.execute(
            "SELECT kind, value, concepts IS NOT NULL, campaign FROM events ORDER BY id"
        ).fetchall()


async def test_after_consent_typed_text_is_kept_scrubbed(engine: Engine, tmp_path: Path) -> None:
    events = await logged(
        engine, tmp_path, UserInput.option("agree"), "I'm Jonathan, my back hurts"
    )
    assert events == [
        ("start", None, False, "spring"),
        ("option", "agree", False, "spring"),
        ("text", "I'm [NAME], my back hurts", True, "spring"),
    ]


async def test_before_or_without_consent_only_the_fact_of_a_message_is_kept(
    engine: Engine, tmp_path: Path
) -> None:
    events = await logged(
        engine, tmp_path, "hello, my back hurts", UserInput.option("decline"), "I have a fever"
    )
    assert events == [
        ("start", None, False, "spring"),
        ("text", None, False, "spring"),
        ("option", "decline", False, "spring"),
        ("text", None, False, "spring"),
    ]


async def test_an_emergency_sign_is_answered_even_without_consent(
    engine: Engine, tmp_path: Path
) -> None:
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, tmp_path / "bot.sqlite3")
    async with open_conversations(settings, "telegram", engine) as conversations:
        await conversations.begin("p1", "en")
        turn = await conversations.handle("p1", UserInput.text("I suddenly can't pee at all"))
    assert turn.reply.outcome is not None and turn.reply.outcome["urgency"] == "emergency"


async def test_a_refusal_is_stored_as_no_outcome_at_all(engine: Engine, tmp_path: Path) -> None:
    """A refusal gets only the safety net: no verdict, so neither "routine" nor any other
    urgency nor a doctor is written; the log says only that the person declined."""
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, tmp_path / "bot.sqlite3")
    async with open_conversations(settings, "telegram", engine) as conversations:
        await conversations.begin("p1", "en")
        turn = await conversations.handle("p1", UserInput.text("I don't agree"))
    assert turn.reply.node == "declined"
    with sqlite3.connect(settings.database) as db:
        rows = db.execute("SELECT kind, reply_node, event, outcome FROM events ORDER BY id")
        assert rows.fetchall() == [
            ("start", "consent", "asked", None),
            ("text", "declined", "declined", None),
        ]
