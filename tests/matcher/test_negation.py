"""Negation scope, on the real lexicon and the real cue file."""

import pytest

from bot.matcher import Matcher


def _state(matcher: Matcher, text: str) -> dict[str, bool]:
    """concept id -> negated?"""
    return {c.id: c.negated for c in matcher.match(text).concepts}


@pytest.mark.parametrize(
    "text, concept",
    [
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
    ],
)
def test_negated(matcher: Matcher, text: str, concept: str | None) -> None:
    state = _state(matcher, text)
    if concept is None:
        assert not matcher.match(text).affirmed
    else:
        assert state.get(concept) is True, state


@pytest.mark.parametrize(
    "text, negated, affirmed",
    [
        ("no fever but my leg is numb", "fever", "numbness_tingling"),
        ("no fever, my leg is numb", "fever", "numbness_tingling"),
        ("нет температуры, но нога немеет", "fever", "numbness_tingling"),
        ("температуры нет, а нога немеет", "fever", "numbness_tingling"),
        ("no fever and I can't pee", "fever", "bladder_dysfunction"),
        ("не знобит и не могу помочиться", "fever", "bladder_dysfunction"),
    ],
)
def test_scope_ends_at_clause_boundary(
    matcher: Matcher, text: str, negated: str, affirmed: str
) -> None:
    state = _state(matcher, text)
    assert state.get(negated) is True, state
    assert state.get(affirmed) is False, state


@pytest.mark.parametrize(
    "text, concept",
    [
        ("can't feel my butt", "saddle_numbness"),
        ("не могу помочиться", "bladder_dysfunction"),
        ("I haven't been able to get it up", "sexual_dysfunction"),
        ("no feeling in my groin", "saddle_numbness"),
        ("нет эрекции уже неделю", "sexual_dysfunction"),
        ("ночью боль не даёт уснуть", "night_pain"),
        ("не чувствую пол под ногами", "numbness_tingling"),
    ],
)
def test_pseudo_negations_are_symptoms(matcher: Matcher, text: str, concept: str) -> None:
    assert concept in matcher.match(text).affirmed


def test_affirmed_wins_over_negated(matcher: Matcher) -> None:
    result = matcher.match("вроде температурила, градусника нет, но знобило точно")
    assert "fever" in result.affirmed
    assert [c.id for c in result.concepts].count("fever") == 1


@pytest.mark.parametrize(
    "text, concepts",
    [
        ("no fever, chills or sweats", ["fever"]),
        ("no fever, chills, or sweats", ["fever"]),
        ("нет температуры, озноба или потливости", ["fever"]),
        ("без температуры, онемения или слабости в ногах", ["fever", "numbness_tingling"]),
        # a cue after the list reaches back over the commas the same way
        ("онемения, покалывания и слабости нет", ["numbness_tingling"]),
        ("температуры, озноба и онемения нет", ["fever", "numbness_tingling"]),
        ("numbness, tingling or weakness, none of that", ["numbness_tingling"]),
    ],
)
def test_negated_list_goes_on_over_commas(matcher: Matcher, text: str, concepts: list[str]) -> None:
    state = _state(matcher, text)
    for concept in concepts:
        assert state.get(concept) is True, state


@pytest.mark.parametrize(
    "text, negated, affirmed",
    [
        ("no fever, but my leg is numb", "fever", "numbness_tingling"),
        ("no fever, my leg is numb", "fever", "numbness_tingling"),
        ("no fever, leg is numb and weak", "fever", "numbness_tingling"),
        ("no numbness, can't pee", "numbness_tingling", "bladder_dysfunction"),
        ("no fever, numb leg and can't pee", "fever", "bladder_dysfunction"),
        ("leg numb, fever and chills gone", "fever", "numbness_tingling"),
        ("не немеет, но болит и не могу помочиться", "numbness_tingling", "bladder_dysfunction"),
        ("нет онемения, не могу помочиться", "numbness_tingling", "bladder_dysfunction"),
        ("нет температуры, нога немеет и болит", "fever", "numbness_tingling"),
        ("нет температуры, нога немеет и не могу помочиться", "fever", "bladder_dysfunction"),
        ("температуры нет, нога немеет и болит", "fever", "numbness_tingling"),
    ],
)
def test_comma_keeps_the_statement_after_it(
    matcher: Matcher, text: str, negated: str, affirmed: str
) -> None:
    """Safety: a comma continues a negation only into a closed list of short items; a
    statement ("my leg is numb", "нога немеет") or a phrase with its own negation
    ("can't pee") after the comma stays affirmed."""
    state = _state(matcher, text)
    assert state.get(negated) is True, state
    assert state.get(affirmed) is False, state


def test_comma_list_must_be_closed_by_a_list_word(matcher: Matcher) -> None:
    # no "or" / "и" closes the list: the piece after the comma is its own clause
    assert _state(matcher, "no fever, numb leg").get("numbness_tingling") is False
    assert _state(matcher, "no fever. chills or sweats").get("fever") is False
    assert _state(matcher, "не немеет, но болит").get("numbness_tingling") is True
