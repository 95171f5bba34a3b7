"""What the matcher returns: plain data, shared by the engine, the CLI and the event log."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Subject = Literal["self", "other"]
Gender = Literal["female", "male"]


@dataclass(frozen=True, slots=True)
class ConceptMatch:
    id: str
    score: float
    negated: bool
    evidence: str  # the words of the message that matched
    # A negation too far or too vague to trust: neither affirmed nor denied, the dialogue must
    # ask. An uncertain concept is never reported as negated.
    uncertain: bool = False


@dataclass(frozen=True, slots=True)
class MatchResult:
    lang: str
    concepts: list[ConceptMatch] = field(default_factory=list)
    # whose symptoms the text tells: the writer's own, or someone else's they ask about
    subject: Subject = "self"
    # of someone else: "female" / "male" when the words tell it ("my mum", «у него»), else None
    subject_gender: Gender | None = None

    @property
    def affirmed(self) -> list[str]:
        return [c.id for c in self.concepts if not c.negated and not c.uncertain]

    @property
    def negated(self) -> list[str]:
        return [c.id for c in self.concepts if c.negated and not c.uncertain]

    @property
    def uncertain(self) -> list[str]:
        return [c.id for c in self.concepts if c.uncertain]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "lang": self.lang,
            "concepts": [asdict(c) for c in self.concepts],
            "subject": self.subject,
        }
        if self.subject == "other":
            data["subject_gender"] = self.subject_gender
        return data
