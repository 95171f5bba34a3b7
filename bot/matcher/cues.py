"""Cue phrases found in a message: each cue indexed by its first word (exact or a prefix
ending in "*"), so a message is scanned once for every cue set."""

from __future__ import annotations

from dataclasses import dataclass

from bot.matcher.rules import Cue


@dataclass(frozen=True, slots=True)
class CueHit:
    start: int  # word positions, inclusive
    end: int
    scope: int
    kind: str = "plain"


def _matches_at(words: list[str], at: int, cue: tuple[str, ...]) -> bool:
    if at + len(cue) > len(words):
        return False
    for offset, part in enumerate(cue):
        word = words[at + offset]
        if part.endswith("*"):
            if not word.startswith(part[:-1]):
                return False
        elif word != part:
            return False
    return True


class CueSet:
    """Cues indexed by their first word (exact or prefix) so a message is scanned once."""

    def __init__(self, cues: list[Cue]) -> None:
        self._exact: dict[str, list[Cue]] = {}
        self._prefix: list[Cue] = []
        for cue in cues:
            if cue.words[0].endswith("*"):
                self._prefix.append(cue)
            else:
                self._exact.setdefault(cue.words[0], []).append(cue)
        # longest first: "не было" wins over "не" at the same place
        for group in self._exact.values():
            group.sort(key=lambda c: -len(c.words))
        self._prefix.sort(key=lambda c: -len(c.words))
        self.words: frozenset[str] = frozenset(
            w for c in cues for w in c.words if not w.endswith("*")
        )
        self._by_word: dict[str, tuple[Cue, ...]] = {}

    def starting(self, word: str) -> tuple[Cue, ...]:
        """Cues whose first word fits ``word``, longest first; cached per word."""
        cached = self._by_word.get(word)
        if cached is None:
            found = list(self._exact.get(word, ()))
            found += [c for c in self._prefix if word.startswith(c.words[0][:-1])]
            cached = tuple(sorted(found, key=lambda c: -len(c.words)))
            if len(self._by_word) < 50_000:
                self._by_word[word] = cached
        return cached

    def find(self, words: list[str]) -> list[CueHit]:
        hits: list[CueHit] = []
        by_word = self._by_word
        for at, word in enumerate(words):
            cues = by_word.get(word)
            if cues is None:
                cues = self.starting(word)
            for cue in cues:
                if _matches_at(words, at, cue.words):
                    hits.append(CueHit(at, at + len(cue.words) - 1, cue.scope, cue.kind))
                    break
        return hits


class CueIndex:
    """Several named cue sets scanned in one pass over a message: each pair of neighbouring
    words is looked up once (cached) for the cues of every set that can begin there."""

    def __init__(self, sets: dict[str, list[Cue]]) -> None:
        self._sets = {name: CueSet(cues) for name, cues in sets.items()}
        self._by_pair: dict[tuple[str, str], tuple[tuple[str, tuple[Cue, ...]], ...]] = {}
        # whether any cue of any set can begin with a word: most words of a message begin
        # none, and a word look-up is cheaper than the pair's
        self._opens: dict[str, bool] = {}

    def _may_open(self, word: str) -> bool:
        opens = any(cue_set.starting(word) for cue_set in self._sets.values())
        if len(self._opens) < 50_000:
            self._opens[word] = opens
        return opens

    def _starting(self, word: str, following: str) -> tuple[tuple[str, tuple[Cue, ...]], ...]:
        key = (word, following)
        cached = self._by_pair.get(key)
        if cached is None:
            found = []
            for name, cue_set in self._sets.items():
                cues = tuple(
                    c
                    for c in cue_set.starting(word)
                    if len(c.words) == 1 or _word_fits(following, c.words[1])
                )
                if cues:
                    found.append((name, cues))
            cached = tuple(found)
            if len(self._by_pair) < 200_000:
                self._by_pair[key] = cached
        return cached

    def find_all(self, words: list[str]) -> dict[str, list[CueHit]]:
        hits: dict[str, list[CueHit]] = {}
        last = len(words) - 1
        opens = self._opens
        for at, word in enumerate(words):
            may_open = opens.get(word)
            if not (may_open or (may_open is None and self._may_open(word))):
                continue
            candidates = self._starting(word, words[at + 1] if at < last else "")
            for name, cues in candidates:
                for cue in cues:
                    if len(cue.words) <= 2 or _matches_at(words, at, cue.words):
                        if len(cue.words) == 2 and at == last:
                            continue
                        hits.setdefault(name, []).append(
                            CueHit(at, at + len(cue.words) - 1, cue.scope, cue.kind)
                        )
                        break
        return hits


def _word_fits(word: str, part: str) -> bool:
    return word.startswith(part[:-1]) if part.endswith("*") else word == part
