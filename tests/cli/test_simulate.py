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


def simulate(lang: str, script: list[str]) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "simulate", "--lang", lang],
        input="\n".join(script) + "\n", capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return [json.loads(line) for line in result.stdout.splitlines()]


LISTENING = {
    "en": {
        "emergency_first": "numb between my legs, no fever",
        "wait": "can i just wait till monday?",
        "colic": "sudden waves of pain in my side going to the groin and I keep vomiting",
        "no_with_reason": "no, I'm 56, what pregnancy",
        "agree": "I agree", "ask": "Just ask me questions", "none": "None of these",
        "below_knee": "Below the knee: calf, shin", "both": "Both legs",
        "by_itself": "By itself, gradually", "days": "A few days", "walk": "0-3: a little",
        "sleep": "0-3: hardly at all", "age": "20 to 50", "right": "Yes, right",
        "repeat": "please do not wait", "today": "today",
    },
    "ru": {
        "emergency_first": "немеет промежность, температуры нет",
        "wait": "а можно завтра?",
        "colic": "внезапные приступы боли в боку, отдаёт в пах, рвота",
        "no_with_reason": "нет, мне 56 какая беременность",
        "agree": "Согласен(на)", "ask": "Просто задайте вопросы", "none": "Ничего из этого",
        "below_knee": "Ниже колена: голень, икра", "both": "Обе ноги",
        "by_itself": "Сама по себе, постепенно", "days": "Несколько дней",
        "walk": "0–3: немного", "sleep": "0–3: почти не мешает", "age": "От 20 до 50",
        "right": "Да, верно", "repeat": "не ждите", "today": "сегодня",
    },
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_misreadings_of_issue_15_over_simulate(lang: str) -> None:
    """Four conversations in one run (/restart between them), each to its exact advice."""
    w = LISTENING[lang]
    script = [
        # 1. an emergency typed at the consent question; then "can I wait?"
        w["emergency_first"], w["wait"], "/restart",
        # 2. renal colic with vomiting, typed
        w["agree"], w["colic"], "/restart",
        # 3. sciatica in both legs, by buttons
        w["agree"], w["ask"], w["none"], w["none"], w["none"], w["below_knee"], w["none"],
        w["both"], w["by_itself"], w["days"], w["walk"], w["sleep"], w["age"], "/restart",
        # 4. "no" with a reason at the other causes; the age in it shown back and not asked
        w["agree"], w["ask"], w["none"], w["none"], w["no_with_reason"], w["right"],
        "back_only", w["none"], w["by_itself"], w["days"], w["walk"], w["sleep"],
    ]  # fmt: skip
    lines = simulate(lang, script)
    assert len(lines) == len(script)
    first = lines[0]
    assert first["outcome"] == {
        "urgency": "emergency", "specialists": ["emergency", "neurosurgeon"],
        "red_flags": ["saddle_numbness"],
    }  # fmt: skip
    assert "+7 495" not in first["reply"]  # no booking line in emergency advice
    assert w["repeat"] in lines[1]["reply"] and "112" in lines[1]["reply"]
    assert lines[4]["outcome"]["urgency"] == "emergency"
    assert "renal_colic" in lines[4]["outcome"]["red_flags"]
    both = lines[18]
    assert both["node"] == "both_legs_today"
    assert both["outcome"] == {
        "urgency": "urgent", "specialists": ["neurologist", "neurosurgeon"], "red_flags": [],
    }  # fmt: skip
    assert w["today"] in both["reply"]
    reason = lines[24]
    assert reason["node"] != "other_causes" and [o["id"] for o in reason["options"]] == [
        "slots_ok", "slots_no",
    ]  # fmt: skip
    last = lines[-1]
    assert last["node"] == "age_check"  # over 50: the age told in the reason
    assert last["outcome"] == {
        "urgency": "soon", "specialists": ["neurologist", "vertebrologist"], "red_flags": [],
    }  # fmt: skip
    assert all(line["node"] != "age" for line in lines[20:])
