"""The class probe (tests/privacy/classes_probe.yaml, written from the classes of issue 19) and
the independent own set (tests/data/pii_own.yaml), scored with the strict rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.evaluation.scrubber import TARGET_KEEP_PCT, Report, evaluate, load_items
from bot.privacy.scrubber import Scrubber
from bot.settings import PROJECT_ROOT

CLASS_PROBE = PROJECT_ROOT / "tests" / "privacy" / "classes_probe.yaml"
OWN_SET = PROJECT_ROOT / "tests" / "data" / "pii_own.yaml"
# items written with the issue-19c ones and kept aside: scored, never tuned on
OWN_HOLDOUT = PROJECT_ROOT / "tests" / "data" / "pii_own_holdout.yaml"
# measured 2026-12-04: 286 of 288 under the strict check; a floor, so that a loss of ground fails
OWN_SET_FLOOR_PCT = 99.0


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber.load(PROJECT_ROOT / "content")


def test_every_class_of_the_probe_is_removed_in_both_languages(scrubber: Scrubber) -> None:
    items = load_items(CLASS_PROBE)
    assert {item.lang for item in items} == {"ru", "en"}
    report: Report = evaluate(scrubber, items)
    assert [m for m in report.misses if m.kind != "lost"] == [], report.summary()
    assert report.keep_pct >= TARGET_KEEP_PCT, report.summary()


@pytest.mark.parametrize("path", [OWN_SET, OWN_HOLDOUT], ids=["own", "own_holdout"])
def test_the_own_sets_stay_above_their_measured_floor(scrubber: Scrubber, path: Path) -> None:
    report = evaluate(scrubber, load_items(path))
    assert report.personal_strict_pct >= OWN_SET_FLOOR_PCT, report.summary()
    assert report.keep_pct >= TARGET_KEEP_PCT, report.summary()


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def test_the_bots_own_wording_quoted_back_is_kept(scrubber: Scrubber) -> None:
    """Questions, buttons and advice of content/texts: clinical prose a person may quote back
    («Нажмите «Начать заново»»), with no personal data in it."""
    lines = [
        line.strip()
        for file in sorted((PROJECT_ROOT / "content" / "texts").glob("*/*.yaml"))
        for text in _strings(yaml.safe_load(file.read_text(encoding="utf-8")))
        for line in text.split("\n")
        if len(line.strip()) >= 15 and "{" not in line
    ]
    assert len(lines) > 300
    changed = [(line, scrubber.scrub(line)) for line in lines if scrubber.scrub(line) != line]
    assert changed == []
