"""Issue 15's conversations (tests/content/listening_cases.py) through ``python -m bot
simulate``, as a front end sees them: one JSON line per input, in both languages, each to the
exact advice (its node, outcome and the words the person reads)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from tests.content.listening_cases import CASES, Case, foreign_words, shown


def simulate(lang: str, lines: list[str]) -> list[dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "simulate", "--lang", lang],
        input="\n".join(lines) + "\n", capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return [json.loads(line) for line in result.stdout.splitlines()]


def runs() -> list[list[Case]]:
    """Cases that stay in their language share one run (``/restart`` between them); one that
    switches the language has a run of its own, as /restart keeps the language it switched to."""
    together: dict[str, list[Case]] = {}
    alone = []
    for case in CASES:
        if case.language_user:
            alone.append([case])
        else:
            together.setdefault(case.lang, []).append(case)
    return [*together.values(), *alone]


@pytest.mark.parametrize("cases", runs(), ids=lambda cases: "+".join(c.id for c in cases))
def test_issue_15_conversations_over_simulate(cases: list[Case]) -> None:
    script: list[str] = []
    spans = []
    for case in cases:
        if script:
            script.append("/restart")
        start = len(script)
        script += [*case.inputs, *([case.then] if case.then else [])]
        spans.append((case, start, start + len(case.inputs)))
    lines = simulate(cases[0].start_lang, script)
    assert len(lines) == len(script)
    for case, start, end in spans:
        advice = lines[end - 1]
        texts = [
            shown(line["reply"], [o["label"] for o in line["options"]]) for line in lines[start:end]
        ]
        assert advice["node"] == case.node, (case.id, advice["reply"])
        assert case.reached(advice["outcome"]), (case.id, advice["outcome"])
        assert all(line["outcome"] is None for line in lines[start : end - 1]), case.id
        for phrase in case.says:
            assert phrase in advice["reply"], (case.id, phrase)
        for phrase in case.never:
            assert not [t for t in texts if phrase in t], (case.id, phrase)
        for phrase in case.seen:
            assert [t for t in texts if phrase in t], (case.id, phrase)
        for phrase in case.once:
            assert len([t for t in texts if phrase in t]) == 1, (case.id, phrase)
        if not case.language_user:
            assert foreign_words(case.lang, texts) == [], case.id
        if case.then:
            after = lines[end]
            assert [p for p in case.then_says if p not in after["reply"]] == [], case.id
            assert after["outcome"] == advice["outcome"]
            assert "📅" not in json.dumps(after["options"], ensure_ascii=False)
