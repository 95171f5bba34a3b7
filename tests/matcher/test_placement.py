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
