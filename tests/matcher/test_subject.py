"""Whose symptoms a message tells (bot/matcher/subject.py), on the real lexicon."""

import pytest

from bot.matcher import Matcher


@pytest.mark.parametrize(
    "text, concept",
    [
        ("my father can't pee", "bladder_dysfunction"),
        ("she hasn't been able to pass water since last night", "bladder_dysfunction"),
        ("my husband says he's lost all feeling down there", "saddle_numbness"),
        ("I'm asking for my mum: she wet herself twice today", "bladder_dysfunction"),
        ("папа не может пописать с утра", "bladder_dysfunction"),
        ("у мамы онемела промежность", "saddle_numbness"),
        ("муж не чувствует ягодицы", "saddle_numbness"),
        ("пишу за бабушку, у неё недержание мочи", "bladder_dysfunction"),
    ],
)
def test_asking_for_someone_else_counts_their_symptoms(
    matcher: Matcher, text: str, concept: str
) -> None:
    result = matcher.match(text)
    assert result.subject == "other"
    assert concept in result.affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("my mum had cancer", "cancer_history"),
        ("у мамы был рак", "cancer_history"),
        ("my dad had cancer, my back has hurt for a month", "cancer_history"),
        ("у мамы был рак груди, у меня поясница ноет", "cancer_history"),
        ("my 8 year old hurt his knee, and my lower back is sore", "hip_pain"),
    ],
)
def test_a_relatives_history_is_not_the_patients(matcher: Matcher, text: str, concept: str) -> None:
    assert concept not in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text, own, theirs",
    [
        ("I have sciatica; my father can't pee after his operation", "radiating_leg_pain",
         "bladder_dysfunction"),
        ("у меня ишиас, а папа не может пописать после операции", "radiating_leg_pain",
         "bladder_dysfunction"),
    ],
)  # fmt: skip
def test_someone_elses_red_flag_beside_the_writers_own_is_asked(
    matcher: Matcher, text: str, own: str, theirs: str
) -> None:
    """Not sent to emergency for the father's words: the dialogue asks whose they are."""
    result = matcher.match(text)
    assert result.subject == "self"
    assert own in result.affirmed
    assert theirs in result.uncertain


@pytest.mark.parametrize(
    "text",
    [
        "my wife says I wet myself in my sleep",
        "с женой в постели ничего не получается с тех пор как спину сорвал",
        "my back hurts and I can't pee",
        "не могу пописать, болит поясница",
    ],
)
def test_the_writers_own_words_are_self(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).subject == "self"


@pytest.mark.parametrize(
    "text",
    [
        "he told me he can't feel his backside when he sits",
        "she texted me that she hasn't peed since yesterday",
        "он мне сказал, что не чувствует промежность",
    ],
)
def test_a_self_word_after_a_verb_of_telling_is_who_heard_it(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).subject == "other"


@pytest.mark.parametrize(
    "text, concept",
    [
        ("у внука болит колено, а у меня поясница ноет", "hip_pain"),
        ("у племянника колено опухло, а у меня спина болит", "hip_pain"),
    ],
)
def test_an_animate_owner_after_u_is_someone_else(
    matcher: Matcher, text: str, concept: str
) -> None:
    result = matcher.match(text)
    assert concept not in {c.id for c in result.concepts if not c.negated}
    assert "low_back_pain" in result.affirmed


@pytest.mark.parametrize(
    "text, subject",
    [
        ("у малыша температура 39", "other"),
        ("был у врача, болит поясница", "self"),
        ("в паху как после укола у стоматолога", "self"),
        ("нога онемела, как у зубного после заморозки", "self"),
        ("у массажиста спина болит после сеанса", "self"),
        ("у соседки как после укола у стоматолога онемел пах", "other"),
    ],
)
def test_u_with_a_person_names_whose_body_but_a_visit_does_not(
    matcher: Matcher, text: str, subject: str
) -> None:
    assert matcher.match(text).subject == subject


@pytest.mark.parametrize(
    "text",
    [
        "nothing happens down below when my wife and i try",
        "my partner and i noticed i cant feel my bum",
    ],
)
def test_someone_joined_to_the_writer_is_company(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.subject == "self"
    assert result.concepts and not any(c.uncertain for c in result.concepts)


@pytest.mark.parametrize(
    "text, concept",
    [
        ("my 13 yo son can't feel his bum since the rugby match", "saddle_numbness"),
        ("my granny (81) has wet herself twice since the fall", "bladder_dysfunction"),
        ("my nephew, 10, says his leg went numb", "numbness_tingling"),
        ("my 7 year old daughter can't pee after the fall", "bladder_dysfunction"),
        ("my 6 yo can't pee since the fall off the climbing frame", "bladder_dysfunction"),
        ("my 12 year old lad says his bum has gone numb", "saddle_numbness"),
        ("pt with new urinary retention after a fall", "bladder_dysfunction"),
        ("patient reports numbness of the buttocks", "saddle_numbness"),
        ("ребёнку 10, не может пописать после падения", "bladder_dysfunction"),
        ("сыну 14 лет, онемели ягодицы", "saddle_numbness"),
        ("внучке 6, после падения описалась", "bladder_dysfunction"),
        ("пациентка жалуется на задержку мочи", "bladder_dysfunction"),
    ],
)
def test_a_relative_named_with_an_age_or_a_patient_is_someone_else(
    matcher: Matcher, text: str, concept: str
) -> None:
    """An age between "my" and the relative, or a clinician's patient, keeps the message theirs."""
    result = matcher.match(text)
    assert result.subject == "other"
    assert concept in result.affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("my sister had a tumour last year but I'm asking for myself: I can't pee since monday",
         "bladder_dysfunction"),
        ("dad had bowel cancer. this is about me though, my bum is numb",
         "saddle_numbness"),
        ("у сестры была грыжа, а я спрашиваю про себя: не могу пописать со вчера",
         "bladder_dysfunction"),
        ("у папы был инсульт. вопрос про меня: онемела промежность", "saddle_numbness"),
    ],
)  # fmt: skip
def test_turning_back_to_oneself_after_a_relatives_story_is_the_writers(
    matcher: Matcher, text: str, concept: str
) -> None:
    result = matcher.match(text)
    assert result.subject == "self"
    assert concept in result.affirmed


@pytest.mark.parametrize(
    "text",
    [
        "поднимала маму с кровати и сорвала спину",
        "несла внука на руках, теперь болит поясница",
        "переворачивала лежачего отца, прострелило поясницу",
    ],
)
def test_a_person_the_writer_lifted_is_not_whose_back_it_is(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.subject == "self"
    assert "low_back_pain" in result.affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("lifted my son and my back went", "low_back_pain"),
        ("picked up my daughter and felt my lower back go", "low_back_pain"),
        ("pushed my dad's wheelchair up a hill and my lower back is agony", "low_back_pain"),
        ("was helping my husband into the car and my groin went numb", "saddle_numbness"),
        ("carrying my 2 year old grandson all day, now numb between my legs", "saddle_numbness"),
        ("I carried my mum upstairs and now my leg is numb", "numbness_tingling"),
        (
            "таскал на руках внука весь день, к вечеру перестал чувствовать промежность",
            "saddle_numbness",
        ),
        (
            "пересаживал отца в коляску, что-то хрустнуло в спине и не могу помочиться",
            "bladder_dysfunction",
        ),
    ],
)
def test_a_person_the_writer_handled_is_the_object_not_whose_symptom(
    matcher: Matcher, text: str, concept: str
) -> None:
    result = matcher.match(text)
    assert result.subject == "self"
    assert concept in result.affirmed


@pytest.mark.parametrize(
    "text",
    [
        "my son can't feel his legs",
        "my son lifted a box and now his groin is numb",
        "my husband picked up our son and now he can't pee",
        "please help my dad, he can't pee",
        "подняла дочка коробку, и у неё онемела промежность",
    ],
)
def test_a_relative_who_does_the_lifting_stays_whose_symptom(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).subject == "other"


def test_an_age_of_a_thing_leaves_the_back_the_writers(matcher: Matcher) -> None:
    result = matcher.match("my 15 year old sofa has wrecked my lower back")
    assert result.subject == "self"
    assert "low_back_pain" in result.affirmed


@pytest.mark.parametrize(
    "text, gender",
    [
        ("my mum can't feel her legs", "female"),
        ("my wife has lost bladder control", "female"),
        ("she can't pee since this morning", "female"),
        ("asking for my granddaughter, her back hurts", "female"),
        ("my dad can't pee", "male"),
        ("he says his groin is numb", "male"),
        ("у мамы немеет промежность и не может пописать", "female"),
        ("пишу за бабушку, у неё недержание мочи", "female"),
        ("у дочери болит спина", "female"),
        ("у папы немеет промежность", "male"),
        ("муж не чувствует ягодицы", "male"),
        # no noun: a pronoun or a predicate that agrees with the person tells it
        ("у неё болит спина, отдаёт в ногу", "female"),
        ("коллега упала с лестницы, не может встать", "female"),
        ("спрашиваю за коллегу, он не может пописать", "male"),
        # a predicate agreeing with a thing is not the person's: «онемела нога» stays his
        ("у папы онемела нога и болела спина", "male"),
        # a noun outvotes a pronoun that may be the pain («она» - «боль»)
        ("у папы болит спина, она отдаёт в ногу, она ноет", "male"),
        # someone whose gender the words do not tell
        ("my partner can't pee", None),
        ("у ребёнка болит спина", None),
        ("у подростка онемела нога", None),
        ("my wife's father can't pee", None),
    ],
)
def test_the_other_persons_gender_is_told_when_the_words_tell_it(
    matcher: Matcher, text: str, gender: str | None
) -> None:
    result = matcher.match(text)
    assert result.subject == "other"
    assert result.subject_gender == gender
    assert result.to_json()["subject_gender"] == gender


@pytest.mark.parametrize("text", ["I can't feel my legs", "у меня онемела нога, я упала"])
def test_the_writers_own_message_has_no_gender_in_its_json(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.subject == "self"
    assert "subject_gender" not in result.to_json()


@pytest.mark.parametrize(
    "text, concept",
    [
        ("my bf can't feel his bum since this morning", "saddle_numbness"),
        ("hubby wet himself in his sleep", "bladder_dysfunction"),
        ("the missus can't pee since lunch", "bladder_dysfunction"),
        ("my other half can't control the bowels", "bowel_incontinence"),
        ("gf can't feel anything down there", "saddle_numbness"),
        ("I'm writing about my mum: can't hold her wee", "bladder_dysfunction"),
        ("благоверный не может помочиться с утра", "bladder_dysfunction"),
        ("моя вторая половина обмочилась ночью", "bladder_dysfunction"),
        ("пишу за маму, не может сходить по-маленькому", "bladder_dysfunction"),
        ("пишу за свекровь: онемела промежность", "saddle_numbness"),
    ],
)
def test_partners_in_slang_and_writing_for_someone(
    matcher: Matcher, text: str, concept: str
) -> None:
    result = matcher.match(text)
    assert result.subject == "other"
    assert concept in result.affirmed


@pytest.mark.parametrize(
    "text",
    [
        "нога тяжёлая, поднимаю её с трудом, поясница болит",
        "ногу сгибаю, потом выпрямляю её - и боль в пояснице",
        "колено болит, когда сгибаю его, и ноет поясница",
    ],
)
def test_a_pronoun_for_the_leg_just_named_is_not_a_person(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.subject == "self"
    assert "low_back_pain" in result.affirmed


@pytest.mark.parametrize(
    "text",
    [
        "мы не можем его поднять, ноги не держат",  # no thing named: «его» is a person
        "поднимаю её ногу, а она не чувствует",  # «её ногу»: her leg
    ],
)
def test_a_pronoun_for_a_person_stays_someone_elses(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).subject == "other"


def test_old_man_said_of_oneself_is_not_someone_else(matcher: Matcher) -> None:
    assert matcher.match("I walk like an old man, my lower back is stiff").subject == "self"


@pytest.mark.parametrize(
    "text, concept",
    [
        ("I'm fine but my husband can't pee", "bladder_dysfunction"),
        ("im ok myself, its my hubby, he cant wee since last night", "bladder_dysfunction"),
        ("not me, my other half: she can't feel her bum", "saddle_numbness"),
        ("у меня всё нормально, а вот муж не может пописать", "bladder_dysfunction"),
        ("я в порядке, а у мамы онемела промежность", "saddle_numbness"),
    ],
)
def test_a_writer_who_says_they_are_well_asks_for_someone_else(
    matcher: Matcher, text: str, concept: str
) -> None:
    result = matcher.match(text)
    assert result.subject == "other"
    assert concept in result.affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("сделали укол в ягодицу, он не помог, а сегодня не могу пописать", "bladder_dysfunction"),
        ("поясница болит неделю, она как каменная, и онемела промежность", "saddle_numbness"),
        ("позвоночник ноет, он будто горит, и моча не идёт", "bladder_dysfunction"),
        ("палец на ноге онемел, он стал белый и холодный", "cold_pale_leg"),
        ("была операция на диске, она не помогла, не чувствую промежность", "saddle_numbness"),
        ("болит поясница, её ломит, и не могу помочиться", "bladder_dysfunction"),
    ],
)  # fmt: skip
def test_a_pronoun_for_a_thing_or_body_part_is_not_another_person(
    matcher: Matcher, text: str, concept: str
) -> None:
    """Only a person the pronoun stands for makes the symptoms someone else's: the writer's
    own red flag beside «он» for an injection or «она» for the lower back stays affirmed."""
    result = matcher.match(text)
    assert result.subject == "self"
    assert concept in result.affirmed


@pytest.mark.parametrize(
    "text",
    [
        "my fella can't pee since this morning",
        "my old man can't feel his bum",
        "my bloke has wet himself twice today",
        "the mrs can't control her bladder",
        "батя не может пописать с утра",
    ],
)
def test_more_partners_and_relatives_in_slang_are_someone_else(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).subject == "other"


@pytest.mark.parametrize(
    "text",
    ["I'm fine sitting, but my back hurts when I stand", "I'm ok but I can't pee since monday"],
)
def test_feeling_well_of_ones_own_stays_the_writers(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).subject == "self"


@pytest.mark.parametrize(
    "text",
    [
        "my little girl can't pee and her back hurts",
        "my lad fell off his bike and can't feel his bum",
        "my youngest has wet himself twice today",
    ],
)
def test_a_child_named_around_is_someone_else(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).subject == "other"


@pytest.mark.parametrize(
    "text", ["oh boy, my back hurts", "I look after my mum and now my back hurts"]
)
def test_a_word_for_a_child_or_a_relative_cared_for_leaves_the_writers_back(
    matcher: Matcher, text: str
) -> None:
    assert matcher.match(text).subject == "self"


@pytest.mark.parametrize(
    "text",
    [
        "мама упала, она не может пописать",
        "у мамы болит спина, она не может пописать",
        "уже месяц он не может пописать",  # a noun of time stands for no one
        "папа неделю лежит, он не может помочиться",
    ],
)
def test_a_pronoun_for_a_person_or_for_no_noun_is_someone_else(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.subject == "other"
    assert "bladder_dysfunction" in result.affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("my dad has back pain. his brother died of cancer", "cancer_history"),
        (
            "my dad's back has been bad for weeks, his brother died of cancer"
            " but dad has never had cancer",
            "cancer_history",
        ),
        ("у папы болит спина, у его брата был рак, у папы нет", "cancer_history"),
        (
            "my husband has had low back pain for a month."
            " his father fell off scaffolding in the 90s",
            "major_trauma",
        ),
        ("у мужа болит поясница, его отец упал с лесов в 90-х", "major_trauma"),
    ],
)
def test_a_relative_of_the_person_asked_about_has_their_own_history(
    matcher: Matcher, text: str, concept: str
) -> None:
    result = matcher.match(text)
    assert result.subject == "other" and concept not in result.affirmed, text


def test_the_person_asked_about_keeps_their_own_history(matcher: Matcher) -> None:
    result = matcher.match("my dad has prostate cancer and now his back hurts")
    assert result.subject == "other" and "cancer_history" in result.affirmed
    assert (
        "major_trauma"
        in matcher.match("my dad fell off a ladder yesterday, his back hurts").affirmed
    )
