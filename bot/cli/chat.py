"""``python -m bot chat [--lang ru|en]``"""

from __future__ import annotations

import argparse
import asyncio

HELP = "talk to the bot in this terminal (no Telegram token needed); resumes where you left off"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("ru", "en"), help="the conversation's language")


def run(args: argparse.Namespace) -> int:
    from bot.app import open_conversations
    from bot.privacy.pseudonyms import Pseudonyms, load_secret
    from bot.settings import Settings
    from bot.terminal.chat import chat, terminal_person

    settings = Settings.from_env()
    settings.prepare_data_folder()
    person = terminal_person(Pseudonyms(load_secret(settings.data_dir)))

    async def main() -> None:
        async with open_conversations(settings, "terminal") as conversations:
            await chat(conversations, args.lang, person, retention_days=settings.retention_days)

    asyncio.run(main())
    return 0
