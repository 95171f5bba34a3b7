"""`eval-answers`: what the engine does with a typed answer, and how that is scored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.evaluation.answers import (
    ASKED_AGAIN,
    CONFIRM,
    EMERGENCY,
    Item,
    Outcome,
    Reacher,
    classify,
    evaluate,
    load_items,
    score,
)
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def reacher(engine: Engine) -> Reacher:
    return Reacher(engine)


def test_the_question_is_reached_by_buttons_in_its_language(reacher: Reacher) -> None:
    for node, lang in (("saddle", "en"), ("very_unwell", "ru"), ("age", "en"), ("sb9", "ru")):
        session = reacher.at(node, lang)
        assert (session.node, session.lang, session.pending) == (node, lang, [])


@pytest.mark.parametrize(
    ("node", "lang", "text", "label"),
    [
        ("saddle", "en", "no, I'm 56, what pregnancy", "no"),
        ("bladder", "ru", "да", "yes"),
        ("saddle", "en", "not sure", "confirm:yes"),
        ("saddle", "en", "banana bread", ASKED_AGAIN),
        ("other_causes", "ru", "нет, мне 56, какая беременность", "none"),
        ("other_causes", "en", "I'm pregnant", "confirm:pregnant"),
        ("sexual", "en", "no, but now my groin is numb", EMERGENCY),
    ],
)
def test_what_the_engine_did_is_classified(
    engine: Engine, reacher: Reacher, node: str, lang: str, text: str, label: str
) -> None:
    assert classify(engine, reacher.at(node, lang), text).label == label


def item(node: str, expect: str) -> Item:
    return Item("t1", node, "en", "...", expect)


@pytest.mark.parametrize(
    ("node", "expect", "outcome", "verdict"),
    [
        ("saddle", "no", Outcome("recorded", "no"), "correct"),
        ("saddle", "unclear", Outcome(ASKED_AGAIN), "correct"),
        ("fever", "unsure", Outcome(CONFIRM, "yes"), "correct"),
        ("saddle", "yes", Outcome(CONFIRM, "yes"), "confirmed"),
        ("saddle", "yes", Outcome("recorded", "no"), "dangerous"),
        ("fever", "unsure", Outcome("recorded", "no"), "dangerous"),  # urgent counts too
        ("other_causes", "none", Outcome(CONFIRM, "pregnant"), "dangerous"),
        ("urgent_signs", "fever", Outcome("recorded", "none"), "dangerous"),
        ("saddle", "no", Outcome(ASKED_AGAIN), "extra_tap"),
        ("age", "over_50", Outcome("recorded", "age_20_50"), "wrong"),
        ("saddle", "unclear", Outcome("recorded", "yes"), "wrong"),
        ("spread", "thigh", Outcome(CONFIRM, "yes"), "extra_tap"),  # confirming no red flag
        ("sexual", "yes", Outcome(EMERGENCY), "correct"),  # where its yes leads too
        ("fever", "yes", Outcome(EMERGENCY), "wrong"),  # a fever's yes leads on, not there
    ],
)
def test_scoring(engine: Engine, node: str, expect: str, outcome: Outcome, verdict: str) -> None:
    assert score(engine, item(node, expect), outcome) == verdict


SET = """\
items:
  - {id: t1, node: saddle, lang: en, text: "no, I'm 56, what pregnancy", expect: "no"}
  - {id: t2, node: bladder, lang: ru, text: "нет", expect: "yes"}
  - {id: t3, node: saddle, lang: en, text: "not sure", expect: "yes"}
  - {id: t4, node: saddle, lang: en, text: "banana bread", expect: "no"}
  - {id: t5, node: nowhere, lang: en, text: "no", expect: "no"}
  - {id: t6, node: saddle, lang: en, text: "no", expect: maybe}
"""

LOOSE = """\
items:
  - {id: 7001, node: age, lang: en, text: 56, expect: over_50}
  - {id: 7002, node: other_causes, lang: ru, text: "нет, мне 56, какая беременность", expect: no}
  - {id: 7003, node: very_unwell, lang: en, text: "not sure", expect: unsure}
  - {id: 7004, node: age, lang: en, text: "56", expect: unsure}
"""


def test_bare_numbers_a_checklists_no_and_doubt_at_any_yes_no_question(
    engine: Engine, tmp_path: Path
) -> None:
    labelled = tmp_path / "answers.yaml"
    labelled.write_text(LOOSE, "utf-8")
    items, problems = load_items(labelled, engine)
    assert [p.line for p in problems] == [5]  # "how old?" has no doubt to expect
    assert [(i.id, i.text, i.expect) for i in items] == [
        ("7001", "56", "over_50"), ("7002", "нет, мне 56, какая беременность", "none"),
        ("7003", "not sure", "unsure"),
    ]  # fmt: skip


def test_a_set_is_scored_and_its_mistakes_named(engine: Engine, tmp_path: Path) -> None:
    labelled = tmp_path / "answers.yaml"
    labelled.write_text(SET, "utf-8")
    items, problems = load_items(labelled, engine)
    assert [p.line for p in problems] == [6, 7] and len(items) == 4
    report = evaluate(engine, items)
    assert (report.items, report.correct, report.confirmed) == (4, 2, 1)
    assert [e["id"] for e in report.dangerous] == ["t2"]
    assert [e["id"] for e in report.extra_taps] == ["t4"]
    assert report.per_lang == {"en": [3, 2], "ru": [1, 0]}


def eval_answers(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "eval-answers", "--json-only", str(path)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=120,
    )


def test_the_command_exits_1_on_a_dangerous_reading_only(tmp_path: Path) -> None:
    labelled = tmp_path / "answers.yaml"
    labelled.write_text("\n".join(SET.splitlines()[:5]) + "\n", "utf-8")
    run = eval_answers(labelled)
    assert run.returncode == 1 and json.loads(run.stdout)["dangerous"][0]["id"] == "t2"
    labelled.write_text("\n".join(SET.splitlines()[:2]) + "\n", "utf-8")
    run = eval_answers(labelled)
    assert run.returncode == 0 and json.loads(run.stdout)["accuracy"] == 1.0


OWN = Path(__file__).resolve().parents[1] / "data" / "answers_own.yaml"


def test_own_set(engine: Engine) -> None:
    """tests/data/answers_own.yaml: no dangerous reading, and every miss a known one."""
    items, problems = load_items(OWN, engine)
    assert not problems and len(items) >= 160
    assert {i.lang for i in items} == {"en", "ru"}
    report = evaluate(engine, items)
    assert report.dangerous == [] and report.unreachable == []
    # ap03 "numb? no. sore yes" (an echoed question, then two answers) is asked again; ap10
    # "normal temp": the matcher reads "temp" as a fever, so the "normal" is confirmed
    # aq05-aq08: bladder and bowel signs told around ("it just dribbles out", «подтекает»)
    # the matcher does not read; aq15: a yes about an old, not a new, trouble
    # ar06, ar12: someone else's pregnancy at the list of other causes is asked again (no
    # longer ticked), not taken as "none of these"
    known = {"ap03", "ap10", "aq05", "aq06", "aq07", "aq08", "aq15", "ar06", "ar12"}
    assert {e["id"] for e in report.wrong} <= known
    assert report.accuracy >= 0.9
