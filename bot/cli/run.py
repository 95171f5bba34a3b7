"""``python -m bot run [--webhook]``"""

from __future__ import annotations

import argparse
import sys

HELP = "run the Telegram bot (long polling, or --webhook); needs TELEGRAM_BOT_TOKEN"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--webhook", action="store_true",
        help="receive updates on a webhook (BOT_WEBHOOK_URL, BOT_WEBHOOK_SECRET, BOT_WEBHOOK_PORT)",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from telegram.error import InvalidToken, NetworkError

    from bot.settings import Settings
    from bot.storage.base import StorageUnavailableError
    from bot.telegram.app import configure_logging
    from bot.telegram.app import run as run_bot
    from bot.telegram.config import ConfigError, TelegramSettings

    try:
        telegram = TelegramSettings.from_env(webhook=args.webhook)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    settings = Settings.from_env()
    # before anything connects: a data folder the bot cannot use is one line, not a traceback
    settings.prepare_data_folder()
    configure_logging((telegram.token,))
    try:
        # a bad token or no network is raised by the first request (getMe), before the
        # database is opened: one line, not a traceback
        run_bot(telegram, settings, webhook=args.webhook)
    except InvalidToken:
        # its message repeats the token: say what happened without it
        print("error: Telegram rejected TELEGRAM_BOT_TOKEN (revoked or mistyped?)", file=sys.stderr)
        return 2
    except StorageUnavailableError as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    except NetworkError as error:
        print(f"error: cannot reach the Telegram Bot API: {type(error).__name__}", file=sys.stderr)
        return 3
    return 0
