"""The promise to the people who talk to the bot: after a conversation full of personal data,
no file in the data folder holds it, and /forget's ``delete_person`` leaves nothing of them.

Real engine, real scrubber, real SQLite files (database, WAL, shared memory, the log secret).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from bot.app import open_conversations
from bot.engine import Engine, UserInput
from bot.privacy.pseudonyms import Pseudonyms, load_secret
from bot.settings import Settings
from bot.terminal.chat import chat

from ..conftest import CONTENT_DIR, DIALOGUE_FILE

MESSAGE = "I'm Jonathan Pryce, call me on +44 7700 900123 or jpryce@example.com, my back hurts"
# every form in which the data could have been written, whatever the encoding of digits
SECRETS = (
    "Jonathan", "Pryce", "jpryce", "example.com", "+44 7700 900123", "7700 900123",
    "447700900123", "7700900123", "07700900123",
)  # fmt: skip
TELEGRAM_USER_ID = 5550001234


def scripted(lines: list[str]) -> Callable[[str], str]:
    feed: Iterator[str] = iter(lines)

    def ask(prompt: str) -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    return ask


def leaks(folder: Path, needles: tuple[str, ...]) -> list[tuple[str, str]]:
    """(file, needle) for every needle found in the bytes of any file under ``folder``,
    compared case-insensitively, in UTF-8 and in UTF-16 (SQLite can store either)."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes().lower()
        for needle in needles:
            forms = {needle.lower().encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")}
            if any(form in data for form in forms):
                found.append((path.name, needle))
    return found


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_needles_are_found_when_present(tmp_path: Path) -> None:
    """The check itself works: the same bytes unscrubbed are caught, in each form."""
    (tmp_path / "bot.sqlite3-wal").write_bytes(b"\x00" + MESSAGE.upper().encode("utf-16-le"))
    (tmp_path / "other").write_bytes(b"..447700900123..")
    found = leaks(tmp_path, SECRETS)
    assert ("bot.sqlite3-wal", "Jonathan") in found
    assert ("bot.sqlite3-wal", "+44 7700 900123") in found
    assert ("other", "447700900123") in found


async def test_terminal_chat_leaves_no_personal_data(engine: Engine, tmp_path: Path) -> None:
    data = tmp_path / "data"
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, data / "bot.sqlite3")
    lines = [
        "1", MESSAGE, "None of these", MESSAGE, "/back", f"my name is Jonathan Pryce. {MESSAGE}"
    ]  # fmt: skip
    shown: list[str] = []
    async with open_conversations(settings, "terminal", engine) as conversations:
        await chat(conversations, "en", ask=scripted(lines), say=shown.append, person="t:1")
        # while the database is open, the newest pages are in the WAL file: check it too
        assert {"bot.sqlite3", "bot.sqlite3-wal", "bot.sqlite3-shm"} <= files(data)
        assert leaks(data, SECRETS) == []
    assert leaks(data, SECRETS) == []
    with sqlite3.connect(data / "bot.sqlite3") as db:
        texts = [row[0] for row in db.execute("SELECT value FROM events WHERE kind = 'text'")]
    # the typed turns were recorded (scrubbed), so the check above looked at real rows
    assert len(texts) == 3 and all("[PHONE]" in text for text in texts), texts


async def test_telegram_style_turns_and_delete_person(engine: Engine, tmp_path: Path) -> None:
    """Two people through ``Conversations`` with HMAC pseudonyms (the secret generated into the
    data folder); deleting one leaves no row that mentions them, and the other intact."""
    data = tmp_path / "data"
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, data / "bot.sqlite3")
    pseudonyms = Pseudonyms(load_secret(data, from_env=""))
    person, other = pseudonyms.person(TELEGRAM_USER_ID), pseudonyms.person(TELEGRAM_USER_ID + 1)
    async with open_conversations(settings, "telegram", engine) as conversations:
        for who in (person, other):
            await conversations.begin(who, "en", campaign="spring")
            await conversations.handle(who, UserInput.option("agree"))
            await conversations.handle(who, UserInput.text(MESSAGE))
            await conversations.log(who, "booking")
        assert leaks(data, (*SECRETS, str(TELEGRAM_USER_ID))) == []
        deleted = await conversations.storage.delete_person(person)
    assert deleted == {"sessions": 1, "events": 4}
    assert "log_secret" in files(data)
    assert leaks(data, (*SECRETS, str(TELEGRAM_USER_ID))) == []
    assert rows_mentioning(data / "bot.sqlite3", person) == []
    assert len(rows_mentioning(data / "bot.sqlite3", other)) == 5  # 4 events and the session


def rows_mentioning(database: Path, needle: str) -> list[tuple[str, tuple[object, ...]]]:
    """Every row of every table with a cell containing ``needle``."""
    found = []
    with sqlite3.connect(database) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                if any(needle in str(cell) for cell in row if cell is not None):
                    found.append((table, row))
    return found


async def test_deleted_person_leaves_no_bytes_while_the_bot_runs(
    engine: Engine, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, data / "bot.sqlite3")
    async with open_conversations(settings, "telegram", engine) as conversations:
        for who in ("stays-person-0001", "gone-person-0001", "stays-person-0002"):
            await conversations.begin(who, "en")
            await conversations.handle(who, UserInput.option("agree"))
            await conversations.handle(who, UserInput.text("my back hurts"))
        await conversations.storage.delete_person("gone-person-0001")
        # the bot is still running: what /forget answered must already be true on disk
        assert leaks(data, ("gone-person-0001",)) == []
