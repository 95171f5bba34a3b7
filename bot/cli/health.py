"""``python -m bot health [--bot-api]``: can this installation run? For a container's
HEALTHCHECK, a monitoring probe, or an administrator after a change.

Exit 0 when the configuration is valid and the database opens; otherwise one line on standard
error and the exit codes of every command (2: configuration or database, 3: the Bot API
cannot be reached). Cheap enough to run every half minute: no content is loaded, the database
is opened read-only, and Telegram is asked only with ``--bot-api``.
"""

from __future__ import annotations

import argparse
import os
import sys

HELP = "exit 0 if the configuration is valid and the database opens; --bot-api also asks Telegram"

NOT_REACHED = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bot-api", action="store_true",
        help="also check the token with the Bot API's getMe (needs TELEGRAM_BOT_TOKEN)",
    )  # fmt: skip
    parser.add_argument(
        "--timeout", type=float, default=5.0, metavar="SECONDS",
        help="how long --bot-api waits for Telegram (default 5)",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from bot.settings import Settings, SettingsError, secret_from_env
    from bot.storage.readside import open_event_log

    settings = Settings.from_env()
    telegram = None
    if args.bot_api or secret_from_env("TELEGRAM_BOT_TOKEN"):
        from bot.telegram.config import TelegramSettings

        telegram = TelegramSettings.from_env()  # a malformed token is a configuration error
    # a missing database is an error: it is not created
    with open_event_log(settings.database) as log:
        schema = log.schema_version()
    if schema < 1:
        raise SettingsError(f"{settings.database} is not the bot's database (no schema)")
    if not os.access(settings.data_dir, os.W_OK | os.X_OK):
        raise SettingsError(f"the data folder {settings.data_dir} is not writable")
    report = f"ok: database {settings.database} (schema {schema})"
    if args.bot_api:
        assert telegram is not None
        name, failed = _ask_bot_api(telegram.token, telegram.base_url, args.timeout)
        if failed is not None:
            print(f"error: {failed}", file=sys.stderr)
            return 2 if name == "rejected" else NOT_REACHED
        report += f", Bot API: @{name}"
    print(report)
    return 0


def _ask_bot_api(token: str, base_url: str, timeout: float) -> tuple[str, str | None]:
    """(bot username, None), or ("rejected"|"unreachable", a one-line reason without the token)."""
    import asyncio

    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError
    from telegram.request import HTTPXRequest

    async def get_me() -> str:
        request = HTTPXRequest(
            connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout,
            pool_timeout=timeout,
        )  # fmt: skip
        async with Bot(token, base_url=base_url, request=request) as bot:
            return str(bot.username)

    try:
        return asyncio.run(asyncio.wait_for(get_me(), timeout)), None
    except InvalidToken:
        return "rejected", "Telegram rejected TELEGRAM_BOT_TOKEN (revoked or mistyped?)"
    except (NetworkError, TimeoutError) as error:
        return "unreachable", f"cannot reach the Telegram Bot API: {type(error).__name__}"
