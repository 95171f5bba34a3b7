"""One edit in an ordinary Russian clinical word, told at word level through pymorphy3
lemmas: «ягадицу», «тимпературой», «пущыря», «паисница» are «ягодицу», «температурой»,
«пузыря», «поясница».

The stems of the word index compare a typo only with stems of the same first letter, and a
typo in an ending shifts a Snowball stem. Here the typo's own dictionary form, as pymorphy3
guesses it for an unknown word («ягадицу» -> «ягадица»), is compared with the dictionary
forms of the lexicon's words, any letter the first included; the edit that turns one into the
other is made in the typo itself («ягадицу» -> «ягодицу»), and that form must be a word the
dictionary knows. Only words no dictionary knows get here (see ``WordIndex._resolve``), so
«понял» never becomes «поднял».
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz.distance import OSA, Levenshtein

from bot.matcher.language import word_language
from bot.matcher.morphology import is_real_word, lemmas
from bot.matcher.normalize import CACHE_LIMIT

MIN_LENGTH = 5  # one edit in a shorter word is too often another word («нагу», «ноку»)
PREFIX_MIN = 4  # a prefix shorter than this says too little of the word it begins
GUESSES = 2  # how many of pymorphy3's guessed dictionary forms of a typo are compared


def _corrected(word: str, guess: str, target: str) -> str | None:
    """``word`` with the one edit that turns ``guess`` (its dictionary form, or the word
    itself) into ``target``, when the edit falls where the word and its guess agree."""
    ops = Levenshtein.editops(guess, target).as_list()
    if len(ops) == 2:
        # a swap of two neighbours («пяосница»): OSA's one edit, Levenshtein's two
        i = next((k for k, (a, b) in enumerate(zip(guess, target, strict=False)) if a != b), -1)
        if (
            i >= 0
            and len(guess) == len(target)
            and i + 1 < len(guess)
            and guess[i] == target[i + 1]
            and guess[i + 1] == target[i]
            and guess[i + 2 :] == target[i + 2 :]
            and word[: i + 2] == guess[: i + 2]
        ):
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        return None
    if len(ops) != 1:
        return None
    tag, at, to = str(ops[0][0]), int(ops[0][1]), int(ops[0][2])
    if tag == "replace":
        if word[: at + 1] != guess[: at + 1]:
            return None
        return word[:at] + target[to] + word[at + 1 :]
    if tag == "insert":
        if word[:at] != guess[:at]:
            return None
        return word[:at] + target[to] + word[at:]
    if word[: at + 1] != guess[: at + 1]:  # delete
        return None
    return word[:at] + word[at + 1 :]


def _deletions(word: str) -> set[str]:
    """The word and every form of it with one letter dropped."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


class _OneEdit:
    """Strings within one edit (OSA) of a query, by their one-letter deletions: two strings
    one edit apart share a deletion, so a look-up is a few dictionary probes, not a scan."""

    def __init__(self, values: Iterable[str]) -> None:
        self._by_deletion: dict[str, set[str]] = defaultdict(set)
        for value in values:
            for deleted in _deletions(value):
                self._by_deletion[deleted].add(value)
        # the heads of words («поясн», «ягоди») repeat from one typo to the next
        self._cache: dict[str, tuple[str, ...]] = {}

    def near(self, query: str) -> tuple[str, ...]:
        cached = self._cache.get(query)
        if cached is not None:
            return cached
        found: set[str] = set()
        by_deletion = self._by_deletion
        for deleted in _deletions(query):
            hit = by_deletion.get(deleted)
            if hit:
                found.update(hit)
        near = tuple(sorted(v for v in found if OSA.distance(query, v, score_cutoff=1) <= 1))
        if len(self._cache) < CACHE_LIMIT:
            self._cache[query] = near
        return near


class LemmaTypos:
    """The lexicon's Russian words and prefixes, to put a typo right by one edit."""

    def __init__(self, words: Iterable[str], prefixes: Iterable[str] = ()) -> None:
        # whole words as the lexicon writes them, and verbs' dictionary forms («онеметь»);
        # a four-letter form is reached from a typo of five («ногуу», «мочии»)
        self._words = _OneEdit(
            w for w in words if len(w) >= MIN_LENGTH - 1 and word_language(w) == "ru"
        )
        heads = {p for p in prefixes if len(p) >= PREFIX_MIN and word_language(p) == "ru"}
        # «лабость» -> «слаб*»: the lexicon's prefixes, for a typo in a word's head
        self._heads = _OneEdit(heads)
        self._head_lengths = sorted({len(p) for p in heads})

    def corrections(self, word: str) -> tuple[str, ...]:
        """Real words one edit away from an unknown Russian word, by its dictionary form."""
        if len(word) < MIN_LENGTH or word_language(word) != "ru":
            return ()
        found: list[str] = []
        for guess in dict.fromkeys((word, *lemmas(word)[:GUESSES])):
            if len(guess) < MIN_LENGTH:
                continue
            for target in self._words.near(guess):
                fixed = _corrected(word, guess, target)
                if fixed and fixed != word and fixed not in found and is_real_word(fixed):
                    found.append(fixed)
        for length in self._head_lengths:
            if len(word) < length:
                break
            # one edit may add or drop a letter inside the head: one shorter and longer too
            for head in dict.fromkeys((word[: length - 1], word[:length], word[: length + 1])):
                for target in self._heads.near(head):
                    if len(target) != length:
                        continue
                    fixed = target + word[len(head) :]
                    if fixed != word and fixed not in found and is_real_word(fixed):
                        found.append(fixed)
        return tuple(found)
