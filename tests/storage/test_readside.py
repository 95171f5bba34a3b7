"""The operators' read side, one suite against SQLite and a real PostgreSQL: conversations
written through the real write side, then read by ``logs`` and ``report`` as an operator would
(the exact rows, the exported fields, the report's numbers, nothing personal)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.app import open_conversations
from bot.cli import main
from bot.engine import Engine, UserInput
from bot.operators.export import COLUMNS, read_csv, read_jsonl
from bot.operators.periods import Period
from bot.operators.report import build_report, collect
from bot.operators.selection import Selection
from bot.settings import Settings
from bot.storage.factory import open_storage
from bot.storage.readside import (
    AmbiguousConversationError,
    ConversationNotFoundError,
    Scope,
    open_event_log,
)
from bot.storage.url import parse_database
from tests.conftest import CONTENT_DIR, DIALOGUE_FILE
from tests.operators.html_charts import numbers, read_charts
from tests.operators.seeding import (
    DAY0,
    EVENT_COUNT,
    EXPECTED_CAMPAIGNS,
    EXPECTED_FUNNEL,
    EXPECTED_LEAVING,
    EXPECTED_PER_DAY,
    EXPECTED_SCORES,
    EXPECTED_SPECIALISTS,
    EXPECTED_UNMATCHED,
    EXPECTED_URGENCY,
    seed_database,
    seeded_events,
)
from tests.storage.conftest import fresh_postgres_database

NOW = DAY0 + 10 * 86400


@pytest.fixture
async def seeded(database: str) -> str:
    await seed_database(database)
    return database


def test_the_report_counts_every_section_exactly(seeded: str) -> None:
    with open_event_log(seeded) as log:
        data = collect(log, Period(since=DAY0), now=NOW)
    assert dict(data.per_day) == EXPECTED_PER_DAY
    assert vars(data.funnel) == EXPECTED_FUNNEL
    assert {k: vars(v) for k, v in data.funnels.items()} == EXPECTED_CAMPAIGNS
    assert list(data.funnels) == ["spring", "flyer", None]  # largest first
    assert data.urgency == EXPECTED_URGENCY
    assert data.specialists == EXPECTED_SPECIALISTS
    assert data.leaving == EXPECTED_LEAVING
    assert data.unmatched == EXPECTED_UNMATCHED
    assert {k: v for k, v in data.scores.items() if v} == EXPECTED_SCORES


def test_the_selection_narrows_the_report(seeded: str) -> None:
    with open_event_log(seeded) as log:
        flyer = collect(log, Selection(Period(since=DAY0), campaign="flyer"), now=NOW)
        without = collect(log, Selection(Period(since=DAY0), campaign="-"), now=NOW)
        russian = collect(log, Selection(lang="ru"), now=NOW)
        old = collect(log, Period(until=DAY0), now=NOW)
        terminal = collect(log, Selection(channel="terminal"), now=NOW)
    assert vars(flyer.funnel) == EXPECTED_CAMPAIGNS["flyer"]
    assert vars(without.funnel) == EXPECTED_CAMPAIGNS[None]
    assert russian.funnel.started == 1 and russian.specialists == {"orthopedist": 1}
    assert old.unmatched == [("old old pain", 1)] and dict(old.per_day) == {"2026-08-01": 1}
    assert terminal.funnel.started == 0 and terminal.per_day == []


def test_conversations_are_listed_resolved_and_read_back(seeded: str) -> None:
    with open_event_log(seeded) as log:
        rows = {row.conversation: row for row in log.conversations(Scope(), limit=None)}
        newest = [row.conversation for row in log.conversations(Scope(), limit=2)]
        second_page = [row.conversation for row in log.conversations(Scope(), 2, offset=2)]
        assert log.resolve_conversation("dddd") == "dddd0001"
        with pytest.raises(AmbiguousConversationError):
            log.resolve_conversation("aaaa")
        with pytest.raises(ConversationNotFoundError):
            log.resolve_conversation("ffff")
        events = log.conversation_events("cccc0001")
        choices = log.selection_choices()
    assert len(rows) == 11
    first = rows["aaaa0001"]
    assert (first.campaign, first.lang, first.channel, first.turns, first.booked) == (
        "spring", "en", "telegram", 3, True,
    )  # fmt: skip
    assert first.outcome == {"urgency": "routine", "specialists": ["neurologist"], "red_flags": []}
    assert (rows["aaaa0005"].turns, rows["aaaa0005"].outcome) == (0, None)
    assert newest == ["cccc0002", "bbbb0003"] and second_page == ["aaaa0005", "cccc0001"]
    assert [e["kind"] for e in events] == ["start", "option", "text", "option"]
    assert events[2]["concepts"][1] == {"id": "radiating_leg_pain", "score": 75.0, "negated": True}
    assert choices == {
        "campaign": ["flyer", "spring"], "lang": ["en", "ru"], "channel": ["telegram"], "bot": [],
    }  # fmt: skip


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_logs_export_gives_back_exactly_the_events_written(
    seeded: str, fmt: str, tmp_path: Path
) -> None:
    out = tmp_path / f"events.{fmt}"
    assert main(["logs", "export", "--format", fmt, "--database", seeded, "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as lines:
        exported = list(read_jsonl(lines) if fmt == "jsonl" else read_csv(lines))
    expected = sorted(seeded_events(), key=lambda event: event["at"])
    assert [{k: v for k, v in e.items() if k != "id"} for e in exported] == expected
    assert all(list(e) == list(COLUMNS) for e in exported)
    assert len({e["id"] for e in exported}) == EVENT_COUNT


def test_logs_export_of_a_period_and_streaming_in_chunks(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert main(["logs", "export", "--since", "2026-11-22", "--database", seeded,
                 "--out", str(out)]) == 0  # fmt: skip
    with out.open(encoding="utf-8") as lines:
        kinds = [(e["conversation"], e["kind"]) for e in read_jsonl(lines)]
    assert kinds == [("aaaa0005", "start"), ("bbbb0003", "start"), ("cccc0002", "start")]
    with open_event_log(seeded) as log:
        events = log.events(chunk_size=2)
        assert next(events)["conversation"] == "dddd0001"  # before the rest are read
        assert sum(1 for _ in events) == EVENT_COUNT - 1


def test_logs_list_and_show(seeded: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["logs", "list", "--limit", "3", "--database", seeded]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[2] for line in listed[1:]] == ["cccc0002", "bbbb0003", "aaaa0005"]
    assert main(["logs", "show", "aaaa0002", "--database", seeded]) == 0
    shown = capsys.readouterr().out
    assert 'typed "It feels like electric eels!"' in shown
    assert "outcome: soon -> neurologist,vertebrologist" in shown


def test_report_command_writes_the_numbers(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["report", "--since", "2026-11-20", "--database", seeded, "--out", str(out)]) == 0
    charts = read_charts(out.read_text(encoding="utf-8"))
    assert numbers(charts.charts["sessions-per-day"]) == EXPECTED_PER_DAY
    assert numbers(charts.charts["outcomes-urgency"]) == EXPECTED_URGENCY
    assert numbers(charts.charts["outcomes-specialist"]) == EXPECTED_SPECIALISTS
    assert numbers(charts.charts["leaving-nodes"]) == EXPECTED_LEAVING


async def test_both_backends_give_the_same_report_and_export_byte_for_byte(
    postgres_server: str, tmp_path: Path
) -> None:
    sqlite = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    postgres = await fresh_postgres_database(postgres_server)
    outputs: dict[str, list[bytes]] = {}
    for database in (sqlite, postgres):
        await seed_database(database)
        files = []
        for command in (["report", "--channel", "all"], ["logs", "export", "--format", "csv"]):
            out = tmp_path / "out"
            assert main([*command, "--database", database, "--out", str(out)]) == 0
            files.append(out.read_bytes())
        with open_event_log(database) as log:
            files.append(build_report(log, Period(), now=NOW).encode())
        outputs[database] = files
    report, export, built = outputs[sqlite]
    assert b"funnel-campaign-spring" in report and export.count(b"\n") == EVENT_COUNT + 1
    # the report's "generated" line is the time it was made: the rest must match exactly
    assert outputs[postgres][1:] == [export, built]
    assert _without_generated(outputs[postgres][0]) == _without_generated(report)


def _without_generated(html: bytes) -> bytes:
    return b"\n".join(line for line in html.split(b"\n") if b"generated" not in line)


async def test_a_real_conversation_is_exported_scrubbed(
    database: str, engine: Engine, tmp_path: Path
) -> None:
    """Typed through Conversations, the front ends' one door: the export holds the scrubbed
    text and the concepts found, never the name or the phone number typed."""
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, parse_database(database))
    async with open_conversations(settings, "telegram", engine) as conversations:
        await conversations.begin("p1", "en", "spring")
        await conversations.handle("p1", UserInput.option("agree"))
        await conversations.handle(
            "p1", UserInput.text("I'm Jonathan Pryce, call 07700 900461, my lower back hurts")
        )
    out = tmp_path / "events.jsonl"
    assert main(["logs", "export", "--database", database, "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    events = [json.loads(line) for line in text.splitlines()]
    assert [(e["kind"], e["value"], e["campaign"]) for e in events] == [
        ("start", None, "spring"),
        ("option", "agree", "spring"),
        ("text", "I'm [NAME], call [PHONE], my lower back hurts", "spring"),
    ]
    assert "low_back_pain" in {c["id"] for c in events[2]["concepts"]}
    assert len({e["conversation"] for e in events}) == 1
    for personal in ("Jonathan", "Pryce", "07700", "900461"):
        assert personal not in text
    report = tmp_path / "report.html"
    assert main(["report", "--database", database, "--out", str(report)]) == 0
    assert "Jonathan" not in report.read_text(encoding="utf-8")


async def test_the_report_of_one_bot_or_of_all_bots(postgres_server: str, tmp_path: Path) -> None:
    """Several bots on one PostgreSQL database: ``--bot`` picks one, without it all count."""
    database = await fresh_postgres_database(postgres_server)
    await seed_database(database, bot="111")
    async with open_storage(database, bot="222") as other:
        await other.append_event({
            "conversation": "eeee0001", "person": "q1", "at": DAY0, "channel": "telegram",
            "kind": "start", "campaign": "city",
        })  # fmt: skip
    with open_event_log(database) as log:
        assert log.selection_choices()["bot"] == ["111", "222"]
        assert collect(log, Selection(bot="222"), now=NOW).funnel.started == 1
        assert collect(log, Selection(bot="111"), now=NOW).funnel.started == 11
        assert collect(log, Selection(), now=NOW).funnel.started == 12
    out = tmp_path / "report.html"
    assert main(["report", "--bot", "222", "--database", database, "--out", str(out)]) == 0
    charts = read_charts(out.read_text(encoding="utf-8"))
    assert numbers(charts.charts["funnel-overall"])["started"] == 1
