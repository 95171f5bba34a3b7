"""The dialogue graph as plain, immutable Python objects (built by ``loader.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

NodeType = Literal["info", "question", "checklist", "text", "outcome"]
Urgency = Literal["emergency", "urgent", "soon", "routine"]

# highest first, as in docs/product.md
URGENCY_LEVELS: tuple[Urgency, ...] = ("emergency", "urgent", "soon", "routine")

SPECIALISTS: tuple[str, ...] = (
    "emergency", "neurologist", "vertebrologist", "neurosurgeon", "orthopedist",
    "traumatologist", "urologist", "gynecologist", "surgeon", "vascular_surgeon",
    "rheumatologist", "oncologist", "therapist",
)  # fmt: skip

# A condition is kept as the author wrote it (a small dict, see dialogues/README.md);
# ``bot.engine.conditions`` evaluates it.
Condition = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Transition:
    goto: str
    when: Condition | None = None  # None: always


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    next: tuple[Transition, ...]
    sets: tuple[str, ...] = ()  # concepts this answer affirms
    clears: tuple[str, ...] = ()  # concepts this answer denies
    score: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    type: NodeType
    line: int
    next: tuple[Transition, ...] = ()
    options: tuple[Option, ...] = ()
    asks: str | None = None  # the concept a yes/no question is about
    skip: tuple[Transition, ...] = ()  # tried on arrival: the first that holds is taken
    urgency: Urgency | None = None
    specialists: tuple[str, ...] = ()
    # an outcome that only repeats the warning signs and the number (after a refusal): no
    # verdict on urgency, no booking
    safety_net: bool = False

    @property
    def items(self) -> tuple[Option, ...]:
        """A checklist's tickable options (those that lead nowhere by themselves)."""
        return tuple(o for o in self.options if not o.next)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    @property
    def targets(self) -> list[str]:
        """Every node this one can lead to, by any answer or condition."""
        found = [t.goto for t in (*self.next, *self.skip)]
        found += [t.goto for o in self.options for t in o.next]
        return found


@dataclass(frozen=True, slots=True)
class Dialogue:
    id: str
    start: str
    nodes: dict[str, Node]
    rules: tuple[Transition, ...] = ()
    file: str = ""
    # changes whenever the graph changes (not its comments): stored sessions of another
    # version start again rather than resume in a graph that means something else now
    version: str = ""
    # (question node, the answers that give consent); None: nothing to ask, logging allowed
    consent: tuple[str, tuple[str, ...]] | None = None
    # what a typed message can answer ahead of its question (see bot/engine/listening.py)
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)
