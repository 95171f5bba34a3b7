"""The command line: ``python -m bot COMMAND``; one module of this package per command.

Each command module defines ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``. Heavy imports stay inside ``run`` so that ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sqlite3
import sys
from collections.abc import Iterator, Sequence

# command name -> module; the order is the order of ``--help``
COMMANDS: dict[str, str] = {
    "chat": "bot.cli.chat",
    "run": "bot.cli.run",
    "simulate": "bot.cli.simulate",
    "validate": "bot.cli.validate",
    "graph": "bot.cli.graph",
    "scrub": "bot.cli.scrub",
    "eval-scrubber": "bot.cli.eval_scrubber",
    "match": "bot.cli.match",
    "eval-matcher": "bot.cli.eval_matcher",
    "eval-answers": "bot.cli.eval_answers",
    "logs": "bot.cli.logs",
    "report": "bot.cli.report",
    "purge": "bot.cli.purge",
    "backup": "bot.cli.backup",
    "health": "bot.cli.health",
    "console": "bot.cli.console",
    "operators": "bot.cli.operators",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Back-pain triage bot for a clinic. Every command takes --database FILE-OR-URL "
        "(a SQLite file, sqlite:///path or postgresql://user@host/db; anywhere on the "
        "line; default BOT_DATABASE).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        sub = commands.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def split_database(argv: Sequence[str]) -> tuple[list[str], str | None]:
    """``argv`` without ``--database FILE`` (or ``--database=FILE``), wherever it stands
    before a ``--``, and that file: ``logs list --database X`` works like
    ``logs --database X list``."""
    rest: list[str] = []
    database: str | None = None
    items = iter(argv)
    for item in items:
        if item == "--":
            rest += [item, *items]
            break
        if item == "--database":
            database = next(items, None)
            if database is None:
                rest.append(item)  # argparse says what is missing
        elif item.startswith("--database="):
            database = item.split("=", 1)[1]
        else:
            rest.append(item)
    return rest, database


@contextlib.contextmanager
def database_setting(database: str | None) -> Iterator[None]:
    """``BOT_DATABASE`` set to ``database`` while a command runs (and restored after), for
    the commands that read the database from the settings."""
    if database is None:
        yield
        return
    before = os.environ.get("BOT_DATABASE")
    os.environ["BOT_DATABASE"] = database
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("BOT_DATABASE", None)
        else:
            os.environ["BOT_DATABASE"] = before


def main(argv: Sequence[str] | None = None) -> int:
    argv, database = split_database(sys.argv[1:] if argv is None else argv)
    try:
        return _main(argv, database)
    except ModuleNotFoundError as error:  # run with a Python the bot was not installed into
        print(
            f"error: the package {error.name!r} is not installed in this Python "
            f"({sys.executable}); install the bot first: pip install -e . (README)",
            file=sys.stderr,
        )
        return 2


def _main(argv: list[str], database: str | None) -> int:
    args = build_parser().parse_args(argv)
    # light imports only: every command pays for them before it starts
    from bot.operators.database import DatabaseMissingError
    from bot.problems import ProblemsError
    from bot.settings import SettingsError
    from bot.storage.base import StorageUnavailableError
    from bot.storage.url import DatabaseUrlError, parse_database

    if database is not None:
        try:
            args.database = parse_database(database)
        except DatabaseUrlError as error:  # never repeats a password
            print(f"error: {error}", file=sys.stderr)
            return 2

    try:
        with database_setting(database):
            return int(args.run(args) or 0)
    except ProblemsError as error:  # ContentError, DialogueError
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("error: the dialogue or content files have problems (see above)", file=sys.stderr)
        return 1
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except DatabaseMissingError as error:  # it names the path: configuration, not data
        print(error, file=sys.stderr)
        return 2
    except StorageUnavailableError as error:  # one line, without a password
        print(f"error: {error}", file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as error:
        # the message is SQLite's own (e.g. "no such table: events"): never a value of a row
        print(f"cannot read the database: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader of a pipe went away (e.g. ``| head``): not an error of ours
        sys.stderr.close()
        return 0
    except OSError as error:
        # a file or folder of the configuration that cannot be used (permissions, a full
        # disk): one line naming it - the names are configuration, never what people said
        where = f": {error.filename}" if error.filename else ""
        print(f"error: {error.strerror or type(error).__name__}{where}", file=sys.stderr)
        return 2
