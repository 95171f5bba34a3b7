"""Typed answers placed on options: exact, contained, fuzzy - and what must not match."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.engine.answers import AnswerMatcher


@pytest.fixture(scope="module")
def answers(engine: Engine) -> AnswerMatcher:
    return AnswerMatcher(engine.dialogue, engine.content)


@pytest.mark.parametrize(
    ("node", "typed", "option"),
    [
        ("saddle", "yes", "yes"),
        ("saddle", "YES!!!", "yes"),
        ("saddle", "ага", "yes"),
        ("saddle", "нет", "no"),
        ("saddle", "no idea", "unsure"),  # the longest choice wins over "no"
        ("saddle", "не знаю", "unsure"),
        ("saddle", "Not sure", "unsure"),
        ("duration", "A few days", "days"),
        ("duration", "несколько дней", "days"),
        ("duration", "несколко дней", "days"),  # a typo
        ("duration", "more than 3 months", "months"),
        ("duration", "6-12 недель", "weeks_6_12"),
        ("spread", "Только спина", "back_only"),
        ("consent", "ok", "agree"),
        ("consent", "согласна", "agree"),
    ],
)
def test_typed_answer_is_placed(answers: AnswerMatcher, node: str, typed: str, option: str) -> None:
    assert answers.match(node, typed) == option


@pytest.mark.parametrize(
    ("node", "typed"),
    [
        ("saddle", "yes and no"),  # two answers: ask again rather than guess
        ("saddle", "so"),  # short words are never matched fuzzily
        ("saddle", ""),
        ("saddle", "🙂"),
        ("duration", "purple"),
        ("saddle", "yes " + "word " * 20),  # a long description is not a button press
    ],
)
def test_unclear_answer_is_not_placed(answers: AnswerMatcher, node: str, typed: str) -> None:
    assert answers.match(node, typed) is None


@pytest.mark.parametrize(
    ("node", "typed", "option"),
    [
        ("walking", "I have to stop every hundred metres", "moderate"),
        ("walking", "еле хожу по квартире", "severe"),
        ("walking", "walk fine, it just aches", "little"),
        ("sleep", "it keeps waking me at night", "moderate"),
        ("sleep", "up all night with it", "severe"),
        ("sleep", "сплю спокойно", "little"),
    ],
)
def test_walking_and_sleep_told_in_words(
    answers: AnswerMatcher, node: str, typed: str, option: str
) -> None:
    assert answers.match(node, typed) == option
