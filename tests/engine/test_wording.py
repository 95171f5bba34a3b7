"""Questions about someone else worded for them (bot/engine/wording.py), with the real texts."""

from __future__ import annotations

import re

import pytest

from bot.dialogue.model import URGENCY_LEVELS
from bot.engine import Engine, UserInput
from bot.engine.advice import render_advice
from bot.engine.answers import option_label
from bot.engine.session import Session
from bot.engine.wording import FOR_A_MAN, concept_text, has_other, node_text, ui_text


def about(engine: Engine, lang: str, subject: str) -> Session:
    session = engine.start(lang).session
    session.subject = subject
    return session


@pytest.mark.parametrize(
    ("lang", "mine", "theirs"),
    [
        ("en", "How old are you?", "How old are they?"),
        ("ru", "Сколько вам лет?", "Сколько ему лет?"),
    ],
)
def test_a_question_is_worded_for_whom_it_is_about(
    engine: Engine, lang: str, mine: str, theirs: str
) -> None:
    assert node_text(engine.content, about(engine, lang, "self"), "age") == mine
    assert node_text(engine.content, about(engine, lang, "other"), "age") == theirs
    assert node_text(engine.content, about(engine, lang, ""), "age") == mine  # not known yet


@pytest.mark.parametrize(
    ("lang", "mine", "theirs"), [("en", "I am pregnant", "She is pregnant"),
                                 ("ru", "Я беременна", "Она беременна")],
)  # fmt: skip
def test_a_label_is_worded_for_whom_it_is_about_and_both_are_understood(
    engine: Engine, lang: str, mine: str, theirs: str
) -> None:
    assert option_label(engine.content, lang, "other_causes", "pregnant") == mine
    assert option_label(engine.content, lang, "other_causes", "pregnant", FOR_A_MAN) == theirs
    # a label without its own wording for someone else is the same for both
    assert option_label(engine.content, lang, "spread", "foot", FOR_A_MAN) == option_label(
        engine.content, lang, "spread", "foot"
    )


def test_a_text_without_a_wording_for_someone_else_is_shown_under_a_line_saying_so(
    engine: Engine,
) -> None:
    session = about(engine, "en", "other")
    at_consent = engine.dialogue.nodes["consent"]  # about the writer, not the person
    text = engine._question_text(session, at_consent)
    assert text.startswith(engine.content.text("en", "ui", "for_other") + "\n")
    assert ui_text(engine.content, session, "confirm_ticks", signs="x").endswith(
        "is this new for them and happening now?"
    )
    assert ui_text(engine.content, session, "stale") == engine.content.text("en", "ui", "stale")


def test_every_question_about_the_person_has_a_wording_for_someone_else(engine: Engine) -> None:
    """Consent is the writer's own; every other question and checklist is about the person."""
    consent = engine.dialogue.consent[0] if engine.dialogue.consent else ""
    missing = [
        (lang, node.id)
        for node in engine.dialogue.nodes.values()
        if node.type in ("question", "checklist") and node.id != consent
        for lang in engine.content.languages
        if not isinstance(engine.content.lookup(lang, "nodes", node.id, "other"), str)
    ]
    assert missing == []


def test_the_person_concerned_changes_the_words_and_not_the_route(engine: Engine) -> None:
    mine = engine.step(engine.start("ru").session, UserInput.option("agree"))
    theirs = engine.step(mine.session, UserInput.option("skip"))
    theirs.session.subject = "other"
    again = engine.step(theirs.session, UserInput.option("done"))
    assert again.reply.node == "urgent_signs"
    assert again.reply.text == engine.content.text("ru", "nodes", "urgent_signs", "other")


# Second person in the advice: for someone else it may only address the writer (what they
# told, what they noticed, their local number), never the patient's body or what to do.
YOU = {
    "en": re.compile(r"[^.;:]*\byou(?:r|rself)?\b[^.;:]*", re.I),
    "ru": re.compile(r"[^.;:]*(?<!\w)(?:вы|вас|вам|вами|ваш\w*|себ\w+)(?!\w)[^.;:]*", re.I),
}
TO_THE_WRITER = {
    "en": ("your local emergency number", "what you told me", "you wait", "if you can",
           "you noticed"),
    "ru": ("вы заметили", "вы рассказали"),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("urgency", URGENCY_LEVELS)
def test_advice_about_someone_else_is_worded_for_them(
    engine: Engine, lang: str, urgency: str
) -> None:
    """Every ending, at every level, with every sign said back: for the person concerned."""
    session = about(engine, lang, "other")
    session.concepts = dict.fromkeys(engine.content.concepts, True)
    addressed = set()
    for node in engine.dialogue.nodes.values():
        if node.type != "outcome" or node.safety_net:
            continue
        assert has_other(engine.content, lang, "nodes", node.id), node.id
        outcome = {"urgency": urgency, "specialists": [], "red_flags": []}
        advice = render_advice(node, outcome, session, engine.content)
        addressed |= {m.group().strip() for m in YOU[lang].finditer(advice)}
    reasons = [concept_text(engine.content, session, c) or "" for c in engine.content.concepts]
    addressed |= {m.group().strip() for r in reasons for m in YOU[lang].finditer(r)}
    assert [a for a in addressed if not any(w in a for w in TO_THE_WRITER[lang])] == []


def test_advice_for_oneself_is_unchanged_by_the_wording_for_others(engine: Engine) -> None:
    session = about(engine, "en", "self")
    outcome = {"urgency": "soon", "specialists": [], "red_flags": []}
    advice = render_advice(engine.dialogue.nodes["age_check"], outcome, session, engine.content)
    assert "Please see a doctor within the next few days." in advice
    assert "examine you" in advice
    assert "they" not in advice.split()
