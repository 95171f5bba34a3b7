"""The state of one conversation: plain data that round-trips through JSON."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

STATE_VERSION = 1
MAX_HISTORY = 60  # /back steps kept; a conversation is far shorter than this


@dataclass
class Session:
    dialogue: str
    lang: str
    node: str = ""
    answers: dict[str, str] = field(default_factory=dict)  # node id -> chosen option id
    concepts: dict[str, bool] = field(default_factory=dict)  # concept id -> affirmed / denied
    scores: dict[str, int] = field(default_factory=dict)
    fired: list[int] = field(default_factory=list)  # indexes of global rules already taken
    turns: int = 0
    outcome: dict[str, Any] | None = None  # set once an outcome node is reached
    history: list[dict[str, Any]] = field(default_factory=list)  # snapshots for /back
    version: int = STATE_VERSION

    @property
    def ended(self) -> bool:
        return self.outcome is not None

    def affirmed(self) -> list[str]:
        return [concept for concept, yes in self.concepts.items() if yes]

    def snapshot(self) -> dict[str, Any]:
        """The state without its history, copied: later changes do not reach into it."""
        return {
            "dialogue": self.dialogue,
            "lang": self.lang,
            "node": self.node,
            "answers": dict(self.answers),
            "concepts": dict(self.concepts),
            "scores": dict(self.scores),
            "fired": list(self.fired),
            "turns": self.turns,
            "outcome": _copy_outcome(self.outcome),
            "version": self.version,
        }

    def push_history(self) -> None:
        self.history.append(self.snapshot())
        del self.history[:-MAX_HISTORY]

    def copy(self) -> Session:
        """An independent copy (snapshots are never changed once taken, so they are shared)."""
        return Session.from_json(self.to_json())

    def to_json(self) -> dict[str, Any]:
        # by hand rather than dataclasses.asdict: this runs twice per turn, and asdict's
        # recursive deep copy of the history was most of a turn's time
        return self.snapshot() | {"history": list(self.history)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Session:
        """Rebuild a stored session; unknown keys (from a newer version) are ignored."""
        known = {f.name for f in fields(cls)}
        session = cls(**{k: v for k, v in data.items() if k in known})
        return Session(
            dialogue=session.dialogue,
            lang=session.lang,
            node=session.node,
            answers=dict(session.answers),
            concepts=dict(session.concepts),
            scores=dict(session.scores),
            fired=list(session.fired),
            turns=session.turns,
            outcome=_copy_outcome(session.outcome),
            history=list(session.history),
            version=session.version,
        )


def _copy_outcome(outcome: dict[str, Any] | None) -> dict[str, Any] | None:
    if outcome is None:
        return None
    return {
        key: list(value) if isinstance(value, list) else value for key, value in outcome.items()
    }
