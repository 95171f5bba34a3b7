"""``python -m bot operators add NAME | list | remove NAME``: the console's accounts."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from pathlib import Path

HELP = "manage the web console's operator accounts: add NAME, list, remove NAME"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", type=Path, help="the database (default: BOT_DATABASE)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add", help="a new account; asks for the password twice (read from standard input "
        "when it is not a terminal)",
    )  # fmt: skip
    add.add_argument("name", metavar="NAME")
    actions.add_parser("list", help="the accounts and when they were made")
    remove = actions.add_parser("remove", help="delete an account (its audit entries stay)")
    remove.add_argument("name", metavar="NAME")


def read_password() -> str:
    """Twice from the terminal without echo; or two lines of standard input (scripts)."""
    from bot.operators.accounts import AccountError

    if sys.stdin.isatty():
        first = getpass.getpass("password: ")
        second = getpass.getpass("password again: ")
    else:
        first = sys.stdin.readline().rstrip("\r\n")
        second = sys.stdin.readline().rstrip("\r\n")
    if first != second:
        raise AccountError("the two passwords differ")
    return first


def run(args: argparse.Namespace) -> int:
    from bot.console.app import prepare_database
    from bot.operators import accounts
    from bot.operators.periods import when
    from bot.settings import Settings
    from bot.storage import open_storage
    from bot.storage.readside import open_console_records

    database = args.database or Settings.from_env().database
    try:
        if args.action == "add":
            accounts.check_name(args.name)
            password = accounts.check_password(read_password())

            async def create() -> None:  # a first account may come before the bot's first run
                async with open_storage(database):
                    pass

            asyncio.run(create())
        else:
            asyncio.run(prepare_database(database))
        with open_console_records(database) as db:
            if args.action == "add":
                accounts.add(db, args.name, password)
                print(f"operator {args.name} added", file=sys.stderr)
            elif args.action == "remove":
                if not accounts.remove(db, args.name):
                    print(f"no operator named {args.name}", file=sys.stderr)
                    return 1
                print(f"operator {args.name} removed", file=sys.stderr)
            else:
                for operator in accounts.list_all(db):
                    print(f"{operator.name}\t(added {when(operator.created_at)} UTC)")
    except accounts.AccountError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
