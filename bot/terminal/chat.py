"""A conversation in the terminal, stored in the same SQLite database as the Telegram bot.

Quitting and starting again resumes where you were.
"""

from __future__ import annotations

import asyncio
import getpass
import hashlib
from collections.abc import Callable

from bot.engine import Engine, Reply, Session, Turn, UserInput
from bot.simulate import parse_input
from bot.storage import Storage

HELP_LINE = "(type a number or your own words; /back, /restart, /quit)"


def terminal_key() -> str:
    """This terminal user's session key; the login name itself is not stored."""
    digest = hashlib.sha256(getpass.getuser().encode()).hexdigest()[:16]
    return f"terminal:{digest}"


def format_reply(reply: Reply) -> str:
    lines = [reply.text, ""]
    lines += [f"  {number}) {option.label}" for number, option in enumerate(reply.options, start=1)]
    return "\n".join(lines).rstrip() + "\n"


def read_input(line: str, turn: Turn) -> UserInput:
    """A number picks that option; anything else is read as ``simulate`` reads it."""
    text = line.strip()
    if text.isdigit() and 1 <= int(text) <= len(turn.reply.options):
        return UserInput.option(turn.reply.options[int(text) - 1].id)
    return parse_input(text, turn)


async def chat(
    engine: Engine,
    storage: Storage,
    lang: str | None,
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
    key: str | None = None,
) -> None:
    key = key or terminal_key()
    stored = await storage.load_session(key)
    if stored is not None and not Session.from_json(stored.state).ended:
        session = Session.from_json(stored.state)
        turn = (
            engine.with_language(session, lang)
            if lang
            else engine.step(session, UserInput.command("repeat"))
        )
        say(engine.content.text(turn.session.lang, "ui", "resumed") + "\n")
    else:
        turn = engine.start(lang)
    await storage.save_session(key, turn.session.to_json())
    say(format_reply(turn.reply))
    say(HELP_LINE)
    while True:
        try:
            line = await asyncio.to_thread(ask, "> ")
        except EOFError:
            say("")
            return
        if line.strip() in ("/quit", "/exit"):
            return
        if not line.strip():
            continue
        turn = engine.step(turn.session, read_input(line, turn))
        await storage.save_session(key, turn.session.to_json())
        say(format_reply(turn.reply))
