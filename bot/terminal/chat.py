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
    retention_days: int = 90,
) -> None:
    content = conversations.content
    session = await conversations.session(person)
    if session is not None and not session.ended:
        turn = await conversations.show(person, lang)
        say(content.text(turn.session.lang, "ui", "resumed") + "\n")
    else:
        turn = await conversations.begin(person, lang)
    say(format_reply(turn.reply))
    say(content.text(turn.session.lang, "ui", "terminal_help"))  # in the person's language
    while True:
        try:
            line = await asyncio.to_thread(ask, "> ")
        except EOFError:
            say("")
            return
        command = line.strip()
        if command in ("/quit", "/exit"):
            return
        if not command:
            continue
        lang = turn.session.lang
        if command == "/privacy":
            say(content.text(lang, "ui", "privacy", retention_days=str(retention_days)))
            continue
        if command == "/forget":
            # the terminal is its own person: no second confirmation as in Telegram
            deleted = await conversations.forget(person)
            counts = {key: str(value) for key, value in deleted.items()}
            say(content.text(lang, "ui", "forgotten", **counts) + "\n")
            turn = await conversations.begin(person, lang)
            say(format_reply(turn.reply))
            continue
        turn = await conversations.handle(person, read_input(line, turn), lang)
        say(format_reply(turn.reply))
