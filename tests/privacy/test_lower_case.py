"""Places typed in lower case (bot/privacy/lower_case.py): UK postcodes and their districts,
houses on a street named in lower case, districts and estates, the Russian «в X живу»; a
nickname in brackets after a name; a surname naming an exercise or a sign, which stays."""

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
        ("postcode is tn2 4qd, sore low back", "postcode is [ADDRESS], sore low back"),
        ("Pl4 8aa - top floor, leg numb", "[ADDRESS] - top floor, leg numb"),
        ("we're in the ws3 area, hip pain", "we're in the [ADDRESS] area, hip pain"),
        ("post code bd3, pain in my knee", "post code [ADDRESS], pain in my knee"),
    ],
)  # fmt: skip
def test_a_postcode_in_lower_case_is_masked(scrubber: Scrubber, text: str, expected: str) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "pain in the l5 area and at l4 l5",  # a spine level is no postcode district
        "woke at 2am and again at 4am, c5 6 is fine",  # times: no postcode has "am"
        "ldn is far, s1 nerve root irritated",
    ],
)
def test_spine_levels_and_times_are_no_postcode(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she lives at 9 poplar close, cant stand", "she lives at [ADDRESS], cant stand"),
        ("send it to 30 mill view please, back spasm", "send it to [ADDRESS] please, back spasm"),
        ("flat 2, 15 tanner street - leg weak", "[ADDRESS] - leg weak"),
        # three words, one of them also a clinical word
        ("can the nurse come to 7 oak tree close", "can the nurse come to [ADDRESS]"),
        ("we are at 27a the drive. sciatica", "we are at [ADDRESS]. sciatica"),
        # after a flat's number, a building's name
        ("flat 6 rowan lodge, pain in my hip", "[ADDRESS], pain in my hip"),
        # no street word: after a residence cue, the clause ends after the name
        ("we are at 7 highfields, knee gave way", "we are at [ADDRESS], knee gave way"),
        ("i live at 11 the limes. numb foot", "i live at [ADDRESS]. numb foot"),
        ("she's at 12 the green, cant get up", "she's at [ADDRESS], cant get up"),
    ],
)  # fmt: skip
def test_a_house_on_a_street_in_lower_case_is_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the physio said a 10 minute walk twice a day",
        "a 2 mile walk makes my leg go numb",
        "did 3 sets with feet 2 fists close together",
        "we have a 2 storey house with a steep drive",
        "did 3 leg raises close to the wall",
        "the pain is at 7 the whole time",
    ],
)
def test_a_count_before_a_street_word_stays(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on the bus from hollinwood, pain in my hip", "on the bus from [ADDRESS], pain in my hip"),
        ("in hall green, sciatica both legs", "in [ADDRESS], sciatica both legs"),
        ("we're on the clayfield farm estate, no lift", "we're on the [ADDRESS], no lift"),
        ("я в западном дегунино живу, болит спина", "я в [ADDRESS] живу, болит спина"),
        ("мы из капотни, у мамы болит поясница", "мы из [ADDRESS], у мамы болит поясница"),
        # a street's or a district's word inside an estate's name, though also clinical
        ("we're from the north end estate", "we're from the [ADDRESS]"),
        # after a dacha partnership any word is its name; after «район» a place's
        ("на даче в снт калинка, потянул спину", "на даче в [ADDRESS], потянул спину"),
        ("в районе текстильщики, спина болит", "в [ADDRESS], спина болит"),
    ],
)  # fmt: skip
def test_a_district_in_lower_case_is_masked(scrubber: Scrubber, text: str, expected: str) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "pain in my left side and in one side of my back",
        "on a council estate, pain when i climb stairs",
        "я в москве живу, болит спина",
        "я из деревни, болит спина",
        "я в своём доме живу, тяжело подниматься",
        "колет в районе лопатки и в районе поясницы",
        "we live on a council estate, my back hurts",
    ],
)
def test_cities_sides_and_homes_described_stay(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("regards, Wojciech (Wojtek). still sore", "regards, [NAME] ([NAME]). still sore"),
        ("Спасибо, Анастасия (Настя), боль меньше", "Спасибо, [NAME] ([NAME]), боль меньше"),
        # a nickname that is also a word, capitalised
        ("Сергей (Серый) с работы, спина болит", "[NAME] ([NAME]) с работы, спина болит"),
        # who writes, not another name
        ("Зарина (дочь) пишет за маму", "[NAME] (дочь) пишет за маму"),
        ("Ирина (Медсестра) сказала лежать", "[NAME] (Медсестра) сказала лежать"),
        ("Sam (Mum) here, back pain", "[NAME] (Mum) here, back pain"),
    ],
)  # fmt: skip
def test_a_nickname_in_brackets_after_a_name_is_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "делаю упражнения Уильямса по 10 раз",
        "врач проверил пробу Шобера и симптом Ласега",
        "начала гимнастику Бубновского, по 15 минут",
        # a listed eponym in lower case, next to its head
        "doing williams flexion exercises twice a day",
    ],
)
def test_an_eponym_exercise_or_sign_stays(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


def test_an_eponyms_namesake_after_a_title_is_still_masked(scrubber: Scrubber) -> None:
    assert scrubber.scrub("my physio dr williams said do exercises") == (
        "my physio dr [NAME] said do exercises"
    )


def test_a_shift_pattern_after_a_named_place_stays(scrubber: Scrubber) -> None:
    # «сутки» does not agree with «Европейский»: no part of the centre's name
    assert (
        scrubber.scrub("охранник в ТЦ Европейский сутки через трое")
        == "охранник в [ADDRESS] сутки через трое"
    )
