"""Issue 15's conversations as data, in both languages, to drive through every front end.

Each case is a whole conversation from /start: ``inputs`` are what the person does, an option
id of the step shown (a button press) or anything else (typed text). It ends at ``node``, an
outcome of the dialogue, with exactly ``outcome``; ``says`` must be in the advice the person
reads, ``never`` in no message of the conversation, and ``seen`` in a message on the way.
``then`` is typed after the advice and must get ``then_says``.

The same table runs through the engine (tests/content/test_listening_cases.py), through
``python -m bot simulate`` (tests/test_simulate.py) and through the real python-telegram-bot
application against the fake Bot API (tests/telegram/test_listening.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.engine import Engine, Turn, UserInput

SPINE = ["neurologist", "vertebrologist"]
# words of English in a Russian chat: none may appear, but for names that are not translated
LATIN_WORD = re.compile(r"(?<![\w./@-])[A-Za-z]{3,}(?![\w./@:-])")
NOT_ENGLISH = {"STarT", "Back"}  # the questionnaire's name, Keele's spelling
CYRILLIC_WORD = re.compile(r"[А-Яа-яЁёІіЇїЄєЎў]{2,}")


@dataclass(frozen=True)
class Case:
    name: str
    lang: str
    inputs: tuple[str, ...]
    node: str
    outcome: dict[str, Any]
    says: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    seen: tuple[str, ...] = ()
    once: tuple[str, ...] = ()  # in exactly one message: asked, and not asked again
    then: str = ""
    then_says: tuple[str, ...] = ()
    language_user: str = ""  # the Telegram user's language when it differs from ``lang``
    # the matcher may read more signs in a long message (their doctors and red flags are
    # then added): ``outcome`` is what must be in it, at least
    at_least: bool = False

    @property
    def id(self) -> str:
        return f"{self.name}-{self.lang}"

    def reached(self, outcome: dict[str, Any] | None) -> bool:
        """``outcome`` is this case's: exactly, or (``at_least``) with more signs read."""
        if not self.at_least or outcome is None:
            return outcome == self.outcome
        return outcome["urgency"] == self.outcome["urgency"] and all(
            set(self.outcome[key]) <= set(outcome[key]) for key in ("specialists", "red_flags")
        )

    @property
    def start_lang(self) -> str:
        return self.language_user or self.lang


EN_SAFETY = "numbness between the legs"
RU_SAFETY = "онемение в промежности"
EN_NOW = ("do not drive yourself", "Call 112")
RU_NOW = ("не садитесь за руль", "103")
EN_LATER = ("To book", "+7 495", "Who to see", "neurologist", "does not look urgent")
RU_LATER = ("Записаться", "+7 495", "К кому обратиться", "невролог", "срочности нет")
NO_VERDICT: dict[str, Any] = {"urgency": None, "specialists": [], "red_flags": []}
CALM_PAIN = ("back_only", "done", "by_itself", "days", "little", "little", "age_20_50")

CASES = [
    # --- consent: a description is not a "no"; a refusal gets only the safety net ----------
    *(
        Case("emergency_at_consent", lang, (first,), "emergency",
             {"urgency": "emergency", "specialists": ["emergency", "neurosurgeon"],
              "red_flags": ["saddle_numbness"]},
             says=now, never=later, then=wait, then_says=(repeat, now[1]))
        for lang, first, now, later, wait, repeat in [
            ("en", "no fever and numb between my legs", EN_NOW, EN_LATER,
             "can i just wait till monday?", "please do not wait"),
            ("ru", "температуры нет, немеет промежность", RU_NOW, RU_LATER, "а можно завтра?",
             "не ждите"),
        ]
    ),
    *(
        # no verdict, so no urgency and no doctor: nothing is logged as an outcome
        Case("refusal", lang, (refusal,), "declined", NO_VERDICT,
             says=(safety, "112"), never=verdicts)
        for lang, refusal, safety, verdicts in [
            ("en", "I don't agree", EN_SAFETY,
             ("does not look urgent", "regular appointment", "To book", "Who to see")),
            ("ru", "не согласен", RU_SAFETY,
             ("срочности нет", "плановый приём", "Записаться:", "К кому обратиться")),
        ]
    ),
    # --- a greeting at consent is greeted back; a typed "sure" / «ага» agrees, "nope" declines --
    *(
        Case("greeting_then_typed_yes", lang,
             (*greetings, yes, "skip", "done", "done", "done", *CALM_PAIN),
             "back_pain_routine", {"urgency": "routine", "specialists": SPINE, "red_flags": []},
             says=(routine,), seen=(greeted,), never=(lost, *heard))
        for lang, greetings, yes, routine, greeted, lost, heard in [
            ("en", ("hi", "Hello!"), "sure", "does not look urgent",
             "Hello, and thank you for writing! One thing before we start:",
             "did not quite understand", ("You said:",)),
            ("ru", ("привет", "Добрый день!"), "ага", "срочности нет",
             "Здравствуйте, спасибо, что написали! Сначала один вопрос:", "не совсем понял",
             ("Вы написали:",)),
        ]
    ),
    *(
        Case("typed_no_at_consent", lang, ("hello", no), "declined", NO_VERDICT,
             says=(safety,), never=(lost,))
        for lang, no, safety, lost in [
            ("en", "nope", EN_SAFETY, "did not quite understand"),
            ("ru", "нет, спасибо", RU_SAFETY, "не совсем понял"),
        ]
    ),
    # --- a tick of an emergency sign is confirmed, then only what to do now ----------------
    *(
        Case("ticked_emergency", lang, ("agree", "skip", "chest", "done", "ticks_ok"),
             "emergency", {"urgency": "emergency", "specialists": ["emergency"],
                           "red_flags": ["chest_pain"]},
             says=now, never=later, seen=(ticked,))
        for lang, now, later, ticked in [
            ("en", EN_NOW, EN_LATER, "You ticked: Chest pain or short of breath."),
            ("ru", RU_NOW, RU_LATER, "Вы отметили: Боль в груди или одышка."),
        ]
    ),
    # --- doubt at a red-flag question: confirmed; "not sure" is the safer yes, explained ----
    *(
        Case("night_doubt_not_sure", lang,
             ("agree", "skip", "done", "unsure", "no", "no", "no", doubt, "confirm_unsure",
              "no", "no", "done", *CALM_PAIN),
             "see_today",
             {"urgency": "urgent", "specialists": ["therapist", "neurologist"],
              "red_flags": ["night_pain"]},
             says=(today,), seen=(sure, safer))
        for lang, doubt, today, sure, safer in [
            ("en", "only when I turn over at night", "see a doctor today",
             "Let me make sure I understood you correctly",
             "I take the safer answer and count it as «yes»"),
            ("ru", "ну ночью бывает просыпаюсь когда повернусь", "сегодня",
             "Хочу убедиться, что правильно вас понял",
             "выбираю более безопасный ответ и считаю его за «да»"),
        ]
    ),
    *(
        Case("night_doubt_no", lang,
             ("agree", "skip", "done", "unsure", "no", "no", "no", doubt, "confirm_no",
              "no", "no", "done", *CALM_PAIN),
             "back_pain_routine", {"urgency": "routine", "specialists": SPINE, "red_flags": []},
             says=(routine,), never=(today,))
        for lang, doubt, routine, today in [
            ("en", "only when I turn over at night", "does not look urgent", "today"),
            ("ru", "ну ночью бывает просыпаюсь когда повернусь", "срочности нет", "сегодня"),
        ]
    ),
    # --- a sign the matcher is not sure of: asked at once with buttons, never taken as "no" --
    *(
        Case("uncertain_sign_not_sure", lang, ("agree", words, "confirm_unsure"), "emergency",
             {"urgency": "emergency", "specialists": doctors, "red_flags": [sign]},
             says=(safer, *now), never=later, seen=(asked,))
        for lang, words, doctors, sign, safer, now, later, asked in [
            ("en", "i dont think i have trouble peeing", ["emergency"], "bladder_dysfunction",
             "I take the safer answer and count it as «yes»", EN_NOW, EN_LATER,
             "I could not tell for sure whether you have it"),
            ("ru", "вроде бы не немеет промежность", ["emergency", "neurosurgeon"],
             "saddle_numbness", "выбираю более безопасный ответ и считаю его за «да»", RU_NOW,
             RU_LATER, "я не понял точно, есть ли это у вас"),
        ]
    ),
    *(
        Case("hedged_no", lang,
             ("agree", "skip", "done", "unsure", hedge, "confirm_no", "no", "no", "no", "no",
              "no", "done", *CALM_PAIN),
             "back_pain_routine", {"urgency": "routine", "specialists": SPINE, "red_flags": []},
             says=(routine,), seen=(sure,))
        for lang, hedge, routine, sure in [
            ("en", "not really", "does not look urgent",
             "Let me make sure I understood you correctly"),
            ("ru", "вроде нет", "срочности нет", "Хочу убедиться, что правильно вас понял"),
        ]
    ),
    # --- a typed answer never silently overrides a button: asked once ----------------------
    *(
        Case("typed_against_button", lang,
             ("agree", "skip", "done", "done", "done", "back_only", "done", "by_itself", "days",
              "little", typed, "confirm_no", "age_20_50"),
             "back_pain_routine", {"urgency": "routine", "specialists": SPINE, "red_flags": []},
             says=(routine,), never=(today,), seen=(conflict,))
        for lang, typed, routine, today, conflict in [
            ("en", "it wakes me up", "does not look urgent", "today",
             "Earlier you answered «No» about this"),
            ("ru", "просыпаюсь от боли ночью", "срочности нет", "сегодня",
             "Раньше вы ответили «Нет» на это"),
        ]
    ),
    # --- words in the first message are shown ticked, to untick; never a verdict by itself ---
    *(
        Case("cant_sleep_first", lang,
             ("agree", first, "done", "night", "done", "done", *CALM_PAIN),
             "back_pain_routine", {"urgency": "routine", "specialists": SPINE, "red_flags": []},
             says=(routine,), never=(today,), seen=(preticked,))
        for lang, first, routine, today, preticked in [
            ("en", "i cant sleep proprly", "does not look urgent", "today",
             "I have ticked what you already told me"),
            ("ru", "не могу нормально спать", "срочности нет", "сегодня",
             "Я уже отметил то, о чём вы написали"),
        ]
    ),
    # --- "no" with a reason is a no; the age in it is shown back and not asked ------------
    *(
        Case("no_with_a_reason", lang,
             ("agree", "skip", "done", "done", reason, "slots_ok", "back_only", "done",
              "by_itself", "days", "little", "little"),
             "age_check", {"urgency": "soon", "specialists": SPINE, "red_flags": []},
             says=(soon,), never=(asked_age,), seen=(heard,), once=(causes,))
        for lang, reason, soon, causes, asked_age, heard in [
            ("en", "no, I'm 56, what pregnancy", "within the next few days", "And any of these?",
             "How old are you?", "You said: age: over 50"),
            ("ru", "нет, мне 56, какая беременность", "в ближайшие дни",
             "И ещё: есть ли что-то из этого?", "Сколько вам лет?",
             "Вы написали: возраст: больше 50"),
        ]
    ),
    # --- what a message told is shown back in one line and not asked again -----------------
    *(
        Case("slots_from_the_first_message", lang,
             ("agree", first, "slots_ok", "done", "done", "done", "done", "by_itself",
              "little", "little", "age_20_50", "no"),
             "radicular", {"urgency": "soon", "specialists": SPINE, "red_flags": []},
             says=(soon,), never=asked, seen=(heard,))
        for lang, first, soon, asked, heard in [
            ("en", "it goes down my left leg to the foot, for about two months",
             "within the next few days",
             ("Where does the pain go?", "How long has the pain", "one leg or both"),
             "You said: "),
            ("ru", "отдаёт в левую ногу до стопы, уже два месяца", "в ближайшие дни",
             ("Куда отдаёт боль?", "Как давно", "Одна нога или обе?"), "Вы написали: "),
        ]
    ),
    # --- questions about someone else are worded for them ----------------------------------
    *(
        Case("someone_else" + who, lang,
             ("agree", first, "subject_other", "done", "done", "done", "thigh", "done", "one",
              "by_itself", "days", "little", "little", "over_50"),
             "age_check", {"urgency": "soon", "specialists": SPINE, "red_flags": []},
             says=advice, never=(*mine, *advice_mine), seen=theirs)
        for who, lang, first, advice, theirs, mine, advice_mine in [
            ("", "en", "my mother has back pain going down her leg",
             ("They should see a doctor within the next few days.",
              "Book a visit for them without putting it off for long.", "their lower back hurts",
              "The doctor will ask about their health, examine them and decide",
              "Meanwhile they should stay gently active", "at once if they notice numbness"),
             ("Do any of these apply to them?", "Where does their pain go?", "How old are they?",
              "4-6: it wakes them up"),
             ("(about the person you are asking for)", "Where does the pain go?",
              "How old are you?", "4-6: it wakes me up"),
             ("Please see a doctor", "Book a visit without", "your lower back",
              "examine you", "at once if you notice")),
            ("", "ru", "у папы болит спина, отдаёт в ногу",
             ("Этому человеку нужно показаться врачу в ближайшие дни.",
              "Запишите его на приём, не откладывая надолго.",
              "Врач расспросит этого человека о здоровье, осмотрит его",
              "Пока ему лучше оставаться умеренно активным",
              "если у него появится онемение в промежности"),
             ("Есть ли у него что-то из этого?", "Куда у него отдаёт боль?", "Сколько ему лет?",
              "4–6: просыпается от боли"),
             ("(о человеке, за которого вы спрашиваете)", "Куда отдаёт боль?", "Сколько вам лет?",
              "4–6: просыпаюсь от боли"),
             ("Покажитесь врачу", "Запишитесь на приём,", "осмотрит вас", "Пока оставайтесь",
              "если появится онемение")),
            # a woman is worded for: «её», «ей», «у неё»
            ("_her", "ru", "у мамы болит спина, отдаёт в ногу",
             ("Этому человеку нужно показаться врачу в ближайшие дни.",
              "Запишите её на приём, не откладывая надолго.",
              "Врач расспросит её о здоровье, осмотрит",
              "Пока ей лучше оставаться умеренно активной",
              "если у неё появится онемение в промежности"),
             ("А насколько боль мешает ей спать", "Сколько ей лет?", "4–6: просыпается от боли"),
             ("(о человеке, за которого вы спрашиваете)", "Куда отдаёт боль?", "Сколько вам лет?",
              "4–6: просыпаюсь от боли", "у него", "Сколько ему лет?"),
             ("Покажитесь врачу", "Запишитесь на приём,", "осмотрит вас", "Пока оставайтесь",
              "Запишите его", "если у него появится")),
        ]
    ),
    *(
        Case("someone_else_today" + who, lang,
             ("agree", first, "subject_other", "done", "fever", "done", "no", "done", "thigh",
              "done", "one", "by_itself", "days", "little", "little", "age_20_50"),
             "see_today",
             {"urgency": "urgent", "specialists": ["therapist"], "red_flags": ["fever"]},
             says=advice, never=advice_mine)
        for who, lang, first, advice, advice_mine in [
            ("", "en", "my mother has back pain going down her leg",
             ("⚠️ They should see a doctor today.",
              "Make sure they see a doctor within 24 hours. If the clinic cannot see them today,"
              " take them to an urgent care service.", "Why: they have a fever;",
              "Some of what you told me about them needs a doctor's check today.",
              "Until then they should keep moving gently"),
             ("Please see a doctor today", "you have a fever", "examine you",
              "Until then keep moving", "at once if you notice")),
            ("", "ru", "у папы болит спина, отдаёт в ногу",
             ("⚠️ Этому человеку нужно показаться врачу сегодня.",
              "Ему нужно попасть к врачу в течение суток. Если в клинике нет времени сегодня,"
              " обратитесь с ним в неотложную помощь.", "Почему: у него температура;",
              "Часть того, что вы рассказали об этом человеке, требует осмотра врача сегодня.",
              "До приёма ему лучше двигаться понемногу"),
             ("Покажитесь врачу сегодня", "у вас температура", "осмотрит вас",
              "До приёма двигайтесь", "если появится онемение")),
            ("_her", "ru", "у мамы болит спина, отдаёт в ногу",
             ("⚠️ Этому человеку нужно показаться врачу сегодня.",
              "Ей нужно попасть к врачу в течение суток. Если в клинике нет времени сегодня,"
              " обратитесь с ней в неотложную помощь.", "Почему: у неё температура;",
              "Часть того, что вы рассказали о ней, требует осмотра врача сегодня.",
              "До приёма ей лучше двигаться понемногу"),
             ("Покажитесь врачу сегодня", "у вас температура", "осмотрит вас",
              "До приёма двигайтесь", "у него температура", "Ему нужно")),
        ]
    ),
    *(
        Case("someone_else_emergency" + who, lang,
             ("agree", first, "subject_other", "saddle", "done", "ticks_ok"), "emergency",
             {"urgency": "emergency", "specialists": ["emergency", "neurosurgeon"],
              "red_flags": ["saddle_numbness"]},
             says=theirs, never=(*mine, *later), seen=(ticked,))
        for who, lang, first, theirs, mine, later, ticked in [
            ("", "en", "my mother has back pain going down her leg",
             ("for them or take them", "do not let them drive", "stay with them"),
             ("do not drive yourself",), EN_LATER, "is this new for them"),
            ("", "ru", "у папы болит спина, отдаёт в ногу",
             ("для этого человека", "не позволяйте ему садиться за руль", "побудьте рядом с ним"),
             ("не садитесь за руль сами",), RU_LATER, "это появилось у него впервые"),
            ("_her", "ru", "у мамы болит спина, отдаёт в ногу",
             ("для неё или отвезите её", "не позволяйте ей садиться за руль",
              "побудьте рядом с ней"),
             ("не садитесь за руль сами", "не позволяйте ему"), RU_LATER,
             "это появилось у неё впервые"),
        ]
    ),
    *(
        Case("typed_at_its_question", lang,
             ("agree", "skip", "done", "done", "done", "back_only", "done", "by_itself", how_long,
              "little", "little", age),
             node, {"urgency": urgency, "specialists": SPINE, "red_flags": []},
             says=(advice,), once=questions)
        for lang, how_long, age, node, urgency, advice, questions in [
            ("en", "3 wks", "I'm 34", "back_pain_routine", "routine", "does not look urgent",
             ("How long has the pain been going on?", "How old are you?")),
            ("ru", "уже два месяца", "мне 56 лет", "age_check", "soon", "в ближайшие дни",
             ("Как давно болит?", "Сколько вам лет?")),
        ]
    ),
    # --- routing: docs/clinical-rules.md ----------------------------------------------------
    *(
        Case("colic_with_vomiting_typed", lang, ("agree", first), "emergency",
             {"urgency": "emergency", "specialists": ["emergency", "urologist"],
              "red_flags": ["renal_colic"]},
             says=now, never=later, at_least=True)
        for lang, first, now, later in [
            ("en", "sudden waves of pain in my side going to the groin and I keep vomiting",
             EN_NOW, EN_LATER),
            ("ru", "внезапные приступы боли в боку, отдаёт в пах, рвота", RU_NOW, RU_LATER),
        ]
    ),
    *(
        Case("both_legs", lang,
             ("agree", "skip", "done", "done", "done", "below_knee", "done", "both",
              "by_itself", "days", "little", "little", "age_20_50"),
             "both_legs_today",
             {"urgency": "urgent", "specialists": ["neurologist", "neurosurgeon"],
              "red_flags": []},
             says=(today, safety))
        for lang, today, safety in [
            ("en", "see a doctor today", EN_SAFETY), ("ru", "сегодня", RU_SAFETY),
        ]
    ),
    # --- language follows the person ------------------------------------------------------
    Case("russian_in_an_english_chat", "ru",
         ("agree", "болит поясница, уже несколько дней", "slots_ok", "done", "done", "done",
          "back_only", "done", "by_itself", "little", "little", "age_20_50"),
         "back_pain_routine", {"urgency": "routine", "specialists": SPINE, "red_flags": []},
         says=("срочности нет",), seen=("Вы пишете по-русски",), language_user="en"),
    Case("english_in_a_russian_chat", "en",
         ("agree", "my lower back hurts for a few days", "slots_ok", "done", "done", "done",
          "back_only", "done", "by_itself", "little", "little", "age_20_50"),
         "back_pain_routine", {"urgency": "routine", "specialists": SPINE, "red_flags": []},
         says=("does not look urgent",), seen=("You are writing in English",),
         language_user="ru"),
    *(
        Case("ukrainian_warning_sign", "ru", ("agree", message), "emergency",
             {"urgency": "emergency", "specialists": ["emergency", "neurosurgeon"],
              "red_flags": ["saddle_numbness"]},
             says=RU_NOW, seen=("Дальше я продолжу по-русски",), language_user=chat)
        for chat, message in [
            ("ru", "болить спина, оніміла промежина"),
            ("en", "спіна баліць, анямела прамежнасць"),  # Belarusian
        ]
    ),
]  # fmt: skip


def foreign_words(lang: str, texts: list[str]) -> list[str]:
    """Words of the other language in messages of a chat in ``lang``: English in a Russian
    chat (the clinic's web address aside), Cyrillic in an English one."""
    if lang == "en":
        return [w for t in texts for w in CYRILLIC_WORD.findall(t)]
    return [w for t in texts for w in LATIN_WORD.findall(t) if w not in NOT_ENGLISH]


def shown(text: str, labels: list[str]) -> str:
    """What a reply shows: its text and its buttons' labels, a line each."""
    return "\n".join([text, *labels])


def play_case(engine: Engine, case: Case) -> tuple[Turn, list[str]]:
    """The case through the engine: the advice's turn and what each reply showed on the way."""
    turn = engine.start(case.start_lang)
    texts = [shown(turn.reply.text, [o.label for o in turn.reply.options])]
    for item in case.inputs:
        ids = {o.id for o in turn.reply.options}
        turn = engine.step(
            turn.session, UserInput.option(item) if item in ids else UserInput.text(item)
        )
        texts.append(shown(turn.reply.text, [o.label for o in turn.reply.options]))
    return turn, texts
