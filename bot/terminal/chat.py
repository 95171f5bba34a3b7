"""A conversation in the terminal, stored in the same SQLite database as the Telegram bot.

Quitting and starting again resumes where you were.
"""

from __future__ import annotations

import asyncio
import getpass
from collections.abc import Callable

from bot.conversation import Conversations
from bot.engine import Reply, Turn, UserInput
from bot.privacy.pseudonyms import Pseudonyms
from bot.simulate import parse_input

HELP_LINE = "(type a number or your own words; /back, /restart, /quit)"


def terminal_person(pseudonyms: Pseudonyms) -> str:
    """This terminal user's pseudonym: keyed like a Telegram user's, so the login name can
    be neither read nor guessed back from the database."""
    return pseudonyms.person(f"terminal:{getpass.getuser()}")


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
    conversations: Conversations,
    lang: str | None,
    person: str,
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
) -> None:
    found = await conversations.current(person)
    if found is not None and not found[0].ended:
        turn = await conversations.show(person, lang)
        say(conversations.engine.content.text(turn.session.lang, "ui", "resumed") + "\n")
    else:
        turn = await conversations.begin(person, lang)
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
        turn = await conversations.handle(person, read_input(line, turn), turn.session.lang)
        say(format_reply(turn.reply))
