"""The state of one conversation: plain data that round-trips through JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict, cast

from bot.dialogue.model import Urgency

MAX_HISTORY = 60  # /back steps kept; a conversation is far shorter than this

# /back history is stored as steps: only its last entry is a whole state (the state before the
# latest step); every earlier entry is a delta, {DELTA: {field: change}}, that turns the entry
# after it back into the state before it. A step changes a few fields, so a session grows by
# a step's size per turn instead of by a whole copy of itself (which made it quadratic).
DELTA = "~"
_DICT_FIELDS = ("answers", "concepts", "scores")
_LIST_FIELDS = ("fired", "ticks", "typed", "pressed", "asked_again")


class Outcome(TypedDict):
    """The advice reached: stored in the session and the event log as this JSON object."""

    urgency: Urgency | None  # None after a refusal (the safety net): no verdict
    specialists: list[str]  # "emergency" first where it is one
    red_flags: list[str]  # the warning signs affirmed, most serious first


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
    outcome: Outcome | None = None  # set once an outcome node is reached
    # for /back: deltas, then the whole state before the latest step (see DELTA above)
    history: list[dict[str, Any]] = field(default_factory=list)
    version: str = ""  # the dialogue's version it was stored under (Dialogue.version)
    # whose symptoms: "" not known yet, "self", or "other" (someone the writer asks for)
    subject: str = ""
    # of someone else: "female" / "male" once a message told it ("my mum", «у неё»), else ""
    subject_gender: str = ""
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
            "subject_gender": self.subject_gender,
            "ticks": list(self.ticks),
            "pending": [dict(p) for p in self.pending],
            "typed": list(self.typed),
            "pressed": list(self.pressed),
            "asked_again": list(self.asked_again),
            "switched_from": self.switched_from,
        }

    def push_history(self) -> None:
        """Remember the state now, before a step, for /back."""
        now = self.snapshot()
        if self.history:
            self.history[-1] = _delta(self.history[-1], now)
        self.history.append(now)
        del self.history[:-MAX_HISTORY]

    def drop_unchanged_history(self) -> None:
        """Forget the state just remembered if the step changed nothing but the turn count:
        then /back goes to the step before, and a person who repeats themselves does not make
        the session (stored after every step) grow."""
        if self.history and {**self.history[-1], "turns": self.turns} == self.snapshot():
            self._pop_history()

    def back(self) -> Session:
        """The session as it was before its latest step (``self`` is not changed); the
        session itself when there is no step to go back to."""
        if not self.history:
            return self
        earlier = self.copy()
        state = earlier._pop_history()
        return Session.from_json(state | {"history": earlier.history})

    def _pop_history(self) -> dict[str, Any]:
        """Take the latest remembered state off the history; the entry before it becomes a
        whole state in turn."""
        state = self.history.pop()
        if self.history and DELTA in self.history[-1]:
            self.history[-1] = _undo(state, self.history[-1][DELTA])
        return state

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
                history=_steps(list(data.get("history", []))),
                version=str(data.get("version", "")),
                subject=str(data.get("subject", "")),
                subject_gender=str(data.get("subject_gender", "")),
                ticks=list(data.get("ticks", [])),
                pending=[dict(p) for p in data.get("pending", [])],
                typed=list(data.get("typed", [])),
                pressed=list(data.get("pressed", [])),
                asked_again=list(data.get("asked_again", [])),
                switched_from=str(data.get("switched_from", "")),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"not a stored session: {type(error).__name__}") from None


def _copy_outcome(outcome: Outcome | None) -> Outcome | None:
    if outcome is None:
        return None
    # every key as stored (not only Outcome's): a session is given back as it was written
    copied = {
        key: list(value) if isinstance(value, list) else value for key, value in outcome.items()
    }
    return cast(Outcome, copied)


def _delta(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What turns the state ``after`` back into ``before``: each field that differs, dicts by
    key, a list that only grew by its old length."""
    changes: dict[str, Any] = {}
    for name, old in before.items():
        new = after.get(name)
        if old == new:
            continue
        if name in _DICT_FIELDS and isinstance(new, dict):
            changes[name] = {
                "set": {key: value for key, value in old.items() if new.get(key, ...) != value},
                "del": [key for key in new if key not in old],
            }
        elif name in _LIST_FIELDS and isinstance(new, list) and new[: len(old)] == old:
            changes[name] = {"cut": len(old)}
        else:
            changes[name] = {"was": old}
    return {DELTA: changes}


def _undo(after: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """The state before, from the state ``after`` and the delta between them (copied)."""
    before = Session.from_json(after).snapshot()
    for name, change in changes.items():
        if "was" in change:
            before[name] = change["was"]
        elif "cut" in change:
            del before[name][change["cut"] :]
        else:
            for key in change["del"]:
                before[name].pop(key, None)
            before[name].update(change["set"])
    return before


def _steps(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """History in steps; sessions stored before it was (a whole state per entry) are
    migrated here, once, when they are next loaded."""
    if len(history) < 2 or DELTA in history[0]:
        return history
    return [
        entry if DELTA in entry or index == len(history) - 1 else _delta(entry, history[index + 1])
        for index, entry in enumerate(history)
    ]
