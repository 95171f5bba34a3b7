"""The engine on the real dialogue, content and matcher: what a person is asked and told."""

from __future__ import annotations

import itertools
import json

import pytest

from bot.engine import Engine, Session, Turn, UserInput

from ..conftest import talk

YES, NO = UserInput.option("yes"), UserInput.option("no")
AGREE = UserInput.option("agree")
DONE = UserInput.option("done")  # a checklist's "None of these" / "Done"
# the emergency signs' checklist, then the urgent signs' checklist: "None of these"
NO_RED_FLAGS = (DONE, DONE)
NO_OTHER_CAUSES = (DONE,)  # urine, pregnancy, cycle, stiffness, claudication, hip
# numbness, leg weakness, cough / sitting: one checklist too; (one or both legs is asked only
# with leg symptoms)


def test_start_greets_with_clinic_name_and_asks_consent(engine: Engine) -> None:
    turn = engine.start("en")
    assert turn.reply.node == "consent"
    assert "Healthy Back Clinic" in turn.reply.text
    assert "not a doctor" in turn.reply.text
    assert [o.id for o in turn.reply.options] == ["agree", "decline"]


def test_start_in_russian(engine: Engine) -> None:
    turn = engine.start("ru")
    assert "Здоровая спина" in turn.reply.text
    assert [o.label for o in turn.reply.options] == ["Согласен(на)", "Не согласен(на)"]


def test_unknown_language_falls_back_to_default(engine: Engine) -> None:
    assert engine.start("de").session.lang == "en"


def test_buttons_all_the_way_to_radicular_advice(engine: Engine) -> None:
    turn = talk(
        engine, AGREE, "my back hurts", *NO_RED_FLAGS, *NO_OTHER_CAUSES,
        UserInput.option("below_knee"), UserInput.option("numbness"), DONE,
        UserInput.option("one"), UserInput.option("by_itself"), UserInput.option("weeks"),
        UserInput.option("little"), UserInput.option("little"), UserInput.option("age_20_50"),
    )  # fmt: skip
    assert turn.reply.node == "radicular"
    assert turn.reply.outcome == {
        "urgency": "soon",
        "specialists": ["neurologist", "vertebrologist"],
        "red_flags": [],
    }
    text = turn.reply.text
    assert "within the next few days" in text
    assert "the pain goes below the knee" in text
    assert "+7 495 123-45-67" in text and "healthyback.example/booking" in text
    assert "not a doctor" in text
    assert [o.id for o in turn.reply.options] == ["restart"]


def test_typed_answers_in_both_languages_pick_options(engine: Engine) -> None:
    typed = (
        "nope",
        "нет",
        "no",
        "Нет.",
        "nah",
        "неа",
        "no",
        "нет",
        "nope",
        "no",
        "нет",
        "no",
        "неа",
        "no",
    )
    turn = talk(engine, AGREE, "back pain", *typed)
    assert turn.reply.node == "spread"
    assert all(turn.session.concepts[c] is False for c in ("saddle_numbness", "fever"))


def test_typed_yes_variants(engine: Engine) -> None:
    for typed in ("yes", "Yeah!", "да", "ага", "Да, есть"):
        # the urgent signs one by one ("not sure" at their checklist): fever first
        turn = talk(engine, AGREE, "back pain", DONE, UserInput.option("unsure"), typed)
        assert turn.session.concepts["fever"] is True, typed
        assert turn.reply.node == "cancer", typed


def test_typo_in_a_long_label_still_places_it(engine: Engine) -> None:
    turn = talk(engine, AGREE, "back pain", *NO_RED_FLAGS, *NO_OTHER_CAUSES, "Bellow knee")
    assert turn.session.answers["spread"] == "below_knee"


def test_input_that_cannot_be_placed_is_reasked_with_the_same_options(engine: Engine) -> None:
    before = talk(engine, AGREE, "back pain", *NO_RED_FLAGS, *NO_OTHER_CAUSES)
    turn = engine.step(before.session, UserInput.text("purple elephant"))
    assert turn.reply.event == "reask"
    assert turn.reply.node == "spread"
    assert turn.reply.text.startswith("Sorry, I did not quite understand")
    assert turn.reply.options == before.reply.options


def test_forged_option_changes_nothing(engine: Engine) -> None:
    before = talk(engine, AGREE, "back pain")
    turn = engine.step(before.session, UserInput.option("drop_table"))
    assert turn.reply.event == "reask"
    assert turn.session.node == before.session.node
    assert turn.session.answers == before.session.answers


def test_back_goes_one_question_back_and_forgets_that_answer(engine: Engine) -> None:
    turn = talk(engine, AGREE, "back pain", UserInput.option("bladder"), DONE)
    assert turn.reply.node == "red_signs"  # the tick of bladder trouble is confirmed first
    turn = engine.step(turn.session, UserInput.option("ticks_ok"))
    assert turn.reply.node == "emergency"
    turn = engine.step(turn.session, UserInput.command("back"))
    assert turn.reply.node == "red_signs"
    assert "bladder_dysfunction" not in turn.session.concepts
    assert turn.reply.outcome is None


def test_back_after_words_not_understood_goes_to_the_question_before(engine: Engine) -> None:
    at_second = talk(engine, AGREE, "back pain", DONE)
    assert at_second.reply.node == "urgent_signs"
    turn = at_second
    for _ in range(30):  # however often a person repeats themselves, the session stays small
        turn = engine.step(turn.session, UserInput.text("qwerty"))
        assert turn.reply.event == "reask"
    assert len(turn.session.history) == len(at_second.session.history)
    turn = engine.step(turn.session, UserInput.command("back"))
    assert turn.reply.node == "red_signs"


def test_back_after_a_sign_noted_at_another_question_forgets_the_sign(engine: Engine) -> None:
    at_first = talk(engine, AGREE, "back pain")
    turn = engine.step(at_first.session, UserInput.text("I have a fever"))
    assert turn.reply.event == "reask" and turn.session.concepts.get("fever") is True
    turn = engine.step(turn.session, UserInput.command("back"))
    assert turn.reply.node == "red_signs" and "fever" not in turn.session.concepts


def test_restart_begins_again_in_the_same_language(engine: Engine) -> None:
    turn = talk(engine, AGREE, "болит спина", NO, lang="ru")
    turn = engine.step(turn.session, UserInput.command("restart"))
    assert turn.reply.node == "consent"
    assert turn.session.lang == "ru"
    assert turn.session.answers == {}


def test_step_does_not_change_the_session_it_was_given(engine: Engine) -> None:
    before = talk(engine, AGREE, "back pain")
    frozen = json.dumps(before.session.to_json(), sort_keys=True)
    engine.step(before.session, YES)
    assert json.dumps(before.session.to_json(), sort_keys=True) == frozen


def test_session_resumes_from_json_in_a_new_engine(engine: Engine) -> None:
    first = talk(engine, AGREE, "back pain", DONE, UserInput.option("fever"))
    stored = json.dumps(first.session.to_json())
    fresh = Engine(engine.dialogue, engine.content, engine.matcher)
    turn = fresh.step(Session.from_json(json.loads(stored)), UserInput.command("repeat"))
    assert turn.reply.node == "urgent_signs" and turn.session.ticks == ["fever"]
    turn = fresh.step(turn.session, DONE)
    assert turn.reply.node == "very_unwell"


def test_emergency_sign_in_first_message_stops_the_questionnaire(engine: Engine) -> None:
    turn = talk(engine, AGREE, "my back hurts and I can't feel my groin and bum, it's numb")
    assert turn.reply.node == "emergency"
    assert turn.reply.outcome["urgency"] == "emergency"
    assert "saddle_numbness" in turn.reply.outcome["red_flags"]
    assert "112" in turn.reply.text
    assert "do not drive yourself" in turn.reply.text


def test_emergency_sign_typed_at_a_later_question(engine: Engine) -> None:
    turn = talk(engine, AGREE, "back pain", *NO_RED_FLAGS, "since yesterday I cannot pee at all")
    assert turn.reply.outcome["urgency"] == "emergency"
    assert turn.reply.event == "emergency_rule"


def test_emergency_sign_after_the_advice_still_escalates(engine: Engine) -> None:
    turn = talk(
        engine, AGREE, "back pain", *NO_RED_FLAGS, *NO_OTHER_CAUSES, "back only", DONE,
        "by itself", "days", "0", "0", "35",
    )  # fmt: skip
    assert turn.reply.outcome["urgency"] == "routine"
    turn = engine.step(turn.session, UserInput.text("now my left foot went cold and pale"))
    assert turn.reply.outcome["urgency"] == "emergency"
    assert "vascular_surgeon" in turn.reply.outcome["specialists"]


def test_both_legs_with_numbness_is_an_emergency(engine: Engine) -> None:
    turn = talk(engine, AGREE, "pain in both legs and numbness in my feet")
    assert turn.reply.outcome is not None
    assert turn.reply.outcome["urgency"] == "emergency"


def test_negated_emergency_sign_does_not_fire(engine: Engine) -> None:
    turn = talk(engine, AGREE, "back pain, no numbness in the groin, no trouble peeing")
    assert turn.reply.outcome is None
    # a denial read from a description is not trusted for an emergency sign: still asked
    assert "saddle_numbness" not in turn.session.concepts
    assert turn.reply.node == "red_signs"


def test_what_was_said_is_not_asked_again(engine: Engine) -> None:
    turn = talk(engine, AGREE, "lower back pain, no fever, never had cancer, my foot is numb")
    assert "down to the foot" in turn.reply.text  # "You said: pain: down to the foot..."
    asked = [turn.reply.node]
    for answer in ("slots_ok", "done", "done", "done"):  # what they said is right; 3 lists
        turn = engine.step(turn.session, UserInput.option(answer))
        asked.append(turn.reply.node)
    assert "fever" not in asked and "cancer" not in asked and "spread" not in asked
    assert turn.session.concepts["fever"] is False
    assert turn.reply.node == "nerve_signs"
    assert turn.session.ticks == ["numbness"]  # numbness was already told: ticked for them


def test_urgent_sign_raises_the_final_advice(engine: Engine) -> None:
    turn = talk(
        engine, AGREE, "back pain", DONE, UserInput.option("fever"), DONE,
        NO, *NO_OTHER_CAUSES,  # "very unwell?" (asked because of the fever), other causes
        "back only", DONE, "by itself", "days", "0", "0", "35",
    )  # fmt: skip
    assert turn.reply.outcome["urgency"] == "urgent"
    assert turn.reply.outcome["red_flags"] == ["fever"]
    assert "therapist" in turn.reply.outcome["specialists"]
    assert "today" in turn.reply.text


def test_declining_consent_gets_only_the_safety_net(engine: Engine) -> None:
    turn = talk(engine, UserInput.option("decline"))
    # no verdict: no urgency, no doctor; and not logged as an outcome
    assert turn.reply.outcome == {"urgency": None, "specialists": [], "red_flags": []}
    assert turn.reply.event == "declined"
    text = turn.reply.text
    assert "Call 112" in text and "numbness between the legs" in text  # the warning signs
    for verdict in ("does not look urgent", "To book", "regular appointment", "Who to see"):
        assert verdict not in text
    assert turn.reply.booking == {}


def test_after_a_refusal_an_urgent_sign_gives_no_verdict_and_an_emergency_sign_acts(
    engine: Engine,
) -> None:
    declined = talk(engine, UserInput.option("decline"))
    fever = engine.step(declined.session, UserInput.text("I have a fever"))
    assert fever.reply.event == "ended" and fever.reply.outcome == declined.reply.outcome
    numb = engine.step(declined.session, UserInput.text("I can't feel anything between my legs"))
    assert numb.reply.node == "emergency" and numb.reply.outcome is not None
    assert numb.reply.outcome["urgency"] == "emergency"


def test_input_after_the_end_offers_to_start_over(engine: Engine) -> None:
    turn = talk(engine, UserInput.option("decline"), "thanks")
    assert turn.reply.event == "ended"
    assert [o.id for o in turn.reply.options] == ["restart"]
    turn = engine.step(turn.session, UserInput.option("restart"))
    assert turn.reply.node == "consent"


def test_words_after_the_advice_that_add_nothing_leave_no_steps_to_go_back_through(
    engine: Engine,
) -> None:
    advice = talk(engine, UserInput.option("decline"))
    turn = talk(engine, UserInput.option("decline"), "thanks", "ok thank you", "bye")
    assert turn.reply.event == "ended"
    assert len(turn.session.history) == len(advice.session.history)
    back = engine.step(turn.session, UserInput.command("back"))
    assert back.reply.node == "consent"


def test_very_long_and_emoji_messages_are_answered(engine: Engine) -> None:
    turn = talk(engine, AGREE, "🙂" * 300 + "болит спина " * 1000)
    assert turn.reply.node == "red_signs"
    turn = engine.step(turn.session, UserInput.text("👍👍👍"))
    assert turn.reply.event == "reask"


def test_language_switch_keeps_the_place(engine: Engine) -> None:
    turn = talk(engine, AGREE, "back pain", DONE)
    switched = engine.with_language(turn.session, "ru")
    assert switched.reply.node == "urgent_signs"
    assert "▫️ Температура или озноб" in [o.label for o in switched.reply.options]


# --- found in review: /back, typed answers, text after the advice, stale sessions ----------


def test_back_from_a_typed_emergency_forgets_it_and_warns(engine: Engine) -> None:
    turn = talk(engine, AGREE, "back pain", NO, NO, NO, "my legs both feel weak")
    assert turn.reply.outcome["urgency"] == "emergency"
    turn = engine.step(turn.session, UserInput.command("back"))
    assert turn.reply.outcome is None
    assert turn.reply.text.startswith("You have gone back from the emergency advice.")
    assert "both_legs" not in turn.session.concepts and turn.session.fired == []
    # the same words again stop the questionnaire again
    turn = engine.step(turn.session, UserInput.text("my legs both feel weak"))
    assert turn.reply.outcome["urgency"] == "emergency"


def test_after_back_a_new_emergency_sign_still_stops_it(engine: Engine) -> None:
    turn = talk(engine, AGREE, "I suddenly cannot hold my urine")
    assert turn.reply.outcome["urgency"] == "emergency"
    turn = engine.step(turn.session, UserInput.command("back"))
    turn = engine.step(turn.session, UserInput.text("I also have crushing chest pain"))
    assert turn.reply.outcome["urgency"] == "emergency"
    assert "chest_pain" in turn.reply.outcome["red_flags"]


def test_a_typed_yes_after_back_is_a_yes(engine: Engine) -> None:
    before_fever = talk(engine, AGREE, UserInput.option("skip"), DONE, UserInput.option("unsure"))
    assert before_fever.reply.node == "fever"
    turn = engine.step(before_fever.session, UserInput.text("no fever"))
    turn = engine.step(turn.session, UserInput.command("back"))
    assert turn.reply.node == "fever"
    turn = engine.step(turn.session, UserInput.text("yes I do"))
    assert turn.session.answers["fever"] == "yes" and turn.session.concepts["fever"] is True


def answer_cautiously(engine: Engine, turn: Turn) -> Turn:
    """Press "no" (or the first answer) until the advice: a path without warning signs."""
    for _ in range(80):
        if turn.reply.outcome is not None:
            return turn
        ids = [o.id for o in turn.reply.options]
        choice = "no" if "no" in ids else "done" if "done" in ids else ids[0]
        turn = engine.step(turn.session, UserInput.option(choice))
    raise AssertionError("no advice after 80 answers")


def test_an_urgent_sign_typed_after_the_advice_raises_it(engine: Engine) -> None:
    done = answer_cautiously(engine, talk(engine, AGREE, "my lower back hurts"))
    assert done.reply.outcome["urgency"] in ("routine", "soon")
    turn = engine.step(done.session, UserInput.text("I forgot: I have a high fever"))
    assert turn.reply.event == "outcome"
    assert turn.reply.outcome["urgency"] == "urgent"
    assert "therapist" in turn.reply.outcome["specialists"]
    assert turn.reply.text.startswith("Thank you - what you added changes my advice:")
    again = engine.step(turn.session, UserInput.text("thanks"))
    assert again.reply.event == "ended" and again.reply.outcome == turn.reply.outcome


def test_a_sign_at_the_end_of_a_long_message_is_read(engine: Engine) -> None:
    text = "My back has hurt for a while. " * 80 + "Now I cannot feel anything between my legs."
    assert 2000 < len(text) <= 4096  # anything Telegram lets a person send
    turn = talk(engine, AGREE, text)
    assert turn.reply.outcome is not None and turn.reply.outcome["urgency"] == "emergency"


def test_a_session_of_an_older_dialogue_starts_again_and_still_reads_the_text(
    engine: Engine,
) -> None:
    old = talk(engine, AGREE, "back pain").session.to_json() | {"version": "older"}
    turn = engine.step(Session.from_json(old), UserInput.text("I wet myself and my groin is numb"))
    assert turn.reply.outcome is not None and turn.reply.outcome["urgency"] == "emergency"
    turn = engine.step(Session.from_json(old), UserInput.option("no"))
    assert turn.reply.event == "restarted" and turn.reply.node == "consent"


def test_alarm_acts_only_on_warning_signs_and_changes_nothing_otherwise(engine: Engine) -> None:
    turn = talk(engine, AGREE, "back pain")
    frozen = json.dumps(turn.session.to_json(), sort_keys=True)
    assert engine.alarm(turn.session, "here is my MRI, the pain is in my hip") is None
    assert json.dumps(turn.session.to_json(), sort_keys=True) == frozen
    alarmed = engine.alarm(turn.session, "and my foot went cold and white")
    assert alarmed is not None and alarmed.reply.outcome["urgency"] == "emergency"
    assert json.dumps(turn.session.to_json(), sort_keys=True) == frozen  # a new session


def test_a_sign_told_at_another_question_is_acknowledged_and_kept(engine: Engine) -> None:
    at_fever = talk(engine, AGREE, UserInput.option("skip"), DONE, UserInput.option("unsure"))
    assert at_fever.reply.node == "fever"
    turn = engine.step(at_fever.session, UserInput.text("I had breast cancer five years ago"))
    assert turn.reply.node == "fever" and turn.reply.event == "reask"
    assert turn.reply.text.startswith("Thank you, noted: you have had cancer.")
    assert turn.session.concepts["cancer_history"] is True


# a long conversation of button presses: checklist ticks, a symptom's follow-up questions
LONG_WALK = [
    "agree", "skip", "done", "night", "colic", "unsure", "no", "no", "no", "no", "no", "no",
    "done", "back_only", "done", "lifting", "no", "days", "little", "little", "age_20_50",
]  # fmt: skip


def _long_walk(engine: Engine, steps: int) -> list[Turn]:
    turns = [engine.start("en")]
    for choice in LONG_WALK[:steps]:
        assert turns[-1].reply.outcome is None
        turns.append(engine.step(turns[-1].session, UserInput.option(choice)))
        assert turns[-1].reply.event != "reask", choice
    return turns


def _stored_size(turn: Turn) -> int:
    return len(json.dumps(turn.session.to_json(), ensure_ascii=False).encode())


def test_a_session_grows_linearly_with_its_turns(engine: Engine) -> None:
    turns = _long_walk(engine, 20)
    # a whole copy of the state per /back step made turn 20 about 27 times turn 2 and each
    # turn add more than the one before; as steps, a turn adds what it changed (the state
    # itself grows from turn 2 to 20 by about 6 times: the checklists' concepts)
    assert _stored_size(turns[20]) < 10 * _stored_size(turns[2])
    growth = [_stored_size(b) - _stored_size(a) for a, b in itertools.pairwise(turns[10:])]
    assert max(growth) < 1_000


def test_a_session_stored_with_whole_snapshots_migrates_and_back_still_works(
    engine: Engine,
) -> None:
    turns = _long_walk(engine, 12)
    last = turns[-1]
    # how sessions were stored before: the whole state before every step
    old_form = last.session.to_json() | {
        "history": [json.loads(json.dumps(turn.session.snapshot())) for turn in turns[:-1]]
    }
    migrated = Session.from_json(old_form)
    assert sum("node" in entry for entry in migrated.history) == 1  # the rest are steps
    turn = Turn(last.reply, migrated)
    for earlier in (turns[-2], turns[-3], turns[-4]):
        turn = engine.step(turn.session, UserInput.command("back"))
        assert turn.reply.node == earlier.reply.node
        assert turn.session.answers == earlier.session.answers


def test_a_sign_that_is_over_does_not_send_to_emergency_but_a_current_one_does(
    engine: Engine,
) -> None:
    over = talk(engine, AGREE, "the numbness in my groin has gone away, my back still hurts")
    assert over.reply.node != "emergency"
    assert over.session.concepts.get("saddle_numbness") is not True
    over_ru = talk(engine, AGREE, "онемение в промежности прошло, болит поясница")
    assert over_ru.reply.node != "emergency"
    current = talk(engine, AGREE, "the numbness in my groin has gone away but now I can't pee")
    assert current.reply.node == "emergency"
    assert current.reply.outcome["red_flags"] == ["bladder_dysfunction"]


@pytest.mark.parametrize(
    "text",
    [
        "no loss of bladder control, my lower back aches",
        "потери контроля над мочеиспусканием нет, болит поясница",
    ],
)
def test_a_denied_loss_is_no_emergency(engine: Engine, text: str) -> None:
    turn = talk(engine, AGREE, text)
    assert turn.reply.outcome is None


@pytest.mark.parametrize(
    "text",
    [
        "no fever, but I don't have any control of my bladder",
        "температура была, уже спала, а промежность онемела",
    ],
)
def test_a_sign_beside_a_denied_or_ended_one_ends_in_emergency(engine: Engine, text: str) -> None:
    turn = talk(engine, AGREE, text)
    assert turn.reply.outcome is not None
    assert turn.reply.outcome["urgency"] == "emergency"
