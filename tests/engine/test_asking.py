"""The bot's short questions in between (bot/engine/asking.py) on the real dialogue and texts.

``uncertain`` and ``subject`` come from the matcher; until the matcher reports them, a small
fake at the engine's ``ConceptMatcher`` seam says exactly what a message holds.
"""

from __future__ import annotations

import pytest

from bot.engine import Engine, Turn, UserInput
from bot.matcher.result import ConceptMatch, MatchResult

AGREE = UserInput.option("agree")


class FakeMatcher:
    """Returns the result given for a text; nothing found in any other text."""

    def __init__(self, results: dict[str, MatchResult]) -> None:
        self.results = results

    def match(self, text: str, lang: str = "auto") -> MatchResult:
        return self.results.get(text, MatchResult("en"))


def found(concept: str, *, negated: bool = False, uncertain: bool = False) -> ConceptMatch:
    return ConceptMatch(concept, 100.0, negated, concept, uncertain)


@pytest.fixture
def fake_engine(engine: Engine) -> Engine:
    results = {
        "maybe numb down there, not sure": MatchResult(
            "en", [found("saddle_numbness", uncertain=True)]
        ),
        "perhaps a fever, hard to say": MatchResult("en", [found("fever", uncertain=True)]),
        "my father's back hurts": MatchResult("en", [found("low_back_pain")], "other"),
        "my father cannot pee": MatchResult("en", [found("bladder_dysfunction")], "other"),
        "I have sciatica; my father can't pee after his operation": MatchResult(
            "en", [found("radiating_leg_pain")], "other"
        ),
    }  # fmt: skip
    return Engine(engine.dialogue, engine.content, FakeMatcher(results))


def talk(engine: Engine, *inputs: str | UserInput) -> Turn:
    turn = engine.start("en")
    for item in inputs:
        turn = engine.step(turn.session, UserInput.text(item) if isinstance(item, str) else item)
    return turn


def test_an_uncertain_emergency_sign_is_asked_at_once_with_buttons(fake_engine: Engine) -> None:
    turn = talk(fake_engine, AGREE, "maybe numb down there, not sure")
    assert "saddle_numbness" not in turn.session.concepts  # neither yes nor no
    assert [o.id for o in turn.reply.options] == ["confirm_yes", "confirm_no", "confirm_unsure"]
    assert fake_engine.content.text("en", "nodes", "saddle") in turn.reply.text
    # "Not sure" is the safer answer, explained: the emergency advice
    unsure = fake_engine.step(turn.session, UserInput.option("confirm_unsure"))
    assert unsure.reply.outcome is not None and unsure.reply.outcome["urgency"] == "emergency"
    assert fake_engine.content.text("en", "ui", "unsure_safer") in unsure.reply.text
    # "No" pressed is an answer: on to the checklist, which still lists the other signs
    denied = fake_engine.step(turn.session, UserInput.option("confirm_no"))
    assert denied.session.concepts["saddle_numbness"] is False
    assert denied.reply.node == "red_signs" and denied.reply.outcome is None


def test_an_uncertain_sign_is_never_taken_as_no_and_never_skips_its_question(
    fake_engine: Engine,
) -> None:
    turn = talk(fake_engine, AGREE, "perhaps a fever, hard to say")
    assert turn.session.pending == [{"kind": "confirm", "concept": "fever", "why": "uncertain"}]
    typed_yes = fake_engine.step(turn.session, UserInput.text("yes"))
    assert typed_yes.session.concepts["fever"] is True and not typed_yes.session.pending


def test_someone_else_is_asked_about_once_and_the_questions_are_worded_for_them(
    fake_engine: Engine,
) -> None:
    turn = talk(fake_engine, AGREE, "my father's back hurts")
    assert [o.id for o in turn.reply.options] == ["subject_self", "subject_other"]
    assert turn.reply.text.endswith("Are you asking about yourself or about someone else?")
    other = fake_engine.step(turn.session, UserInput.option("subject_other"))
    assert other.session.subject == "other"
    assert other.reply.text.startswith(fake_engine.content.text("en", "ui", "about_other"))
    # the checklist's own wording for someone else, not a line above the one for "you"
    assert fake_engine.content.text("en", "nodes", "red_signs", "other") in other.reply.text
    assert "(about the person you are asking for)" not in other.reply.text
    assert other.reply.node == "red_signs"
    # typed, in words
    typed = fake_engine.step(turn.session, UserInput.text("my dad"))
    assert typed.session.subject == "other"
    # asked once only
    again = fake_engine.step(other.session, UserInput.text("my father's back hurts"))
    assert not any(p["kind"] == "subject" for p in again.session.pending)


def test_emergency_advice_for_someone_else_is_worded_for_them(fake_engine: Engine) -> None:
    turn = talk(fake_engine, AGREE, "my father cannot pee")
    assert turn.reply.outcome is not None and turn.reply.outcome["urgency"] == "emergency"
    assert "Call 112" in turn.reply.text and "for them" in turn.reply.text
    assert "do not let them drive" in turn.reply.text


def test_a_relatives_words_beside_ones_own_are_asked_about_first(fake_engine: Engine) -> None:
    turn = talk(fake_engine, AGREE, "I have sciatica; my father can't pee after his operation")
    assert turn.reply.outcome is None
    assert turn.session.pending[0] == {"kind": "subject"}
    own = fake_engine.step(turn.session, UserInput.option("subject_self"))
    assert own.session.subject == "self" and own.reply.node == "red_signs"


def test_ticks_of_emergency_signs_are_confirmed_and_can_be_changed(engine: Engine) -> None:
    turn = talk(engine, AGREE, UserInput.option("skip"), UserInput.option("chest"))
    assert turn.reply.event == "toggled" and turn.session.ticks == ["chest"]
    assert any(o.label.startswith("✅") for o in turn.reply.options)
    assert turn.reply.options[-1].label == "Done"
    turn = engine.step(turn.session, UserInput.option("done"))
    assert "Chest pain or short of breath" in turn.reply.text
    assert [o.id for o in turn.reply.options] == ["ticks_ok", "ticks_change"]
    changed = engine.step(turn.session, UserInput.option("ticks_change"))
    assert changed.reply.node == "red_signs" and changed.session.ticks == ["chest"]
    untick = engine.step(changed.session, UserInput.option("chest"))
    assert untick.session.ticks == [] and untick.reply.options[-1].label == "None of these"
    confirmed = engine.step(turn.session, UserInput.option("ticks_ok"))
    assert confirmed.reply.outcome is not None
    assert confirmed.reply.outcome["red_flags"] == ["chest_pain"]


def test_pending_buttons_are_the_only_ones_accepted(engine: Engine) -> None:
    turn = talk(engine, AGREE, UserInput.option("skip"), UserInput.option("chest"))
    turn = engine.step(turn.session, UserInput.option("done"))
    assert engine.accepts(turn.session, "ticks_ok")
    assert not engine.accepts(turn.session, "chest") and not engine.accepts(turn.session, "done")
    forged = engine.step(turn.session, UserInput.option("saddle"))
    assert forged.reply.event == "reask" and forged.session.pending == turn.session.pending
