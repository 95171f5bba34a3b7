"""Homes told by what stands near them rather than by a street: "the blue house behind the Tesco
on the corner", "second house past the church in Moss Side near the park", "the flat above the
chippy", «дом напротив пятёрочки у школы», «частный дом за рынком, синие ворота», "we live
behind the Spar". Such a description finds the door as well as an address does.

The shape: a home (its kind - "bungalow", «дом», «общага» - with the words that describe it:
"blue", "second", «частный», «втором»), or a verb of living, then a relation ("past", "above",
«за», «напротив», «от»), then a landmark: a kind of place that locates ("chippy", "church",
«рынок», «остановка»), a firm the lists know, or capitalised words ("the Red Lion", «Ашана»).
More relations and landmarks may follow ("in Moss Side near the park", «у школы», «на углу»),
and after a comma what the home looks like (", red door", «, синие ворота», «, дом с коричневой
крышей»). The whole description is one address. A relation with no home before it ("pain behind
the knee", «болит за грудиной») is left alone, and so is a home with no landmark ("we live in a
flat"). Mixed into ``Scrubber``; the words come from ``content/privacy/places.yaml`` (``homes``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.privacy.landmarks import _QUOTED_NAME
from bot.privacy.patterns import Span, _by_first_word, _norm, _phrase_at, _Token, _tokens

# between the words of one description: spaces (a comma only where said)
_SPACE = re.compile(r"[ \t]{1,2}")
_COMMA = re.compile(r"[ \t]*,[ \t]*|[ \t]+[-–—][ \t]+")
# the most relations and landmarks one description chains: "past the church in Moss Side near
# the park on the corner"
_MAX_LINKS = 4
# the most words of one landmark: "the Red Lion car park", «аптекой Ригла»
_MAX_LANDMARK_WORDS = 4
# the most words of a look after a comma: "red door round the side", «дом с коричневой крышей»
_MAX_LOOK_WORDS = 5
_ARTICLES = frozenset(("the", "a", "an"))


class Homes:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    def _compile_homes(self, homes: dict[str, Any]) -> None:
        def words(key: str) -> frozenset[str]:
            return frozenset(_norm(str(w)) for w in homes.get(key, ()))

        self.home_nouns_en = _by_first_word(homes.get("nouns_en", ()))
        self.home_nouns_ru = words("nouns_ru")
        self.home_describers_en = words("describers_en")
        self.home_living = _by_first_word(homes.get("living", ()))
        self.home_relations = _by_first_word(homes.get("relations", ()))
        # relations that chain on only: "in Moss Side", "on the corner", «в Кузьминках»
        self.home_links = _by_first_word(homes.get("links", ()))
        # the same relations, as a separate index: after a verb of living they need a name
        self.home_named_relations = _by_first_word(homes.get("relations", ()))
        self.home_positions = _by_first_word(homes.get("positions", ()))
        self.home_landmarks_en = _by_first_word(homes.get("landmarks_en", ()))
        self.home_landmarks_ru = words("landmarks_ru")
        self.home_looks_en = words("looks_en")
        self.home_looks_ru = words("looks_ru")

    # ----------------------------------------------------------------- detector

    def _homes(self, text: str, taken: list[Span]) -> Iterator[Span]:
        tokens = _tokens(text)
        i = 0
        while i < len(tokens):
            found = self._home_at(text, tokens, i)
            if found is None:
                i += 1
                continue
            start, end, last = found
            # a name or a phone inside stays what it is; the rest of the description goes
            yield from _around(text, start, end, taken)
            i = last + 1
        # "Chapeltown by the cricket ground", «в Кузьминках за прудом»: a district already found
        # goes on through the relations and landmarks after it
        ends = {span.end: span for span in taken if span.kind == "address"}
        for k, token in enumerate(tokens):
            before = text[tokens[k - 1].end : token.start] if k else ""
            if k and tokens[k - 1].end in ends and _SPACE.fullmatch(before):
                landmark = self._relation_landmark(text, tokens, k, self.home_relations)
                if landmark is not None:
                    last = self._look_after(text, tokens, self._chain(text, tokens, landmark))
                    yield from _around(text, token.start, tokens[last].end, taken)

    def _home_at(self, text: str, tokens: list[_Token], i: int) -> tuple[int, int, int] | None:
        """(start, end, index of the last word) of a home described from ``tokens[i]``."""
        token = tokens[i]
        noun = self._home_noun(tokens, i, text)
        if noun:
            start = tokens[self._describers_before(text, tokens, i)].start
            j = i + noun
        else:
            living = next(
                (p for p in self.home_living.get(token.low, ()) if _phrase_at(tokens, i, p, text)),
                None,
            )
            if living is None:
                return None
            j = i + len(living)
            if j >= len(tokens):
                return None
            start = tokens[j].start  # "we live [behind the Spar]": the verb stays
        # "third house on the left after the Shell garage": where in the row, then the relation
        found = self._relation_landmark(text, tokens, j, self.home_relations)
        if found is None and noun:
            found = self._relation_landmark(
                text, tokens, self._positions(text, tokens, j), self.home_relations
            )
        if found is None:
            return None
        last = self._chain(text, tokens, found)
        looked = self._look_after(text, tokens, last)
        # after a mere verb of living a landmark of no name says little ("I live near the
        # park", «живу возле школы, у рынка»), unless the home's look follows: «живём за
        # клубом, жёлтый дом с мансардой»
        if not noun and looked == last and not self._named_landmark(text, tokens, j):
            return None
        return start, tokens[looked].end, looked

    def _chain(self, text: str, tokens: list[_Token], last: int) -> int:
        """The last word of the relations and landmarks that follow ``tokens[last]``: "in Moss
        Side near the park on the corner", «у школы», «на углу»."""
        for _ in range(_MAX_LINKS):
            after = self._relation_landmark(
                text, tokens, last + 1, self.home_relations, self.home_links
            )
            if after is None:
                k = self._positions(text, tokens, last + 1)
                after = k - 1 if k > last + 1 else None
            if after is None:
                break
            last = after
        return last

    def _named_landmark(self, text: str, tokens: list[_Token], j: int) -> bool:
        """Does the relation at ``tokens[j]`` lead to a named landmark ("behind the Spar")?"""
        return self._relation_landmark(text, tokens, j, self.home_named_relations) is not None

    def _home_noun(self, tokens: list[_Token], i: int, text: str) -> int:
        """How many words the home's kind at ``tokens[i]`` takes (0: none)."""
        token = tokens[i]
        if token.cyrillic:
            if token.alpha and self._lemma(token) in self.home_nouns_ru:  # type: ignore[attr-defined]
                return 1
            return 0
        phrases = [
            p for p in self.home_nouns_en.get(token.low, ()) if _phrase_at(tokens, i, p, text)
        ]
        return max((len(p) for p in phrases), default=0)

    def _describers_before(self, text: str, tokens: list[_Token], i: int) -> int:
        """The first of the words before a home that describe it: "grey", "second", «частный»,
        «втором» (a Russian adjective of any kind, an English word of the list)."""
        k = i
        while k > 0 and i - k < 3 and _SPACE.fullmatch(text[tokens[k - 1].end : tokens[k].start]):
            word = tokens[k - 1]
            if not word.alpha:
                break
            if word.cyrillic:
                if self._morph(word.low).pos != "ADJF":  # type: ignore[attr-defined]
                    break
            elif word.low not in self.home_describers_en:
                break
            k -= 1
        return k

    def _positions(self, text: str, tokens: list[_Token], j: int) -> int:
        """Past the words that say where in a row or a corner: "on the left", «на углу»."""
        while j < len(tokens) and _joined(text, tokens, j):
            phrase = next(
                (
                    p
                    for p in self.home_positions.get(tokens[j].low, ())
                    if _phrase_at(tokens, j, p, text)
                ),
                None,
            )
            if phrase is None:
                break
            j += len(phrase)
        return j

    def _relation_landmark(
        self,
        text: str,
        tokens: list[_Token],
        j: int,
        *indexes: dict[str, list[tuple[str, ...]]],
    ) -> int | None:
        """The index of the last word of a relation and its landmark starting at ``tokens[j]``."""
        if j >= len(tokens) or not _joined(text, tokens, j):
            return None
        for index in indexes:
            for phrase in index.get(tokens[j].low, ()):
                if not _phrase_at(tokens, j, phrase, text):
                    continue
                end = self._landmark(
                    text,
                    tokens,
                    j + len(phrase),
                    index is self.home_named_relations,
                )
                if end is not None:
                    return end
        return None

    def _landmark(self, text: str, tokens: list[_Token], k: int, named_only: bool) -> int | None:
        """The index of a landmark's last word starting at ``tokens[k]``: a kind of place that
        locates, a firm of the lists, or capitalised words (perhaps with their kind after them:
        "the Shell garage", «аптекой Ригла»). ``named_only``: a landmark of no name will not do."""
        if k < len(tokens) and tokens[k].low in _ARTICLES and not tokens[k].cap:
            k += 1
        if k >= len(tokens) or not _SPACE.fullmatch(text[tokens[k - 1].end : tokens[k].start]):
            return None
        last = None
        m = k
        # «старой бани», "the cricket ground": a word that says which one before a landmark's
        # kind (in Russian an adjective)
        if (
            not tokens[m].cap
            and tokens[m].alpha
            and m + 1 < len(tokens)
            and _SPACE.fullmatch(text[tokens[m].end : tokens[m + 1].start])
            and (not tokens[m].cyrillic or self._morph(tokens[m].low).pos == "ADJF")  # type: ignore[attr-defined]
            and not self._landmark_kind(text, tokens, m)
            and self._landmark_kind(text, tokens, m + 1)
        ):
            m += 1
        kind = self._landmark_kind(text, tokens, m)
        employer = self._listed_employer(text, tokens, m)
        if kind or employer:
            last = m + max(kind, employer) - 1
            m = last + 1
        named = 0
        quoted = _QUOTED_NAME.match(text, tokens[last].end) if last is not None else None
        if quoted:  # «ДК «Строитель»», "the Spar "Express""
            while m < len(tokens) and tokens[m].end <= quoted.end():
                last = m
                m += 1
            return last
        while (
            m < len(tokens)
            and named < _MAX_LANDMARK_WORDS
            and (m == k or _SPACE.fullmatch(text[tokens[m - 1].end : tokens[m].start]))
            and (
                self._landmark_name(tokens[m])
                # "Moss Side", "Stone Cross": inside a name a capitalised word that is also a
                # clinical one
                or (named and self._named_word(tokens[m]))  # type: ignore[attr-defined]
            )
        ):
            named += 1
            last = m
            m += 1
        if (
            named
            and m < len(tokens)
            and _SPACE.fullmatch(text[tokens[m - 1].end : tokens[m].start])
        ):
            after = self._landmark_kind(text, tokens, m)  # "the Red Lion car park"
            if after and not tokens[m].cyrillic:
                last = m + after - 1
        if last is None:
            return None
        if named_only and not named and not employer:
            return None
        if (
            named
            and not (kind or employer)
            and all(self._is_city(tokens[n]) for n in range(k, last + 1))  # type: ignore[attr-defined]
        ):
            return None  # "the house near London": a city is no landmark
        return last

    def _landmark_kind(self, text: str, tokens: list[_Token], m: int) -> int:
        if m >= len(tokens):
            return 0
        token = tokens[m]
        if token.cyrillic:
            lemma = self._lemma(token)  # type: ignore[attr-defined]
            return 1 if token.alpha and lemma in self.home_landmarks_ru else 0
        phrases = [
            p for p in self.home_landmarks_en.get(token.low, ()) if _phrase_at(tokens, m, p, text)
        ]
        return max((len(p) for p in phrases), default=0)

    def _listed_employer(self, text: str, tokens: list[_Token], m: int) -> int:
        """A firm of the employers' list in any case: «пятёрочки», "Lidl", "the co-op"."""
        if m >= len(tokens):
            return 0
        token = tokens[m]
        lemma = self._lemma(token)  # type: ignore[attr-defined]
        for phrase in (*self.employers.get(token.low, ()), *self.employers.get(lemma, ())):  # type: ignore[attr-defined]
            if len(phrase) == 1 or _phrase_at(tokens, m, phrase, text):
                if not token.cap and lemma in self.employer_words:  # type: ignore[attr-defined]
                    continue  # «лента», «магнит» in lower case are words
                return len(phrase)
        return 0

    def _landmark_name(self, token: _Token) -> bool:
        """A capitalised word that may name a landmark or a district (not "I", a month, a
        weekday or a clinical word)."""
        if not (token.cap and token.alpha) or len(token.low) < 2:
            return False
        low = token.low.removesuffix("'s")
        if low in self.landmark_saints:  # type: ignore[attr-defined]
            return True  # "St Mary's"
        if low in self.not_place_words or low in self.cue_index:  # type: ignore[attr-defined]
            return False
        if not token.cyrillic and low in self.not_names_en:  # type: ignore[attr-defined]
            return False
        if self._is_clinical(low):  # type: ignore[attr-defined]
            return False
        # «квартира у Маши», "the flat near Karen's": a person, whom the name rules mask
        if token.cyrillic:
            return not self._names_a_person(token)  # type: ignore[attr-defined]
        return low not in self.first_names  # type: ignore[attr-defined]

    def _look_after(self, text: str, tokens: list[_Token], last: int) -> int:
        """After a comma (or a dash), what the home looks like: ", red door", «, синие ворота»,
        «, дом с коричневой крышей», ", white gate round the back"."""
        k = last + 1
        if k >= len(tokens) or not _COMMA.fullmatch(text[tokens[last].end : tokens[k].start]):
            return last
        for n in range(k, min(len(tokens), k + _MAX_LOOK_WORDS)):
            if n > k and not _SPACE.fullmatch(text[tokens[n - 1].end : tokens[n].start]):
                return last
            token = tokens[n]
            if not token.alpha:
                return last
            look = (
                self._lemma(token) in self.home_looks_ru  # type: ignore[attr-defined]
                if token.cyrillic
                else token.low in self.home_looks_en
            )
            if look:
                return self._positions(text, tokens, n + 1) - 1
        return last


def _joined(text: str, tokens: list[_Token], j: int) -> bool:
    """Is ``tokens[j]`` joined to the word before it by spaces only?"""
    return j > 0 and bool(_SPACE.fullmatch(text[tokens[j - 1].end : tokens[j].start]))


def _around(text: str, start: int, end: int, taken: list[Span]) -> Iterator[Span]:
    """The parts of [start, end) that no span of another kind than a place already holds."""
    pieces: list[tuple[int, int]] = []
    position = start
    for span in sorted(taken, key=lambda s: s.start):
        if span.end <= position or span.start >= end or span.kind in ("address", "workplace"):
            continue
        pieces.append((position, span.start))
        position = max(position, span.end)
    pieces.append((position, end))
    for a, b in pieces:
        piece = text[a:b]
        a += len(piece) - len(piece.lstrip(" \t,"))
        b -= len(piece) - len(piece.rstrip(" \t,"))
        if b > a:
            yield Span(a, b, "address")
