"""``python -m bot backup DEST``: a consistent copy of a database the bot is writing, and a
restore from it that the bot carries on with."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from bot.cli import main
from bot.storage import SqliteStorage


def event(turn: int) -> dict[str, object]:
    return {"channel": "telegram", "lang": "en", "node": f"q{turn}", "kind": "text",
            "value": "my back hurts", "reply_node": f"q{turn + 1}"}  # fmt: skip


async def talk(
    storage: SqliteStorage, person: str, turns: int, until: asyncio.Event | None = None
) -> int:
    """A person's turns (or as many as come before ``until``); each stores the session and
    its event in one transaction. The number of turns."""
    turn = 0
    while turn < turns or (until is not None and not until.is_set()):
        turn += 1
        await storage.save_session(person, {"turn": turn}, conversation=f"c-{person}",
                                   event=event(turn))  # fmt: skip
    return turn


def check_consistent(copy: Path) -> dict[str, int]:
    """Every session in the copy has exactly the events of the turns it counts: the copy is
    one committed state, not a mix of before and after. The turns per person."""
    with sqlite3.connect(copy) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        sessions = {key: int(state.split(":")[1].strip(" }"))
                    for key, state in db.execute("SELECT key, state FROM sessions")}  # fmt: skip
        events = dict(db.execute("SELECT person, count(*) FROM events GROUP BY person").fetchall())
    db.close()
    assert sessions == events
    return sessions


async def test_copies_taken_while_the_bot_writes_are_consistent(tmp_path: Path) -> None:
    database = tmp_path / "data" / "bot.sqlite3"
    backups = tmp_path / "backups"
    backups.mkdir()
    stop = asyncio.Event()
    async with SqliteStorage(database) as storage:
        await talk(storage, "early", 5)
        writers = [asyncio.create_task(talk(storage, f"p{n}", 1, until=stop)) for n in range(8)]
        copies = []
        for number in range(3):
            target = backups / f"copy{number}.sqlite3"
            assert await asyncio.to_thread(main, ["backup", "--database", str(database),
                                                  str(target)]) == 0  # fmt: skip
            copies.append(target)
        stop.set()
        written = await asyncio.gather(*writers)
    totals = []
    for copy in copies:
        turns = check_consistent(copy)
        assert turns.pop("early") == 5
        totals.append(sum(turns.values()))
        assert copy.stat().st_mode & 0o777 == 0o600  # like the database: the owner's only
    # taken while the turns went on: each copy later than the one before, none the final state
    assert totals == sorted(totals) and len(set(totals)) == 3
    assert totals[-1] < sum(written)
    assert check_consistent(database) == {"early": 5} | {f"p{n}": written[n] for n in range(8)}
    assert sorted(path.name for path in backups.iterdir()) == [
        "copy0.sqlite3",
        "copy1.sqlite3",
        "copy2.sqlite3",  # no .partial, no -wal left behind
    ]


async def test_restore_the_bot_carries_on_from_the_copy(tmp_path: Path) -> None:
    database = tmp_path / "data" / "bot.sqlite3"
    copy = tmp_path / "backup.sqlite3"
    async with SqliteStorage(database) as storage:
        await talk(storage, "anna", 3)
        assert await asyncio.to_thread(main, ["backup", "--database", str(database),
                                              str(copy)]) == 0  # fmt: skip
        await talk(storage, "boris", 2)  # after the backup: lost by the restore
    # the README's restore: the bot stopped, the copy put in place of the database
    for leftover in database.parent.glob("bot.sqlite3*"):
        leftover.unlink()
    shutil.copy2(copy, database)
    async with SqliteStorage(database) as storage:
        restored = await storage.load_session("anna")
        assert restored is not None
        assert restored.state == {"turn": 3}
        assert restored.conversation == "c-anna"
        assert await storage.load_session("boris") is None
        await storage.save_session("anna", {"turn": 4}, event=event(4))  # it goes on
        (mode,) = await (await storage.db.execute("PRAGMA journal_mode")).fetchone()
    assert mode == "wal"
    assert check_consistent(database) == {"anna": 4}


def make_database(path: Path) -> Path:
    async def create() -> None:
        async with SqliteStorage(path) as storage:
            await talk(storage, "anna", 2)

    asyncio.run(create())
    return path


def test_a_folder_as_dest_gets_dated_copies_and_keep_prunes_the_oldest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = make_database(tmp_path / "bot.sqlite3")
    folder = tmp_path / "backups"
    folder.mkdir()
    for old in ("bot-20260101T000000Z.sqlite3", "bot-20260102T000000Z.sqlite3"):
        (folder / old).write_bytes(b"")
    (folder / "notes.txt").write_text("not a backup: never deleted")
    assert main(["backup", "--database", str(database), "--keep", "2", str(folder)]) == 0
    names = sorted(path.name for path in folder.iterdir())
    assert names[0] == "bot-20260102T000000Z.sqlite3"
    assert names[1].startswith("bot-20") and names[1] > names[0]
    assert names[2:] == ["notes.txt"]
    check_consistent(folder / names[1])
    assert "deleted the older backup" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["{existing}"], "exists already: a backup never overwrites a file"),
        (["{tmp}/no/such/folder/copy.sqlite3"], "no folder"),
        (["--keep", "3", "{tmp}/copy.sqlite3"], "--keep needs a folder as DEST"),
        (["--keep", "0", "{tmp}"], "--keep must be at least 1"),
    ],
)
def test_refusals_are_one_line_and_touch_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    database = make_database(tmp_path / "data" / "bot.sqlite3")
    existing = tmp_path / "existing.sqlite3"
    existing.write_bytes(b"an older backup")
    filled = [a.format(existing=existing, tmp=tmp_path) for a in arguments]
    assert main(["backup", "--database", str(database), *filled]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert existing.read_bytes() == b"an older backup"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "existing.sqlite3"]


def test_no_database_is_one_line_and_none_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "data" / "bot.sqlite3"
    assert main(["backup", "--database", str(missing), str(tmp_path / "copy.sqlite3")]) == 2
    assert capsys.readouterr().err == (
        f"no database at {missing} (set BOT_DATABASE or --database)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_copy_is_private_even_under_a_permissive_umask(tmp_path: Path) -> None:
    import os

    database = make_database(tmp_path / "bot.sqlite3")
    previous = os.umask(0o000)
    try:
        assert main(["backup", "--database", str(database), str(tmp_path / "copy.sqlite3")]) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "copy.sqlite3").stat().st_mode) == 0o600


def test_a_postgresql_database_is_pointed_to_pg_dump_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = "postgresql://ops:pw@db.example/triage"
    assert main(["backup", str(tmp_path), "--database", database]) == 2
    error = capsys.readouterr().err
    assert "pg_dump --format=custom" in error and "pw" not in error
    assert len(error.splitlines()) == 1 and list(tmp_path.iterdir()) == []
