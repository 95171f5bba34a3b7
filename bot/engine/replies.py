"""The reply a step ends with: the question shown (again), the advice, or a checklist, with
the notes before it; one function each, as ``checklists`` has them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.engine import checklists, wording
from bot.engine.advice import offers_booking, render_advice
from bot.engine.answers import option_label
from bot.engine.session import Session
from bot.engine.turns import Booking, Reply, ReplyOption, Turn
from bot.events import ReplyEvent
from bot.matcher.result import MatchResult

if TYPE_CHECKING:
    from bot.engine.engine import Engine


def reask(
    engine: Engine,
    session: Session,
    match: MatchResult | None = None,
    notes: list[str] | None = None,
) -> Turn:
    lang = session.lang
    told = [
        phrase
        for concept_id in (match.affirmed if match else [])
        if (phrase := wording.concept_text(engine.content, session, concept_id))
    ]
    messages = list(notes or [])
    if told:  # not an answer to this question, but not lost either: say so
        messages.append(engine.content.text(lang, "ui", "noted", reasons="; ".join(told)))
    elif not session.pending:
        messages.append(engine.content.text(lang, "ui", "not_understood"))
    return Turn(render(engine, session, messages, ReplyEvent.REASK, match=match), session)


def render(
    engine: Engine,
    session: Session,
    messages: list[str],
    event: ReplyEvent,
    match: MatchResult | None = None,
) -> Reply:
    """The reply showing the session's current step again, after ``messages``."""
    if session.ended and event not in (ReplyEvent.BACK, ReplyEvent.ASKED):
        messages = [*messages, engine.content.text(session.lang, "ui", "ended")]
    return reply(engine, session, messages, event, match=match)


def reply(
    engine: Engine,
    session: Session,
    messages: list[str],
    event: ReplyEvent,
    chosen: str | None = None,
    match: MatchResult | None = None,
) -> Reply:
    node = engine.dialogue.nodes[session.node]
    lang = session.lang
    booking = Booking()
    if node.type == "outcome" and session.outcome is not None:
        if event not in (ReplyEvent.ENDED,):
            messages = [*messages, render_advice(node, session.outcome, session, engine.content)]
        options = [ReplyOption("restart", engine.content.text(lang, "ui", "restart"))]
        if offers_booking(node, session.outcome):
            clinic = engine.content.clinic  # both required (checked when it is loaded)
            booking = Booking(booking_url=clinic["booking_url"], phone=clinic["phone"])
        if event == ReplyEvent.ASKED:  # a refusal's safety net is no triage outcome
            event = ReplyEvent.DECLINED if node.safety_net else ReplyEvent.OUTCOME
    elif session.pending:
        text, pending_options = engine.asking.render(session, session.pending[0])
        messages = [*messages, text]
        options = [ReplyOption(i, label) for i, label in pending_options]
    else:
        if event != ReplyEvent.ENDED:
            messages = [*messages, engine._question_text(session, node)]
        options = (
            checklists.options(engine, session, node)
            if node.type == "checklist"
            else [
                ReplyOption(
                    o.id,
                    option_label(engine.content, lang, node.id, o.id, wording.variants(session)),
                )
                for o in node.options
            ]
        )
    if session.outcome is None:  # the advice offers only "start over" (/language works)
        options += engine.asking.language_options(session)
    return Reply(
        node=node.id,
        text="\n\n".join(m for m in messages if m),
        options=options,
        outcome=session.outcome,
        event=event,
        chosen=chosen,
        match=match,
        booking=booking,
    )
