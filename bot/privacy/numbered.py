"""Addresses known by their numbers alone: a street named without its street word, then the
house, building and flat numbers («Бутлерова 4-17», «живу Профсоюзная 14-2-88», «Чкалова 7/2,
кв. 30», «на Пушкина д. 8»), and an English house number and street name before the flat
("14 Elm, flat 2").

A house-and-flat number ("4-17", "14-2-88", "7/2") alone is no address: it is a dose range, a
blood pressure, a score or a number of days. It is an address only right after a word that can
name a street - a surname (in the genitive, as streets named after people are), an adjective
(«Садовая»), a place-name, a word no dictionary knows, or a common noun in the genitive singular
(«Мира», «Победы») - that is no clinical word, month or verb, and only when no count word follows
it («2-3 раза», "3-4 days", «7-8 из 10»). Such a number runs before the date rules, which would
otherwise read "14-2-88" as a birth date and leave the street's name. Mixed into ``Scrubber``;
its words come from ``content/privacy/places.yaml`` (``numbered_streets``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.dictionaries import russian_parses
from bot.privacy.patterns import _WORD, Span, _alternation, _norm, _Token, _tokens

# "4-17", "14-2-88", "7/2", "12/3-45": a house with its building or flat, two or three groups
_HOUSE_AND_FLAT = re.compile(r",?[ \t]+\d{1,4}[а-я]?(?:[-/]\d{1,4}[а-я]?){1,2}(?![\w/.-]|[.,]\d)")
# «д. 8», «дом 8»: the house word itself says it is an address
_HOUSE_WORD = re.compile(r"[ \t]*,?[ \t]*(?:д\.?|дом)[ \t]*\d{1,4}[а-я]?(?:/\d{1,4})?(?![\w])")
# «Лесная 3, кв 7», «Садовая 10 кв. 45»: a house number and a flat word with its number
_HOUSE_THEN_FLAT = re.compile(
    r"[ \t]+\d{1,4}[а-я]?(?:/\d{1,4})?[ \t]*,?[ \t]*(?:кв|квартира|квартиры)\.?[ \t]*"
    r"\d{1,4}(?![\w])",
    re.IGNORECASE,
)
# "14 Elm, flat 2": a house number and a capitalised street name, then a flat or unit
_EN_HOUSE_THEN_FLAT = re.compile(
    r"(?<![\w.,/])\d{1,4}[A-Za-z]?,?[ \t]+(?P<name>[A-Z][a-z'’]{2,}(?:[ \t]+[A-Z][a-z'’]{2,})?)"
    r"(?=[ \t]*,?[ \t]*(?:flat|apt|apartment|unit|suite)\.?[ \t]*#?[ \t]*\d)"
)
_SCORE = re.compile(r"(?<!\d)\d{1,3}/10{1,2}$")
# «3-я Парковая», «2-й Лесной»: the ordinal of a street that shares its name with others
_ORDINAL_BEFORE = re.compile(r"(?<![\w-])\d{1,2}-?(?:я|й|ая|ий|ой)[ \t]+$")
# parts of speech a street's name never has: «Родился 14-2-88», «Принимаю 2-3»
_STREET_POS = frozenset(("NOUN", "ADJF", None))


class NumberedStreets:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    def _compile_numbered(self, numbered: dict[str, Any]) -> None:
        # a number range before these is a count: «2-3 раза», "3-4 days", «7-8 из 10»
        self.range_counts = re.compile(
            rf"(?:{_alternation(numbered.get('counts', ())) or '(?!)'})(?![\w])", re.IGNORECASE
        )
        # a lower-case street is one only after these: «живу бутлерова 4-17»
        self.numbered_home_cues = frozenset(_norm(str(w)) for w in numbered.get("home_cues", ()))
        # a city before a number is a street named after it only after these («на Кирова 12-5»),
        # not after «в Москве 2-3 ...»
        self.city_street_prepositions = frozenset(
            _norm(str(w)) for w in numbered.get("city_street_prepositions", ())
        )

    def _numbered_streets(self, text: str, taken: list[Span]) -> Iterator[Span]:
        if not any(c.isdigit() for c in text):
            return
        tokens = _tokens(text)
        for i, token in enumerate(tokens):
            if not (token.cyrillic and token.alpha):
                continue
            number = self._house_number_after(text, token.end)
            if number is None or self._counted(text, number.end()):
                continue
            if _SCORE.search(number.group()):
                continue  # «Процедуры 5/10», "6/10": a score out of ten
            before = tokens[i - 1] if i else None
            strict = number.re is _HOUSE_AND_FLAT
            if not self._names_a_street(token, before, strict):
                continue
            start = token.start
            # «Маршала Жукова 5-12», «Героев Панфиловцев 4-17»: a street of two words
            if (
                before is not None
                and before.cap
                and before.cyrillic
                and text[before.end : token.start] == " "
                and self._names_a_street(before, None, strict=True)
                and not self._sentence_opening(text, before)
            ):
                start = before.start
            ordinal = _ORDINAL_BEFORE.search(text, max(0, start - 8), start)
            if ordinal:
                start = ordinal.start()
            yield Span(start, number.end(), "address")
        for m in _EN_HOUSE_THEN_FLAT.finditer(text):
            words = [_norm(w) for w in _WORD.findall(m.group("name"))]
            if any(
                w in self.not_place_words  # type: ignore[attr-defined]
                or w in self.not_names_en  # type: ignore[attr-defined]
                or self._is_clinical(w)  # type: ignore[attr-defined]
                for w in words
            ):
                continue
            yield Span(m.start(), m.end(), "address")

    @staticmethod
    def _house_number_after(text: str, end: int) -> re.Match[str] | None:
        for pattern in (_HOUSE_THEN_FLAT, _HOUSE_WORD, _HOUSE_AND_FLAT):
            m = pattern.match(text, end)
            if m:
                return m
        return None

    def _counted(self, text: str, end: int) -> bool:
        """«2-3 раза», "3-4 days", «7-8 из 10», "140/90 мм": the number ending at ``end`` is a
        count or a measure, not a house."""
        rest = text[end : end + 24].lstrip()
        if rest[:1] in self.unit_symbols or rest[:1] == "%":  # type: ignore[attr-defined]
            return True
        if self.range_counts.match(rest.replace("ё", "е")):
            return True
        word = _WORD.match(rest)
        return word is not None and _norm(word.group()) in self.units  # type: ignore[attr-defined]

    def _names_a_street(self, token: _Token, before: _Token | None, strict: bool) -> bool:
        """May this word be a street's name before its numbers? ``strict``: only a range of
        numbers follows, no «д.» or «кв.» that would say it is an address anyway."""
        low = token.low
        if len(low) < 3 or self._is_clinical(low) or low in self.not_place_words:  # type: ignore[attr-defined]
            return False
        if not token.cap and (before is None or before.low not in self.numbered_home_cues):
            return False
        if token.all_caps:  # «МРТ 12/03», «ЛФК 2-3»: streets are not abbreviations
            return False
        info = self._morph(low)  # type: ignore[attr-defined]
        if info.pos not in _STREET_POS:
            return False
        if strict and not info.known and low.endswith(self.drug_endings_ru):  # type: ignore[attr-defined]
            return False  # «Нурофен 200/400»: a brand of drug and its doses
        if self._is_city(token) and info.person <= info.place:  # type: ignore[attr-defined]
            # «на Тулы 5-7» hardly, but «на Пушкина д. 8»: a street named after the namesake
            return before is None or before.low in self.city_street_prepositions or not strict
        if not info.known or info.any_person or info.place >= 0.3 or info.pos == "ADJF":
            return True
        # «Мира 5-12», «Победы 3/1»: a common noun names a street in the genitive singular,
        # not «Уколы 5-7» nor «Таблетки 1-2»
        return info.pos == "NOUN" and self._genitive_singular(low)

    def _genitive_singular(self, low: str) -> bool:
        parses = russian_parses(low)[0]
        return bool(parses) and {"gent", "sing"} <= set(parses[0].tag.grammemes)

    @staticmethod
    def _sentence_opening(text: str, token: _Token) -> bool:
        head = text[: token.start].rstrip(' \t«"')
        return not head or head[-1] in ".!?\n"
