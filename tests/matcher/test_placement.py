import pytest

from bot.matcher import Matcher
from bot.matcher.lexicon import Phrase, parse_phrase
from bot.matcher.placement import best_placement


def _phrase(text: str) -> Phrase:
    slots, gap = parse_phrase(text)
    return Phrase("saddle_numbness", "en", text, slots, gap, "test", 1)


def test_the_closest_placement_in_one_piece_wins() -> None:
    phrase = _phrase("numb groin")
    cells = [[(0, 100.0), (9, 100.0)], [(4, 100.0), (10, 100.0)]]
    segment = [0] * 11
    hit = best_placement(phrase, cells, segment)
    assert hit is not None and hit.positions == (9, 10)


def test_a_phrase_does_not_reach_across_a_piece() -> None:
    phrase = _phrase("numb groin")
    assert best_placement(phrase, [[(0, 100.0)], [(1, 100.0)]], [0, 1]) is None


def test_a_late_placement_after_many_repeats_is_found() -> None:
    # thousands of words in one slot: only the pivot's neighbourhood is combined
    phrase = _phrase("numb groin")
    numb = [(i, 100.0) for i in range(0, 4000, 2)]
    hit = best_placement(phrase, [numb, [(3999, 100.0)]], [0] * 4000)
    assert hit is not None and hit.positions == (3998, 3999)


@pytest.mark.parametrize(
    "text",
    [
        "my groin... I mean, since yesterday it's gone completely numb",
        "промежность. со вчера вся онемела, спина болит",
        "ягодицы... ну как сказать, со вчера как будто онемели",
    ],
)
def test_an_emergency_sign_links_to_its_place_named_alone_before(
    matcher: Matcher, text: str
) -> None:
    found = {c.id: c for c in matcher.match(text).concepts}
    assert "saddle_numbness" in found and not found["saddle_numbness"].negated


@pytest.mark.parametrize(
    "text",
    [
        "my groin hurts. numb toes since morning",  # the sign has its own place
        "my groin. my leg is numb",  # another place stands between
        "пах тянуло после тренировки, а сейчас пальцы на ноге немеют",
    ],
)
def test_a_sign_with_another_place_is_not_linked(matcher: Matcher, text: str) -> None:
    assert "saddle_numbness" not in {c.id for c in matcher.match(text).concepts}


def test_a_linked_sign_is_judged_by_its_own_negation(matcher: Matcher) -> None:
    found = {c.id: c for c in matcher.match("my groin... since yesterday it's gone numb").concepts}
    assert not found["saddle_numbness"].negated  # "gone" between is not "it has gone away"
    found = {c.id: c for c in matcher.match("промежность... нет, не немеет").concepts}
    assert found["saddle_numbness"].negated


@pytest.mark.parametrize(
    "text",
    [
        "the area between my legs. It has gone totally numb",
        "between my legs... I mean, since this morning it has gone numb",
        "down there. it's gone numb since this morning",
        "my inner thighs, well since yesterday they went numb",
        "around my back passage. since last night it's numb",
        "между ног. со вчера онемело полностью",
        "там внизу... короче, всё онемело",
    ],
)
def test_a_sign_links_to_a_place_of_several_words_named_before(matcher: Matcher, text: str) -> None:
    assert "saddle_numbness" in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text",
    [
        "between my legs it aches. my toes are numb",  # the sign has its own place
        "the area between my legs. my foot has gone numb",  # another place between
        "I was down there yesterday, then my leg went numb",
        "между ног болело вчера, а сейчас пальцы на ноге немеют",
    ],
)
def test_a_sign_with_its_own_place_is_not_linked_to_a_place_of_several_words(
    matcher: Matcher, text: str
) -> None:
    assert "saddle_numbness" not in matcher.match(text).affirmed


def test_a_sign_linked_to_a_place_of_several_words_keeps_its_own_negation(
    matcher: Matcher,
) -> None:
    found = {c.id: c for c in matcher.match("between my legs. no, it's not numb").concepts}
    assert "saddle_numbness" not in found or found["saddle_numbness"].negated
