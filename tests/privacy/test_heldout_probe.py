"""The held-out probe (tests/privacy/heldout_probe.yaml): names, numbers and wording the dev set
does not have, scored with the same strict rules as the hidden test set."""

from __future__ import annotations

import pytest

from bot.evaluation.scrubber import (
    TARGET_KEEP_PCT,
    TARGET_PERSONAL_STRICT_PCT,
    Report,
    evaluate,
    load_items,
)
from bot.privacy.scrubber import Scrubber
from bot.settings import PROJECT_ROOT

PROBE_SET = PROJECT_ROOT / "tests" / "privacy" / "heldout_probe.yaml"


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(Scrubber.load(PROJECT_ROOT / "content"), load_items(PROBE_SET))


def test_probe_is_large_and_bilingual() -> None:
    items = load_items(PROBE_SET)
    assert len(items) >= 120
    assert len({item.id for item in items}) == len(items)
    langs = [item.lang for item in items]
    assert min(langs.count("ru"), langs.count("en")) >= 0.4 * len(items)


def test_every_personal_item_is_removed_under_the_strict_check(report: Report) -> None:
    leaks = [m for m in report.misses if m.kind != "lost"]
    assert leaks == [], report.summary()
    assert report.personal_strict_pct == TARGET_PERSONAL_STRICT_PCT


def test_clinical_wording_is_kept(report: Report) -> None:
    assert report.keep_pct >= TARGET_KEEP_PCT, report.summary()
    assert report.passed
