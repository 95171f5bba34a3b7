"""Houses and streets named without a number, and places named by a compound, in any case:

- a house's name, one to three words and a house's kind ("willow cottage", "rose barn", "the
  old granary"), and a street's, words and a street word ("mill road", "ashby lane"), as a part
  of an address between commas: beside another such part or an address already found ("rose
  barn, ashby lane, le65 2td"), or a house's name opening the message ("willow cottage, ...");
- a house's name after a cue that says where one is ("we're at orchard house", "we live at
  rowan farm now"), and whatever follows "called" after a home's noun ("our house is called the
  old mill");
- what ends a place found by any rule or model: a station's word ("[Bounds Green] tube") and a
  house number («[Садовая] 3»);
- a market or a mall named in lower case («на рынке садовод»); a street named by its adjective
  alone before a house number, opening a clause («..., Садовая 3»);
- Russian compounds that name a business district or a complex: a hyphenated word whose last
  part is one of ``compound_tails_ru`` («москва-сити», «Лахта-центре»), unless its first part
  says only which kind («бизнес-центр», «колл-центр»).

Mixed into ``Scrubber``; the words come from ``content/privacy/lower_case.yaml`` (``houses``,
``compounds_ru``) and the street words from its ``streets``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from bot.privacy.patterns import Span, _by_first_word, _norm, _phrase_at, _tokens
from bot.privacy.patterns import _Token as Token

# what ends a part of an address: a comma, a semicolon, a sentence's end, a dash, a line break
_PART_END = re.compile(r"[,;.!?\n()]|[ \t][-–—][ \t]")
_MAX_NAME_WORDS = 3
# a house number right after a street's name: «Садовая 3», «Северной 14к2»
_HOUSE_AFTER = re.compile(r"[ \t]{1,2}\d{1,4}(?:[а-яa-z]|[/-]\d{1,4}|к\d)?(?![\w.,/:]\d|\w)")


class NamedPlaces:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    if TYPE_CHECKING:  # from LowerCasePlaces (lower_case.py) and PlaceDetector (places.py)
        lc_data: dict[str, Any]
        street_types_lc: frozenset[str]
        district_generic: frozenset[str]
        units: frozenset[str]

        def _is_clinical(self, low: str) -> bool: ...
        def _morph(self, word: str) -> Any: ...
        def _is_city(self, token: Token) -> bool: ...
        def _counted(self, text: str, end: int) -> bool: ...
        def _parses(self, word: str) -> list[Any]: ...
        def _known_ru(self, word: str) -> bool: ...

    def _compile_named_places(self) -> None:
        houses = self.lc_data.get("houses") or {}
        compounds = self.lc_data.get("compounds_ru") or {}

        def words(data: dict[str, Any], key: str) -> frozenset[str]:
            return frozenset(_norm(str(w)) for w in data.get(key, ()))

        self.house_kinds = words(houses, "kinds")
        self.house_work_kinds = words(houses, "work_kinds")
        self.certain_street_words = words(houses, "certain_street_words")
        self.house_name_cues = _by_first_word(houses.get("name_cues", ()))
        self.house_home_nouns = words(houses, "home_nouns")
        self.house_at_cues = _by_first_word(houses.get("cues", ()))
        self.house_weak_cues = {tuple(_norm(str(c)).split()) for c in houses.get("weak_cues", ())}
        self.house_not_name_words = words(houses, "not_name_words")
        self.compound_tails_ru = words(compounds, "tails")
        self.compound_kinds_ru = words(compounds, "kinds")
        self.market_kinds_ru = words(compounds, "market_kinds")
        self.not_streets_ru = words(compounds, "not_streets")
        self.station_words = _by_first_word(houses.get("station_words", ()))

    # ----------------------------------------------------------------- detector

    def _named_places(self, text: str, taken: list[Span]) -> Iterator[Span]:
        tokens = _tokens(text)
        if not tokens:
            return
        # each rule needs a word of its own: most messages have none and cost one look-up a word
        words = {t.low for t in tokens}
        houses = not words.isdisjoint(self.house_kinds)
        if houses or not words.isdisjoint(self.street_types_lc):
            # a house after a cue is a part of the address the others may stand beside
            cued = list(self._houses_after_cues(text, tokens)) if houses else []
            yield from cued
            yield from self._address_parts(text, tokens, [*taken, *cued])
        if not words.isdisjoint(self.house_name_cues) and any(
            w.removesuffix("'s") in self.house_home_nouns for w in words
        ):
            yield from self._houses_called(text, tokens)
        if "-" in text:
            yield from self._compounds_ru(tokens)
        if not words.isdisjoint(self.market_kinds_ru):
            yield from self._market_names_ru(text, tokens)
        if any(c.isdigit() for c in text):
            yield from self._adjective_streets_ru(text, tokens)

    def _adjective_streets_ru(self, text: str, tokens: list[Token]) -> Iterator[Span]:
        """«..., Садовая 3, ...», «Заводская 12к2.»: a capitalised feminine adjective opening a
        clause, a house number after it, is a street (улица left out)."""
        for token in tokens:
            if not (token.cyrillic and token.cap and token.alpha) or self._is_clinical(token.low):
                continue
            if not re.search(
                r"(?:^|[.!?,;:\n])[ \t]*$", text[max(0, token.start - 4) : token.start]
            ):
                continue
            number = _HOUSE_AFTER.match(text, token.end)
            if not number or self._counted(text, number.end()):
                continue
            parses = self._parses(token.low)
            tag = parses[0].tag if parses else None
            if (
                tag is None
                or tag.POS != "ADJF"
                or tag.gender != "femn"
                or "Anum" in tag
                or "Apro" in tag
            ):
                continue
            lemma = str(parses[0].normal_form).replace("ё", "е")
            if lemma not in self.not_streets_ru and not self._is_city(token):
                yield Span(token.start, number.end(), "address")

    def _address_ends(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """What ends a place found, by any rule or model, and is part of it: a station's word
        ("[Bounds Green] tube") and a house number («[Садовая] 3»); run last, so the union
        of the two is masked whole."""
        tokens = _tokens(text)
        starts = {t.start: k for k, t in enumerate(tokens)}
        for span in taken:
            if span.kind != "address":
                continue
            number = _HOUSE_AFTER.match(text, span.end)
            if number and not self._counted(text, number.end()):
                yield Span(span.start, number.end(), "address")
                continue
            gap = re.match(r"[ \t]{1,2}", text[span.end :])
            k = starts.get(span.end + gap.end()) if gap else None
            if k is None:
                continue
            for phrase in self.station_words.get(tokens[k].low, ()):
                if _phrase_at(tokens, k, phrase, text):
                    yield Span(span.start, tokens[k + len(phrase) - 1].end, "address")
                    break

    def _market_names_ru(self, text: str, tokens: list[Token]) -> Iterator[Span]:
        """«на рынке садовод», «рынок садовод, павильон 12», «в тц мега»: one or two words
        after a market's or a mall's kind, nominative where the kind is not, or closing the
        clause."""
        for i, kind in enumerate(tokens[:-1]):
            if not kind.cyrillic or kind.low not in self.market_kinds_ru:
                continue
            kind_nominative = any(p.tag.case == "nomn" for p in self._parses(kind.low))
            name: list[Token] = []
            for word in tokens[i + 1 : i + 3]:
                gap = text[(name[-1] if name else kind).end : word.start]
                if not re.fullmatch(r"[ \t]{1,2}", gap) or not word.cyrillic or not word.alpha:
                    break
                if self._is_clinical(word.low) or not self._nominative_name(word.low):
                    break
                name.append(word)
            if not name:
                continue
            closes = bool(re.match(r"[ \t]*(?:[,;.!?()]|$)", text[name[-1].end :]))
            if (not kind_nominative or closes) and not any(self._is_city(w) for w in name):
                yield Span(name[0].start, name[-1].end, "address")

    def _nominative_name(self, low: str) -> bool:
        """A noun the dictionary does not know, or one whose likeliest reading is a singular
        nominative («садовод», «мега»; not «продавцом», «овощи»)."""
        parses = self._parses(low)
        if not parses or not self._known_ru(low):
            return True
        tag = parses[0].tag
        return tag.POS == "NOUN" and tag.case == "nomn" and tag.number == "sing"

    def _address_parts(self, text: str, tokens: list[Token], taken: list[Span]) -> Iterator[Span]:
        """The parts of an address between commas that are a house's or a street's name."""
        bounds = [0, *(m.end() for m in _PART_END.finditer(text)), len(text) + 1]
        addresses = sorted((s.start, s.end) for s in taken if s.kind == "address")
        token_starts = [t.start for t in tokens]
        # per part: its name (or None), whether it is a house's, whether it is sure (no
        # clinical word opens it), whether an address was found in it
        parts: list[tuple[Span | None, bool, bool, bool]] = []
        for start, end in itertools.pairwise(bounds):
            # one look-up per part, so that a long message costs its length, not its square
            first = bisect.bisect_left(token_starts, start)
            last = bisect.bisect_left(token_starts, end)
            words = [t for t in tokens[first:last] if t.end <= end]
            named = self._whole_name(words) or self._street_opening(words)
            house = (
                named is not None
                and words[-1].low in self.house_kinds
                and words[-1].low not in self.house_work_kinds
            )
            sure = named is not None and self._sure_name(text, named)
            k = bisect.bisect_left(addresses, (start, -1))
            found = k < len(addresses) and addresses[k][1] <= end
            parts.append((named, house, sure, found))
        for k, (named, house, sure, _) in enumerate(parts):
            if named is None:
                continue
            neighbours = [parts[o] for o in (k - 1, k + 1) if 0 <= o < len(parts)]
            # "steep hill, 3 oak close" opens with a clinical word: only beside an address
            # found and before a street word that is nothing else ("green lane"; not "side
            # gate", "the long walk")
            beside = any(n[3] or (sure and n[2]) for n in neighbours) and (
                sure
                or text[named.start : named.end].split()[-1].lower() in self.certain_street_words
            )
            # "willow cottage, ..." or "rose barn" alone: a house's name opening the message
            opening = k == 0 and house and sure and self._names_it(named, text)
            if beside or opening:
                yield named

    def _sure_name(self, text: str, span: Span) -> bool:
        words = _tokens(text[span.start : span.end])
        return not self._is_clinical(words[0].low) or all(w.cap for w in words)

    def _street_opening(self, words: list[Token]) -> Span | None:
        """A part that opens with a street's name and goes on: "bank lane is the address"."""
        for n in range(1, _MAX_NAME_WORDS + 1):
            if len(words) <= n + 1 or words[n].low not in self.certain_street_words:
                continue
            if all(self._house_name_word(w) for w in words[:n]):
                return Span(words[0].start, words[n].end, "address")
            break
        return None

    def _whole_name(self, words: list[Token]) -> Span | None:
        """A part that is only a name: perhaps "the", one to three words, a house's kind or a
        street word; or "The Granary", a house's kind alone after a capitalised "The"."""
        if (
            len(words) == 2
            and words[0].text == "The"
            and words[1].cap
            and words[1].low in self.house_kinds
        ):
            return Span(words[0].start, words[1].end, "address")
        if words and words[0].low == "the":
            words = words[1:]
        if not 2 <= len(words) <= _MAX_NAME_WORDS + 1:
            return None
        kind = words[-1]
        if kind.low not in self.house_kinds and kind.low not in self.street_types_lc:
            return None
        if not all(self._house_name_word(w) for w in words[:-1]):
            return None
        return Span(words[0].start, kind.end, "address")

    def _house_name_word(self, token: Token) -> bool:
        return (
            token.alpha
            and not token.cyrillic
            and len(token.low) >= 2
            and token.low not in self.house_not_name_words
            and token.low not in self.units
        )

    def _names_it(self, span: Span, text: str) -> bool:
        """Does a house's name say which house, not only what kind ("the old barn")?"""
        words = _tokens(text[span.start : span.end])
        return any(w.low not in self.district_generic for w in words[:-1])

    def _houses_after_cues(self, text: str, tokens: list[Token]) -> Iterator[Span]:
        for i, token in enumerate(tokens):
            # "we live at rowan farm now", "we're at orchard house"
            for phrase in self.house_at_cues.get(token.low, ()):
                if not _phrase_at(tokens, i, phrase, text):
                    continue
                j = i + len(phrase)
                if j < len(tokens) and tokens[j].low == "the":
                    j += 1
                for n in range(1, _MAX_NAME_WORDS + 1):
                    words = tokens[j : j + n + 1]
                    if len(words) < n + 1 or words[-1].low not in self.house_kinds:
                        continue
                    if not all(self._house_name_word(w) for w in words[:-1]):
                        break
                    gaps = [text[a.end : b.start] for a, b in itertools.pairwise(words)]
                    if not all(re.fullmatch(r"[ \t]{1,2}", g) for g in gaps):
                        break
                    span = Span(words[0].start, words[-1].end, "address")
                    # after a bare "at" the name must say which ("at the old barn" is none)
                    which = phrase not in self.house_weak_cues or self._names_it(span, text)
                    if not self._is_clinical(words[0].low) and which:
                        yield span
                    break

    def _houses_called(self, text: str, tokens: list[Token]) -> Iterator[Span]:
        """ "our house is called the old mill", "the farm's known as Little Acre"."""
        for i, token in enumerate(tokens):
            for phrase in self.house_name_cues.get(token.low, ()):
                if not _phrase_at(tokens, i, phrase, text):
                    continue
                if not any(
                    t.low.removesuffix("'s") in self.house_home_nouns
                    for t in tokens[max(0, i - 3) : i]
                ):
                    continue
                yield from self._called(text, tokens, i + len(phrase))

    def _called(self, text: str, tokens: list[Token], j: int) -> Iterator[Span]:
        """The name after "called": up to four words, to the end of the clause."""
        if j < len(tokens) and tokens[j].low == "the":
            j += 1
        name: list[Token] = []
        while j < len(tokens) and len(name) <= _MAX_NAME_WORDS:
            word = tokens[j]
            if name and not re.fullmatch(r"[ \t]{1,2}", text[name[-1].end : word.start]):
                break
            if word.cyrillic or not word.alpha or word.low in self.house_not_name_words:
                break
            name.append(word)
            j += 1
        if name:
            yield Span(name[0].start, name[-1].end, "address")

    def _compounds_ru(self, tokens: list[Token]) -> Iterator[Span]:
        """«москва-сити», «в Лахта-центре»: a compound naming a district or a complex."""
        for token in tokens:
            if not token.cyrillic or "-" not in token.low:
                continue
            first, _, last = token.low.rpartition("-")
            if last not in self.compound_tails_ru or not first:
                continue
            head = first.split("-")[0]
            if head in self.compound_kinds_ru or self._is_clinical(head):
                continue
            info = self._morph(head)
            if token.cap or not info.known or info.place >= 0.3:
                yield Span(token.start, token.end, "address")
