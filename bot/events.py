"""The names written to the event log: what the person did (``kind``) and what the bot
replied (``event``).

A leaf module with no imports from the bot, so the engine, the conversations, the storage
backends and the operators' tools all share one vocabulary without importing each other.
The values are the strings stored in the ``events`` table (``kind`` and ``event`` columns):
a ``StrEnum`` member equals its string, so rows written before these enums read the same.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NotRequired, TypedDict

if TYPE_CHECKING:  # for the type only: the storage need not load the engine
    from bot.engine.session import Outcome


class EventKind(StrEnum):
    """What the person did: the ``kind`` column of an event."""

    START = "start"  # a new conversation (first contact, /start after the end)
    OPTION = "option"  # a button
    TEXT = "text"  # typed words (stored scrubbed, and only with consent)
    COMMAND = "command"  # /back, /restart, /repeat
    BOOKING = "booking"  # the booking button under the advice, outside the dialogue


class ReplyEvent(StrEnum):
    """What the bot's reply was: ``Reply.event`` and the ``event`` column of an event."""

    ASKED = "asked"  # the next (or the same) question
    REASK = "reask"  # the answer was not understood; the question again
    OUTCOME = "outcome"  # the advice of an outcome node
    DECLINED = "declined"  # the safety net after a refusal: no triage outcome, not logged as one
    EMERGENCY_RULE = "emergency_rule"  # a warning sign jumped to emergency advice
    RESTARTED = "restarted"  # a new conversation within the same chat
    BACK = "back"  # one step back
    ENDED = "ended"  # the conversation is over; the advice stands
    TOGGLED = "toggled"  # a checklist's tick changed (front ends redraw the buttons in place)


# replies whose event carries the advice reached (the ``outcome`` column)
ADVICE_EVENTS = frozenset({ReplyEvent.OUTCOME, ReplyEvent.EMERGENCY_RULE})


class ConceptFound(TypedDict):
    """A concept the matcher found in typed words (the ``concepts`` column holds a list)."""

    id: str
    score: float  # rounded to one decimal
    negated: bool
    uncertain: bool


class Event(TypedDict):
    """One row of the event log as the bot writes it. Every event names the person's act
    (``kind``) at a step (``node``); the event of a dialogue turn also says what the bot found
    and replied, one outside the dialogue (a ``booking``) does not."""

    conversation: str  # one run of the dialogue; "" if the session had none
    person: str  # the pseudonym, never a Telegram id
    channel: str  # "telegram" | "terminal"
    lang: str
    campaign: str | None
    node: str | None  # the step answered (None: the start)
    kind: EventKind
    value: str | None  # the option, command or scrubbed text (None: typed without consent)
    # a dialogue turn's only:
    concepts: NotRequired[list[ConceptFound] | None]
    reply_node: NotRequired[str]
    event: NotRequired[ReplyEvent]
    outcome: NotRequired[Outcome | None]  # with ADVICE_EVENTS only
    at: NotRequired[float]  # when (Unix time); the time it is written if absent
