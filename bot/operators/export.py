"""``logs export``: the events as JSON lines or CSV, streamed row by row.

Memory stays flat however many events there are: rows come from the cursor in chunks
(``EventLog.events``) and each is written out before the next is read.

Times are ISO 8601 in UTC. In JSON lines, ``concepts`` and ``outcome`` are JSON values; in
CSV they are JSON text in their cell; their objects' keys are sorted, whatever the backend.
CSV cells that a spreadsheet would run as a formula (starting with ``= + - @``, a tab or a
carriage return) get a leading apostrophe, and so does a cell that starts with an
apostrophe, so ``read_csv`` can undo it exactly: free text is typed by strangers, and an
operator opening the file must not run what they typed.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from bot.storage.readside import EVENT_FIELDS as COLUMNS
from bot.storage.readside import JSON_FIELDS as JSON_COLUMNS

FORMATS = ("jsonl", "csv")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def iso(moment: float) -> str:
    return datetime.datetime.fromtimestamp(moment, datetime.UTC).isoformat(timespec="microseconds")


def unix(text: str) -> float:
    return datetime.datetime.fromisoformat(text).timestamp()


def _sorted_keys(value: Any) -> Any:
    """``value`` with every object's keys in sorted order: PostgreSQL's JSONB keeps its own
    order, SQLite the order written, and an export must not depend on the backend."""
    if isinstance(value, dict):
        return {key: _sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(item) for item in value]
    return value


def _exported(event: dict[str, Any]) -> dict[str, Any]:
    exported = event | {"at": iso(event["at"])}
    for column in JSON_COLUMNS:
        if exported.get(column) is not None:
            exported[column] = _sorted_keys(exported[column])
    return exported


def write_jsonl(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for event in events:
        out.write(json.dumps(_exported(event), ensure_ascii=False) + "\n")
        count += 1
    return count


def _cell(column: str, value: Any) -> str | int | float:
    if value is None:
        return ""
    if column in JSON_COLUMNS:
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for event in events:
        exported = _exported(event)
        writer.writerow([_cell(column, exported.get(column)) for column in COLUMNS])
        count += 1
    return count


def write(events: Iterable[dict[str, Any]], out: TextIO, fmt: str) -> int:
    """Write ``events`` in ``fmt`` ("jsonl" or "csv"); the number written."""
    if fmt == "jsonl":
        return write_jsonl(events, out)
    if fmt == "csv":
        return write_csv(events, out)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


# --- reading an export back (for checks and for scripts that post-process an export) ---------


def read_jsonl(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    for line in lines:
        if line.strip():
            event = json.loads(line)
            yield event | {"at": unix(event["at"])}


def _uncell(column: str, text: str) -> Any:
    if text == "":
        return None
    if text.startswith("'"):
        text = text[1:]
    if column == "id":
        return int(text)
    if column == "at":
        return unix(text)
    if column in JSON_COLUMNS:
        return json.loads(text)
    return text


def read_csv(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    reader = csv.reader(lines)
    header = next(reader)
    for row in reader:
        yield {column: _uncell(column, text) for column, text in zip(header, row, strict=True)}
