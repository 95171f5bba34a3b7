"""The class probe (tests/privacy/classes_probe.yaml, written from the classes of issue 19) and
the independent own set (tests/data/pii_own.yaml), scored with the strict rules."""

from __future__ import annotations

import pytest

from bot.evaluation.scrubber import TARGET_KEEP_PCT, Report, evaluate, load_items
from bot.privacy.scrubber import Scrubber
from bot.settings import PROJECT_ROOT

CLASS_PROBE = PROJECT_ROOT / "tests" / "privacy" / "classes_probe.yaml"
OWN_SET = PROJECT_ROOT / "tests" / "data" / "pii_own.yaml"
# measured 2026-12-04: 244 of 249 under the strict check; a floor, so that a loss of ground fails
OWN_SET_FLOOR_PCT = 97.5


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber.load(PROJECT_ROOT / "content")


def test_every_class_of_the_probe_is_removed_in_both_languages(scrubber: Scrubber) -> None:
    items = load_items(CLASS_PROBE)
    assert {item.lang for item in items} == {"ru", "en"}
    report: Report = evaluate(scrubber, items)
    assert [m for m in report.misses if m.kind != "lost"] == [], report.summary()
    assert report.keep_pct >= TARGET_KEEP_PCT, report.summary()


def test_the_own_set_stays_above_its_measured_floor(scrubber: Scrubber) -> None:
    report = evaluate(scrubber, load_items(OWN_SET))
    assert report.personal_strict_pct >= OWN_SET_FLOOR_PCT, report.summary()
    assert report.keep_pct >= TARGET_KEEP_PCT, report.summary()
