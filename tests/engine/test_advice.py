"""How the outcome of a node is raised and widened by what the person told us."""

from __future__ import annotations

from bot.content import Content
from bot.dialogue.model import Node
from bot.engine import Session
from bot.engine.advice import build_outcome, reasons

ROUTINE = Node(id="r", type="outcome", line=1, urgency="routine", specialists=("neurologist",))
SOON = Node(id="s", type="outcome", line=1, urgency="soon", specialists=("neurologist",))


def session(**concepts: bool) -> Session:
    return Session(dialogue="d", lang="en", concepts=concepts)


def test_nothing_told_keeps_the_node_outcome(content: Content) -> None:
    assert build_outcome(ROUTINE, session(low_back_pain=True), content) == {
        "urgency": "routine", "specialists": ["neurologist"], "red_flags": [],
    }  # fmt: skip


def test_an_urgent_sign_raises_the_level_and_adds_its_doctor(content: Content) -> None:
    outcome = build_outcome(ROUTINE, session(fever=True, cancer_history=False), content)
    assert outcome == {"urgency": "urgent", "specialists": ["neurologist", "therapist"],
                       "red_flags": ["fever"]}  # fmt: skip


def test_an_emergency_sign_puts_emergency_care_first(content: Content) -> None:
    outcome = build_outcome(SOON, session(cold_pale_leg=True), content)
    assert outcome["urgency"] == "emergency"
    assert outcome["specialists"] == ["emergency", "neurologist", "vascular_surgeon"]


def test_another_cause_adds_its_doctor_without_raising(content: Content) -> None:
    outcome = build_outcome(SOON, session(urinary_symptoms=True, hip_pain=True), content)
    assert outcome == {"urgency": "soon", "red_flags": [],
                       "specialists": ["neurologist", "urologist", "orthopedist"]}  # fmt: skip


def test_a_denied_sign_changes_nothing(content: Content) -> None:
    assert build_outcome(ROUTINE, session(fever=False, saddle_numbness=False), content) == (
        build_outcome(ROUTINE, session(), content)
    )


def test_reasons_most_serious_first_then_latest(content: Content) -> None:
    told = session(low_back_pain=True, numbness_tingling=True, fever=True, both_legs=True)
    assert reasons(told, content) == [
        "you have a fever", "both legs are affected",
        "the leg or foot is numb or tingles", "your lower back hurts",
    ]  # fmt: skip
