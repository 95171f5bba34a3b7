"""What the matcher returns: plain data, shared by the engine, the CLI and the event log."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class ConceptMatch:
    id: str
    score: float
    negated: bool
    evidence: str  # the words of the message that matched


@dataclass(frozen=True, slots=True)
class MatchResult:
    lang: str
    concepts: list[ConceptMatch] = field(default_factory=list)

    @property
    def affirmed(self) -> list[str]:
        return [c.id for c in self.concepts if not c.negated]

    @property
    def negated(self) -> list[str]:
        return [c.id for c in self.concepts if c.negated]

    def to_json(self) -> dict:
        return {"lang": self.lang, "concepts": [asdict(c) for c in self.concepts]}
