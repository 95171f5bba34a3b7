"""The state of one conversation: plain data that round-trips through JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
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
        data = self.to_json()
        del data["history"]
        return data

    def push_history(self) -> None:
        self.history.append(self.snapshot())
        del self.history[:-MAX_HISTORY]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Session:
        """Rebuild a stored session; unknown keys (from a newer version) are ignored."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
