"""What goes into the engine and what comes out of one step: plain data for front ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bot.engine.session import Session
from bot.matcher.result import MatchResult


@dataclass(frozen=True, slots=True)
class UserInput:
    kind: Literal["option", "text", "command"]
    value: str

    @classmethod
    def option(cls, option_id: str) -> UserInput:
        return cls("option", option_id)

    @classmethod
    def text(cls, text: str) -> UserInput:
        return cls("text", text)

    @classmethod
    def command(cls, name: str) -> UserInput:
        return cls("command", name)


@dataclass(frozen=True, slots=True)
class ReplyOption:
    id: str
    label: str


@dataclass
class Reply:
    node: str
    text: str
    options: list[ReplyOption]
    outcome: dict[str, Any] | None = None
    # what happened, for front ends and the event log:
    # asked | reask | outcome | declined (the safety net after a refusal: no outcome) |
    # emergency_rule | restarted | back | ended | toggled
    # ("toggled": a checklist's tick changed; front ends may redraw the buttons in place)
    event: str = "asked"
    chosen: str | None = None  # the option taken this turn
    match: MatchResult | None = None  # concepts found in typed text
    booking: dict[str, str] = field(default_factory=dict)  # url / phone, on outcomes


@dataclass
class Turn:
    reply: Reply
    session: Session
