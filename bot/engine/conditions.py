"""Evaluating the conditions authors write in ``if:`` (see dialogues/README.md)."""

from __future__ import annotations

from bot.content import Content
from bot.dialogue.model import Condition
from bot.engine.session import Session


def holds(condition: Condition | None, session: Session, content: Content) -> bool:
    if condition is None:
        return True
    if "concept" in condition:
        return session.concepts.get(condition["concept"]) is True
    if "denied" in condition:
        return session.concepts.get(condition["denied"]) is False
    if "level" in condition:
        level = condition["level"]
        concepts = content.concepts
        return any(concepts[c].level == level for c in session.affirmed() if c in concepts)
    if "told" in condition:
        # anything about their health known yet, typed or pressed, affirmed or denied
        return bool(session.concepts) is condition["told"]
    if "setting" in condition:
        return bool(content.clinic.get(condition["setting"]))
    if "answered" in condition:
        ((node_id, wanted),) = condition["answered"].items()
        wanted = [wanted] if isinstance(wanted, str) else wanted
        return bool(session.answers.get(node_id) in wanted)
    if "at_least" in condition:
        return bool(session.scores.get(condition["score"], 0) >= condition["at_least"])
    if "below" in condition:
        return bool(session.scores.get(condition["score"], 0) < condition["below"])
    if "all" in condition:
        return all(holds(c, session, content) for c in condition["all"])
    if "any" in condition:
        return any(holds(c, session, content) for c in condition["any"])
    if "not" in condition:
        return not holds(condition["not"], session, content)
    raise ValueError(f"unknown condition {sorted(condition)}")  # the schema prevents this


def concepts_in(condition: Condition | None) -> list[str]:
    """Every concept id a condition mentions (for the validator)."""
    if not condition:
        return []
    found = [condition[k] for k in ("concept", "denied") if k in condition]
    for key in ("all", "any"):
        for inner in condition.get(key, []):
            found += concepts_in(inner)
    if "not" in condition:
        found += concepts_in(condition["not"])
    return found


def answers_in(condition: Condition | None) -> list[tuple[str, list[str]]]:
    """Every (node, options) pair an ``answered`` condition mentions (for the validator)."""
    if not condition:
        return []
    found: list[tuple[str, list[str]]] = []
    if "answered" in condition:
        ((node_id, wanted),) = condition["answered"].items()
        found.append((node_id, [wanted] if isinstance(wanted, str) else list(wanted)))
    for key in ("all", "any"):
        for inner in condition.get(key, []):
            found += answers_in(inner)
    if "not" in condition:
        found += answers_in(condition["not"])
    return found
