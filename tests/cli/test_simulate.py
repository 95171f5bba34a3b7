"""``python -m bot simulate``: one flushed JSON line per input, usable over a pipe."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.engine import Engine
from bot.simulate import random_walks


def test_driven_one_line_at_a_time_over_a_pipe() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "simulate", "--lang", "en"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin and process.stdout
    try:
        # each answer is written only after the previous line was read: proves flushing
        lines = []
        script = [
            "I agree", "my back hurts", "None of these", "done", "no", "done", "back_only",
            "None of these", "by_itself", "A few days", "little", "little", "age_20_50",
        ]  # fmt: skip
        for typed in script:
            process.stdin.write(typed + "\n")
            process.stdin.flush()
            lines.append(json.loads(process.stdout.readline()))
    finally:
        process.stdin.close()
        process.wait(timeout=30)
    assert [line["turn"] for line in lines] == list(range(1, len(script) + 1))
    assert lines[0]["input"] == "I agree" and lines[0]["node"] == "describe"
    assert lines[1]["node"] == "red_signs"
    assert {"id": "done", "label": "None of these"} in lines[1]["options"]
    assert all(line["outcome"] is None for line in lines[:-1])
    assert lines[-1]["node"] == "back_pain_routine"
    assert lines[-1]["outcome"] == {
        "urgency": "routine", "specialists": ["neurologist", "vertebrologist"], "red_flags": [],
    }  # fmt: skip
    assert set(lines[-1]) == {"turn", "input", "node", "reply", "options", "outcome"}


def test_random_summary_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "simulate", "--random", "50", "--seed", "3"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    summary = json.loads(result.stdout)
    assert summary["walks"] == 50 and summary["ended_with_outcome"] == 50


@pytest.mark.parametrize("seed", [1, 2])
def test_every_random_walk_ends_with_an_outcome(engine: Engine, seed: int) -> None:
    summary = random_walks(engine, walks=1000, seed=seed)
    assert summary.ended_with_outcome == summary.walks == 1000
    assert 0 < summary.max_turns < 300
