"""The scrubber's detectors of places and workplaces: addresses without a street word
(«на Пионерской 15», "at 27 Harcourt"), stations, districts, housing estates and dacha plots,
where a person lives ("I live in Hackney", «живу в Марьино»), the firm or the numbered school
where they work, and car registration plates.

Cities, regions and countries are kept: they are not personal data, and many are also
surnames. The job itself and its physical load are kept ("a cashier", «грузчик»). All cue
words, lists and plate patterns come from ``content/privacy/places.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.privacy.patterns import (
    _WORD,
    ScrubberConfigError,
    Span,
    _by_first_word,
    _free_tokens,
    _inside,
    _norm,
    _phrase_at,
    _sentence_start,
    _Token,
    _tokens,
)
from bot.yamlfile import YamlError, load_yaml

PLACES_FILE = "places.yaml"
LEXICON_FOLDER = "lexicon"
_QUOTED = re.compile(r"[«\"“„']([^»\"”“'\n]{2,40})[»\"”“']")
_HOUSE_NUMBER = re.compile(r"\s*,?\s*(?:д\.?\s*|дом\s+)?\d{1,4}[а-яa-z]?(?:/\d+)?(?:-\d+)?(?![\w])")
_NUMBER_BEFORE = re.compile(
    r"(?:№\s*|N\s*|#\s*)?\d{1,4}(?:-?(?:й|я|ю|ая|ой|ую|ом|ом|е|го|th|st|nd|rd))?\s*$"
)
_NUMBER_AFTER = re.compile(
    r"\s*(?:№|N|#|номер|no\.?|number)?\s*\d{1,4}(?:-?[а-я]{1,2})?(?![\w])", re.IGNORECASE
)
_LATIN_NAME_WORD = re.compile(r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?")
_EN_STREETLESS = re.compile(
    r"(?<![\w.,])\d{1,4}[A-Za-z]?,?\s+([A-Z][a-z'’]{2,}(?:\s+[A-Z][a-z'’]{2,})?)"
)
# one or two capitalised words and a comma, at the start of the text or of a clause
_DISTRICT_BEFORE = re.compile(
    r"(?:^|(?<=[.!?,;:]\s))([A-ZА-ЯЁ][a-zа-яё'’-]+(?:\s[A-ZА-ЯЁ][a-zа-яё'’-]+)?),\s$"
)
_CYRILLIC_WORD = re.compile(r"[а-яё]")
# one or two capitalised Latin words after an address and a comma, ending the clause
_DISTRICT_AFTER = re.compile(
    r",[ \t]+([A-Z][a-z'’-]+(?:[ \t][A-Z][a-z'’-]+)?)(?=[ \t]*(?:[.,;!?\n]|$))"
)
_QUOTED_BEFORE = re.compile(r"[«\"“„']$")
_ONE_OF = re.compile(r"\s+(?:of|из)\b", re.IGNORECASE)
# parts of speech a quoted name does not have: «Готово», «да», «Начать заново» are answers
_NOT_IN_NAMES = frozenset(
    ("VERB", "INFN", "ADVB", "GRND", "PRTS", "PRED", "INTJ", "ADJS", "PRCL", "CONJ", "PREP", "COMP")
)
_NAME_AND_NUMBER = re.compile(r"[^\W\d_]{2,}-\d{1,4}[а-яa-z]?")
_CAMEL = re.compile(r"[a-zа-яё][A-ZА-ЯЁ]")
_QUOTED_NAME = re.compile(r"[«\"“„]([A-ZА-ЯЁ][^»\"”“\n]{1,40})[»\"”“]")
# a house number and a short name ending a clause: "12 Beech, the blue door", "4 Orchard - round
# the back", "9 Larch (side gate)"
_CLAUSE_AFTER = re.compile(r"[ \t]*(?:[,;(]|[-–—][ \t]|$)")
_CLAUSE_BEFORE = re.compile(r"(?:^|[.!?,;:(\n])[ \t]*$")
# "took 12 Nurofen, 3 Codeine", "10 Squats, 20 Lunges": a list of counts, not a house
_COUNT_BEFORE = re.compile(r"\d+[ \t]+[A-Za-z'’]+[ \t]*,[ \t]*$")
_RU_STREET_WITH_UNITS = re.compile(
    r"(?<![\w])([А-ЯЁ][а-яё]+(?:ая|ой|ий|ый|ое|ская|ского|ской))\s+\d{1,4}[а-я]?(?:/\d+)?"
    r"(?=\s*,?\s*(?:к|корп|корпус|кв|стр|под|эт)\.?\s*\d)"
)


def clinical_words(content_dir: Path) -> tuple[frozenset[str], frozenset[str]]:
    """Every word of the matcher's lexicon (content/lexicon/*.yaml): whole words, and the stems
    of ``word*`` patterns. A place or a name a model finds is kept if it is one of these."""
    words: set[str] = set()
    stems: set[str] = set()

    def walk(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    for file in sorted((content_dir / LEXICON_FOLDER).glob("*.yaml")):
        try:
            data = load_yaml(file).data
        except YamlError:
            continue  # the matcher's validator reports a broken lexicon; the scrubber goes on
        if not isinstance(data, dict) or data.get("kind") != "phrases":
            continue
        for section in ("groups", "concepts"):
            for phrase in walk(data.get(section)):
                for part in re.split(r"[\s|]+", phrase):
                    if not part or part[0] in "@~{" or any(c.isdigit() for c in part):
                        continue
                    word = _norm(part.lstrip("="))
                    if word.endswith("*"):
                        if len(word) > 3:
                            stems.add(word.rstrip("*"))
                    elif len(word) > 2:
                        words.add(word)
    return frozenset(words), frozenset(stem for stem in stems if len(stem) >= 4)


class PlaceDetector:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    config: dict[str, Any]
    placeholders: dict[str, str]

    def _compile_places(self, folder: Path) -> None:
        try:
            places_file = load_yaml(folder / PLACES_FILE)
        except YamlError as error:
            raise ScrubberConfigError(str(error)) from None
        data = places_file.data
        for section in ("places", "workplaces", "plates"):
            if not isinstance(data, dict) or not isinstance(data.get(section), dict):
                raise ScrubberConfigError(
                    str(places_file.problem(f"missing section {section!r}", section))
                )
        places, work, plates = data["places"], data["workplaces"], data["plates"]
        self._compile_located(data.get("located") or {})  # type: ignore[attr-defined]
        self._compile_numbered(data.get("numbered_streets") or {})  # type: ignore[attr-defined]
        self._compile_landmarks(data.get("landmarks") or {})  # type: ignore[attr-defined]
        self._compile_homes(data.get("homes") or {})  # type: ignore[attr-defined]
        self._compile_vehicles(data.get("vehicles") or {})  # type: ignore[attr-defined]
        self.place_before = _by_first_word(places.get("before", ()))
        self.place_after = _by_first_word(places.get("after", ()))
        self.place_home = _by_first_word(places.get("home", ()))
        self.place_near = _by_first_word(places.get("near", ()))
        self.place_prepositions_ru = frozenset(
            _norm(str(w)) for w in places.get("prepositions_ru", ())
        )
        self.place_plots = frozenset(_norm(str(w)) for w in places.get("plots", ()))
        # the words before a house number of an English address without its street word ...
        self.house_at_en = frozenset(_norm(str(w)) for w in places.get("house_at_en", ()))
        # ... and those that make it one only when the clause ends after the name
        self.house_leads_en = frozenset(_norm(str(w)) for w in places.get("house_leads_en", ()))
        self.cities_kept = frozenset(_norm(str(w)) for w in places.get("cities_kept", ()))
        types_en = "|".join(re.escape(str(w)) for w in places.get("street_types_en", ()))
        types_ru = "|".join(re.escape(str(w)) for w in places.get("street_types_ru", ()))
        self.street_alone_en = re.compile(
            rf"(?<![\w'’])(?P<name>(?:[A-Z][a-z'’-]+\s){{1,2}})(?:{types_en or '(?!)'})(?![\w])"
        )
        self.street_alone_ru = re.compile(
            r"(?<![\w])(?P<name>[А-ЯЁ][а-яё-]+(?:\s[А-ЯЁ][а-яё-]+)?)\s"
            rf"(?i:{types_ru or '(?!)'})(?![\w])"
        )
        units = "|".join(
            re.escape(str(w)) for w in sorted(places.get("tail_units", ()), key=len, reverse=True)
        )
        alone = "|".join(
            re.escape(str(w)) for w in sorted(places.get("unit_numbers", ()), key=len, reverse=True)
        )
        # a flat, floor, entrance, section or plot with its number is an address on its own,
        # whatever names it: «7 секция, 12 этаж», «участок 58», "plot 42B", "4th floor"
        ordinals = "|".join(
            re.escape(str(w)) for w in sorted(places.get("ordinals", ()), key=len, reverse=True)
        )
        ordinal_units = "|".join(re.escape(str(w)) for w in places.get("ordinal_units", ()))
        # ... or with its number in words: «второй подъезд», "second entrance"
        letter_units = "|".join(re.escape(str(w)) for w in places.get("letter_units_en", ()))
        self.unit_number = re.compile(
            rf"(?<![\w])(?:(?i:{alone or '(?!)'})\.?\s*№?\s*\d{{1,4}}(?i:[а-яa-z])?(?![\w])"
            r"|\d{1,4}(?:-?(?:й|я|е|ий|ой|ом|ем|ая|st|nd|rd|th))?"
            rf"\s*(?i:{alone or '(?!)'})(?![\w])"
            rf"|(?i:{ordinals or '(?!)'})\s+(?i:{ordinal_units or '(?!)'})(?![\w])"
            # "flat B", "apartment C": one capital letter for the number (not "flat I think")
            rf"|(?i:{letter_units or '(?!)'})[ \t]*#?[ \t]*[A-HJ-Z](?![\w'’]))"
        )
        buildings = "|".join(re.escape(str(w)) for w in places.get("buildings_en", ()))
        self.address_tail = re.compile(
            rf"(?:\s*,?\s*(?:(?i:{units or '(?!)'})\.?\s*№?\s*\d{{1,4}}[а-яa-z]?(?![\w])"
            rf"|\d{{1,4}}[а-яa-z]?\s*(?i:{units or '(?!)'})(?![\w])"
            rf"|(?:[A-Z][a-z'’-]+\s){{1,2}}(?:{buildings or '(?!)'})(?![\w])"
            rf"|\d{{1,4}}[а-яa-z]?(?=\s*(?:[.,;!?]|\s[-–—]\s|$))))+"
        )
        self._compile_workplaces(work)  # type: ignore[attr-defined]
        self._compile_work_slots(work)  # type: ignore[attr-defined]
        try:
            self.plate_patterns = [re.compile(str(p)) for p in plates.get("patterns", ())]
            self.plate_after_cue = [
                re.compile(str(p)) for p in plates.get("patterns_after_cue", ())
            ]
        except re.error as error:
            raise ScrubberConfigError(
                str(places_file.problem(f"bad plate pattern: {error}", "plates"))
            ) from None
        self.plate_cues = _by_first_word(plates.get("cues", ()))
        self._compile_spaced_plates(plates)  # type: ignore[attr-defined]
        months = self.config.get("dates", {})
        self.not_place_words = frozenset(
            _norm(str(w)) for w in (*months.get("months_en", ()), *months.get("months_ru", ()))
        )
        self.clinical, self.clinical_stems = clinical_words(folder.parent)

    # ----------------------------------------------------------------- helpers

    def _is_clinical(self, low: str) -> bool:
        """A word of the lexicon, or a form of a ``stem*`` of it: a stem of four letters or more
        and an ending of three at most, so that «балк*» does not cover «Балканская»."""
        low = low.removesuffix("'s")
        if low in self.clinical:
            return True
        for size in (4, 5, 6, 7, 8, 9, 10):
            if len(low) - size > 3 or len(low) < size:
                continue
            if low[:size] in self.clinical_stems:
                return True
        return False

    def _is_city(self, token: _Token) -> bool:
        if token.low in self.cities_kept:
            return True
        if not token.cyrillic:
            return False
        info = self._morph(token.low)  # type: ignore[attr-defined]
        return info.lemma in self.cities_kept or not info.place_lemmas.isdisjoint(self.cities_kept)

    def _place_word(self, token: _Token, strong: bool) -> bool:
        """May this word be (part of) a place's name after a place cue?"""
        if not token.alpha or self._is_clinical(token.low) or token.low in self.not_place_words:
            return False
        if not token.cyrillic and token.low in self.not_names_en:  # type: ignore[attr-defined]
            return False  # "near Christmas", "by Friday"
        if token.cap:
            return not (token.all_caps and len(token.low) <= 2)
        if token.cyrillic:
            info = self._morph(token.low)  # type: ignore[attr-defined]
            if not info.known or info.place >= 0.3 or info.any_person:  # unknown: a name
                return True
            # "метро профсоюзная": after a strong cue an adjective in lower case is the name
            return strong and info.pos == "ADJF" and len(token.low) > 4
        return self._unknown_word(token.low)  # type: ignore[attr-defined]

    def _station_like(self, token: _Token) -> bool:
        """«Автово», «Тёплый (Стан)», «Купчино»: a word no dictionary knows, a place, or an
        adjective opening a name; not a common noun («Врача») nor a Latin word."""
        if not (token.cyrillic and token.cap):
            return False
        info = self._morph(token.low)  # type: ignore[attr-defined]
        return not info.known or info.place >= 0.3 or info.pos in ("ADJF", "ADJS")

    def _station_word(self, token: _Token) -> bool:
        if not (token.cyrillic and token.alpha) or token.low in self.clinical:
            return False
        info = self._morph(token.low)  # type: ignore[attr-defined]
        return not info.known or info.place >= 0.3

    def _names_a_person(self, token: _Token) -> bool:
        info = self._morph(token.low)  # type: ignore[attr-defined]
        return token.low in self.first_names or (info.any_person and info.place < 0.5)  # type: ignore[attr-defined]

    def _named_word(self, token: _Token) -> bool:
        """A capitalised Latin word that, inside a place's name, is part of it even if it is
        also a clinical word ("Side", "Horse", "Cross"): not a function word, a month or an
        eponym."""
        return (
            token.cap
            and not token.cyrillic
            and token.alpha
            and token.low not in self.not_names_en  # type: ignore[attr-defined]
            and token.low not in self.not_place_words
            and token.low.removesuffix("'s") not in self.eponyms_latin  # type: ignore[attr-defined]
        )

    def _adjective_then_noun(self, first: _Token, token: _Token) -> bool:
        """«Солнечный берег», «Красная горка»: a Russian name of two words, the second in lower
        case."""
        if not (first.cyrillic and token.cyrillic and token.alpha) or token.cap:
            return False
        if self._is_clinical(token.low):
            return False
        return (
            self._morph(first.low).pos == "ADJF"  # type: ignore[attr-defined]
            and self._morph(token.low).pos == "NOUN"  # type: ignore[attr-defined]
            # «ТЦ Европейский сутки через трое»: a noun that does not agree is the next phrase
            and self._agree(first.low, token.low)  # type: ignore[attr-defined]
        )

    # ----------------------------------------------------------------- detectors

    def _plates(self, text: str, taken: list[Span]) -> Iterator[Span]:
        if not any(c.isdigit() for c in text):
            return
        for pattern in self.plate_patterns:
            for m in pattern.finditer(text):
                yield Span(m.start(), m.end(), "plate")
        tokens = _tokens(text)
        for i in range(len(tokens)):
            for phrase in self.plate_cues.get(tokens[i].low, ()):
                if tokens[i].low == phrase[0] and _phrase_at(tokens, i, phrase, text):
                    end = tokens[i + len(phrase) - 1].end
                    rest = text[end : end + 40]
                    lead = re.match(
                        r"[\s:#№-]*(?:(?:is|was|это|номер|no|reg)\s+)?", rest, re.IGNORECASE
                    )
                    start = end + (lead.end() if lead else 0)
                    for pattern in self.plate_after_cue:
                        plate = pattern.match(text, start)
                        if plate:
                            yield Span(plate.start(), plate.end(), "plate")
                            break

    def _places(self, text: str, taken: list[Span]) -> Iterator[Span]:
        tokens = _free_tokens(text, taken)
        yield from self._streetless(text, tokens)
        yield from self._streets_without_number(text)
        for i, token in enumerate(tokens):
            # "метро Профсоюзная", "в районе Бирюлёво", "ЖК «Солнечный берег»": with the cue,
            # which says what kind of place it is and so narrows it down
            for phrase in self.place_before.get(token.low, ()):
                if token.low == phrase[0] and _phrase_at(tokens, i, phrase, text):
                    name = list(self._words_after(text, tokens, i + len(phrase), strong=True))
                    if name:
                        end = name[-1].end
                        if text[end : end + 1] in "»\"”'":  # the closing quote too
                            end += 1
                        yield Span(token.start, end, "address")
            for phrase in self.place_near.get(token.low, ()):
                if token.low == phrase[0] and _phrase_at(tokens, i, phrase, text):
                    name = list(self._words_after(text, tokens, i + len(phrase), strong=False))
                    if name:
                        end = name[-1].end
                        if text[end : end + 1] in "»\"”'":  # the closing quote too
                            end += 1
                        # «у Автово»: a one-letter preposition is no part of the place
                        start = (
                            name[0].start
                            if len(phrase) == 1 and len(token.text) == 1
                            else token.start
                        )
                        yield Span(start, end, "address")
            for phrase in self.place_home.get(token.low, ()):
                if token.low == phrase[0] and _phrase_at(tokens, i, phrase, text):
                    yield from self._words_after(text, tokens, i + len(phrase), strong=False)
            # "Clapham Junction station", "у Курского вокзала", "the Barton estate"
            for phrase in self.place_after.get(token.low, ()):
                if token.low == phrase[0] and _phrase_at(tokens, i, phrase, text):
                    name = list(self._words_before(text, tokens, i))
                    if name:
                        end = tokens[i + len(phrase) - 1].end
                        yield Span(name[-1].start, end, "address")
            # "участок 112"
            if token.low in self.place_plots:
                m = _NUMBER_AFTER.match(text, token.end)
                if m and any(c.isdigit() for c in m.group()):
                    yield Span(token.start, m.end(), "address")
            # a place-name the dictionary knows that is no city: "Бирюлёво", "Малаховке"
            if token.cyrillic and token.cap and token.alpha and not self._is_city(token):
                info = self._morph(token.low)  # type: ignore[attr-defined]
                # a word the dictionary does not know is guessed as a place: not evidence
                if (
                    info.known
                    and info.place >= 0.5
                    and not self._is_clinical(token.low)
                    # «гимнастика Маккензи»: a method named after a person, not a place
                    and not self._is_eponym(tokens, i, text)  # type: ignore[attr-defined]
                ):
                    yield Span(token.start, token.end, "address")

    def _words_after(self, text: str, tokens: list[_Token], j: int, strong: bool) -> Iterator[Span]:
        if j < len(tokens) and tokens[j].low == "the" and j + 1 < len(tokens):
            j += 1  # "we're in the Gorbals", "opposite the Co-op"
        if j >= len(tokens):
            return
        quoted = _QUOTED.match(text, tokens[j].start - 1) if tokens[j].start else None
        if quoted and quoted.start() >= tokens[j - 1].end:
            words = [_norm(w) for w in _WORD.findall(quoted.group(1))]
            if words and self._quoted_is_a_name(words):  # type: ignore[attr-defined]
                yield Span(quoted.start(1), quoted.end(1), "address")
            return
        taken_words = 0
        while j < len(tokens) and taken_words < 3:
            token = tokens[j]
            gap = text[tokens[j - 1].end : token.start]
            if taken_words and not re.fullmatch(r"[ \t-]{1,2}", gap):
                break
            # "м. Тёплый Стан": after a cue shortened to a letter or two, its dot
            shortened = len(tokens[j - 1].text) <= 3 and re.fullmatch(r"\.[ \t]{1,2}", gap)
            if not taken_words and not (re.fullmatch(r"[\s:,«\"“-]{1,4}", gap) or shortened):
                break
            if not strong and token.cyrillic and token.cap and self._names_a_person(token):
                break  # «у Ивана», «около Маши»: a person, whom the name rules mask
            after_letter = not taken_words and len(tokens[j - 1].text) == 1
            if after_letter and not self._station_like(token):
                break  # «у Врача», "5 м. Потом": after «у» or «м.» only a place-like word
            # «у Автово»: a capitalised word no dictionary knows, though a clinical stem
            # («авто-») begins it, is the station's name
            station = after_letter and token.low not in self.clinical
            # «метро автово», «станция купчино»: right after a station's cue a word the
            # dictionary does not know or knows as a place is the station, whatever stem
            # begins it
            station = station or (strong and not taken_words and self._station_word(token))
            if self._is_eponym(tokens, j, text):  # type: ignore[attr-defined]
                break  # "near the Baker's cyst", "pain near the Achilles tendon": clinical
            if token.cap and _NAME_AND_NUMBER.fullmatch(text, token.start, token.end):
                # «СНТ Дружба-3», "Unit Five-2": a name with its number ends the place's name
                yield Span(token.start, token.end, "address")
                break
            if (
                not station
                and not self._place_word(token, strong and not taken_words)
                # «метро профсоюзная площадь», «у Чистых прудов», «за Красной горкой»
                and not (
                    taken_words == 1
                    and (strong or tokens[j - 1].cap)
                    and self._adjective_then_noun(tokens[j - 1], token)
                )
                # "live in Moss Side": the name goes on through a capitalised clinical word
                and not (taken_words and self._named_word(token))
            ):
                break
            if not strong and not token.cap and not (taken_words == 1 and tokens[j - 1].cap):
                break
            if not strong and self._is_city(token):
                break
            yield Span(token.start, token.end, "address")
            taken_words += 1
            j += 1

    def _words_before(self, text: str, tokens: list[_Token], i: int) -> Iterator[Span]:
        """The capitalised name before a place word, nearest first."""
        j = i - 1
        count = 0
        while j >= 0 and count < 3:
            token = tokens[j]
            if not re.fullmatch(r"[ \t-]{1,2}", text[token.end : tokens[j + 1].start]):
                break
            # before a landmark's kind a capitalised Latin word is its name even if it is also
            # a clinical word: "the Black Horse pub", "Stone Cross church"
            named = self._named_word(token)
            # "meet me at clapham junction": in lower case a word no dictionary knows, right
            # before the place word, is its name
            if (
                count == 0
                and not token.cap
                and not token.cyrillic
                and token.alpha
                and not self._is_clinical(token.low)
                and self._unknown_word(token.low)  # type: ignore[attr-defined]
            ):
                yield Span(token.start, token.end, "address")
                break
            if (
                not token.cap
                or not (named or self._place_word(token, False))
                or self._is_city(token)
            ):
                break
            if _sentence_start(text, token.start) and count == 0 and not token.cyrillic:
                break
            yield Span(token.start, token.end, "address")
            count += 1
            j -= 1

    def _streets_without_number(self, text: str) -> Iterator[Span]:
        """ "Hagley Road", "off Kingsland Road", «на Земляной вал»: a capitalised street name
        and its type, with no house number."""
        for pattern in (self.street_alone_en, self.street_alone_ru):
            for m in pattern.finditer(text):
                words = [_norm(w) for w in _WORD.findall(m.group("name"))]
                if any(
                    self._is_clinical(w) or w in self.not_place_words or w in self.not_names_en  # type: ignore[attr-defined]
                    for w in words
                ):
                    continue
                yield Span(m.start(), m.end(), "address")

    def _unit_numbers(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """A unit of a building or a plot with its number, with no street named: «7 секция»,
        «участок 58», "plot 42B", "4th floor" ("floor 2 times" is a count, kept)."""
        for m in self.unit_number.finditer(text):
            if not m.group()[:1].isdigit() and _ONE_OF.match(text, m.end()):
                continue  # "block 3 of physio", "block 2 of 6": a count of sessions
            if m.group()[:1].isdigit() or not self._is_quantity(text, m.end()):  # type: ignore[attr-defined]
                yield Span(m.start(), m.end(), "address")

    def _address_tails(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """After an address, its units: ", корпус 3", ", кв 40", ", block 3", " 12 Albion House"."""
        for span in list(taken):
            if span.kind not in ("address", "workplace"):
                continue
            # "Moss Side, Broadfield Road 88": the district named just before the street
            head = _DISTRICT_BEFORE.search(text, max(0, span.start - 60), span.start)
            if span.kind == "address" and head and head.end() == span.start:
                words = [_norm(w) for w in _WORD.findall(head.group(1))]
                # two capitalised words are a name even if both are words: "Moss Side"
                named = len(words) >= 2 and not _CYRILLIC_WORD.search(head.group(1))
                if not any(
                    w in self.cities_kept
                    or (self._is_clinical(w) and not named)
                    or w in self.not_place_words
                    or w in self.not_names_en  # type: ignore[attr-defined]
                    for w in words
                ) and not _inside(head.start(1), head.end(1), taken):
                    yield Span(head.start(1), head.end(1), "address")
            # "the Black Horse pub, Church End.": the district named just after it
            district = _DISTRICT_AFTER.match(text, span.end)
            if span.kind == "address" and district:
                words = [_norm(w) for w in _WORD.findall(district.group(1))]
                if not any(
                    w in self.not_names_en  # type: ignore[attr-defined]
                    or w in self.not_place_words
                    or w in self.eponyms_latin  # type: ignore[attr-defined]
                    for w in words
                ) and not all(w in self.cities_kept for w in words):
                    yield Span(district.start(1), district.end(1), "address")
            m = self.address_tail.match(text, span.end)
            if m and m.group().strip(" ,") and not self._is_quantity(text, m.end()):  # type: ignore[attr-defined]
                end = m.end()
                while end > span.end and text[end - 1] in " ,":
                    end -= 1
                yield Span(span.end, end, "address")

    def _streetless(self, text: str, tokens: list[_Token]) -> Iterator[Span]:
        """«на Пионерской 15», «по Садовой 12-45»; "at 27 Harcourt", "flat 4, 12 Baker"."""
        if not any(c.isdigit() for c in text):
            return
        for i in range(1, len(tokens)):
            token = tokens[i]
            if not (token.cyrillic and token.cap and token.alpha):
                continue
            if tokens[i - 1].low not in self.place_prepositions_ru:
                continue
            if self._is_clinical(token.low) or self._is_city(token):
                continue
            end = token.end
            if (
                i + 1 < len(tokens)
                and tokens[i + 1].cap
                and tokens[i + 1].cyrillic
                and re.fullmatch(r"[ \t-]", text[token.end : tokens[i + 1].start])
            ):
                end = tokens[i + 1].end
            number = _HOUSE_NUMBER.match(text, end)
            # «лечусь у Петрова 3-4 года»: a count, not a house
            if number and not self._counted(text, number.end()):  # type: ignore[attr-defined]
                yield Span(token.start, number.end(), "address")
        for m in _EN_STREETLESS.finditer(text):
            words = [_norm(w) for w in m.group(1).split()]
            if any(
                w in self.not_place_words
                or self._is_clinical(w)
                or (w.endswith("'s") and w[:-2] in self.eponyms_latin)  # type: ignore[attr-defined]
                for w in words
            ):
                continue  # "in 2012, Schmorl's nodes"
            if re.match(r"(?:19|20)\d\d\b", m.group()):
                continue  # a year, not a house number
            if self._counted_thing(text, m.start(1), m.end(1)):  # type: ignore[attr-defined]
                continue  # "did 20 Lunges, then", "took 3 Nurofen, no help"
            before = _norm(text[max(0, m.start() - 24) : m.start()]).rstrip(" ,")
            last = _WORD.findall(before)[-1:] if before else []
            # "it's 12 Beech, the blue door", "Pain all week. 4 Orchard, round the back": a
            # house named at the start of a clause, or after a word that says where, then
            # the clause ends
            described = bool(_CLAUSE_AFTER.match(text, m.end())) and (
                bool(_CLAUSE_BEFORE.search(text, max(0, m.start() - 4), m.start()))
                or bool(last and last[0] in self.house_leads_en)
            )
            after_address = bool(
                re.search(r"(?:flat|apt|apartment|unit|suite)\s*#?\s*\w+$", before)
            )
            after_comma = (
                text[: m.start()].rstrip(" ").endswith(",")
                and bool(re.match(r"\s*(?:[.,;!?]|$)", text[m.end() :]))
                and not _COUNT_BEFORE.search(text, max(0, m.start() - 30), m.start())
            )
            if after_address or after_comma or described or (last and last[0] in self.house_at_en):
                start = m.start()
                lead = re.search(r"(?i)(?:number|no\.?)\s*$", text[max(0, start - 10) : start])
                if lead:  # "number 9 Orchard": the word that says it is a house number too
                    start -= len(lead.group())
                yield Span(start, m.end(), "address")
        # «Балканская 21 к2, кв 40»: a street without its word or preposition, then its units
        for m in _RU_STREET_WITH_UNITS.finditer(text):
            word = _norm(m.group(1))
            if not self._is_clinical(word) and word not in self.cities_kept:
                yield Span(m.start(), m.end(), "address")
