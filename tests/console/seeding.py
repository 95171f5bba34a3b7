"""A database filled by real conversations: the real engine, dialogue, content and scrubber,
through ``Conversations`` and the SQLite storage, as the Telegram front end drives them.

A clock stands in for ``time.time`` while they run, so that the conversations take place on
known days at a human pace (a reply every 20 seconds): time to advice and the date filter have
something to measure. Personal data is typed in on purpose: no page may show any of it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from time import monotonic as _monotonic
from unittest import mock

from bot.app import open_conversations
from bot.conversation import Conversations
from bot.engine import Engine, Turn, UserInput
from bot.settings import Settings

from ..conftest import CONTENT_DIR, DIALOGUE_FILE

TODAY = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC).timestamp()
EARLIER = TODAY - 10 * 86400  # 2026-11-10
STEP_SECONDS = 20.0

# typed into the conversations below; none of it may reach a page or an export
PERSONAL = (
    "John", "Smith", "7700 900123", "7700900123", "john.smith@example.com", "example.com",
    "Ольга", "Петрова", "916 123-45-67", "9161234567", "olga@mail.ru",
)  # fmt: skip
ENGLISH_PII = (
    "My name is John Smith, phone +44 7700 900123, john.smith@example.com. "
    "My back hurts and the pain goes down my left leg, but I have no fever"
)
RUSSIAN_PII = "Меня зовут Ольга Петрова, телефон 8 916 123-45-67, olga@mail.ru. Болит поясница"
# nothing any symptom lexicon should ever match, so the inbox test holds as the lexicon grows
UNMATCHED = "my cat prefers the blue sofa on sundays"
UNMATCHED_AGAIN = "cat prefers the blue sofa on Sundays!!"
EMERGENCY = "I suddenly can't pee at all and it is numb between my legs"


class Clock:
    """``time.time`` for the storage: moves on ``STEP_SECONDS`` per reading."""

    def __init__(self) -> None:
        self.now = TODAY

    def time(self) -> float:
        self.now += STEP_SECONDS
        return self.now

    def monotonic(self) -> float:
        return _monotonic()


@dataclass
class Seeded:
    database: Path
    conversations: dict[str, str]  # label -> conversation id


async def _answer_until_advice(conversations: Conversations, person: str, turn: Turn) -> Turn:
    """The safe answer to every question until the advice: "no" (typed, as people do),
    "none of these" at a checklist (its "done" with nothing ticked), else the first option."""
    for _ in range(80):
        if turn.reply.outcome is not None:
            return turn
        options = [o.id for o in turn.reply.options]
        if "no" in options:
            user_input = UserInput.text("no")
        else:
            safe = next((o for o in ("no", "done") if o in options), options[0])
            user_input = UserInput.option(safe)
        turn = await conversations.handle(person, user_input)
    raise AssertionError("no advice after 80 answers")


async def _conversation(conversations: Conversations, person: str) -> str:
    found = await conversations.current(person)
    assert found is not None
    return str(found[1].conversation)


async def seed(engine: Engine, database: Path) -> Seeded:
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, database)
    clock = Clock()
    ids: dict[str, str] = {}
    with mock.patch("bot.storage.sqlite.time", clock):
        async with open_conversations(settings, "telegram", engine) as bot:
            # 1. spring, English: personal data and symptoms typed, advice, booking pressed
            clock.now = TODAY
            await bot.begin("person-1", "en", "spring")
            await bot.handle("person-1", UserInput.option("agree"))
            turn = await bot.handle("person-1", UserInput.text(ENGLISH_PII))
            await _answer_until_advice(bot, "person-1", turn)
            await bot.log("person-1", "booking")
            ids["advised"] = await _conversation(bot, "person-1")
            # 2. spring, English, ten days earlier: typed what the bot does not understand,
            # then left at the question after it
            clock.now = EARLIER
            await bot.begin("person-2", "en", "spring")
            await bot.handle("person-2", UserInput.option("agree"))
            await bot.handle("person-2", UserInput.text(UNMATCHED))
            await bot.handle("person-2", UserInput.text(UNMATCHED_AGAIN))
            ids["earlier"] = await _conversation(bot, "person-2")
            # 3. flyer, Russian: personal data, then left
            clock.now = TODAY + 600
            await bot.begin("person-3", "ru", "flyer")
            await bot.handle("person-3", UserInput.option("agree"))
            await bot.handle("person-3", UserInput.text(RUSSIAN_PII))
            ids["russian"] = await _conversation(bot, "person-3")
            # 4. flyer, English: an emergency sign typed at once
            clock.now = TODAY + 1200
            await bot.begin("person-4", "en", "flyer")
            await bot.handle("person-4", UserInput.option("agree"))
            await bot.handle("person-4", UserInput.text(EMERGENCY))
            ids["emergency"] = await _conversation(bot, "person-4")
            # 5. no campaign: opened the bot and left at the consent question
            clock.now = TODAY + 1800
            await bot.begin("person-5", "en")
            ids["left_at_consent"] = await _conversation(bot, "person-5")
        # 6. the clinic trying the bot in a terminal: a test chat, not a patient
        async with open_conversations(settings, "terminal", engine) as terminal:
            clock.now = TODAY + 2400
            await terminal.begin("terminal-1", "en", "spring")
            turn = await terminal.handle("terminal-1", UserInput.option("agree"))
            await _answer_until_advice(terminal, "terminal-1", turn)
            ids["terminal"] = await _conversation(terminal, "terminal-1")
    return Seeded(database, ids)
