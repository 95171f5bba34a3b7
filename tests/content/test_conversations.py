"""Scripted conversations on the real dialogue, content and matcher (issue 4).

Each case is a person: what they type first, the answers that differ from "no / nothing
special", and the referral they must get - the exact outcome (urgency, doctors, red flags)
and key phrases of the advice, in English or Russian.

``converse`` answers whatever the bot asks by node id, so a case does not depend on the order
of the questions or on which ones are skipped because the person already told us.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.engine import Engine, Turn, UserInput

# The calm answer to every question: nothing alarming, pain in the back only, a few days.
CALM = {
    "consent": "agree",
    "describe": "skip",
    # checklists: "done" leaves them; an item is ticked first when its answer is "yes"
    "red_signs": "done", "urgent_signs": "done", "other_causes": "done", "nerve_signs": "done",
    "sb_items": "done",
    "saddle": "no", "bladder": "no", "bowel": "no", "sexual": "no",
    "weakness": "no", "cold_leg": "no", "trauma": "no", "belly_pulse": "no", "chest": "no",
    "fever": "no", "cancer": "no", "weight": "no", "night": "no", "colic": "no",
    "abdomen": "no", "very_unwell": "no",
    "urine": "no", "pregnant": "no", "cycle": "no", "stiffness": "no", "claudication": "no",
    "hip": "no",
    "spread": "back_only", "numbness": "no", "leg_weak": "no", "legs": "one", "cough": "no",
    "onset": "by_itself", "fragility": "no", "duration": "days", "walking": "little",
    "sleep": "little", "age": "age_20_50", "sb_offer": "yes",
    **{f"sb{i}": "no" for i in range(1, 9)}, "sb9": "not_at_all",
    # the bot's short questions in between: what a message told is right; ticks are meant
    "slots_ok": "slots_ok", "ticks_ok": "ticks_ok", "subject_self": "subject_self",
}  # fmt: skip
MAX_TURNS = 80


@dataclass
class Conversation:
    turn: Turn
    asked: list[str] = field(default_factory=list)

    @property
    def outcome(self) -> dict[str, Any]:
        assert self.turn.reply.outcome is not None, f"no outcome, stopped at {self.turn.reply.node}"
        return self.turn.reply.outcome

    @property
    def text(self) -> str:
        return self.turn.reply.text


def converse(engine: Engine, lang: str, first: str | None = None, **answers: str) -> Conversation:
    """Talk until the advice: ``first`` is typed at `describe`; ``answers`` override CALM.

    An answer that is an option id of the current question presses it; anything else is typed.
    """
    plan = {**CALM, **answers}
    if first is not None:
        plan["describe"] = first
    turn = engine.start(lang)
    asked = [turn.reply.node]
    for _ in range(MAX_TURNS):
        if turn.reply.outcome is not None:
            return Conversation(turn, asked)
        turn = engine.step(turn.session, next_input(engine, turn, plan))
        if turn.reply.event != "toggled":
            asked.append(turn.reply.node)
    raise AssertionError(f"no advice after {MAX_TURNS} turns; at {turn.reply.node}")


def next_input(engine: Engine, turn: Turn, plan: dict[str, str]) -> UserInput:
    """The planned answer to what the bot shows now: a short question in between, a
    checklist (tick the items planned "yes", then "done"), or a question."""
    session = turn.session
    ids = [o.id for o in turn.reply.options]
    if session.pending:
        kind = session.pending[0]["kind"]
        if kind == "confirm":
            concept_node = engine.asked_by.get(session.pending[0]["concept"], "")
            answer = plan.get(concept_node, "no")
            return UserInput.option(f"confirm_{answer}")
        wanted = next(i for i in ids if i in plan)
        return UserInput.option(plan[wanted])
    node = engine.dialogue.nodes[turn.reply.node]
    answer = plan[node.id]
    if node.type == "checklist" and answer == "done":
        for item in node.items:  # what they told in words is ticked for them: left as it is
            if plan.get(item.id) == "yes" and item.id not in session.ticks:
                return UserInput.option(item.id)
    return UserInput.option(answer) if answer in ids else UserInput.text(answer)


def startback(*agree: int, bother: str = "not_at_all") -> dict[str, str]:
    """STarT Back answers: the items (1-8) the person agrees with, and item 9."""
    items = {f"sb{i}": ("yes" if i in agree else "no") for i in range(1, 9)}
    return {**items, "sb9": bother}


@dataclass(frozen=True)
class Case:
    id: str
    lang: str
    urgency: str
    specialists: list[str]
    red_flags: list[str]
    node: str
    phrases: tuple[str, ...] = ()
    first: str | None = None
    answers: dict[str, str] = field(default_factory=dict)
    absent: tuple[str, ...] = ()  # phrases that must NOT be in the advice


# the emergency department; the doctor after it only where docs/clinical-rules.md names one
EMERGENCY = ["emergency"]
NEUROSURGICAL = [*EMERGENCY, "neurosurgeon"]
SPINE = ["neurologist", "vertebrologist"]
EN_999 = ("112", "do not drive yourself")
RU_103 = ("103", "не садитесь за руль")
CHRONIC = {"duration": "months"}

CASES = [
    # --- every emergency sign: buttons of the grouped screen, words, and "not sure" ---------
    Case("saddle_button_en", "en", "emergency", NEUROSURGICAL, ["saddle_numbness"], "emergency",
         EN_999, answers={"saddle": "yes"}),
    Case("bladder_words_ru", "ru", "emergency", EMERGENCY, ["bladder_dysfunction"], "emergency",
         RU_103, first="Болит поясница, со вчерашнего дня не могу помочиться"),
    Case("bowel_button_ru", "ru", "emergency", EMERGENCY, ["bowel_incontinence"], "emergency",
         RU_103, answers={"bowel": "yes"}),
    Case("sexual_button_en", "en", "emergency", EMERGENCY, ["sexual_dysfunction"], "emergency",
         EN_999, answers={"sexual": "yes"}),
    Case("saddle_unsure_one_by_one_en", "en", "emergency", EMERGENCY, [], "emergency", EN_999,
         answers={"red_signs": "unsure", "saddle": "unsure"}),
    Case("bowel_yes_one_by_one_ru", "ru", "emergency", EMERGENCY, ["bowel_incontinence"],
         "emergency", RU_103, answers={"red_signs": "unsure", "bowel": "yes"}),
    Case("progressive_weakness_button_en", "en", "emergency", NEUROSURGICAL,
         ["progressive_weakness"], "emergency", EN_999, answers={"weakness": "yes"}),
    Case("cold_leg_words_later_ru", "ru", "emergency", [*EMERGENCY, "vascular_surgeon"],
         ["cold_pale_leg"], "emergency", RU_103,
         answers={"spread": "Стопа вдруг стала холодной и бледной"}),
    Case("cold_leg_one_by_one_en", "en", "emergency", [*EMERGENCY, "vascular_surgeon"],
         ["cold_pale_leg"], "emergency", EN_999,
         answers={"red_signs": "unsure", "cold_leg": "yes"}),
    Case("major_trauma_button_ru", "ru", "emergency", [*EMERGENCY, "traumatologist"],
         ["major_trauma"], "emergency", RU_103, answers={"trauma": "yes"}),
    Case("pulsating_belly_button_en", "en", "emergency", [*EMERGENCY, "vascular_surgeon"],
         ["pulsating_abdomen"], "emergency", EN_999, answers={"belly_pulse": "yes"}),
    Case("chest_pain_words_ru", "ru", "emergency", EMERGENCY, ["chest_pain"], "emergency",
         RU_103, first="Болит спина и давит в груди, тяжело дышать", absent=("нейрохирург",)),
    Case("chest_pain_one_by_one_en", "en", "emergency", EMERGENCY, ["chest_pain"], "emergency",
         EN_999, answers={"red_signs": "unsure", "chest": "yes"}, absent=("neurosurgeon",)),
    # --- emergency combinations of docs/clinical-rules.md ------------------------------------
    Case("both_legs_numb_en", "en", "emergency", EMERGENCY, [], "emergency", EN_999,
         answers={"spread": "below_knee", "numbness": "yes", "legs": "both"}),
    Case("cancer_and_numbness_ru", "ru", "emergency", [*EMERGENCY, "oncologist"],
         ["cancer_history"], "emergency", RU_103, answers={"cancer": "yes", "numbness": "yes"}),
    Case("cancer_and_walking_en", "en", "emergency", [*EMERGENCY, "oncologist"],
         ["cancer_history"], "emergency", EN_999, answers={"cancer": "yes", "walking": "severe"}),
    Case("fever_very_unwell_en", "en", "emergency", [*EMERGENCY, "therapist"], ["fever"],
         "emergency", EN_999, answers={"fever": "yes", "very_unwell": "yes"}),
    Case("colic_with_fever_ru", "ru", "emergency", [*EMERGENCY, "therapist", "urologist"],
         ["fever", "renal_colic"], "emergency", RU_103, answers={"fever": "yes", "colic": "yes"}),
    Case("colic_over_50_en", "en", "emergency", [*EMERGENCY, "urologist"], ["renal_colic"],
         "emergency", EN_999, answers={"colic": "yes", "age": "over_50"}),
    Case("colic_in_pregnancy_ru", "ru", "emergency", [*EMERGENCY, "urologist", "gynecologist"],
         ["renal_colic"],
         "emergency", RU_103, answers={"colic": "yes", "pregnant": "yes"}),
    # --- urgent signs: a doctor today --------------------------------------------------------
    Case("fever_en", "en", "urgent", ["therapist"], ["fever"], "see_today",
         ("today", "blood tests"), answers={"fever": "yes"}),
    Case("cancer_ru", "ru", "urgent", ["therapist", "oncologist"], ["cancer_history"],
         "see_today", ("сегодня",), answers={"cancer": "yes"}),
    Case("weight_loss_en", "en", "urgent", ["therapist"], ["weight_loss"], "see_today",
         ("today",), answers={"weight": "yes"}),
    Case("night_pain_ru", "ru", "urgent", ["therapist", "neurologist"], ["night_pain"],
         "see_today", ("сегодня",), answers={"night": "yes"}),
    Case("renal_colic_ru", "ru", "urgent", ["urologist"], ["renal_colic"], "renal_colic",
         ("уролог", "сегодня", "анализ мочи"), answers={"colic": "yes"}),
    Case("abdominal_pain_en", "en", "urgent", ["surgeon"], ["abdominal_pain"], "abdominal",
         ("surgeon", "today", "spreads over the whole belly"), answers={"abdomen": "yes"}),
    Case("fragile_bones_after_fall_en", "en", "urgent", ["traumatologist"], [],
         "fracture_check", ("today", "do not lift anything heavy"),
         answers={"onset": "fall", "fragility": "yes"}),
    Case("fragility_unsure_over_50_after_lifting_ru", "ru", "urgent", ["traumatologist"], [],
         "fracture_check", ("сегодня",),
         answers={"onset": "lifting", "fragility": "unsure", "age": "over_50"}),
    # --- routing to another specialist --------------------------------------------------------
    Case("urinary_en", "en", "soon", ["urologist"], [], "urinary",
         ("urologist", "check your urine"), answers={"urine": "yes"}),
    Case("urinary_with_fever_ru", "ru", "urgent", ["urologist", "therapist"], ["fever"],
         "urinary", ("уролог",), answers={"urine": "yes", "fever": "yes"}),
    Case("gynecological_ru", "ru", "soon", ["gynecologist"], [], "gynecological",
         ("гинеколог",), answers={"cycle": "yes"}),
    Case("pregnancy_en", "en", "soon", ["gynecologist"], [], "pregnancy",
         ("pregnant", "gynaecologist"), answers={"pregnant": "yes", "spread": "below_knee"},
         absent=("MRI", "X-ray", "imaging", "scan")),
    Case("pregnancy_ru", "ru", "soon", ["gynecologist"], [], "pregnancy", ("беременн",),
         answers={"pregnant": "yes", "duration": "months"}, absent=("МРТ", "рентген")),
    Case("morning_stiffness_en", "en", "soon", ["rheumatologist", "neurologist"], [],
         "stiffness_advice", ("rheumatologist",), answers={"stiffness": "yes"}),
    Case("claudication_ru", "ru", "soon", ["vascular_surgeon", "neurologist"], [],
         "claudication_advice", ("сосудистому хирургу", "неврологу"),
         answers={"claudication": "yes"}),
    Case("hip_en", "en", "routine", ["orthopedist", "neurologist"], [], "hip_advice",
         ("orthopaedist",), answers={"hip": "yes"}),
    Case("hip_over_50_ru", "ru", "soon", ["orthopedist", "neurologist"], [], "hip_age",
         ("ортопед",), answers={"hip": "yes", "age": "over_50"}),
    # --- the spine pain itself ------------------------------------------------------------------
    Case("acute_radicular_ru", "ru", "soon", SPINE, [], "radicular",
         ("ниже колена", "МРТ нужна, только если врач решит", "Не поднимайте тяжести"),
         answers={"spread": "foot", "numbness": "yes", "duration": "weeks"}),
    Case("chronic_radicular_low_en", "en", "soon", SPINE, [], "radicular_low",
         ("low risk", "stay active"),
         answers={"spread": "below_knee", "duration": "months", **startback(1)}),
    Case("chronic_radicular_high_ru", "ru", "soon", SPINE, [], "radicular_high",
         ("психологической поддержкой",),
         answers={"spread": "below_knee", "duration": "weeks_6_12",
                  **startback(1, 5, 6, 7, 8, bother="extremely")}),
    Case("non_specific_acute_en", "en", "routine", SPINE, [], "back_pain_routine",
         ("stay gently active", "avoid heavy lifting"), first="my lower back hurts"),
    Case("new_pain_over_50_en", "en", "soon", SPINE, [], "age_check",
         ("over 50",), answers={"age": "over_50"}),
    Case("new_pain_under_20_ru", "ru", "soon", SPINE, [], "age_check",
         ("до 20",), answers={"age": "under_20", "duration": "months"}),
    # --- STarT Back: published scoring ------------------------------------------------------------
    Case("startback_low_en", "en", "routine", SPINE, [], "chronic_low",
         ("low risk", "stay active"), answers={**CHRONIC, **startback(1, 2, 3)}),
    Case("startback_medium_ru", "ru", "routine", SPINE, [], "chronic_medium",
         ("средний", "лечебной физкультуры"),
         answers={**CHRONIC, **startback(1, 2, 3, 4, bother="slightly")}),
    Case("startback_high_en", "en", "routine", SPINE, [], "chronic_high",
         ("psychological support",),
         answers={**CHRONIC, **startback(5, 6, 7, bother="very_much")}),
    # psychosocial 3 (items 5-7) and total 3: low, not high
    Case("startback_boundary_low_en", "en", "routine", SPINE, [], "chronic_low", ("low risk",),
         answers={"duration": "weeks_6_12", **startback(5, 6, 7)}),
    # total 4 with psychosocial 3: medium
    Case("startback_boundary_medium_ru", "ru", "routine", SPINE, [], "chronic_medium",
         ("средний",), answers={**CHRONIC, **startback(1, 5, 6, 7)}),
    Case("startback_declined_en", "en", "routine", SPINE, [], "chronic",
         ("bed rest does not help",), answers={**CHRONIC, "sb_offer": "no"}),
    # --- a person who writes everything in the first message -------------------------------------
    Case("everything_first_en", "en", "soon", SPINE, [], "radicular",
         ("the pain goes below the knee", "the leg or foot is numb or tingles"),
         first="Lower back pain for 2 months, it shoots down my right leg below the knee to the "
         "foot, tingling in my toes, worse when I cough or sit, started after lifting a heavy "
         "box. No fever, never had cancer, no numbness in the groin, no problems peeing.",
         answers={"duration": "weeks_6_12", "sb_offer": "no"}),
    Case("everything_first_ru", "ru", "soon", SPINE, [], "radicular_medium",
         ("ниже колена", "средний"),
         first="Третий месяц болит поясница, отдаёт в правую ногу ниже колена до стопы, "
         "покалывает пальцы, хуже при кашле и сидя, началось после того как поднял тяжёлый "
         "ящик. Температуры нет, онкологии не было, онемения в промежности нет.",
         answers={"duration": "months", **startback(1, 3, 4, 6, bother="moderately")}),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_conversation(engine: Engine, case: Case) -> None:
    talk = converse(engine, case.lang, case.first, **case.answers)
    assert talk.turn.reply.node == case.node, talk.asked
    assert talk.outcome == {
        "urgency": case.urgency,
        "specialists": case.specialists,
        "red_flags": case.red_flags,
    }
    for phrase in case.phrases:
        assert phrase in talk.text, phrase
    for phrase in case.absent:
        assert phrase not in talk.text, phrase
    # every ending: not a doctor; start over is offered. Emergency advice is only what to do
    # now: no booking line, no doctors for later; every other ending says how to book
    booking = "+7 495 123-45-67" in talk.text and "healthyback.example/booking" in talk.text
    if case.urgency == "emergency":
        assert not booking and "+7 495" not in talk.text
        assert ("Who to see" if case.lang == "en" else "К кому обратиться") not in talk.text
        assert talk.turn.reply.booking == {}
    else:
        assert booking and talk.turn.reply.booking
    assert ("not a doctor" if case.lang == "en" else "не врач") in talk.text
    assert [o.id for o in talk.turn.reply.options] == ["restart"]


def test_at_least_25_conversations_in_both_languages() -> None:
    assert len(CASES) >= 25
    assert {c.lang for c in CASES} == {"en", "ru"}
    assert sum(c.lang == "ru" for c in CASES) >= 10


def test_what_was_written_first_is_not_asked_again(engine: Engine) -> None:
    first = next(c for c in CASES if c.id == "everything_first_en")
    talk = converse(engine, "en", first.first, **first.answers)
    for node in ("fever", "cancer", "spread", "numbness", "cough", "onset"):
        assert node not in talk.asked, node
    assert "red_signs" in talk.asked  # only saddle and bladder were denied: still screened


def test_emergency_stops_at_once(engine: Engine) -> None:
    talk = converse(engine, "en", bladder="yes")
    assert talk.asked[-3:] == ["red_signs", "red_signs", "emergency"]  # done, confirmed
    assert talk.turn.reply.event in ("emergency_rule", "outcome")


def test_startback_switch_off_skips_the_questionnaire(engine: Engine) -> None:
    content = dataclasses.replace(
        engine.content, clinic={**engine.content.clinic, "startback": False}
    )
    off = Engine(engine.dialogue, content, engine.matcher)
    talk = converse(off, "en", **CHRONIC)
    assert not any(node.startswith("sb") for node in talk.asked)
    assert talk.turn.reply.node == "chronic"


def test_short_pain_gets_no_questionnaire(engine: Engine) -> None:
    talk = converse(engine, "ru", duration="weeks")
    assert not any(node.startswith("sb") for node in talk.asked)
    assert talk.turn.reply.node == "back_pain_routine"


def test_urgent_signs_skip_the_questionnaire(engine: Engine) -> None:
    talk = converse(engine, "en", fever="yes", **CHRONIC)
    assert not any(node.startswith("sb") for node in talk.asked)


def test_the_reason_is_given_in_the_persons_words(engine: Engine) -> None:
    talk = converse(engine, "en", spread="below_knee", numbness="yes")
    assert "Why: " in talk.text
    assert "the pain goes below the knee" in talk.text
    assert "the leg or foot is numb or tingles" in talk.text
