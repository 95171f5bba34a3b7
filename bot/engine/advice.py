"""The referral advice at the end of every path: urgency, doctors, reasons, what to do."""

from __future__ import annotations

from bot.content import Content
from bot.dialogue.model import URGENCY_LEVELS, Node, Urgency
from bot.engine import wording
from bot.engine.session import Outcome, Session

# What an affirmed red flag alone means for the urgency (concepts.yaml's ``level``).
CONCEPT_URGENCY: dict[str, Urgency] = {"emergency": "emergency", "urgent": "urgent"}
MAX_REASONS = 5
LEVEL_ORDER = ("emergency", "urgent", "routing", "symptom")


def higher(a: Urgency, b: Urgency) -> Urgency:
    return a if URGENCY_LEVELS.index(a) <= URGENCY_LEVELS.index(b) else b


def build_outcome(node: Node, session: Session, content: Content) -> Outcome:
    """The outcome of ``node`` raised by every red flag the person affirmed on the way.

    A remembered urgent sign (fever, cancer history...) can only raise the level of the
    node's own advice, never lower it, and adds the doctor that sign points to; another
    cause (``routing`` in concepts.yaml) adds its doctor too.
    """
    if node.safety_net:  # after a refusal: no verdict, so no urgency and no doctor either
        return {"urgency": None, "specialists": [], "red_flags": []}
    assert node.urgency is not None
    urgency: Urgency = node.urgency
    specialists = list(node.specialists)
    red_flags = [
        c for c in session.affirmed()
        if c in content.concepts and content.concepts[c].level in CONCEPT_URGENCY
    ]  # fmt: skip
    red_flags.sort(key=lambda c: LEVEL_ORDER.index(content.concepts[c].level))
    for concept_id in red_flags:
        concept = content.concepts[concept_id]
        urgency = higher(urgency, CONCEPT_URGENCY[concept.level])
        specialists += [s for s in concept.route if s not in specialists]
    # another cause the person told us about (urinary, gynaecological, hip...) adds its doctor
    # without changing the urgency: two causes, two doctors
    for concept_id in session.affirmed():
        cause = content.concepts.get(concept_id)
        if cause is not None and cause.level == "routing":
            specialists += [s for s in cause.route if s not in specialists]
    if "emergency" in specialists:
        specialists.remove("emergency")
        specialists.insert(0, "emergency")
    if urgency == "emergency" and "emergency" not in specialists:
        specialists.insert(0, "emergency")
    return Outcome(urgency=urgency, specialists=specialists, red_flags=red_flags)


def reasons(session: Session, content: Content) -> list[str]:
    """Short phrases, in the person's language, of what they told us (most serious first)."""
    # most serious first; within a level the latest first: what was said last is most
    # often what decided the advice (e.g. "both legs" after the numbness)
    affirmed = [c for c in reversed(session.affirmed()) if c in content.concepts]
    affirmed.sort(key=lambda c: LEVEL_ORDER.index(content.concepts[c].level))
    found = []
    for concept_id in affirmed:
        phrase = wording.concept_text(content, session, concept_id)
        if phrase:
            found.append(phrase)
    return found[:MAX_REASONS]


def offers_booking(node: Node, outcome: Outcome) -> bool:
    """Emergency advice is only what to do now; the safety net after a refusal gives no
    verdict at all: neither offers to book."""
    return outcome["urgency"] != "emergency" and not node.safety_net


def screened(session: Session, content: Content) -> bool:
    """Whether the person said no to every emergency sign: only then may the advice say that
    it does not look urgent."""
    return all(
        session.concepts.get(c) is False for c, concept in content.concepts.items()
        if concept.level == "emergency"
    )  # fmt: skip


def render_advice(node: Node, outcome: Outcome, session: Session, content: Content) -> str:
    lang = session.lang
    urgency = outcome["urgency"]
    if node.safety_net:  # after a refusal: the warning signs and the number, no verdict
        parts = [
            wording.node_text(content, session, node.id),
            wording.ui_text(content, session, "warning_signs"),
            content.text(lang, "ui", "disclaimer"),
        ]
        return "\n\n".join(p for p in parts if p)
    assert urgency is not None  # every node but the safety net gives a verdict
    parts = [
        wording.urgency_text(content, session, urgency, "title"),
        wording.urgency_text(content, session, urgency, "advice"),
    ]
    if urgency == "emergency":
        # only what to do now: no doctors for later, no booking line
        why = reasons(session, content)
        if why:
            parts.append(content.text(lang, "ui", "because", reasons="; ".join(why)))
        parts.append(wording.node_text(content, session, node.id))
        parts.append(content.text(lang, "ui", "disclaimer"))
        return "\n\n".join(p for p in parts if p)
    if content.lookup(lang, "urgency", urgency, "reassurance") and screened(session, content):
        parts.append(wording.urgency_text(content, session, urgency, "reassurance"))
    doctors = [content.text(lang, "specialists", s) for s in outcome["specialists"]]
    parts.append(content.text(lang, "ui", "doctor", doctors=", ".join(doctors)))
    why = reasons(session, content)
    if why:
        parts.append(content.text(lang, "ui", "because", reasons="; ".join(why)))
    parts.append(wording.node_text(content, session, node.id))
    parts.append(wording.ui_text(content, session, "warning_signs"))
    parts.append(content.text(lang, "ui", "booking"))
    parts.append(content.text(lang, "ui", "disclaimer"))
    return "\n\n".join(p for p in parts if p)
