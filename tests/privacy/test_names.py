"""Names after a cue word (bot/privacy/names.py): in an all lower-case message a short listed
first name after "its" / "this is" takes the surname-word after it along."""

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
        ("hiya its jo baker, leg pain again", "hiya its [NAME], leg pain again"),
        ("hi its kat, sciatica flaring", "hi its [NAME], sciatica flaring"),
        ("this is liz turner. the numb foot is worse", "this is [NAME]. the numb foot is worse"),
        ("its mark stone here, leg worse", "its [NAME] here, leg worse"),
    ],
)  # fmt: skip
def test_a_short_name_after_a_greeting_takes_its_surname(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


def test_a_word_after_the_name_inside_the_clause_is_kept(scrubber: Scrubber) -> None:
    assert (
        scrubber.scrub("its meg long story but my back locked")
        == "its [NAME] long story but my back locked"
    )


@pytest.mark.parametrize(
    "text",
    [
        # a capitalised word right before "test" / "sign", listed as an eponym or not
        "the Slump test reproduced my leg pain",
        "Hoover sign was negative, Thomas test tight",
        # ... right after «тест», «проба», «симптом»
        "тест Томаса положительный, проба Шобера снижена",
        "симптом Вассермана справа",
    ],
)
def test_a_test_or_sign_named_after_a_person_is_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title before it: the person
        ("Dr Thomas did the Slump test", "Dr [NAME] did the Slump test"),
        # a possessive is a person's, unless the name is a listed eponym
        ("Sarah's scan came back clear", "[NAME] scan came back clear"),
        ("Sarah's test came back", "[NAME] test came back"),
    ],
)
def test_a_person_beside_a_test_is_still_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("невролог Мороз назначил уколы", "невролог [NAME] назначил уколы"),
        ("записалась к неврологу Ветру на вторник", "записалась к неврологу [NAME] на вторник"),
        ("у травматолога Зимы была вчера", "у травматолога [NAME] была вчера"),
        ("по направлению от терапевта Сокола сделали рентген",
         "по направлению от терапевта [NAME] сделали рентген"),
        ("saw the physio Baker yesterday", "saw the physio [NAME] yesterday"),
        ("my GP dr stone says rest", "my GP dr [NAME] says rest"),
        ("the osteo Fisher cracked my back", "the osteo [NAME] cracked my back"),
        ("nurse Fields took bloods", "nurse [NAME] took bloods"),
    ],
)  # fmt: skip
def test_a_surname_that_is_a_word_after_a_specialist_is_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "невролог назначил Мовалис, спина болит меньше",
        "the osteo says my pelvis is tilted",
        "the consultant surgeon said the disc at L4-L5 is bulging",
    ],
)
def test_a_specialist_without_a_name_stays(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("у хирурга волка на приёме была", "у хирурга [NAME] на приёме была"),
        ("к неврологу ветру записалась", "к неврологу [NAME] записалась"),
        ("the physio baker said walk more", "the physio [NAME] said walk more"),
        ("nurse field took bloods", "nurse [NAME] took bloods"),
        ("my gp stone told me to rest", "my gp [NAME] told me to rest"),
    ],
)  # fmt: skip
def test_a_lower_case_surname_that_is_a_word_after_a_specialist_is_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the nurse ward round was at 9",
        "my gp may refer me to physio",
        "невролог зимой сказал, что грыжа",
        "у врача поликлиники была вчера",
    ],
)
def test_a_word_after_a_specialist_stays_when_no_person_acts(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text
