"""``python -m bot console [--host H] [--port P]``: the operators' web console."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.console import DEFAULT_HOST, DEFAULT_PORT

HELP = "serve the operators' web console (dashboard, conversations, inbox, export) on 127.0.0.1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--port", type=int, default=None,
        help=f"the port (default: BOT_CONSOLE_PORT, or {DEFAULT_PORT})",
    )  # fmt: skip
    parser.add_argument(
        "--host", default=DEFAULT_HOST,
        help=f"the address to listen on (default {DEFAULT_HOST}: put an HTTPS proxy in front)",
    )  # fmt: skip
    parser.add_argument("--database", type=Path, help="the database (default: BOT_DATABASE)")


def console_port(value: int | None) -> int:
    from bot.settings import env_int

    return value if value is not None else env_int("BOT_CONSOLE_PORT", DEFAULT_PORT, minimum=1)


def run(args: argparse.Namespace) -> int:
    from bot.console.app import make_console, start
    from bot.settings import Settings

    settings = Settings.from_env()
    database = args.database or settings.database
    port = console_port(args.port)
    console = make_console(database, settings.content_dir, settings.dialogue_file)

    async def serve() -> None:
        runner = await start(console, args.host, port)
        print(f"console on http://{args.host}:{port}/ (Ctrl+C stops it)", file=sys.stderr)
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()

    try:
        asyncio.run(serve())
    except OSError as error:  # the port is taken, or not ours to open
        print(f"error: cannot listen on {args.host}:{port}: {error.strerror}", file=sys.stderr)
        return 2
    return 0
