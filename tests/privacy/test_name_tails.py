"""Names known by their shape rather than a cue (bot/privacy/name_tails.py): an age or a
relation right after them, a short name after "its", a bracket after "X here"."""

from __future__ import annotations

import pytest

from bot.privacy.scrubber import Scrubber
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber.load(PROJECT_ROOT / "content")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm a bricklayer from Wales, dai morgan, 58, weak ankle",
         "I'm a bricklayer from Wales, [NAME], 58, weak ankle"),
        ("Богдан, 45 лет, ноет поясница", "[NAME], 45 лет, ноет поясница"),
        ("Вера, соседка моя, отвезёт меня, нога слабеет",
         "[NAME], соседка моя, отвезёт меня, нога слабеет"),
        ("Надежда Петровна, 70 лет, упала", "[NAME], 70 лет, упала"),
        ("Will, my husband, drove me in", "[NAME], my husband, drove me in"),
        ("Oksana (my mum) has numb toes", "[NAME] (my mum) has numb toes"),
        ("its jaz, still on gabapentin 300", "its [NAME], still on gabapentin 300"),
        ("it's me again, Hyun-woo, the pain moved", "it's me again, [NAME], the pain moved"),
        ("Kakha here (back again), weightlifter", "[NAME] here (back again), weightlifter"),
        ("Surname is Wood, first name Callum", "Surname is [NAME], first name [NAME]"),
        ("Лида 🙂 спина лучше", "[NAME] 🙂 спина лучше"),
        ("Tomasz: back pain again since Monday", "[NAME]: back pain again since Monday"),
    ],
)  # fmt: skip
def test_a_name_is_known_by_the_age_or_relation_after_it(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "lower back, 45 years of it",
        "sciatica, 3 weeks now",
        "Back pain - 10 days",
        "Stretching (2 sets) helps",
        "вера в лечение пропала, надежда на ЛФК",  # words, not names: no relation, no age
        "Will the ache go away by Friday? I mark the pain every day",
        "Любовь к бегу осталась, но колено болит по средам",
        "Mark: 7/10 today, Update: worse",
        "Поясница 😣 болит, Спина - болит третий день",
    ],
)
def test_words_that_are_also_names_stay_words_without_that_shape(
    scrubber: Scrubber, text: str
) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a surname away from its cue, past a hedge, or after "called" / "named"
        ("невролог, кажется, Носков, назначил уколы", "невролог, кажется, [NAME], назначил уколы"),
        ("my neighbour, I think, Will drove me", "my neighbour, I think, [NAME] drove me"),
        ("my physio was called Lamb", "my physio was called [NAME]"),
        ("a nurse named Okafor took bloods", "a nurse named [NAME] took bloods"),
    ],
)  # fmt: skip
def test_a_name_past_a_hedge_after_its_cue_is_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    ["I called the GP and they said rest", "my wife, I think, will come too", "врач вроде хороший"],
)
def test_a_hedge_without_a_capitalised_name_after_it_masks_nothing(
    scrubber: Scrubber, text: str
) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # surnames that are also words, where the grammar says a name
        ("Nurse Sharp said rest", "Nurse [NAME] said rest"),
        ("physio Emma Day gave me exercises", "physio [NAME] gave me exercises"),
        ("Носков И.И., грыжа L5", "[NAME], грыжа L5"),
        ("заведующий Орёл сказал ждать", "заведующий [NAME] сказал ждать"),
        ("Fox, Anna - back pain", "[NAME], [NAME] - back pain"),
        ("help please, Will", "help please, [NAME]"),
    ],
)  # fmt: skip
def test_a_surname_that_is_also_a_word_is_masked_where_the_grammar_says_a_name(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the pain is Sharp and Long, I have a Long Day ahead",
        "Sciatica, worse at night",
        "pain in March, May",
        "грыжа Шморля Л.Б., МРТ Л.С. сделано",
    ],
)
def test_the_same_words_without_that_grammar_are_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word-name opening the message before a surname the rules found
        ("Mark Jennings, 44, sore back since March", "[NAME], 44, sore back since March"),
        ("Bill Okafor here, left calf numb", "[NAME] here, left calf numb"),
        # a surname that is a word after a first name
        ("Priya Stone has the same sciatica as me", "[NAME] has the same sciatica as me"),
        ("i saw olena baker, she has the same", "i saw [NAME], she has the same"),
        ("its mia stone here, sciatica worse", "its [NAME] here, sciatica worse"),
        # a sign-off of two word-names
        ("the stretches help a bit. Will Stone", "the stretches help a bit. [NAME]"),
        ("numb heel is easing now. Grace Baker", "numb heel is easing now. [NAME]"),
        # Russian: a surname that is a noun, a first name that is a word
        ("Спасибо за советы. Волк Игорь", "Спасибо за советы. [NAME]"),
        ("Спасибо, Тимофей Соловей", "Спасибо, [NAME]"),
        ("Лев Кравчук пишет, тянет ногу", "[NAME] пишет, тянет ногу"),
        ("Передайте Роза Орёл, что МРТ готово", "Передайте [NAME], что МРТ готово"),
        ("Вера Соловей, 52 года, ноет поясница", "[NAME], 52 года, ноет поясница"),
    ],
)  # fmt: skip
def test_the_word_beside_a_masked_name_is_the_other_half_of_it(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I will rest and the pain will pass",
        "Positive Lasègue sign, Schmorl nodes on MRI, Bekhterev disease excluded",
        "Baker's cyst behind the left knee, kidney stone in 2019",
        "вера в лечение помогает, надежда на ЛФК",
        "Will the ache pass? I mark it every day",
    ],
)
def test_words_with_no_name_beside_them_stay_words(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("anna will ring you tomorrow", "[NAME] will ring you tomorrow"),
        ("hi this is sarah long time no see", "hi this is [NAME] long time no see"),
    ],
)
def test_a_word_after_a_lower_case_name_mid_clause_is_kept(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("звонила юлечке, она врач", "звонила [NAME], она врач"),
        ("вчера отвезла Серёженьку к неврологу", "вчера отвезла [NAME] к неврологу"),
        ("ванечку отвела в сад, танюше звонила", "[NAME] отвела в сад, [NAME] звонила"),
        ("привет от Петеньки, у него грыжа L5", "привет от [NAME], у него грыжа L5"),
        ("наташеньке передайте, что спина лучше", "[NAME] передайте, что спина лучше"),
    ],
)
def test_an_affectionate_russian_name_is_masked_in_any_case_and_place(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "поставила галочку в анкете, тонус мышц повышен",
        "болит ножка и спинка, косточка ноет, таблеточку выпила",
        "дочурку отвела, мамуля помогла, бабушке плохо",
    ],
)
def test_diminutives_of_ordinary_words_are_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("back still hurts, zhanibek", "back still hurts, [NAME]"),
        ("the ache is down now - temirlan", "the ache is down now - [NAME]"),
        ("Thanks for the help. Will", "Thanks for the help. [NAME]"),
        ("ta, jez", "ta, [NAME]"),
        ("ta very much, Beth", "ta very much, [NAME]"),
        ("колено лучше, спасибо — Ильдар", "колено лучше, спасибо — [NAME]"),
        ("спс, тимур", "спс, [NAME]"),
        ("боль в пояснице, nodirbek", "боль в пояснице, [NAME]"),
    ],
)
def test_a_name_alone_at_the_end_is_a_signature(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nargiza, 51, back pain", "[NAME], 51, back pain"),
        ("gav, 52, lower back", "[NAME], 52, lower back"),
        ("Will, 40, sciatica on the left", "[NAME], 40, sciatica on the left"),
        ("Шахзода, 29 лет, болит спина", "[NAME], 29 лет, болит спина"),
    ],
)
def test_one_word_no_dictionary_knows_before_an_age_is_a_name(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "stretches help, weightlifter",
        "pain in March, May",
        "my back still hurts, lol",
        "worse when sitting, idk",
        "болит спина, сильно",
        "hiya, 40 yr old here",
        "Мидокалм, 3 дня пью",
        "lumbago, 40 years",
    ],
)
def test_a_word_or_a_compound_at_the_end_or_before_a_number_is_kept(
    scrubber: Scrubber, text: str
) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Света, работаю продавцом, болит поясница", "[NAME], работаю продавцом, болит поясница"),
        ("Надежда, пишу за маму, у неё отнялась нога",
         "[NAME], пишу за маму, у неё отнялась нога"),
        ("Роза, у меня третий день болит спина", "[NAME], у меня третий день болит спина"),
        ("ойбек, грузчик, болит спина", "[NAME], грузчик, болит спина"),
        ("Rose, I've had sciatica for a month", "[NAME], I've had sciatica for a month"),
        ("paddy here, pain is less today", "[NAME] here, pain is less today"),
        ("ciaran here - the calf is numb", "[NAME] here - the calf is numb"),
    ],
)  # fmt: skip
def test_a_name_opening_a_message_before_a_clause_about_the_writer_is_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Вера в лечение пропала, третий месяц боль в ноге",
        "Надежда есть, болит меньше",
        "Здравствуйте, у меня болит спина",
        "спина, болит третий день",
        "Will it help with the pain",
        "same here, pain is less",
        "back here, the pain is worse again",
        "Well, my leg hurts",
        "Sciatica, I think",
    ],
)
def test_a_word_opening_a_message_stays_without_a_name_shape(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my physio sarah baker said walk more", "my physio [NAME] said walk more"),
        ("anna rose early, back stiff", "[NAME] rose early, back stiff"),
        ("Mary long ago had sciatica", "[NAME] long ago had sciatica"),
    ],
)  # fmt: skip
def test_a_surname_that_is_a_word_after_a_first_name_goes_with_a_verb(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected
