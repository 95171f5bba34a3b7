"""Nicknames and diminutives with no cue word (bot/privacy/nicknames.py): Russian familiar
forms in any case, English clipped forms, Russian and Central Asian names in Latin letters,
an unknown lower-case word where a person stands; clinical and everyday words stay."""

from __future__ import annotations

import pytest

from bot.privacy.scrubber import Scrubber
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber.load(PROJECT_ROOT / "content")


@pytest.fixture(scope="module")
def rules() -> Scrubber:
    """The rules alone: what this module finds, not what a model adds."""
    scrubber = Scrubber.load(PROJECT_ROOT / "content")
    scrubber.models = False
    return scrubber


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # instrumental, dative, nominative; suffixes -чик, -юх, -ул, -ик, -ок
        ("с Колянчиком таскали трубы, спину скрутило", "с [NAME] таскали трубы, спину скрутило"),
        ("позвонила Надюхе, она отвезёт", "позвонила [NAME], она отвезёт"),
        ("передайте Светуле, что лучше", "передайте [NAME], что лучше"),
        ("с Ашотиком ездили, прихватило спину", "с [NAME] ездили, прихватило спину"),
        ("Женёк сказал, что это грыжа", "[NAME] сказал, что это грыжа"),
    ],
)
def test_a_russian_diminutive_is_masked_in_any_case(
    rules: Scrubber, text: str, expected: str
) -> None:
    assert rules.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dazza helped me shift the sofa, now my back's gone",
         "[NAME] helped me shift the sofa, now my back's gone"),
        ("me and Kezza lifted the bed", "me and [NAME] lifted the bed"),
        # in lower case with its doubled letter
        ("robbo says it's a slipped disc", "[NAME] says it's a slipped disc"),
    ],
)  # fmt: skip
def test_an_english_clipped_name_is_masked(rules: Scrubber, text: str, expected: str) -> None:
    assert rules.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # written back in Cyrillic: «лёха», «виталик» (a diminutive of «виталий»)
        ("lyokha said it's sciatica", "[NAME] said it's sciatica"),
        ("vitalik говорит к неврологу", "[NAME] говорит к неврологу"),
        # where a person stands
        ("spoke to bakhtiyor about the pain", "spoke to [NAME] about the pain"),
        ("me and dilnoza carried boxes", "me and [NAME] carried boxes"),
        ("zhenyok and me lifted a fridge", "[NAME] and me lifted a fridge"),
    ],
)
def test_a_name_in_lower_case_latin_is_masked(rules: Scrubber, text: str, expected: str) -> None:
    assert rules.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # ordinary diminutives and plural case endings are no names («костях» is no «Костя»)
        "поставила галочку, ножка болит, костях ломит",
        "мамуля помогла, братик отвёз",
        # a clinician with a determiner, drugs, laughter, typos
        "the osteo says it's muscular",
        "I took Cocodamol and Naproxen",
        "haha my back is a mess",
        "cant feel my gorin or my butt",
        "I drive a Volvo artic, back aches",
    ],
)
def test_words_shaped_like_nicknames_stay(rules: Scrubber, text: str) -> None:
    assert rules.scrub(text) == text


def test_the_full_scrubber_masks_them_too(scrubber: Scrubber) -> None:
    assert scrubber.scrub("Тохой тащили диван") == "[NAME] тащили диван"
    assert scrubber.scrub("cheers, Bazza") == "cheers, [NAME]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the heat pad helped loads, cheers baz", "the heat pad helped loads, cheers [NAME]"),
        ("ok will try the exercises. ta, jonno x", "ok will try the exercises. ta, [NAME] x"),
        ("thanks again, tez! see you thursday", "thanks again, [NAME]! see you thursday"),
        ("morning gav, the leg is worse", "morning [NAME], the leg is worse"),
        ("Gaz, can you call me back about the scan", "[NAME], can you call me back about the scan"),
        ("jacko reckons it's my disc", "[NAME] reckons it's my disc"),
        ("the tingling has eased off now. deano x", "the tingling has eased off now. [NAME] x"),
        ("спасибо, толян", "спасибо, [NAME]"),
        ("привет, димон, спина болит", "привет, [NAME], спина болит"),
        ("нога немеет по ночам. витёк", "нога немеет по ночам. [NAME]"),
    ],
)  # fmt: skip
def test_a_clipped_name_greeted_thanked_or_signing_is_masked(
    rules: Scrubber, text: str, expected: str
) -> None:
    assert rules.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the heat pad helped loads, cheers mate",
        "thanks hun x",
        "ta love, see you monday",
        "cheers all, really helpful",
        "thanks doc, will do the stretches",
        "hi there, the pain is worse",
        "morning, my back is stiff",
        "it still hurts when I sit. sorry",
        "спасибо, доктор",
        "привет, спина болит",
    ],
)
def test_words_that_address_anyone_stay(rules: Scrubber, text: str) -> None:
    assert rules.scrub(text) == text
