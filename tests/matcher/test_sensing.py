"""A sensation kept or lost (bot/matcher/sensing.py): "I know when my bladder is full" is no
bladder problem; "I never know when my bladder is full" is one, whatever "never" says."""

import pytest

from bot.matcher import Matcher


@pytest.mark.parametrize(
    "text",
    [
        "I know when my bladder is full",
        "I still know when my bladder is full and I can hold it",
        "I can tell when my bladder is full, no issues there",
        "чувствую, когда мочевой пузырь полный, хожу в туалет нормально",
        "понимаю, когда пузырь полный",
    ],
)
def test_a_sensation_kept_is_no_symptom(matcher: Matcher, text: str) -> None:
    assert "bladder_dysfunction" not in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text",
    [
        "I never know when my bladder is full anymore",
        "I can no longer tell when my bladder is full",
        "I don't know when my bladder is full",
        "I can't feel when I need to go",
        "не чувствую, когда мочевой пузырь полный",
        "не понимаю, когда хочу в туалет",
        # a doubt further back in the clause: the kept sensation is not plain
        "im not sure i can feel when my bladder is full",
        "не уверена, что чувствую, когда пузырь полный",
    ],
)
def test_a_sensation_lost_is_the_symptom(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert "bladder_dysfunction" in result.affirmed
    assert "bladder_dysfunction" not in result.negated


def test_other_senses_are_not_read_so(matcher: Matcher) -> None:
    # only the concepts under "sensed": feeling numbness come is still numbness
    assert "numbness_tingling" in matcher.match("I can feel when my leg goes numb").affirmed
