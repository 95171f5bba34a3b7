"""Things counted: a number, then a capitalised word that names what was counted, not a house or
a person ("20 Lunges", "3 Nurofen a day", "took 2 Naproxen", «выпил 2 Найза»). People write
exercises, drugs and everyday nouns with a capital as often as street names, so the word itself
decides little; what decides is how it is counted: a plural, a drug, a count phrase after it
("a day", "times", «в день») or a verb of taking or doing before the number. Mixed into
``Scrubber``; the words come from ``content/privacy/scrubber.yaml`` (``counted``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from bot.privacy.dictionaries import _NameInfo
from bot.privacy.patterns import (
    _CYRILLIC,
    _WORD,
    _alternation,
    _by_first_word,
    _norm,
    _phrase_at,
    _tokens,
)

# a Latin plural: "Lunges", "Press-ups", "Burpees"; not "Jones's", "Moss", "Fergus", "Lewis"
_LATIN_PLURAL = re.compile(r"[A-Za-z][a-z'’-]*[a-z](?<![isu'’])s")
_NUMBER_END = re.compile(r"\d{1,4}[ \t]*(?:x[ \t]*)?$")
# a number, then a capitalised word: "20 Lunges", "3 x Nurofen", «20 Приседаний»
_NUMBER_THEN_WORD = re.compile(
    r"(?<![\w.,/:])\d{1,4}[ \t]*(?:x[ \t]*)?([A-ZА-ЯЁ][^\W\d_]*(?:['’-][^\W\d_]+)*)"
)
_NAME_GOES_ON = re.compile(r"[ \t][A-ZА-ЯЁ]")
# the word right before a product: "at [Dyson]"
_WORD_BEFORE = re.compile(r"(?<![\w])([^\W\d_]+)[ \t]+$")
# what a detector may not mask in a counted thing: nothing at all ...
COUNTED = frozenset(("name", "workplace", "address"))
# ... and in an everyday noun after a number, no person or firm ("I'm 45 Female"), while a
# house may still be named so ("it's 12 Beech, the blue door")
EVERYDAY = frozenset(("name", "workplace"))
# ... and in a product handled after "at", "for", «в», no person and no place, but perhaps the
# firm one works for ("I work at Dyson")
PRODUCT = frozenset(("name", "address"))


class CountedThings:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    config: dict[str, Any]

    if TYPE_CHECKING:  # from NameDetector (names.py) and PlaceDetector (places.py)
        drug_endings_en: tuple[str, ...]
        drug_endings_ru: tuple[str, ...]
        work_prepositions: frozenset[str]

        first_names: frozenset[str]

        def _is_clinical(self, low: str) -> bool: ...
        def _english_word(self, low: str) -> bool: ...
        def _morph(self, word: str) -> _NameInfo: ...

    def _compile_counts(self) -> None:
        counted = self.config.get("counted") or {}
        self.count_verbs = frozenset(_norm(str(w)) for w in counted.get("verbs", ()))
        self.count_after = _by_first_word(counted.get("after", ()))
        self.count_things = frozenset(_norm(str(w)) for w in counted.get("things", ()))
        products = _alternation(counted.get("products", ())) or "(?!)"
        self.products = re.compile(rf"(?<![\w-])(?:{products})(?![\w-])", re.IGNORECASE)

    def _product_words(self, text: str) -> Iterator[tuple[int, int, frozenset[str]]]:
        """Toys, games, gadgets and appliances ("Lego all over the floor", "the Hoover"): no
        person and no place, though a model or a location cue may read one so."""
        for m in self.products.finditer(text):
            # "at Dyson", «на Тефаль»: where one works may be the firm that makes it
            before = _WORD_BEFORE.search(text, max(0, m.start() - 16), m.start())
            at_work = before is not None and _norm(before.group(1)) in self.work_prepositions
            yield m.start(), m.end(), PRODUCT if at_work else COUNTED

    def _counted_words(self, text: str) -> Iterator[tuple[int, int, frozenset[str]]]:
        """The words after a number that no detector may take as a person, a firm or (for a
        thing counted) a place: each as (start, end, the kinds of span it may not be)."""
        if not any(c.isdigit() for c in text):
            return
        for m in _NUMBER_THEN_WORD.finditer(text):
            start, end = m.start(1), m.end(1)
            if self._counted_thing(text, start, end):
                yield start, end, COUNTED
            elif self._everyday_noun(m.group(1)) and not _NAME_GOES_ON.match(text, end):
                # "2 Mill Cottages" is a house: a word of a longer name is no everyday noun
                yield start, end, EVERYDAY

    def _everyday_noun(self, word: str) -> bool:
        """A word that names a thing, not a person: "Female", "Lunge"; «Приседаний»."""
        low = _norm(word)
        if low in self.first_names:
            return False
        if not _CYRILLIC.search(low):
            return self._english_word(low)
        info = self._morph(low)
        return info.known and info.pos == "NOUN" and not info.any_person and info.place < 0.3

    def _counted_thing(self, text: str, start: int, end: int) -> bool:
        """Is the word (or two) at ``text[start:end]``, after a number, the thing that number
        counts? "did 30 Burpees", "10 Squats a day", "3 Nurofen", «выпил 2 Найза»; not "it's 12
        Beech, the blue door", "we're at 4 Orchard"."""
        head = text[max(0, start - 40) : start]
        if not _NUMBER_END.search(head):
            return False
        words = [_norm(w) for w in _WORD.findall(text[start:end])]
        if not words:
            return False
        if _LATIN_PLURAL.fullmatch(text[start:end].split()[-1]):
            return True
        if any(
            w in self.count_things
            or self._is_clinical(w)
            or w.endswith(self.drug_endings_en)
            or w.endswith(self.drug_endings_ru)
            for w in words
        ):
            return True
        rest = text[end : end + 30]
        after = _tokens(rest)
        if (
            after
            and not rest[: after[0].start].strip(" \t")
            and any(_phrase_at(after, 0, p, rest) for p in self.count_after.get(after[0].low, ()))
        ):
            return True
        # a verb of taking or doing just before the number: "took 2", «сделала 20», "I do 3 x"
        before = [_norm(w) for w in _WORD.findall(head)]
        return any(w in self.count_verbs for w in before[-3:-1])
