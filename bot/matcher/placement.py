"""Where a phrase of two or more words sits in a message: its closest placement, in time
linear in the message's length."""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Protocol

from bot.matcher.lexicon import Phrase
from bot.matcher.normalize import Token

LINK_REACH = 12  # words from a place named alone to the sign told about it later
LINK_SCORE = 0.9  # a linked sign is a little less sure than a phrase in one piece
PLACE_SLACK = 1  # "between MY legs": other words allowed inside a place of several words
_NEAREST_PER_SLOT = 4  # per slot, the best few words near a pivot word: bounded work


@dataclass(frozen=True, slots=True)
class Hit:
    phrase: Phrase
    positions: tuple[int, ...]  # word positions, sorted
    score: float
    # a sign linked to a place named far before it: only the sign's own words are judged
    # for negation (what stands between belongs to neither)
    linked: bool = False


def best_placement(
    phrase: Phrase,
    cells: list[list[tuple[int, float]]],
    segment: list[int],
    columns: list[list[int]] | None = None,
) -> Hit | None:
    """The closest placement of a phrase of two or more words (one-word phrases are
    placed in ``_find_phrases``): distinct words, one piece between punctuation marks (a
    phrase does not reach across a comma or a clause: "рак груди, у меня поясница ноет").

    Linear in the message: the slot with the fewest words is the pivot; around each of
    its words only the other slots' words inside the phrase's width can take part (cells
    are in word order, found by bisection), and of those only the nearest few, so the
    work per pivot word is bounded whatever the message's length. ``columns``: the cells'
    positions alone, when the caller has them."""
    width = len(cells) + phrase.gap
    lengths = [len(cell) for cell in cells]
    if max(lengths) == 1:
        # the common case, one word per slot: one placement to check
        return single_placement(phrase, [cell[0] for cell in cells], segment)
    pivot = lengths.index(min(lengths))
    starts = columns if columns is not None else [[p for p, _ in cell] for cell in cells]
    best: tuple[float, int, tuple[int, ...]] | None = None
    for pivot_position, pivot_similarity in cells[pivot]:
        piece = segment[pivot_position]
        low_bound, high_bound = pivot_position - width + 1, pivot_position + width - 1
        choices: list[list[tuple[int, float]]] = []
        for index, cell in enumerate(cells):
            if index == pivot:
                choices.append([(pivot_position, pivot_similarity)])
                continue
            column = starts[index]
            near = [
                entry
                for entry in cell[bisect_left(column, low_bound) : bisect_right(column, high_bound)]
                if segment[entry[0]] == piece and entry[0] != pivot_position
            ]
            if not near:
                break
            if len(near) > 1:
                near.sort(key=lambda entry: (-entry[1], abs(entry[0] - pivot_position)))
            choices.append(near[:_NEAREST_PER_SLOT])
        else:
            for combo in itertools.product(*choices):
                positions = [c[0] for c in combo]
                low, high = min(positions), max(positions)
                if high - low + 1 > width or len(set(positions)) != len(positions):
                    continue
                score = sum(c[1] for c in combo) / len(combo)
                rank = (score, -(high - low), tuple(sorted(positions)))
                if best is None or rank[:2] > best[:2]:
                    best = rank
    if best is None:
        return None
    return Hit(phrase, best[2], best[0])


def single_placement(
    phrase: Phrase, chosen: list[tuple[int, float]], segment: list[int]
) -> Hit | None:
    """The placement of a phrase with one (position, similarity) per slot, in slot order:
    a hit when the words are distinct, within the phrase's width and in one piece."""
    positions = [position for position, _ in chosen]
    piece = segment[positions[0]]
    if (
        max(positions) - min(positions) + 1 > len(chosen) + phrase.gap
        or len(set(positions)) != len(positions)
        or any(segment[position] != piece for position in positions)
    ):
        return None
    score = sum(similarity for _, similarity in chosen) / len(chosen)
    return Hit(phrase, tuple(sorted(positions)), score)


class _Places(Protocol):
    def is_place(self, word: str) -> bool: ...


def link_place(
    phrase: Phrase,
    cells: list[list[tuple[int, float]]],
    words: list[Token],
    sentence: list[int],
    breaks: list[bool] | None,
    taken: set[int],
    places: _Places,
    taken_long: set[int] | None = None,
) -> Hit | None:
    """A sign told after its place, across a clause or into the next sentence: "my groin...
    I mean, since yesterday it's gone completely numb", «промежность... короче, со вчера
    онемела», "the area between my legs. It has gone totally numb". The place (one word, or
    the few words of ``place_words`` around it, told together) must stand alone (no other
    phrase uses it), come first, within ``LINK_REACH`` words, with no other place between
    them nor right after the sign in its piece of the sentence ("my groin hurts. numb toes"
    is about the toes). A place of several words is taken only by a phrase of several words
    ("my inner thighs" stays a place beside the one-word "thighs" of both legs:
    ``taken_long``)."""
    sign_cell = cells[phrase.sign]
    place_cells = [cell for index, cell in enumerate(cells) if index != phrase.sign]
    best: tuple[float, int, tuple[int, ...]] | None = None
    long_taken = taken if taken_long is None else taken_long
    for run, place_similarity in _place_runs(place_cells, breaks, taken, long_taken):
        place_start, place_end = run[0], run[-1]
        for sign_at, sign_similarity in sign_cell:
            if sign_at <= place_end or sign_at - place_start > LINK_REACH:
                continue
            if sentence[sign_at] - sentence[place_start] > 1:
                continue
            between = range(place_end + 1, sign_at)
            if any(places.is_place(words[i].text) for i in between):
                continue
            if _place_follows(sign_at, words, breaks, places):
                continue
            score = min(place_similarity, sign_similarity) * LINK_SCORE
            if best is None or (score, place_end - sign_at) > (best[0], best[2][-2] - best[2][-1]):
                best = (score, sign_at, (*run, sign_at))
    if best is None:
        return None
    return Hit(phrase, best[2], best[0], linked=True)


def _place_runs(
    place_cells: list[list[tuple[int, float]]],
    breaks: list[bool] | None,
    taken: set[int],
    taken_long: set[int],
) -> list[tuple[tuple[int, ...], float]]:
    """The ways the place's words stand together in the message: distinct, none used by
    another phrase, within ``PLACE_SLACK`` words more than they are ("between MY legs"), no
    punctuation inside; with their lowest similarity."""
    if len(place_cells) == 1:
        return [((at,), similarity) for at, similarity in place_cells[0] if at not in taken]
    width = len(place_cells) + PLACE_SLACK
    runs = []
    for combo in itertools.product(*(cell[:_NEAREST_PER_SLOT] for cell in place_cells)):
        run = tuple(sorted(at for at, _ in combo))
        if (
            len(set(run)) != len(run)
            or run[-1] - run[0] + 1 > width
            or taken_long.intersection(run)
            or (breaks is not None and any(breaks[run[0] + 1 : run[-1] + 1]))
        ):
            continue
        runs.append((run, min(similarity for _, similarity in combo)))
    return runs


def _place_follows(at: int, words: list[Token], breaks: list[bool] | None, places: _Places) -> bool:
    """Whether a place is named in the few words after ``at``, before any punctuation."""
    for i in range(at + 1, min(at + 4, len(words))):
        if breaks and breaks[i]:
            return False
        if places.is_place(words[i].text):
            return True
    return False
