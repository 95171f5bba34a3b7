"""What goes into the engine and what comes out of one step: plain data for front ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypedDict

from bot.engine.session import Outcome, Session
from bot.events import ReplyEvent
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


class Booking(TypedDict, total=False):
    """Where to book, under advice that offers it: both keys, or none (``{}``)."""

    booking_url: str
    phone: str


@dataclass
class Reply:
    node: str
    text: str
    options: list[ReplyOption]
    outcome: Outcome | None = None
    event: ReplyEvent = ReplyEvent.ASKED  # what happened, for front ends and the event log
    chosen: str | None = None  # the option taken this turn
    match: MatchResult | None = None  # concepts found in typed text
    booking: Booking = field(default_factory=lambda: Booking())  # on outcomes that offer it


@dataclass
class Turn:
    reply: Reply
    session: Session
