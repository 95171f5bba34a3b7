"""The misreadings of issue 15, each driven through the real engine, dialogue, content and
matcher in both languages, to the exact advice reached.

A conversation here is a list of inputs (an option id of the step shown, or typed text);
``finish`` then answers calmly (as ``converse`` does) until the advice.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.engine import Engine, Turn, UserInput

from .test_conversations import CALM, next_input

SPINE = ["neurologist", "vertebrologist"]


def play(engine: Engine, lang: str, *inputs: str) -> Turn:
    """Inputs from the start: an option id of the step shown is pressed, anything else typed."""
    turn = engine.start(lang)
    for item in inputs:
        ids = {o.id for o in turn.reply.options}
        user_input = UserInput.option(item) if item in ids else UserInput.text(item)
        turn = engine.step(turn.session, user_input)
    return turn


def finish(engine: Engine, turn: Turn, **answers: str) -> tuple[Turn, list[str]]:
    """Calm answers (``answers`` override them) until the advice; the steps shown on the way."""
    plan = {**CALM, **answers}
    shown = []
    for _ in range(60):
        if turn.reply.outcome is not None:
            return turn, shown
        turn = engine.step(turn.session, next_input(engine, turn, plan))
        shown.append(turn.reply.node)
    raise AssertionError(f"no advice; at {turn.reply.node}")


def outcome(turn: Turn) -> dict[str, Any]:
    assert turn.reply.outcome is not None, turn.reply.node
    return turn.reply.outcome


# --- consent: a description is not a refusal; a refusal gets only the safety net -----------


@pytest.mark.parametrize(
    ("lang", "first"),
    [
        ("en", "numb between my legs, no fever"),
        ("ru", "немеет промежность, температуры нет"),
    ],
)
def test_an_emergency_at_the_consent_question_gets_emergency_advice_at_once(
    engine: Engine, lang: str, first: str
) -> None:
    turn = play(engine, lang, first)
    assert outcome(turn) == {
        "urgency": "emergency",
        "specialists": ["emergency", "neurosurgeon"],
        "red_flags": ["saddle_numbness"],
    }
    assert ("do not drive yourself" if lang == "en" else "не садитесь за руль") in turn.reply.text


@pytest.mark.parametrize(
    ("lang", "first"),
    [("en", "no fever and numb between my legs"), ("ru", "температуры нет и немеет промежность")],
)
def test_a_description_at_the_consent_question_is_never_a_no(
    engine: Engine, lang: str, first: str
) -> None:
    """Whatever the matcher makes of the "no" before it, the emergency sign is not denied:
    consent is asked again, and the emergency checklist still asks about the sign."""
    turn = play(engine, lang, first)
    assert turn.reply.outcome is None or outcome(turn)["urgency"] == "emergency"
    if turn.reply.outcome is None:
        assert turn.reply.node == "consent" and "decline" not in turn.session.answers.values()
        assert turn.session.concepts.get("saddle_numbness") is not False
        turn = play(engine, lang, first, "agree", "skip", "saddle", "done", "ticks_ok")
        assert outcome(turn)["urgency"] == "emergency"


@pytest.mark.parametrize(("lang", "refusal"), [("en", "I don't agree"), ("ru", "не согласен")])
def test_an_explicit_refusal_gets_only_the_safety_net(
    engine: Engine, lang: str, refusal: str
) -> None:
    turn = play(engine, lang, refusal)
    assert turn.reply.node == "declined"
    text = turn.reply.text
    assert "112" in text
    verdicts = {
        "en": ("does not look urgent", "regular appointment", "To book", "Who to see"),
        "ru": ("срочности нет", "плановый приём", "Записаться:", "К кому обратиться"),
    }[lang]
    assert not [v for v in verdicts if v in text]
    assert turn.reply.booking == {}


def test_does_not_look_urgent_only_after_every_emergency_sign_was_denied(engine: Engine) -> None:
    screened, _ = finish(engine, play(engine, "en", "agree", "my lower back hurts"))
    assert outcome(screened)["urgency"] == "routine"
    assert "From your answers this does not look urgent." in screened.reply.text
    # the same calm answers, but the emergency signs one by one and one left "not sure"
    # would end in emergency; with one never asked (a refusal) there is no such line at all
    assert "does not look urgent" not in play(engine, "en", "decline").reply.text


# --- yes, no and doubt, with a reason ------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "answer"),
    [("ru", "нет, мне 56 какая беременность"), ("en", "no, I'm 56, what pregnancy")],
)
def test_a_no_with_a_reason_is_a_no(engine: Engine, lang: str, answer: str) -> None:
    at_causes = play(engine, lang, "agree", "skip", "done", "done")
    assert at_causes.reply.node == "other_causes"
    turn = engine.step(at_causes.session, UserInput.text(answer))
    assert turn.session.concepts["pregnancy"] is False
    assert turn.reply.node != "other_causes"  # not asked again
    # and the age in the reason is shown back to confirm, then not asked
    assert turn.session.pending[0] == {
        "kind": "slots",
        "answers": {"age": "over_50"},
        "side": None,
    }
    done, shown = finish(engine, turn)
    assert "age" not in shown
    assert outcome(done) == {"urgency": "soon", "specialists": SPINE, "red_flags": []}
    assert done.reply.node == "age_check"


@pytest.mark.parametrize(
    ("lang", "answer"),
    [
        ("ru", "ну ночью бывает просыпаюсь когда повернусь"),
        ("en", "only when I turn over at night"),
    ],
)
def test_a_doubtful_answer_to_a_warning_sign_is_confirmed_with_buttons(
    engine: Engine, lang: str, answer: str
) -> None:
    at_night = play(engine, lang, "agree", "skip", "done", "unsure", "no", "no", "no")
    assert at_night.reply.node == "night"
    turn = engine.step(at_night.session, UserInput.text(answer))
    assert "night_pain" not in turn.session.concepts  # not taken as yes
    assert [o.id for o in turn.reply.options] == ["confirm_yes", "confirm_no", "confirm_unsure"]
    assert engine.content.text(lang, "nodes", "night") in turn.reply.text
    # "No": the pain eases when lying still - not urgent
    denied, _ = finish(engine, engine.step(turn.session, UserInput.option("confirm_no")))
    assert outcome(denied) == {"urgency": "routine", "specialists": SPINE, "red_flags": []}
    # "Not sure": the safer answer, explained
    unsure = engine.step(turn.session, UserInput.option("confirm_unsure"))
    assert engine.content.text(lang, "ui", "unsure_safer") in unsure.reply.text
    assert unsure.reply.node == "colic"
    done, _ = finish(engine, unsure)
    assert outcome(done) == {
        "urgency": "urgent",
        "specialists": ["therapist", "neurologist"],
        "red_flags": ["night_pain"],
    }


@pytest.mark.parametrize(
    ("lang", "answer"), [("en", "not really"), ("ru", "вроде нет"), ("en", "sometimes")]
)
def test_hedged_answers_are_not_read_as_a_plain_yes_or_no(
    engine: Engine, lang: str, answer: str
) -> None:
    at_fever = play(engine, lang, "agree", "skip", "done", "unsure")
    turn = engine.step(at_fever.session, UserInput.text(answer))
    assert turn.reply.node == "fever" and "fever" not in turn.session.concepts
    assert turn.session.pending[0]["kind"] == "confirm"


@pytest.mark.parametrize(
    ("lang", "answer"),
    [
        ("ru", "ничего не чувствую в промежности"),  # the opening «ничего» is the sign's own word
        ("ru", "ничего не чувствую там, как чужое"),  # the place is the question's
        ("ru", "нет, раньше не было, а сейчас не чувствую там ничего"),
        ("en", "never had that, but now I can't feel my bum"),
        ("en", "nope, can't feel a thing down there"),
    ],
)
def test_a_no_that_tells_the_warning_sign_is_never_taken_as_a_no(
    engine: Engine, lang: str, answer: str
) -> None:
    at_saddle = play(engine, lang, "agree", "skip", "unsure")
    assert at_saddle.reply.node == "saddle"
    turn = engine.step(at_saddle.session, UserInput.text(answer))
    assert turn.session.concepts.get("saddle_numbness") is not False
    if turn.reply.outcome is None:  # asked with buttons, and "Yes" is the emergency
        assert turn.reply.node == "saddle"
        assert [o.id for o in turn.reply.options] == ["confirm_yes", "confirm_no", "confirm_unsure"]
        turn = engine.step(turn.session, UserInput.option("confirm_yes"))
    assert outcome(turn)["urgency"] == "emergency"


@pytest.mark.parametrize(
    ("lang", "answer"),
    [("ru", "нет"), ("ru", "нет, онемения нет"), ("en", "no, not numb"), ("en", "nope")],
)
def test_a_plain_no_at_a_warning_sign_question_is_a_no(
    engine: Engine, lang: str, answer: str
) -> None:
    at_saddle = play(engine, lang, "agree", "skip", "unsure")
    turn = engine.step(at_saddle.session, UserInput.text(answer))
    assert turn.session.concepts["saddle_numbness"] is False
    assert turn.reply.node == "bladder"


# --- a typed answer never overrides a button answer ------------------------------------------


@pytest.mark.parametrize(
    ("lang", "typed"), [("en", "it wakes me up"), ("ru", "просыпаюсь от боли ночью")]
)
def test_words_against_a_button_answer_are_asked_about_once(
    engine: Engine, lang: str, typed: str
) -> None:
    # "None of these" at the urgent signs (night pain among them), then the pain questions
    at_sleep = play(
        engine, lang, "agree", "skip", "done", "done", "done", "back_only", "done",
        "by_itself", "days", "little",
    )  # fmt: skip
    assert at_sleep.reply.node == "sleep"
    turn = engine.step(at_sleep.session, UserInput.text(typed))
    assert turn.session.concepts["night_pain"] is False  # not silently overridden
    assert turn.session.pending[0] == {
        "kind": "confirm",
        "concept": "night_pain",
        "why": "conflict",
    }
    answered = engine.step(turn.session, UserInput.option("confirm_no"))
    done, _ = finish(engine, answered)
    assert outcome(done) == {"urgency": "routine", "specialists": SPINE, "red_flags": []}
    # the same words again are not asked about a second time
    again = engine.step(turn.session, UserInput.option("confirm_no"))
    again = engine.step(again.session, UserInput.command("repeat"))
    assert not again.session.pending


@pytest.mark.parametrize(
    ("lang", "first"), [("en", "i cant sleep proprly"), ("ru", "не могу нормально спать")]
)
def test_a_sign_read_from_the_first_message_is_shown_to_confirm(
    engine: Engine, lang: str, first: str
) -> None:
    turn = play(engine, lang, "agree", first, "done")
    assert "night_pain" in turn.session.concepts
    assert turn.reply.node == "urgent_signs"
    assert turn.session.ticks == ["night"]  # shown ticked, with a line saying so
    assert engine.content.text(lang, "ui", "preticked") in turn.reply.text
    unticked = engine.step(turn.session, UserInput.option("night"))
    done, _ = finish(engine, unticked)
    assert outcome(done) == {"urgency": "routine", "specialists": SPINE, "red_flags": []}


# --- what was said is not asked again ----------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "first", "said"),
    [
        (
            "en",
            "it goes down my left leg to the foot, for about two months",
            {"spread": "foot", "duration": "weeks_6_12", "legs": "one"},
        ),
        ("en", "back pain for 3 wks, I'm 34", {"duration": "weeks", "age": "age_20_50"}),
        (
            "ru",
            "болит поясница, отдаёт в левую ногу до стопы, уже два месяца, мне 56 лет",
            {"spread": "foot", "duration": "weeks_6_12", "legs": "one", "age": "over_50"},
        ),
    ],
)
def test_what_a_message_told_is_shown_back_once_and_not_asked_again(
    engine: Engine, lang: str, first: str, said: dict[str, str]
) -> None:
    turn = play(engine, lang, "agree", first)
    heard = turn.session.pending[0]
    assert heard["kind"] == "slots" and heard["answers"] == said
    assert [o.id for o in turn.reply.options] == ["slots_ok", "slots_no"]
    done, shown = finish(engine, turn)
    assert not set(said) & set(shown)
    assert {q: done.session.answers[q] for q in said} == said
    # "No, ask me": each question is asked as usual
    _, asked = finish(engine, engine.step(turn.session, UserInput.option("slots_no")))
    assert {"duration", "age"} & set(said) <= set(asked)


@pytest.mark.parametrize(
    ("lang", "first", "whose"),
    [
        ("en", "my back hurts and it goes down my left leg, for a month", "subject_self"),
        ("en", "my mum has back pain going down her leg for a month", "subject_other"),
        ("ru", "болит поясница и отдаёт в ногу, уже месяц", "subject_self"),
        ("ru", "у мамы болит поясница и отдаёт в ногу, уже месяц", "subject_other"),
    ],
)
def test_a_description_before_consent_is_not_asked_for_again_after_it(
    engine: Engine, lang: str, first: str, whose: str
) -> None:
    turn = play(engine, lang, first)
    for _ in range(3):  # whose pain it is and the durations heard, whichever is asked
        if "agree" in {o.id for o in turn.reply.options}:
            break
        ids = [o.id for o in turn.reply.options]
        turn = engine.step(turn.session, UserInput.option(whose if whose in ids else ids[0]))
    turn = engine.step(turn.session, UserInput.option("agree"))
    assert turn.reply.node == "red_signs"
    assert turn.session.concepts["low_back_pain"] is True
    # with nothing told before it, the open question is asked as usual
    assert play(engine, lang, "agree").reply.node == "describe"


# --- advice that fits the urgency ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "wait"),
    [("en", "can i just wait till monday?"), ("ru", "а можно завтра?")],
)
def test_emergency_advice_is_only_what_to_do_now_and_is_repeated_when_asked_to_wait(
    engine: Engine, lang: str, wait: str
) -> None:
    turn = play(engine, lang, "agree", "skip", "bladder", "done", "ticks_ok")
    assert outcome(turn) == {
        "urgency": "emergency",
        "specialists": ["emergency"],
        "red_flags": ["bladder_dysfunction"],
    }
    text = turn.reply.text
    for later in ("+7 495", "healthyback.example", "neurologist", "невролог"):
        assert later not in text
    assert turn.reply.booking == {}
    again = engine.step(turn.session, UserInput.text(wait))
    assert engine.content.text(lang, "ui", "emergency_repeat") in again.reply.text
    assert "112" in again.reply.text
    assert engine.content.text(lang, "ui", "ended") not in again.reply.text
    assert again.reply.outcome == turn.reply.outcome


# --- routing: docs/clinical-rules.md --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "first"),
    [
        ("en", "sudden waves of pain in my side going to the groin and I keep vomiting"),
        ("ru", "внезапные приступы боли в боку, отдаёт в пах, рвота"),
    ],
)
def test_renal_colic_with_vomiting_typed_is_an_emergency(
    engine: Engine, lang: str, first: str
) -> None:
    turn = play(engine, lang, "agree", first)
    assert outcome(turn)["urgency"] == "emergency"
    assert "renal_colic" in outcome(turn)["red_flags"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_sciatica_in_both_legs_alone_is_seen_the_same_day(engine: Engine, lang: str) -> None:
    turn = play(engine, lang, "agree", "skip")
    done, _ = finish(engine, turn, spread="below_knee", legs="both")
    assert outcome(done) == {
        "urgency": "urgent",
        "specialists": ["neurologist", "neurosurgeon"],
        "red_flags": [],
    }
    assert done.reply.node == "both_legs_today"
    saddle = "numbness between the legs" if lang == "en" else "онемение в промежности"
    assert saddle in done.reply.text  # the cauda equina safety net


# --- language --------------------------------------------------------------------------------


def test_a_message_in_the_other_script_switches_the_language(engine: Engine) -> None:
    turn = play(engine, "en", "agree", "болит поясница, отдаёт в ногу")
    assert turn.session.lang == "ru"
    assert engine.content.text("ru", "ui", "language_switched") in turn.reply.text
    assert turn.reply.options[-1].id == "lang_en"
    assert turn.reply.options[-1].label == "Continue in English"
    back = engine.step(turn.session, UserInput.option("lang_en"))
    assert back.session.lang == "en" and back.reply.node == turn.reply.node
    assert "lang_en" not in [o.id for o in back.reply.options]


@pytest.mark.parametrize(
    ("chat", "message", "red_flag"),
    [
        ("ru", "болить спина, оніміла промежина", "saddle_numbness"),
        ("ru", "з ранку не можу помочитися", "bladder_dysfunction"),
        ("en", "впав з висоти, болить поперек", "major_trauma"),
        ("ru", "спіна баліць, анямела прамежнасць", "saddle_numbness"),  # Belarusian
        ("en", "ня магу мачыцца", "bladder_dysfunction"),
    ],
)
def test_ukrainian_and_belarusian_warning_signs_are_understood_and_answered_in_russian(
    engine: Engine, chat: str, message: str, red_flag: str
) -> None:
    turn = play(engine, chat, "agree", message)
    assert outcome(turn)["urgency"] == "emergency"
    assert red_flag in outcome(turn)["red_flags"]
    assert turn.session.lang == "ru"
    assert engine.content.text("ru", "ui", "other_cyrillic") in turn.reply.text
    assert "103" in turn.reply.text


def test_a_ukrainian_message_without_signs_goes_on_in_russian_with_a_note(
    engine: Engine,
) -> None:
    turn = play(engine, "ru", "agree", "болить поперек, віддає в ногу")
    assert turn.reply.outcome is None and turn.session.lang == "ru"
    assert turn.reply.text.startswith(engine.content.text("ru", "ui", "other_cyrillic"))
    again = engine.step(turn.session, UserInput.text("болить поперек"))
    assert engine.content.text("ru", "ui", "other_cyrillic") not in again.reply.text  # once


@pytest.mark.parametrize(
    ("lang", "text"), [("en", "I agree, my back hurts"), ("ru", "согласен, болит спина")]
)
def test_an_agreement_with_a_description_is_an_agreement(
    engine: Engine, lang: str, text: str
) -> None:
    turn = play(engine, lang, text)
    assert turn.session.answers["consent"] == "agree"


@pytest.mark.parametrize(
    ("lang", "question", "typed", "option"),
    [
        ("en", "duration", "3 wks", "weeks"),
        ("ru", "duration", "уже два месяца", "weeks_6_12"),
        ("ru", "age", "мне 56 лет", "over_50"),
        ("en", "age", "I'm 34", "age_20_50"),
    ],
)
def test_a_typed_answer_at_its_own_question_is_understood(
    engine: Engine, lang: str, question: str, typed: str, option: str
) -> None:
    turn = play(engine, lang, "agree", "skip", "done", "done", "done", "back_only", "done",
                "by_itself")  # fmt: skip
    while turn.reply.node != question:
        turn = engine.step(turn.session, next_input(engine, turn, CALM))
    answered = engine.step(turn.session, UserInput.text(typed))
    assert answered.session.answers[question] == option
    assert answered.reply.node != question


@pytest.mark.parametrize(
    ("lang", "typed"),
    [
        ("ru", "подняла сумку тяжелую"),
        ("ru", "поднимал шкаф на даче"),
        ("en", "I was moving a wardrobe"),
        ("en", "picked up my toddler and felt it go"),
    ],
)
def test_words_that_tell_what_an_option_sets_pick_that_option(
    engine: Engine, lang: str, typed: str
) -> None:
    at_onset = play(engine, lang, "agree", "skip", "done", "done", "done", "back_only", "done")
    assert at_onset.reply.node == "onset"
    answered = engine.step(at_onset.session, UserInput.text(typed))
    assert answered.session.answers["onset"] == "lifting"
    assert answered.reply.node == "fragility"
