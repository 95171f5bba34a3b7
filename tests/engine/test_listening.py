"""Reading typed answers (bot/engine/listening.py) with the real words of content/texts."""

from __future__ import annotations

import pytest

from bot.engine import Engine, Turn, UserInput


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("no", "no"), ("Nope, never had that", "no"), ("no, I'm 56, what pregnancy", "no"),
        ("нет, мне 56, какая беременность", "no"), ("Нет.", "no"), ("ні", "no"),
        ("yes", "yes"), ("Yeah, every night", "yes"), ("да, есть", "yes"), ("ага", "yes"),
        ("not really", "unsure"), ("sometimes", "unsure"), ("only when I turn over", "unsure"),
        ("вроде нет", "unsure"), ("бывает", "unsure"), ("иногда, когда повернусь", "unsure"),
        ("no... well, maybe a bit", "unsure"), ("не знаю", "unsure"), ("мабуть", "unsure"),
        ("nothing", "no"), ("none of them", "no"), ("ничего", "no"),
        ("my back hurts", None), ("болит спина", None), ("", None),
    ],
)  # fmt: skip
def test_yes_no_and_doubt(engine: Engine, text: str, reading: str | None) -> None:
    assert engine.listener.reading(text) == reading


@pytest.mark.parametrize(
    ("text", "lost"),
    [
        ("can't feel a thing down there", True), ("ничего не чувствую", True),
        ("как чужое", True), ("no, not numb", False), ("нет, онемения нет", False),
        ("ne chuvstvuyu nichego tam", True),  # Latin letters, read as Russian
    ],
)  # fmt: skip
def test_a_lost_feeling(engine: Engine, text: str, lost: bool) -> None:
    assert engine.listener.lost_feeling(text) is lost


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        ("3 wks", {"duration": "weeks"}),
        ("for about two months", {"duration": "weeks_6_12"}),
        ("since Monday", {"duration": "days"}),
        ("a couple of days", {"duration": "days"}),
        ("for years", {"duration": "months"}),
        ("два месяца", {"duration": "weeks_6_12"}),
        ("третий месяц", {"duration": "weeks_6_12"}),
        ("со вчера", {"duration": "days"}),
        ("полгода", {"duration": "months"}),
        ("мне 56", {"age": "over_50"}),
        ("мне 56 лет", {"age": "over_50"}),  # an age, not a duration of 56 years
        ("I'm 34", {"age": "age_20_50"}),
        ("17 years old", {"age": "under_20"}),
        ("it goes to my calf", {"spread": "below_knee"}),
        ("it goes down to the knee", {"spread": "thigh"}),
        ("отдаёт до колена", {"spread": "thigh"}),
        ("shoots past my knee", {"spread": "below_knee"}),
        ("отдаёт в ягодицу", {"spread": "buttock"}),
        ("both legs", {"legs": "both"}),
        ("обе ноги болят", {"legs": "both"}),
        ("my right leg", {"legs": "one"}),
        ("no fever and numb between my legs", {}),  # "and" is not "a d(ay)"
        ("my back hurts", {}),
    ],
)
def test_answers_ahead_of_their_questions(
    engine: Engine, text: str, answers: dict[str, str]
) -> None:
    assert engine.listener.heard(text).answers == answers


def test_the_side_is_heard_for_the_summary(engine: Engine) -> None:
    assert engine.listener.heard("pain in my left leg").side == "left"
    assert engine.listener.heard("болит правая нога").side == "right"


@pytest.mark.parametrize(
    ("text", "whose"),
    [("me", "self"), ("about myself", "self"), ("о себе", "self"), ("my mother", "other"),
     ("за маму", "other"), ("someone else", "other"), ("hmm", None)],
)  # fmt: skip
def test_whose_symptoms(engine: Engine, text: str, whose: str | None) -> None:
    assert engine.listener.whose(text) == whose


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("оніміла промежина", "онемела промежность"),
        ("не можу помочитися", "не могу помочиться"),
        ("анямела прамежнасць", "онемела промежность"),
        ("віддає в ногу", "виддае в ногу"),  # not listed: letters only
        ("болит спина", None),  # Russian: left alone
        ("my back hurts", None),
    ],
)
def test_kindred_languages_are_read_in_russian(engine: Engine, text: str, read: str | None) -> None:
    assert engine.listener.kindred(text) == read


@pytest.mark.parametrize(
    "russian", ["правая нога слабее левой", "боль сильна с ранку", "вода холодна, може быть"]
)
def test_russian_words_that_look_kindred_are_left_alone(engine: Engine, russian: str) -> None:
    assert engine.listener.kindred(russian) is None


@pytest.mark.parametrize(
    ("text", "greeting"),
    [("hi", True), ("Hello there!", True), ("good morning", True), ("привет", True),
     ("Добрый день", True), ("привіт", True), ("hi, my back hurts", False),
     ("morning", False), ("all", False), ("добрый", False), ("", False),
     ("болит уже день", False)],
)  # fmt: skip
def test_a_greeting_is_a_whole_message_of_greeting_words(
    engine: Engine, text: str, greeting: bool
) -> None:
    assert engine.listener.greeting(text) is greeting


@pytest.mark.parametrize(
    ("lang", "hello", "line"),
    [("en", "hello", "Hello! Let us carry on"), ("ru", "добрый день", "Здравствуйте! Продолжим")],
)
def test_a_greeting_mid_dialogue_repeats_the_question_and_hears_no_answer(
    engine: Engine, lang: str, hello: str, line: str
) -> None:
    at_describe = engine.step(engine.start(lang).session, UserInput.option("agree"))
    greeted = engine.step(at_describe.session, UserInput.text(hello))
    assert greeted.reply.node == "describe" and greeted.reply.event == "reask"
    assert greeted.reply.text.startswith(line)
    assert greeted.reply.text.endswith(engine.content.text(lang, "nodes", "describe"))
    assert greeted.session.answers == at_describe.session.answers  # «день» is no duration


@pytest.mark.parametrize(
    ("lang", "first", "answer", "subject"),
    [("en", "my mother has back pain going down her leg", "my grandma", "other"),
     ("en", "my mother has back pain going down her leg", "me and my wife", ""),
     ("ru", "у мамы болит спина, отдаёт в ногу", "моя мама", "other"),
     ("ru", "у мамы болит спина, отдаёт в ногу", "свекровь", "other"),
     ("ru", "у мамы болит спина, отдаёт в ногу", "о себе", "self")],
)  # fmt: skip
def test_whose_symptoms_typed_uses_the_matchers_words_for_people(
    engine: Engine, lang: str, first: str, answer: str, subject: str
) -> None:
    """Relatives beyond listening.yaml's few are the matcher's (content/lexicon/subject.yaml);
    a reply naming both the writer and another person is asked again."""
    asked = engine.step(engine.start(lang).session, UserInput.option("agree"))
    asked = engine.step(asked.session, UserInput.text(first))
    assert [o.id for o in asked.reply.options] == ["subject_self", "subject_other"]
    answered = engine.step(asked.session, UserInput.text(answer))
    assert answered.session.subject == subject


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        # the person's own answer closing a message about someone else
        ("my dad had a stroke, but not me", "no"), ("у брата был инфаркт, а у меня нет", "no"),
        ("my sister has that, me too", "yes"), ("у брата было, и у меня тоже", "yes"),
        # Russian typed in Latin letters
        ("nea", "no"), ("da, bolit", "yes"), ("ne uveren", "unsure"),
        # "on the contrary" denies what the question asks
        ("наоборот, стало легче", "no"), ("quite the opposite, I eat more", "no"),
        # someone else's story alone answers nothing
        ("my dad had a stroke", None), ("my son can't sleep either", None),
    ],
)  # fmt: skip
def test_answers_told_after_a_story_in_latin_letters_or_as_the_opposite(
    engine: Engine, text: str, reading: str | None
) -> None:
    assert engine.listener.reading(text) == reading


@pytest.mark.parametrize(
    ("text", "digits"),
    [("seventy-one", "71"), ("мне сорок три", "мне 43"), ("about eight", "about 8"),
     ("twenty", "20"), ("one leg", "1 leg"), ("двадцать пять лет", "25 лет")],
)  # fmt: skip
def test_numbers_told_in_words_are_read_as_digits(engine: Engine, text: str, digits: str) -> None:
    assert engine.listener.spelled_out(text) == digits


def test_an_age_told_in_words_answers_ahead(engine: Engine) -> None:
    assert engine.listener.heard("I'm forty two").answers == {"age": "age_20_50"}
    assert engine.listener.heard("мне шестьдесят").answers == {"age": "over_50"}


@pytest.mark.parametrize(
    ("lang", "typed"),
    [
        ("en", "there's just no sensation there"),
        ("ru", "там совсем не ощущаю"),
        ("ru", "ne chuvstvuyu nichego tam"),
    ],  # its opening «не» reads as a no
)
def test_a_lost_feeling_at_a_warning_sign_question_is_confirmed_not_asked_again(
    engine: Engine, lang: str, typed: str
) -> None:
    at_saddle = engine.start(lang).session
    for press in ("agree", "skip", "unsure"):  # the emergency signs one by one
        at_saddle = engine.step(at_saddle, UserInput.option(press)).session
    assert at_saddle.node == "saddle"
    turn = engine.step(at_saddle, UserInput.text(typed))
    assert turn.session.pending[0]["concept"] == "saddle_numbness"
    assert [o.id for o in turn.reply.options][:2] == ["confirm_yes", "confirm_no"]
    assert "saddle" not in turn.session.answers


@pytest.mark.parametrize(
    ("text", "fine"),
    [
        ("my bowels are normal", True), ("same weight as always", True), ("всё в норме", True),
        ("цвет обычный", True), ("не хуже, чем на прошлой неделе", True),
        ("all normal but I can't feel when I need to go", False), ("not normal at all", False),
        ("вроде в порядке, но немеет", False), ("уже не в порядке", False),
        ("it was fine until yesterday, now I can't pee at all and it leaks", False),
    ],
)  # fmt: skip
def test_all_is_normal(engine: Engine, text: str, fine: bool) -> None:
    assert engine.listener.fine(text) is fine


@pytest.mark.parametrize(
    ("text", "reading"),
    [("yesss", "yes"), ("nooo", "no"), ("нееет", "no"),
     # an answer turned on the way is doubt: confirmed with buttons, not the first word taken
     ("no... yes, sorry", "unsure"), ("nah - yeah, it does", "unsure"), ("yes no", "unsure"),
     ("нет, хотя нет, да", "unsure"), ("ага... нет", "unsure"),
     # not turned: the same answer again, a "no" that negates a noun, «да нет» (a no)
     ("no, no", "no"), ("yes, no fever though", "yes"), ("да нет", "no")],
)  # fmt: skip
def test_a_letter_held_down(engine: Engine, text: str, reading: str) -> None:
    assert engine.listener.reading(text) == reading


def at_question(engine: Engine, lang: str, *presses: str) -> Turn:
    turn = engine.start(lang)
    for press in presses:
        turn = engine.step(turn.session, UserInput.option(press))
    return turn


@pytest.mark.parametrize(
    ("lang", "typed", "answer", "pending"),
    [
        ("en", "all normal down there", "no", []),
        ("ru", "там всё как обычно", "no", []),
        # the words tell the sign as well: confirmed with buttons, never a no
        ("en", "numb down there as usual", None, ["saddle_numbness"]),
        ("ru", "промежность немеет, как обычно", None, ["saddle_numbness"]),
    ],
)
def test_all_normal_at_a_sign_question_is_a_no_unless_it_tells_the_sign(
    engine: Engine, lang: str, typed: str, answer: str | None, pending: list[str]
) -> None:
    at_saddle = at_question(engine, lang, "agree", "skip", "unsure")
    turn = engine.step(at_saddle.session, UserInput.text(typed))
    assert turn.session.answers.get("saddle") == answer
    assert [p.get("concept") for p in turn.session.pending] == pending
    assert turn.session.concepts.get("saddle_numbness") is not True


@pytest.mark.parametrize(
    ("text", "answers"),
    [("about a week and a half", {"duration": "weeks"}),
     ("a month and a half", {"duration": "weeks_6_12"}),
     ("месяца полтора", {"duration": "weeks_6_12"}),
     ("both, worse on the left", {"legs": "both"})],
)  # fmt: skip
def test_a_number_and_a_half_and_an_opening_both(
    engine: Engine, text: str, answers: dict[str, str]
) -> None:
    assert engine.listener.heard(text).answers == answers


def test_a_length_read_in_full_beats_a_choices_words(engine: Engine) -> None:
    """ "a month" is a choice of "1 to 6 weeks"; "a month and a half" is not that."""
    turn = at_question(engine, "en", "agree", "skip", "done", "done", "done", "back_only",
                       "done", "cold")  # fmt: skip
    assert turn.reply.node == "duration"
    typed = engine.step(turn.session, UserInput.text("about a month and a half"))
    assert typed.session.answers["duration"] == "weeks_6_12"
    pressed_label = engine.step(turn.session, UserInput.text("1 to 6 weeks"))
    assert pressed_label.session.answers["duration"] == "weeks"


@pytest.mark.parametrize(
    ("lang", "typed", "ticks", "answer"),
    [
        # the item's words, denied or someone else's: never ticked; denied alone on this list
        # of no warning signs: "none of these"
        ("en", "I'm not pregnant", [], "none"),
        ("ru", "какая беременность, мне 60", [], "none"),
        ("en", "my wife is pregnant but this is about me", [], None),
        ("ru", "не беременна", [], "none"),
        ("ru", "жена беременна, а спрашиваю про себя", [], None),
        ("en", "none, and definitely not pregnant lol", [], "none"),
        ("ru", "нет, мне 56 какая беременность", [], "none"),  # no comma before the question
        # told as the person's own, or the item's words alone: ticked, to confirm with "Done"
        ("en", "I'm 20 weeks pregnant", ["pregnant"], None),
        ("ru", "я беременна", ["pregnant"], None),
        ("en", "pregnant", ["pregnant"], None),
    ],
)
def test_an_item_typed_at_a_checklist_is_ticked_only_when_it_is_the_persons(
    engine: Engine, lang: str, typed: str, ticks: list[str], answer: str | None
) -> None:
    at_list = at_question(engine, lang, "agree", "skip", "done", "done")
    assert at_list.reply.node == "other_causes"
    turn = engine.step(at_list.session, UserInput.text(typed))
    assert turn.session.ticks == ticks
    assert turn.session.answers.get("other_causes") == answer
    if not ticks:
        assert turn.session.concepts.get("pregnancy") is not True


@pytest.mark.parametrize(
    ("lang", "presses", "typed", "left"),
    [("en", ("done",), "I don't have a fever", False),
     ("ru", ("done",), "нет, температуры нет", False),
     ("en", (), "no numbness down there", False),
     ("en", ("done",), "no", True), ("ru", (), "ничего такого", True),
     ("en", ("done",), "no, but I have a fever", False)],
)  # fmt: skip
def test_one_denial_never_leaves_a_list_of_warning_signs(
    engine: Engine, lang: str, presses: tuple[str, ...], typed: str, left: bool
) -> None:
    at_list = at_question(engine, lang, "agree", "skip", *presses)
    node = at_list.reply.node
    assert node in ("red_signs", "urgent_signs")
    turn = engine.step(at_list.session, UserInput.text(typed))
    assert (turn.reply.node != node) is left
    assert (node in turn.session.answers) is left
    assert turn.session.ticks == (["fever"] if "but I have" in typed else [])


def test_im_and_a_length_of_time_is_no_age(engine: Engine) -> None:
    assert "age" not in engine.listener.heard("I'm 20 weeks pregnant").answers
    assert engine.listener.heard("I'm 20").answers == {"age": "age_20_50"}


@pytest.mark.parametrize(
    "text",
    [
        "idk, no thermometer at home",
        "no clue, never measured it",
        "haven't checked, it might be",
        "it's not that it doesn't hurt at night, it does",
        "хз, не мерила",
        "без понятия, не проверяла",
        "не то чтобы не немело... немеет",
    ],
)
def test_doubt_in_slang_or_a_double_negation_is_never_a_no(engine: Engine, text: str) -> None:
    """ "Dunno, haven't got a thermometer" or «не то чтобы не болела» opens with words of
    doubt or turns a denial round: confirmed with buttons, never recorded as a no."""
    assert engine.listener.reading(text) == "unsure"


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        ("it started in the summer, so since the summer", {"duration": "months"}),
        ("since last winter on and off", {"duration": "months"}),
        ("болит с прошлой осени", {"duration": "months"}),
        ("с лета мучаюсь", {"duration": "months"}),
        ("болит, как с горы съехал", {}),  # «с горы» is no season
    ],
)
def test_a_length_told_by_a_season_is_months(
    engine: Engine, text: str, answers: dict[str, str]
) -> None:
    assert engine.listener.heard(text).answers == answers
