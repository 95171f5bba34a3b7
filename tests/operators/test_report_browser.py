"""The report as a person sees it: opened in headless Chromium (Debian's ``chromium``).

In CI (``CI=true``) a missing browser fails the test with a clear message; on a developer's
machine without Chromium the test is skipped.
"""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest

from bot.cli import main

from ..conftest import chromium
from .html_charts import numbers, read_charts
from .seeding import (
    EXPECTED_FUNNEL,
    EXPECTED_LEAVING,
    EXPECTED_PER_DAY,
    EXPECTED_SPECIALISTS,
    EXPECTED_UNMATCHED,
    EXPECTED_URGENCY,
    seed,
)

BROWSER_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
)  # fmt: skip



def run_browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    return subprocess.run(
        [chromium("the report"), *BROWSER_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip


@pytest.fixture
async def report(tmp_path: Path) -> Path:
    db = tmp_path / "bot.sqlite3"
    await seed(db)
    out = tmp_path / "report.html"
    assert main(["report", "--database", str(db), "--since", "2026-11-20",
                 "--out", str(out)]) == 0  # fmt: skip
    return out


def test_chromium_renders_the_charts_with_the_seeded_numbers(report: Path, tmp_path: Path) -> None:
    dom = run_browser(tmp_path, "--dump-dom", report.as_uri()).stdout
    charts = read_charts(dom)
    # the DOM Chromium built, not our file: the SVG parsed and every bar is there with its number
    assert numbers(charts.charts["sessions-per-day"]) == EXPECTED_PER_DAY
    assert numbers(charts.charts["funnel-overall"]) == {
        "started": EXPECTED_FUNNEL["started"],
        "answered the first question": EXPECTED_FUNNEL["answered"],
        "reached an outcome": EXPECTED_FUNNEL["reached"],
        "pressed booking": EXPECTED_FUNNEL["booked"],
    }
    assert numbers(charts.charts["outcomes-urgency"]) == EXPECTED_URGENCY
    assert numbers(charts.charts["outcomes-specialist"]) == EXPECTED_SPECIALISTS
    assert numbers(charts.charts["leaving-nodes"]) == EXPECTED_LEAVING
    assert charts.phrases == {phrase: str(n) for phrase, n in EXPECTED_UNMATCHED}
    assert {"funnel-campaign-spring", "funnel-campaign-flyer", "score-distribution"} <= set(
        charts.charts
    )


def test_screenshot_is_a_drawn_page(report: Path, tmp_path: Path) -> None:
    png = tmp_path / "report.png"
    run_browser(tmp_path, f"--screenshot={png}", "--window-size=1366,900", report.as_uri())
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1366, 900)
    # a blank white page compresses to a few KB; charts, text and colours do not
    assert len(data) > 30_000, len(data)
