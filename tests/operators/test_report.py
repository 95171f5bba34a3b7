"""The report of a seeded database: every section carries the expected numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.operators.periods import Period
from bot.operators.report import (
    NO_CAMPAIGN,
    build_report,
    collect,
    normalise_phrase,
    score_histogram,
)
from bot.storage.readside import open_event_log

from .html_charts import numbers, read_charts
from .seeding import (
    DAY0,
    EXPECTED_CAMPAIGNS,
    EXPECTED_FUNNEL,
    EXPECTED_LEAVING,
    EXPECTED_PER_DAY,
    EXPECTED_SCORES,
    EXPECTED_SPECIALISTS,
    EXPECTED_UNMATCHED,
    EXPECTED_URGENCY,
    seed,
)

FUNNEL_LABELS = {
    "started": "started",
    "answered": "answered the first question",
    "reached": "reached an outcome",
    "booked": "pressed booking",
}


@pytest.fixture
async def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "bot.sqlite3"
    await seed(path)
    return path


def expected_funnel(numbers_by_step: dict[str, int]) -> dict[str, int]:
    return {FUNNEL_LABELS[step]: n for step, n in numbers_by_step.items()}


def test_collect_numbers(db_path: Path) -> None:
    with open_event_log(db_path) as db:
        data = collect(db, Period(since=DAY0), now=DAY0 + 10 * 86400)
    assert dict(data.per_day) == EXPECTED_PER_DAY
    assert vars(data.funnel) == EXPECTED_FUNNEL
    assert {k: vars(v) for k, v in data.funnels.items()} == EXPECTED_CAMPAIGNS
    assert data.urgency == EXPECTED_URGENCY
    assert data.specialists == EXPECTED_SPECIALISTS
    assert data.leaving == EXPECTED_LEAVING
    assert data.unmatched == EXPECTED_UNMATCHED
    assert data.unmatched_total == 3
    assert {k: v for k, v in data.scores.items() if v} == EXPECTED_SCORES


def test_period_changes_the_numbers(db_path: Path) -> None:
    with open_event_log(db_path) as db:
        everything = collect(db, Period(), now=DAY0)
        old_only = collect(db, Period(until=DAY0), now=DAY0)
    assert everything.funnel.started == 11
    assert old_only.funnel.started == 1
    assert old_only.unmatched == [("old old pain", 1)]
    assert dict(old_only.per_day) == {"2026-08-01": 1}


def test_report_command_writes_the_numbers_into_the_html(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["report", "--database", str(db_path), "--since", "2026-11-20",
                 "--out", str(out)]) == 0  # fmt: skip
    html = out.read_text(encoding="utf-8")
    charts = read_charts(html)
    assert numbers(charts.charts["sessions-per-day"]) == EXPECTED_PER_DAY
    assert numbers(charts.charts["funnel-overall"]) == expected_funnel(EXPECTED_FUNNEL)
    assert charts.charts["funnel-overall"]["reached an outcome"] == "5 (50%)"
    for campaign, expected in EXPECTED_CAMPAIGNS.items():
        name = campaign or NO_CAMPAIGN
        chart_id = "funnel-campaign-" + re.sub(r"[^A-Za-z0-9_-]", "_", name)
        assert numbers(charts.charts[chart_id]) == expected_funnel(expected), name
    assert numbers(charts.charts["outcomes-urgency"]) == EXPECTED_URGENCY
    assert list(charts.charts["outcomes-urgency"]) == ["emergency", "urgent", "soon", "routine"]
    assert numbers(charts.charts["outcomes-specialist"]) == EXPECTED_SPECIALISTS
    assert numbers(charts.charts["leaving-nodes"]) == EXPECTED_LEAVING
    assert {k: v for k, v in numbers(charts.charts["score-distribution"]).items() if v} == (
        EXPECTED_SCORES
    )
    assert charts.phrases == {phrase: str(n) for phrase, n in EXPECTED_UNMATCHED}


def test_html_is_self_contained(db_path: Path) -> None:
    with open_event_log(db_path) as db:
        html = build_report(db, Period(), now=DAY0)
    assert "<script" not in html
    # nothing fetched: no external URL anywhere but the SVG namespace, and a CSP forbidding it
    urls = set(re.findall(r"(?:https?:)?//[\w.-]+", html))
    assert urls == {"http://www.w3.org"}
    assert "default-src 'none'" in html


async def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    """Scrubbed text is still a stranger's: it must not become markup in the report."""
    from bot.storage import SqliteStorage

    path = tmp_path / "bot.sqlite3"
    async with SqliteStorage(path) as storage:
        await storage.append_event(
            {
                "conversation": "c1",
                "person": "p",
                "at": DAY0,
                "channel": "telegram",
                "campaign": '"><script>alert(1)</script>',
                "node": "describe",
                "kind": "text",
                "value": "<img src=x onerror=alert(1)> hurts",
                "concepts": [],
            }
        )
    with open_event_log(path) as db:
        html = build_report(db, Period(), now=DAY0)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; hurts" in html
    assert read_charts(html).phrases == {"<img src=x onerror=alert(1)> hurts": "1"}


def test_phrase_normalising_and_score_bins() -> None:
    assert normalise_phrase("  It  feels like\nELECTRIC eels!! ") == "it feels like electric eels"
    assert normalise_phrase("БОЛИТ  Спина.") == "болит спина"  # not only ASCII
    histogram = score_histogram([100.0, 99.9, 90.0, 89.9, 50.0, 49.9, 0.0])
    assert histogram == {"below 50": 2, "50-59": 1, "60-69": 0, "70-79": 0, "80-89": 1,
                         "90-99": 2, "100": 1}  # fmt: skip


def test_empty_database_gives_a_report(tmp_path: Path) -> None:
    import asyncio

    from bot.storage import SqliteStorage

    async def create() -> None:
        async with SqliteStorage(tmp_path / "empty.sqlite3"):
            pass

    asyncio.run(create())
    with open_event_log(tmp_path / "empty.sqlite3") as db:
        html = build_report(db, Period(), now=DAY0)
    assert "No data for conversations started per day" in html
    assert read_charts(html).charts["funnel-overall"]["started"] == "0"
