"""How a stored typed text is read again for operators."""

from __future__ import annotations

from typing import Any

import pytest

from bot.engine import Engine
from bot.operators.reading import DialogueTexts


@pytest.fixture(scope="module")
def texts(engine: Engine) -> DialogueTexts:
    return DialogueTexts(engine.dialogue, engine.content)


def event(node: str, value: str | None, concepts: list[dict[str, Any]] | None = None,
          reply_event: str = "asked") -> dict[str, Any]:  # fmt: skip
    return {"node": node, "value": value, "concepts": concepts or [], "event": reply_event}


def yes_no_question(texts: DialogueTexts) -> str:
    return next(
        n.id for n in texts.dialogue.nodes.values() if {"yes", "no"} <= {o.id for o in n.options}
    )


def test_concepts_with_their_negation_and_uncertainty(texts: DialogueTexts) -> None:
    reading = texts.read(event("describe", "back hurts, no fever, maybe numb", [
        {"id": "low_back_pain", "score": 100.0, "negated": False},
        {"id": "fever", "score": 100.0, "negated": True, "uncertain": False},
        {"id": "numbness_tingling", "score": 90.0, "negated": False, "uncertain": True},
    ]))  # fmt: skip
    assert reading.kind == "concepts" and reading.understood
    assert [(c.id, c.reading) for c in reading.concepts] == [
        ("low_back_pain", "affirmed"), ("fever", "negated"), ("numbness_tingling", "uncertain"),
    ]  # fmt: skip


def test_a_typed_answer_is_taken_as_its_button(texts: DialogueTexts) -> None:
    node = yes_no_question(texts)
    reading = texts.read(event(node, "nope"))
    assert (reading.kind, reading.option, reading.option_label) == ("button", "no", "No")
    assert texts.read(event(node, "да")).option == "yes"


def test_not_understood_and_not_kept(texts: DialogueTexts) -> None:
    node = yes_no_question(texts)
    assert texts.read(event(node, "purple elephants", reply_event="reask")).kind == (
        "not_understood"
    )
    assert not texts.read(event("describe", "purple elephants")).understood
    assert texts.read(event("describe", None)).kind == "not_kept"


def test_questions_are_named_by_their_text_in_the_operators_language(
    texts: DialogueTexts, engine: Engine
) -> None:
    english = texts.question("consent", "en")
    russian = texts.question("consent", "ru")
    assert english.split()[:3] == engine.content.text("en", "nodes", "consent").split()[:3]
    assert russian.split()[:3] == engine.content.text("ru", "nodes", "consent").split()[:3]
    assert len(english) <= 90
    assert texts.question("no_such_node", "en") == "no_such_node"
    assert texts.question("consent", "fr") == english  # the content's default language
