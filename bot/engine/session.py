"""The state of one conversation: plain data that round-trips through JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
    version: str = ""  # the dialogue's version it was stored under (Dialogue.version)
    # whose symptoms: "" not known yet, "self", or "other" (someone the writer asks for)
    subject: str = ""
    ticks: list[str] = field(default_factory=list)  # items ticked at the current checklist
    # questions the bot must put before the current step, first first: each a small dict
    # ({"kind": "confirm" | "subject" | "slots" | "ticks", ...}), see bot/engine/asking.py
    pending: list[dict[str, Any]] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)  # concepts known only from typed words
    pressed: list[str] = field(default_factory=list)  # concepts answered with a button
    asked_again: list[str] = field(default_factory=list)  # conflicts already asked about once
    switched_from: str = ""  # the language before the person's own words switched it, once

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
            "subject": self.subject,
            "ticks": list(self.ticks),
            "pending": [dict(p) for p in self.pending],
            "typed": list(self.typed),
            "pressed": list(self.pressed),
            "asked_again": list(self.asked_again),
            "switched_from": self.switched_from,
        }

    def push_history(self) -> None:
        self.history.append(self.snapshot())
        del self.history[:-MAX_HISTORY]

    def drop_unchanged_history(self) -> None:
        """Forget the snapshot just taken if the step changed nothing but the turn count: then
        /back goes to the step before, and a person who repeats themselves does not make
        the session (stored after every step) grow."""
        if self.history and {**self.history[-1], "turns": self.turns} == self.snapshot():
            self.history.pop()

    def copy(self) -> Session:
        """An independent copy (snapshots are never changed once taken, so they are shared)."""
        return Session(**self.snapshot(), history=list(self.history))

    def to_json(self) -> dict[str, Any]:
        # by hand rather than dataclasses.asdict: this runs twice per turn, and asdict's
        # recursive deep copy of the history was most of a turn's time
        return self.snapshot() | {"history": list(self.history)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Session:
        """Rebuild a stored session (copying it); ``ValueError`` if it is not one."""
        try:
            return cls(
                dialogue=str(data["dialogue"]),
                lang=str(data["lang"]),
                node=str(data.get("node", "")),
                answers=dict(data.get("answers", {})),
                concepts=dict(data.get("concepts", {})),
                scores=dict(data.get("scores", {})),
                fired=list(data.get("fired", [])),
                turns=int(data.get("turns", 0)),
                outcome=_copy_outcome(data.get("outcome")),
                history=list(data.get("history", [])),
                version=str(data.get("version", "")),
                subject=str(data.get("subject", "")),
                ticks=list(data.get("ticks", [])),
                pending=[dict(p) for p in data.get("pending", [])],
                typed=list(data.get("typed", [])),
                pressed=list(data.get("pressed", [])),
                asked_again=list(data.get("asked_again", [])),
                switched_from=str(data.get("switched_from", "")),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"not a stored session: {type(error).__name__}") from None


def _copy_outcome(outcome: dict[str, Any] | None) -> dict[str, Any] | None:
    if outcome is None:
        return None
    return {
        key: list(value) if isinstance(value, list) else value for key, value in outcome.items()
    }
