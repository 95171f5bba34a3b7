"""Questions about someone else worded for them (bot/engine/wording.py), with the real texts."""

from __future__ import annotations

import pytest

from bot.engine import Engine, UserInput
from bot.engine.answers import option_label
from bot.engine.session import Session
from bot.engine.wording import node_text, ui_text


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
    assert option_label(engine.content, lang, "other_causes", "pregnant", other=True) == theirs
    # a label without its own wording for someone else is the same for both
    assert option_label(engine.content, lang, "spread", "foot", other=True) == option_label(
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
