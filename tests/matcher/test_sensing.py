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


@pytest.mark.parametrize(
    "text, concept",
    [
        ("I have full control of my bladder and bowels", "bladder_dysfunction"),
        ("I have full control of my bladder and bowels", "bowel_incontinence"),
        ("normal bladder control, the pain is in my calf", "bladder_dysfunction"),
        ("I have complete control over my bladder", "bladder_dysfunction"),
        ("good control of my bowels, just the sciatica", "bowel_incontinence"),
        ("I'm still in full control of my bladder", "bladder_dysfunction"),
        ("no problem holding it, peeing normally", "bladder_dysfunction"),
        ("полный контроль над мочевым пузырём, болит только поясница", "bladder_dysfunction"),
    ],
)
def test_a_function_told_intact_is_no_symptom(matcher: Matcher, text: str, concept: str) -> None:
    assert concept not in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("I have lost full control of my bladder", "bladder_dysfunction"),
        ("I have lost normal bladder control", "bladder_dysfunction"),
        ("loss of normal bowel control since monday", "bowel_incontinence"),
        ("I'm not in full control of my bladder any more", "bladder_dysfunction"),
        ("I don't have full control of my bladder", "bladder_dysfunction"),
        ("I used to have full control of my bladder, now I wet myself", "bladder_dysfunction"),
        ("потерял полный контроль над мочевым пузырём", "bladder_dysfunction"),
    ],
)
def test_a_function_kept_turned_round_by_a_loss_is_the_symptom(
    matcher: Matcher, text: str, concept: str
) -> None:
    result = matcher.match(text)
    assert concept in result.affirmed
    assert concept not in result.negated


def test_a_denied_loss_of_normal_control_is_no_symptom(matcher: Matcher) -> None:
    assert "bladder_dysfunction" not in matcher.match("no loss of normal bladder control").affirmed
