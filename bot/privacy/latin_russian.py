"""Russian typed in Latin letters: "spina bolit", "eto tanya", "zapishite mamu galinu".

Such a message is full of words no English dictionary knows, which the name rules and the
models take for names ("bolit", "poyasnica") or firms. A message is read as Russian when at
least ``latin_russian.min_words`` of its Latin words, written back in Cyrillic with the letters
the nickname rules use (``nicknames.letters``, running text's own spellings tried first), are
words pymorphy3 knows with no name reading, one of them at least of no English dictionary, and
such words outnumber those only English. Then:

- its words with no person or place reading, and no employer's name, are kept: no detector
  takes them for a name, a firm or a place;
- a word of no English dictionary whose likeliest readings are a first name, patronymic or
  surname, in any case, is a name ("galinu", "nikolaya", "petrovnoy");
- after a place cue of the Russian rules, written back in Cyrillic ("vyhozhu na", "ya s"), a
  word the dictionary does not know or knows as a place is an address ("avtovo").

Mixed into ``Scrubber``; the letters come from ``content/privacy/scrubber.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from bot.privacy.dictionaries import _NameInfo
from bot.privacy.patterns import Span, _free_tokens, _norm, _sentence_start, _tokens
from bot.privacy.patterns import _Token as Token

# what a Russian word typed in Latin letters may not be taken for
_ORDINARY = frozenset(("name", "workplace", "address"))
# the person readings' share above which a written-back word is a name
_PERSON_SHARE = 0.5
# a place reading this likely makes a word no ordinary one («химмаше» is a district too)
_PLACE_SHARE = 0.5
# a house number after a street's name in Latin letters: "tverskoy 12", "lesnoy 4 kv 18",
# "mira 7/2 k 3"
_HOUSE_AFTER = re.compile(
    r"[ \t]+\d{1,4}(?:[/-]\d{1,3})?[a-z]?(?:[ \t,]*(?:kv|d|dom|korp|k|str)\.?[ \t]*\d{1,4}[a-z]?)*",
    re.IGNORECASE,
)
_SHORTEST = 3  # "na", "po", "s": too short to count, and no detector takes them


class LatinRussian:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    config: dict[str, Any]
    first_names: frozenset[str]

    if TYPE_CHECKING:  # from NameDetector (names.py) and Nicknames (nicknames.py)
        nick_alphabets: list[list[tuple[str, str]]]
        employers: dict[str, list[tuple[str, ...]]]
        place_home: dict[str, list[tuple[str, ...]]]
        place_before: dict[str, list[tuple[str, ...]]]
        employer_words: frozenset[str]

        def _english_word(self, low: str) -> bool: ...
        def _morph(self, word: str) -> _NameInfo: ...
        @staticmethod
        def _to_cyrillic(low: str, letters: list[tuple[str, str]]) -> str: ...

    def _compile_latin_russian(self) -> None:
        data = self.config.get("latin_russian") or {}
        self.latin_ru_min_words = int(data.get("min_words", 2))
        base = self.config.get("nicknames", {}).get("letters") or {}
        letters = {_norm(str(k)): _norm(str(v)) for k, v in base.items()}
        letters.update(
            {_norm(str(k)): _norm(str(v)) for k, v in (data.get("letters") or {}).items()}
        )
        text_alphabet = sorted(letters.items(), key=lambda pair: len(pair[0]), reverse=True)
        self.latin_ru_alphabets = [text_alphabet, *self.nick_alphabets]
        self._latin_ru_cache: dict[str, tuple[_NameInfo | None, bool]] = {}
        self._latin_ru_last: tuple[str, list[tuple[Token, _NameInfo]] | None] | None = None

    def _latin_reading(self, low: str) -> _NameInfo | None:
        """pymorphy3's reading of a Latin word written back in Cyrillic, the first spelling the
        dictionary knows; None when none is a Russian word."""
        return self._latin_word(low)[0]

    def _in_english(self, low: str) -> bool:
        return self._latin_word(low)[1]

    def _latin_word(self, low: str) -> tuple[_NameInfo | None, bool]:
        """A Latin word's Russian reading and whether English knows it, cached per word: every
        English message asks for each of its words."""
        cached = self._latin_ru_cache.get(low)
        if cached is not None:
            return cached
        found: _NameInfo | None = None
        for letters in self.latin_ru_alphabets:
            info = self._morph(self._to_cyrillic(low, letters))
            if info.known:
                found = info
                break
        if len(self._latin_ru_cache) > 100_000:  # a bound, so a flood of junk cannot grow it
            self._latin_ru_cache.clear()
        answer = (found, self._english_word(low))
        self._latin_ru_cache[low] = answer
        return answer

    def _latin_words(self, text: str) -> list[tuple[Token, _NameInfo]] | None:
        """The Latin words of a message read as Russian, each with its reading; None when the
        message does not read as Russian. Three detectors ask for the same message in turn:
        the last answer is kept (one tuple, replaced whole, so threads cannot mix them)."""
        last = self._latin_ru_last
        if last is not None and last[0] is text:
            return last[1]
        found = self._read_latin_words(text)
        self._latin_ru_last = (text, found)
        return found

    def _read_latin_words(self, text: str) -> list[tuple[Token, _NameInfo]] | None:
        if not text.isascii() and not any("a" <= c <= "z" for c in text.lower()):
            return None
        # words only Russian, words both ("spina", "most", "leg"), words only English or names
        russian = both = english = 0
        readings: list[tuple[Token, _NameInfo]] = []
        for token in _tokens(text):
            if token.cyrillic or not token.alpha or len(token.low) < _SHORTEST:
                continue
            info = self._latin_reading(token.low)
            in_english = self._in_english(token.low)
            if info is not None:
                readings.append((token, info))
            if info is None or info.any_person:
                english += in_english
            elif in_english:
                both += 1
            else:
                russian += 1
        # "spina bolit": one word only Russian will do beside one both; "dr volk said rest, most
        # pain" is English: more of its words are only English
        if not russian or russian + both < self.latin_ru_min_words or russian <= english:
            return None
        return readings

    def _latin_russian_kept(self, text: str) -> Iterator[tuple[int, int, frozenset[str]]]:
        """The ordinary Russian words of a message typed in Latin letters, which no detector may
        take for a person, a firm or a place ("bolit", "spina", "raboty")."""
        for token, info in self._latin_words(text) or ():
            if info.any_person or info.place >= _PLACE_SHARE:
                continue
            if info.lemma in self.employer_words or info.lemma in self.employers:
                continue  # "v magnite": the firm is the workplace rules' to judge
            # a capital inside a sentence may be a firm's or a place's own name
            if token.cap and not _sentence_start(text, token.start):
                continue
            if _HOUSE_AFTER.match(text, token.end):
                continue  # "zhivu na tverskoy 12": a street's name, the places' rule to judge
            yield token.start, token.end, _ORDINARY

    def _latin_russian_places(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """ "vyhozhu na avtovo", "ya s elmasha", "u metro kupchino": after a place cue of
        the Russian rules (``places.home``, ``places.before``), written back in Cyrillic, a
        word the dictionary does not know or knows as a place."""
        if not self._latin_words(text):
            return
        tokens = _tokens(text)
        letters = self.latin_ru_alphabets[0]
        cyrillic = [_norm(self._to_cyrillic(t.low, letters)) for t in tokens]
        free = {(t.start, t.end) for t in _free_tokens(text, taken)}
        for i, token in enumerate(tokens):
            if token.cyrillic or not token.alpha or len(token.low) < _SHORTEST:
                continue
            if (token.start, token.end) not in free or self._in_english(token.low):
                continue
            house = _HOUSE_AFTER.match(text, token.end)
            if house and self._after_place_cue(cyrillic, i):
                # "zhivu na tverskoy 12 kv 5": any word with a house number after a place cue
                yield Span(token.start, house.end(), "address")
                continue
            info = self._latin_reading(token.low)
            if info is not None and (info.place < _PLACE_SHARE or info.any_person):
                continue
            if self._after_place_cue(cyrillic, i):
                yield Span(token.start, token.end, "address")

    def _after_place_cue(self, words: list[str], i: int) -> bool:
        for k in range(max(0, i - 3), i):
            for cues in (self.place_home, self.place_before):
                for phrase in cues.get(words[k], ()):
                    if k + len(phrase) == i and tuple(words[k:i]) == phrase:
                        return True
        return False

    def _latin_russian_names(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """Names in a message typed in Latin Russian: "mamu galinu", "eto tanya"."""
        words = self._latin_words(text)
        if not words:
            return
        free = {(t.start, t.end) for t in _free_tokens(text, taken)}
        for token, info in words:
            if (token.start, token.end) not in free or self._in_english(token.low):
                continue
            if info.pos == "NOUN" and info.person >= _PERSON_SHARE:
                yield Span(token.start, token.end, "name")
