"""Where a phrase of two or more words sits in a message: its closest placement, in time
linear in the message's length."""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from bot.matcher.lexicon import Phrase

_NEAREST_PER_SLOT = 4  # per slot, the best few words near a pivot word: bounded work


@dataclass(frozen=True, slots=True)
class Hit:
    phrase: Phrase
    positions: tuple[int, ...]  # word positions, sorted
    score: float


def best_placement(
    phrase: Phrase, cells: list[list[tuple[int, float]]], segment: list[int]
) -> Hit | None:
    """The closest placement of a phrase of two or more words (one-word phrases are
    placed in ``_find_phrases``): distinct words, one piece between punctuation marks (a
    phrase does not reach across a comma or a clause: "рак груди, у меня поясница ноет").

    Linear in the message: the slot with the fewest words is the pivot; around each of
    its words only the other slots' words inside the phrase's width can take part (cells
    are in word order, found by bisection), and of those only the nearest few, so the
    work per pivot word is bounded whatever the message's length."""
    width = len(cells) + phrase.gap
    if all(len(cell) == 1 for cell in cells):
        # the common case, one word per slot: one placement to check
        positions = [cell[0][0] for cell in cells]
        piece = segment[positions[0]]
        if (
            max(positions) - min(positions) + 1 > width
            or len(set(positions)) != len(positions)
            or any(segment[position] != piece for position in positions)
        ):
            return None
        score = sum(cell[0][1] for cell in cells) / len(cells)
        return Hit(phrase, tuple(sorted(positions)), score)
    pivot = min(range(len(cells)), key=lambda i: len(cells[i]))
    starts = [[position for position, _ in cell] for cell in cells]
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
