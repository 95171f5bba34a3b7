"""Negation scope, on the real lexicon and the real cue file."""

import pytest

from bot.matcher import Matcher


def _state(matcher: Matcher, text: str) -> dict[str, bool]:
    """concept id -> negated?"""
    return {c.id: c.negated for c in matcher.match(text).concepts}


@pytest.mark.parametrize("text, concept", [
    ("no fever", "fever"),
    ("I have no fever", "fever"),
    ("never had cancer", "cancer_history"),
    ("without any numbness", "numbness_tingling"),
    ("I don't have a temperature", "fever"),
    ("temp always normal", "fever"),
    ("не немеет", "numbness_tingling"),
    ("без температуры", "fever"),
    ("температуры нет", "fever"),
    ("нет температуры", "fever"),
    ("онемения нигде нет", "numbness_tingling"),
    ("тяжести не таскал", "lifting_onset"),
    ("не падал", None),
])
def test_negated(matcher: Matcher, text: str, concept: str | None) -> None:
    state = _state(matcher, text)
    if concept is None:
        assert not matcher.match(text).affirmed
    else:
        assert state.get(concept) is True, state


@pytest.mark.parametrize("text, negated, affirmed", [
    ("no fever but my leg is numb", "fever", "numbness_tingling"),
    ("no fever, my leg is numb", "fever", "numbness_tingling"),
    ("нет температуры, но нога немеет", "fever", "numbness_tingling"),
    ("температуры нет, а нога немеет", "fever", "numbness_tingling"),
    ("no fever and I can't pee", "fever", "bladder_dysfunction"),
    ("не знобит и не могу помочиться", "fever", "bladder_dysfunction"),
])
def test_scope_ends_at_clause_boundary(matcher: Matcher, text: str, negated: str,
                                       affirmed: str) -> None:
    state = _state(matcher, text)
    assert state.get(negated) is True, state
    assert state.get(affirmed) is False, state


@pytest.mark.parametrize("text, concept", [
    ("can't feel my butt", "saddle_numbness"),
    ("не могу помочиться", "bladder_dysfunction"),
    ("I haven't been able to get it up", "sexual_dysfunction"),
    ("no feeling in my groin", "saddle_numbness"),
    ("нет эрекции уже неделю", "sexual_dysfunction"),
    ("ночью боль не даёт уснуть", "night_pain"),
    ("не чувствую пол под ногами", "numbness_tingling"),
])
def test_pseudo_negations_are_symptoms(matcher: Matcher, text: str, concept: str) -> None:
    assert concept in matcher.match(text).affirmed


def test_affirmed_wins_over_negated(matcher: Matcher) -> None:
    result = matcher.match("вроде температурила, градусника нет, но знобило точно")
    assert "fever" in result.affirmed
    assert [c.id for c in result.concepts].count("fever") == 1
