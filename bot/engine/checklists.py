"""Checklists ("tick any that apply"): a press on an item toggles its tick; "done" ("None of
these" while nothing is ticked) affirms the ticked items and denies the others. A tick of an
emergency sign is confirmed first (bot/engine/asking.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue.model import Node
from bot.engine import replies, wording
from bot.engine.answers import option_label
from bot.engine.session import Session
from bot.engine.turns import ReplyOption, Turn
from bot.events import ReplyEvent
from bot.matcher.result import MatchResult

if TYPE_CHECKING:
    from bot.engine.engine import Engine

# The button that leaves a checklist ("None of these" / "Done").
DONE = "done"
# an item's words in a message this short are the tick itself ("pregnant", "I am pregnant");
# in a longer one they may be someone else's or denied, and the matcher decides
SHORT_ITEM_WORDS = 3


def press(engine: Engine, session: Session, node: Node, option_id: str) -> Turn:
    """An item toggles its tick (the same step shown again); "done" leaves the list."""
    if option_id != DONE:
        ticks = session.ticks
        session.ticks = (
            [t for t in ticks if t != option_id] if option_id in ticks else [*ticks, option_id]
        )
        return Turn(
            replies.reply(engine, session, [], ReplyEvent.TOGGLED, chosen=option_id), session
        )
    serious = [
        item
        for item in session.ticks
        if any(engine._level(c) == "emergency" for c in sets_of(node, item))
    ]
    if serious:  # each tick of a warning sign is confirmed before the emergency advice
        engine.asking.ask_first(session, {"kind": "ticks", "node": node.id})
        return Turn(replies.reply(engine, session, [], ReplyEvent.ASKED, chosen=DONE), session)
    return finish(engine, session, node, [])


def finish(engine: Engine, session: Session, node: Node, messages: list[str]) -> Turn:
    """Ticked items are affirmed, the others denied; then on to the list's ``next``."""
    ticked = set(session.ticks)
    for item in node.items:
        for concept in item.sets:
            engine._set_concept(session, concept, item.id in ticked, pressed=True)
        if item.id in ticked:
            for name, points in item.score.items():
                session.scores[name] = session.scores.get(name, 0) + points
    session.answers[node.id] = "+".join(i.id for i in node.items if i.id in ticked) or "none"
    session.ticks = []
    rule = engine._fired_rule(session)
    target = rule.goto if rule else engine._first(node.next, session, node)
    engine._arrive(session, target, messages)
    event = ReplyEvent.EMERGENCY_RULE if rule else ReplyEvent.ASKED
    return Turn(replies.reply(engine, session, messages, event, chosen=DONE), session)


def typed(
    engine: Engine,
    session: Session,
    node: Node,
    text: str,
    reading: str | None,
    match: MatchResult | None,
    notes: list[str],
) -> Turn:
    """Words at a checklist: signs it names are ticked for the person to see; "no" or
    "none" leaves it; an item's or exit's words press it."""
    found = set(match.affirmed) if match else set()
    named = [i.id for i in node.items if found & set(i.sets) and i.id not in session.ticks]
    if named:  # "I have a fever": ticked for them, to see and confirm with "Done"
        session.ticks = [*session.ticks, *named]
        return Turn(replies.reply(engine, session, notes, ReplyEvent.ASKED, match=match), session)
    option_id = engine.answers.match(node.id, text)
    option = node.option(option_id) if option_id else None
    if option in node.items and not _meant(engine, node, option_id or "", text, reading, match):
        option = None  # "I'm not pregnant", «жена беременна»: the item's words, not a tick
    if option is not None:
        if option in node.items:
            return press(engine, session, node, option.id)
        return engine._choose(session, node, option, notes, match)
    if reading == "no" and _signs(engine, node) and _denies_an_item(node, match):
        # "I don't have a fever" at the urgent signs: one sign denied, the others unanswered -
        # the list again, never "none of these" for all of them
        return replies.reask(engine, session, match, notes)
    if reading == "no" or option_id == DONE or _only_denied(engine, node, match):
        return press(engine, session, node, DONE)
    return replies.reask(engine, session, match, notes)


def _meant(
    engine: Engine,
    node: Node,
    option_id: str,
    text: str,
    reading: str | None,
    match: MatchResult | None,
) -> bool:
    """Whether an item found by its words in the message is the person's tick: not after an
    opening no, not when the matcher read its sign as denied, doubtful or someone else's, and
    in a longer message only when the words are the item's own as they stand."""
    if reading == "no":
        return False
    sets = set(sets_of(node, option_id))
    if match is not None and any(c.id in sets for c in match.concepts):
        return False  # reported, not affirmed (an affirmed one is ticked above)
    return len(text.split()) <= SHORT_ITEM_WORDS or engine.answers.exact(node.id, text)


def _signs(engine: Engine, node: Node) -> bool:
    """Whether the list asks about warning signs (emergency or urgent)."""
    return any(engine._red_flag(c) for item in node.items for c in item.sets)


def _denies_an_item(node: Node, match: MatchResult | None) -> bool:
    signs = {c for item in node.items for c in item.sets}
    return match is not None and any(c.id in signs and c.negated for c in match.concepts)


def _only_denied(engine: Engine, node: Node, match: MatchResult | None) -> bool:
    """Whether the words only deny items of a list of no warning signs ("I'm not pregnant",
    «какая беременность, мне 60» at the other causes): "none of these". A list with warning
    signs is never left on one denial - the others must still be answered."""
    signs = {c for item in node.items for c in item.sets}
    if match is None or _signs(engine, node):
        return False
    told = [c for c in match.concepts if c.id in signs]
    affirmed = [c for c in match.concepts if not c.negated]
    return bool(told) and not affirmed and all(c.negated and not c.uncertain for c in told)


def options(engine: Engine, session: Session, node: Node) -> list[ReplyOption]:
    """The items, each marked ticked or not, the exits, then "None of these" / "Done"."""
    lang = session.lang
    shown = []
    for option in node.options:
        label = option_label(engine.content, lang, node.id, option.id, wording.variants(session))
        if option in node.items:
            mark = "ticked" if option.id in session.ticks else "unticked"
            label = engine.content.text(lang, "ui", mark, label=label)
        shown.append(ReplyOption(option.id, label))
    done = "checklist_done" if session.ticks else "checklist_none"
    shown.append(ReplyOption(DONE, engine.content.text(lang, "ui", done)))
    return shown


def sets_of(node: Node, option_id: str) -> tuple[str, ...]:
    option = node.option(option_id)
    return option.sets if option is not None else ()
