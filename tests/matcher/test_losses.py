"""A denied loss or trouble (bot/matcher/losses.py): "no loss of bladder control" denies
the symptom that "no bladder control" states."""

import pytest

from bot.matcher import Matcher


@pytest.mark.parametrize(
    "text, concept",
    [
        ("No loss of bladder control", "bladder_dysfunction"),
        ("no sudden loss of bladder control, just stiffness", "bladder_dysfunction"),
        ("I haven't had any trouble peeing", "bladder_dysfunction"),
        ("потери контроля над мочеиспусканием нет", "bladder_dysfunction"),
        ("потери контроля над кишечником не было", "bowel_incontinence"),
        ("никакой потери контроля мочевого пузыря", "bladder_dysfunction"),
    ],
)
def test_a_denied_loss_is_no_symptom(matcher: Matcher, text: str, concept: str) -> None:
    assert concept not in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("no bladder control since yesterday", "bladder_dysfunction"),
        ("I've had a loss of bladder control since yesterday, no fever", "bladder_dysfunction"),
        ("контроля над мочой нет", "bladder_dysfunction"),
        ("температуры нет, но есть потеря контроля над мочеиспусканием", "bladder_dysfunction"),
        ("no fever, I have loss of feeling, no bladder control", "bladder_dysfunction"),
    ],
)
def test_a_loss_told_stays_a_symptom(matcher: Matcher, text: str, concept: str) -> None:
    result = matcher.match(text)
    assert concept in result.affirmed
    assert concept not in result.negated


@pytest.mark.parametrize(
    "text, concept",
    [
        ("I haven't noticed any loss of control of my bowels", "bowel_incontinence"),
        ("no problems with my bladder control", "bladder_dysfunction"),
        ("there has been no loss of sensation in the saddle area", "saddle_numbness"),
        ("нет проблем с контролем мочевого пузыря", "bladder_dysfunction"),
    ],
)
def test_a_loss_before_a_phrase_joins_it(matcher: Matcher, text: str, concept: str) -> None:
    assert concept not in matcher.match(text).affirmed


def test_a_loss_told_beside_a_denied_one_stays(matcher: Matcher) -> None:
    # the safety rule: an affirmed emergency sign next to a negated one stays affirmed
    result = matcher.match("no loss of bladder control but my groin is numb")
    assert "saddle_numbness" in result.affirmed
    assert "bladder_dysfunction" not in result.affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("чувствительность в промежности не пропала", "saddle_numbness"),
        ("контроль над мочевым пузырём не терял", "bladder_dysfunction"),
        ("не терял контроль над мочевым пузырём", "bladder_dysfunction"),
        ("I haven't lost control of my bladder", "bladder_dysfunction"),
    ],
)
def test_a_verb_of_loss_denied(matcher: Matcher, text: str, concept: str) -> None:
    assert concept not in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text",
    [
        "no problem peeing, just the back",
        "peeing is no problem",
        "not a problem to pee",
        "no problem holding it, peeing normally",
    ],
)
def test_a_trouble_denied_by_its_own_cue_is_no_symptom(matcher: Matcher, text: str) -> None:
    """ "no problem" denies the "problem" a phrase holds, before or after the function."""
    result = matcher.match(text)
    assert "bladder_dysfunction" not in result.affirmed


@pytest.mark.parametrize(
    "text", ["I have a problem peeing", "no fever but a real problem peeing since monday"]
)
def test_a_trouble_told_stays_the_symptom(matcher: Matcher, text: str) -> None:
    assert "bladder_dysfunction" in matcher.match(text).affirmed


def test_no_problem_after_a_sign_still_denies_it(matcher: Matcher) -> None:
    assert "fever" in matcher.match("fever - not a problem").negated
