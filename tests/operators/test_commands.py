"""The operators' commands: accounts from a script, ``--database`` anywhere on the line, test
chats left out of the report."""

from __future__ import annotations

import io
from pathlib import Path
from unittest import mock

import pytest

from bot.cli import main, split_database
from bot.engine import Engine
from bot.operators import accounts
from bot.storage import SqliteStorage
from bot.storage.readside import open_console_records

from .html_charts import read_charts
from .seeding import seed

PASSWORD = "correct horse battery staple"


def run(argv: list[str], stdin: str = "") -> int:
    with mock.patch("sys.stdin", io.StringIO(stdin)):
        return main(argv)


def test_operators_add_list_remove_from_a_script(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "data" / "bot.sqlite3"
    # the first account may come before the bot ever ran: the database is made
    assert run(["operators", "add", "anna", "--database", str(database)],
               f"{PASSWORD}\n{PASSWORD}\n") == 0  # fmt: skip
    assert run(["operators", "--database", str(database), "add", "bob"],
               f"{PASSWORD}\nsomething else entirely\n") == 2  # fmt: skip
    assert "differ" in capsys.readouterr().err
    assert run(["operators", "add", "bob", f"--database={database}"], "short\nshort\n") == 2
    assert "at least 12" in capsys.readouterr().err
    assert run(["operators", "list", "--database", str(database)]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("anna\t")
    with open_console_records(database) as db:
        assert accounts.verify(db, "anna", PASSWORD)
    assert run(["operators", "remove", "anna", "--database", str(database)]) == 0
    assert run(["operators", "remove", "anna", "--database", str(database)]) == 1
    with open_console_records(database) as db:
        assert accounts.list_all(db) == []


def test_database_is_taken_from_anywhere_before_a_double_dash() -> None:
    assert split_database(["logs", "list", "--database", "x.db", "--limit", "3"]) == (
        ["logs", "list", "--limit", "3"], "x.db",
    )  # fmt: skip
    assert split_database(["--database=y.db", "report"]) == (["report"], "y.db")
    assert split_database(["scrub", "--", "--database", "z"]) == (
        ["scrub", "--", "--database", "z"], None,
    )  # fmt: skip


async def test_logs_list_takes_database_after_the_action(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "bot.sqlite3"
    await seed(database)
    assert main(["logs", "list", "--database", str(database), "--limit", "2"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3  # the header and two rows
    assert main(["logs", "--database", str(database), "list", "--limit", "1"]) == 0


async def test_the_report_leaves_test_chats_out_unless_asked(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    async with SqliteStorage(database) as storage:
        for index, channel in enumerate(("telegram", "telegram", "terminal", "test")):
            await storage.append_event({
                "conversation": f"c{index}", "person": f"p{index}", "at": 1_800_000_000.0,
                "channel": channel, "kind": "start", "reply_node": "consent",
            })  # fmt: skip
    out = tmp_path / "report.html"

    def started(*options: str) -> str:
        assert main(["report", "--out", str(out), *options, "--database", str(database)]) == 0
        html = out.read_text(encoding="utf-8")
        return html.split('id="summary-started"><b>')[1].split("<")[0]

    assert started() == "2"
    assert started("--channel", "all") == "4"
    assert started("--channel", "terminal") == "1"


async def test_typed_button_answers_are_not_reported_as_not_understood(
    tmp_path: Path, engine: Engine
) -> None:
    question = next(
        n.id for n in engine.dialogue.nodes.values() if {"yes", "no"} <= {o.id for o in n.options}
    )
    database = tmp_path / "bot.sqlite3"
    async with SqliteStorage(database) as storage:
        for index, typed in enumerate(("no", "нет", "Nope", "purple elephants")):
            await storage.append_event({
                "conversation": f"c{index}", "person": "p", "at": 1_800_000_000.0 + index,
                "channel": "telegram", "node": question, "kind": "text", "value": typed,
                "concepts": [], "reply_node": question, "event": "asked",
            })  # fmt: skip
    out = tmp_path / "report.html"
    assert main(["report", "--out", str(out), "--database", str(database)]) == 0
    assert read_charts(out.read_text(encoding="utf-8")).phrases == {"purple elephants": "1"}
