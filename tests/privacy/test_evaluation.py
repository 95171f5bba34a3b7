"""Scoring the scrubber: the dev set meets the targets, and the scoring fails what it should."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.evaluation.scrubber import (
    DatasetError,
    Item,
    evaluate,
    load_items,
    strict_survivors,
)
from bot.privacy.scrubber import Scrubber
from bot.settings import PROJECT_ROOT

DEV_SET = PROJECT_ROOT / "tests" / "data" / "pii_dev.yaml"


class _Fixed:
    """A stand-in scrubber that returns prepared outputs, to test the scoring alone."""

    def __init__(self, outputs: dict[str, str]) -> None:
        self.outputs = outputs

    def scrub(self, text: str) -> str:
        return self.outputs.get(text, text)


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber.load(PROJECT_ROOT / "content")


def test_dev_set_meets_the_targets(scrubber: Scrubber) -> None:
    report = evaluate(scrubber, load_items(DEV_SET))
    assert report.items >= 35
    assert report.misses == []
    assert report.personal_strict_pct == 100.0
    assert report.keep_pct >= 98.0
    assert report.passed


def test_a_scrubber_that_does_nothing_fails() -> None:
    report = evaluate(_Fixed({}), load_items(DEV_SET))  # type: ignore[arg-type]
    assert report.personal_removed == 0
    assert not report.passed
    assert {m.kind for m in report.misses} == {"leak"}


def test_partial_masking_passes_the_lenient_check_but_not_the_strict_one() -> None:
    item = Item("x1", "call 07700 900789 now", "en", ("07700 900789",), ("now",))
    masked_first_group = "call [PHONE] 900789 now"  # the span as a whole is gone
    report = evaluate(_Fixed({item.text: masked_first_group}), [item])  # type: ignore[arg-type]
    assert report.personal_pct == 100.0
    assert report.personal_strict_pct == 0.0
    assert not report.passed
    # a 4+ digit run survives in the same way
    item2 = Item("x2", "NHS 401 023 2137", "en", ("401 023 2137",), ())
    assert strict_survivors(
        item2.must_remove[0], item2.text, item2.must_remove, "NHS [ID] 2137"
    ) == ["2137"]


def test_a_word_that_also_stands_outside_the_span_is_not_a_leak() -> None:
    text = "see https://t.me/dan_the_plumber the scan is attached"
    span = "https://t.me/dan_the_plumber"
    assert strict_survivors(span, text, (span,), "see [URL] the scan is attached") == []
    assert strict_survivors(span, text, (span,), "see [URL] the plumber scan") == ["plumber"]


def test_lost_clinical_words_count_against_the_keep_figure() -> None:
    item = Item("k1", "Анна, болит поясница", "ru", ("Анна",), ("болит поясница",))
    report = evaluate(_Fixed({item.text: "[NAME], [NAME] поясница"}), [item])  # type: ignore[arg-type]
    assert report.personal_strict_pct == 100.0
    assert report.keep_pct == 0.0
    assert [(m.id, m.kind, m.span) for m in report.misses] == [("k1", "lost", "болит поясница")]
    assert not report.passed


def test_a_label_that_is_not_in_its_text_is_reported_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        'version: 1\nitems:\n  - id: a\n    text: "hello Bob"\n    must_remove: ["Rob"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DatasetError, match=r"bad\.yaml:5: 'must_remove' entry not in the text"):
        load_items(bad)


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin, capture_output=True, text=True, encoding="utf-8", cwd=PROJECT_ROOT,
        timeout=60, check=False,
    )  # fmt: skip


def test_eval_cli_prints_json_and_exit_code_follows_the_target(tmp_path: Path) -> None:
    ok = _cli("eval-scrubber", str(DEV_SET))
    assert ok.returncode == 0, ok.stderr
    figures = json.loads(ok.stdout)
    assert figures["personal"]["removed_strict_pct"] == 100.0
    assert figures["passed"] is True
    assert "PASS" in ok.stderr

    # a lower-case name with no cue at all is beyond the scrubber: the command must say so
    hard = tmp_path / "hard.yaml"
    hard.write_text(
        'version: 1\nitems:\n  - id: h1\n    text: "zorbo called about his back"\n'
        '    must_remove: ["zorbo"]\n    keep: ["back"]\n',
        encoding="utf-8",
    )
    failed = _cli("eval-scrubber", str(hard))
    assert failed.returncode == 1
    report = json.loads(failed.stdout)
    assert report["misses"][0]["id"] == "h1" and report["misses"][0]["span"] == "zorbo"
    assert "FAIL" in failed.stderr


def test_scrub_cli_stdin_gives_one_line_per_line() -> None:
    lines = ["Меня зовут Роза", "", "a\rb Анна", "boli 😀", "+44 7700 900123"]
    result = _cli("scrub", "--stdin", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n") == [
        "Меня зовут [NAME]", "", "a b [NAME]", "boli 😀", "[PHONE]", "",
    ]  # fmt: skip
    single = _cli("scrub", "Hi, Liam Walsh here, 07700 900789")
    assert single.stdout == "Hi, [NAME] here, [PHONE]\n"
