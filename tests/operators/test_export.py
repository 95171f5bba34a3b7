"""Export: both formats give back exactly the stored events; periods; spreadsheet safety."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.operators.export import COLUMNS, JSON_COLUMNS, read_csv, read_jsonl, write, write_csv
from bot.storage.readside import open_event_log

from .seeding import DAY0, EVENT_COUNT, OLD_EVENT_COUNT, seed


@pytest.fixture
async def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "bot.sqlite3"
    await seed(path)
    return path


def stored_events(path: Path) -> list[dict[str, Any]]:
    """The rows as SQLite holds them, JSON columns decoded, read without the code under test."""
    with sqlite3.connect(path) as db:
        rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM events ORDER BY at, id").fetchall()
    events = [dict(zip(COLUMNS, row, strict=True)) for row in rows]
    for event in events:
        for column in JSON_COLUMNS:
            if event[column] is not None:
                event[column] = json.loads(event[column])
    return events


def same(exported: list[dict[str, Any]], stored: list[dict[str, Any]]) -> None:
    assert len(exported) == len(stored)
    for got, want in zip(exported, stored, strict=True):
        assert got["at"] == pytest.approx(want["at"], abs=1e-5)  # ISO text keeps microseconds
        assert {k: v for k, v in got.items() if k != "at"} == {
            k: v for k, v in want.items() if k != "at"
        }


@pytest.mark.parametrize(("fmt", "reader"), [("jsonl", read_jsonl), ("csv", read_csv)])
def test_round_trip(db_path: Path, tmp_path: Path, fmt: str, reader: Any) -> None:
    out = tmp_path / f"events.{fmt}"
    assert main(["logs", "--database", str(db_path), "export", "--format", fmt,
                 "--out", str(out)]) == 0  # fmt: skip
    with out.open(encoding="utf-8", newline="") as file:
        exported = list(reader(file))
    stored = stored_events(db_path)
    assert len(stored) == EVENT_COUNT
    same(exported, stored)
    assert not (tmp_path / f"events.{fmt}.partial").exists()


def test_period_bounds(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "recent.jsonl"
    main(["logs", "--database", str(db_path), "export", "--since", "2026-11-20",
          "--out", str(out)])  # fmt: skip
    recent = list(read_jsonl(out.read_text(encoding="utf-8").splitlines()))
    assert len(recent) == EVENT_COUNT - OLD_EVENT_COUNT
    assert min(e["at"] for e in recent) >= DAY0
    # --until a date includes that whole day
    main(["logs", "--database", str(db_path), "export", "--until", "2026-11-20",
          "--out", str(out)])  # fmt: skip
    first_day = list(read_jsonl(out.read_text(encoding="utf-8").splitlines()))
    assert {e["conversation"] for e in first_day} == {
        "dddd0001", "aaaa0001", "aaaa0002", "bbbb0001",
    }  # fmt: skip


def test_export_to_stdout(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["logs", "--database", str(db_path), "export", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert len(lines) == EVENT_COUNT + 1
    assert f"exported {EVENT_COUNT} events" in captured.err


def test_csv_defuses_formulas_and_reads_them_back() -> None:
    hostile = ['=HYPERLINK("http://x")', "+1 pain", "-3 days", "@SUM(A1)", "'quoted", "fine"]
    blank = dict.fromkeys(COLUMNS)
    fields = {"at": DAY0, "conversation": "c", "person": "p", "channel": "t", "kind": "text"}
    events = [blank | fields | {"id": i, "value": value} for i, value in enumerate(hostile)]
    out = io.StringIO()
    write_csv(events, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))[1:]
    cells = [row[COLUMNS.index("value")] for row in rows]
    assert all(cell.startswith("'") for cell in cells[:5]), cells
    assert cells[5] == "fine"
    assert [e["value"] for e in read_csv(io.StringIO(out.getvalue()))] == hostile


def test_iter_events_streams_in_chunks(db_path: Path) -> None:
    """The rows come from the cursor a chunk at a time: the first event is there before the
    rest have been read (a list of all rows would only exist after reading them all)."""
    with open_event_log(db_path) as db:
        events = db.events(chunk_size=2)
        first = next(events)
        assert first["kind"] == "start"
        assert sum(1 for _ in events) == EVENT_COUNT - 1


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        write([], io.StringIO(), "xml")
