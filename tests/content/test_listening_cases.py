"""Issue 15's conversations (tests/content/listening_cases.py) through the engine, with the
real dialogue, content and matcher: each to its exact advice, in both languages."""

from __future__ import annotations

import pytest

from bot.engine import Engine, UserInput

from .listening_cases import CASES, Case, foreign_words, play_case


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_each_conversation_reaches_its_exact_advice(engine: Engine, case: Case) -> None:
    turn, texts = play_case(engine, case)
    assert turn.reply.node == case.node, texts[-1]
    assert case.reached(turn.reply.outcome), turn.reply.outcome
    assert turn.session.lang == case.lang
    for phrase in case.says:
        assert phrase in turn.reply.text
    for phrase in case.never:
        assert not [t for t in texts if phrase in t], phrase
    for phrase in case.seen:
        assert [t for t in texts if phrase in t], phrase
    for phrase in case.once:
        assert len([t for t in texts if phrase in t]) == 1, phrase
    if not case.language_user:  # a switched chat began in the other language
        assert foreign_words(case.lang, texts) == []
    if case.then:
        after = engine.step(turn.session, UserInput.text(case.then))
        for phrase in case.then_says:
            assert phrase in after.reply.text
        assert after.reply.outcome == turn.reply.outcome
