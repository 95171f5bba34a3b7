"""The terminal chat: numbered options, commands, and resuming after quitting."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from bot.app import open_conversations
from bot.engine import Engine
from bot.settings import Settings
from bot.terminal.chat import chat

from ..conftest import CONTENT_DIR, DIALOGUE_FILE


def scripted(lines: list[str]) -> tuple[Callable[[str], str], list[str]]:
    feed: Iterator[str] = iter(lines)
    shown: list[str] = []

    def ask(prompt: str) -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    return ask, shown


async def run_chat(
    engine: Engine, db: Path, lines: list[str], lang: str | None = "en"
) -> list[str]:
    ask, shown = scripted(lines)
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, db)
    async with open_conversations(settings, "terminal", engine) as conversations:
        await chat(conversations, lang, ask=ask, say=shown.append, person="terminal:test")
    return shown


async def test_numbers_pick_options_and_quit_then_resume(engine: Engine, tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    # 11) None of these (the emergency signs' checklist)
    shown = await run_chat(engine, db, ["1", "my back hurts", "11", "/quit"])
    assert "  1) I agree" in shown[0]
    assert shown[1].startswith("(type a number")
    assert shown[-1].startswith("Thank you. Do any of these apply?")
    shown = await run_chat(engine, db, ["1"], lang=None)  # 1) ticks fever
    assert shown[0].startswith("Welcome back")
    assert "Do any of these apply?" in shown[1]
    assert "  1) ✅ Fever or chills" in [s for s in shown if s.strip()][-1]


async def test_the_help_line_is_in_the_persons_language(engine: Engine, tmp_path: Path) -> None:
    shown = await run_chat(engine, tmp_path / "bot.sqlite3", [], lang="ru")
    assert shown[1].startswith("(введите номер ответа")


async def test_back_and_restart_commands(engine: Engine, tmp_path: Path) -> None:
    shown = await run_chat(engine, tmp_path / "db.sqlite3", ["1", "back pain", "/back", "/restart"])
    shown = [s for s in shown if s.strip()]  # the chat ends with an empty line at end of input
    assert shown[-2].startswith("Please describe in your own words")
    assert "Do you agree?" in shown[-1]


async def test_finished_conversation_starts_fresh_next_time(engine: Engine, tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    await run_chat(engine, db, ["2"])  # declines consent: advice, the end
    shown = await run_chat(engine, db, [])
    assert not shown[0].startswith("Welcome back")
    assert "Do you agree?" in shown[0]


async def test_privacy_and_forget(engine: Engine, tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    shown = await run_chat(engine, db, ["1", "my back hurts", "/privacy", "/forget"])
    privacy = next(text for text in shown if text.startswith("What I keep"))
    assert "90 days" in privacy
    assert any(
        text.startswith("Done: deleted 1 conversation state(s) and 3 record(s).") for text in shown
    )
    assert "Do you agree?" in [text for text in shown if text.strip()][-1]
    with sqlite3.connect(db) as reader:
        # only the new conversation's start is left
        assert reader.execute("SELECT kind FROM events").fetchall() == [("start",)]
