"""Places typed in lower case, where the capitalised rules of places.py and contacts.py do not
look: a UK postcode "sw11 6ht" or its district "the cw1 area", a house "41 cedar road" or "at
112 kingsway,", a district "from crossgates", "in moss side", "the broadwater farm estate",
«я в южном бутово живу». Also two things the grammar tells: a nickname in brackets after a
name ("Agnieszka (Aga)"), and a surname that names an exercise or a sign («упражнения
Уильямса»), which no detector may take for a person. Lists: ``content/privacy/lower_case.yaml``.
Mixed into ``Scrubber``; it asks ``PlaceDetector``, ``NameDetector`` and ``CountedThings``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.dictionaries import russian_parses
from bot.privacy.patterns import (
    ScrubberConfigError,
    Span,
    _by_first_word,
    _free_tokens,
    _norm,
    _phrase_at,
    _Token,
    _tokens,
)
from bot.yamlfile import YamlError, load_yaml

LOWER_CASE_FILE = "lower_case.yaml"
# a whole UK postcode in any case: the inward part's letters are never C, I, K, M, O or V, so
# "l5 2am" and "c5 6pm" are no postcode; an ordinal ("t12 1st") is none either
_POSTCODE = re.compile(
    r"(?<![\w/.])([a-z]{1,2}\d[a-z\d]?)[ \t]?(\d[abd-hjlnp-uw-z]{2})(?![\w])", re.IGNORECASE
)
# what each rule needs in a message before it looks at its words
_CODE_LIKE = re.compile(r"(?<![\w])[a-z]{1,2}\d", re.IGNORECASE)
_NUMBER_THEN_WORD = re.compile(r"\d[a-z]?[ \t]+[^\W\d_]", re.IGNORECASE)
_CYRILLIC_LOWER_PAIR = re.compile(r"[а-яё-][ \t]{1,2}[«\"]?[а-яё]")
_WORD_THEN_CAPITAL_RU = re.compile(r"[а-яё][ \t]{1,2}[А-ЯЁ]")
# one word in brackets right after a name: "Agnieszka (Aga)"
_BRACKETED = re.compile(r"[ \t]?[(\[][ \t]?([^\W\d_][^\W\d_'’-]{1,20})[ \t]?[)\]]")
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)$", re.IGNORECASE)
# a postcode's district alone: "cw1", "ls6", "sw11"; "m14" only after a postcode cue
_DISTRICT_CODE = re.compile(r"[a-z]{1,2}\d{1,2}[a-z]?", re.IGNORECASE)
# a house number: "41", "12a"; not a time ("6:30"), a score ("8/10") nor a decimal
_HOUSE = re.compile(r"(?<![\w/.:,-])\d{1,4}[a-z]?(?![\w/:.]\d)", re.IGNORECASE)
# a clause ends after a house's name: punctuation, a dash, the end, or a word of
# ``streets.after_house`` ("at 112 kingsway upstairs", "at 6 the paddocks off the main road")
_CLAUSE_END = r"[ \t]*(?:[,;.!?()]|[-–—][ \t]|$|[ \t]+(?:{words})(?![\w]))"


class LowerCasePlaces:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    if TYPE_CHECKING:
        first_names: frozenset[str]
        not_names_en: frozenset[str]
        units: frozenset[str]
        cities_kept: frozenset[str]
        names_after_cue_en: frozenset[str]
        cue_index: Any
        eponym_heads: frozenset[str]

        def _is_clinical(self, low: str) -> bool: ...
        def _unknown_word(self, low: str) -> bool: ...
        def _english_word(self, low: str) -> bool: ...
        def _counted(self, text: str, end: int) -> bool: ...
        def _is_eponym(self, tokens: list[_Token], i: int, text: str) -> bool: ...
        def _morph(self, word: str) -> Any: ...

    def _compile_lower_case(self, folder: Path) -> None:
        try:
            data = load_yaml(folder / LOWER_CASE_FILE).data
        except YamlError as error:
            raise ScrubberConfigError(str(error)) from None
        if not isinstance(data, dict):
            raise ScrubberConfigError(f"{LOWER_CASE_FILE}: expected a mapping")

        def words(section: str, key: str) -> frozenset[str]:
            return frozenset(_norm(str(w)) for w in (data.get(section) or {}).get(key, ()))

        def phrases(section: str, key: str) -> dict[str, list[tuple[str, ...]]]:
            return _by_first_word((data.get(section) or {}).get(key, ()))

        self.lc_data: dict[str, Any] = data
        self.postcode_cues = phrases("postcodes", "cues")
        self.postcode_after = words("postcodes", "after")
        self.street_types_lc = words("streets", "types")
        self.street_not_before = words("streets", "not_before")
        self.flat_words = words("streets", "flats")
        self.building_words = words("streets", "buildings")
        self.house_cues_lc = phrases("streets", "home_cues")
        self.house_not_names = words("streets", "not_names")
        after_house = "|".join(
            re.escape(str(w)).replace(r"\ ", r"[ \t]+")
            for w in (data.get("streets") or {}).get("after_house", ())
        )
        self.house_clause_end = re.compile(_CLAUSE_END.format(words=after_house or "(?!)"))
        self.district_kinds = phrases("districts", "kinds")
        self.district_generic = words("districts", "generic")
        self.district_cues = phrases("districts", "cues")
        self.district_heads = words("districts", "heads")
        self.district_not_first = words("districts", "not_first")
        self.live_verbs_ru = words("districts", "live_verbs_ru")
        self.name_kinds_ru = words("districts", "name_kinds_ru")
        self.area_words_ru = words("districts", "area_words_ru")
        self.home_not_names_ru = words("districts", "not_names_ru")
        self.eponym_heads_ru = words("eponyms_ru", "heads")
        # a message worth looking through for a Latin eponym: one of its heads is in it
        heads = "|".join(re.escape(h) for h in sorted(self.eponym_heads, key=len, reverse=True))
        self._eponym_latin_head = re.compile(
            rf"(?<![\w])(?:{heads or '(?!)'})(?![\w])", re.IGNORECASE
        )
        self._compile_branches(data)  # type: ignore[attr-defined]

    # ----------------------------------------------------------------- postcodes

    def _lower_postcodes(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """ "sw11 6ht", "M14 5rh"; the district alone before "area" ("the cw1 area", two
        letters) or after "postcode" ("postcode ls6")."""
        if not _CODE_LIKE.search(text):
            return
        for m in _POSTCODE.finditer(text):
            if not _ORDINAL.search(m.group(2)):
                yield Span(m.start(), m.end(), "address")
        tokens = _tokens(text)
        for i, token in enumerate(tokens):
            if not _DISTRICT_CODE.fullmatch(token.text):
                continue
            letters = len(re.match(r"[a-z]*", token.low).group())  # type: ignore[union-attr]
            after = i + 1 < len(tokens) and tokens[i + 1].low in self.postcode_after
            cued = any(
                _phrase_at(tokens, j, p, text)
                for j in range(max(0, i - 3), i)
                for p in self.postcode_cues.get(tokens[j].low, ())
                if j + len(p) == i
            )
            if cued or (after and letters == 2):
                yield Span(token.start, token.end, "address")

    # ----------------------------------------------------------------- houses

    def _lower_streets(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """ "41 cedar road", "27 hawthorn close"; after a residence cue a house without its
        street word when the clause ends after it: "we are at 112 kingsway,", "live at 6 the
        paddocks"."""
        if not _NUMBER_THEN_WORD.search(text):
            return
        # the number may already be masked by the cue-led address ("live at [6] the paddocks")
        tokens = _tokens(text)
        for i, token in enumerate(tokens):
            if not _HOUSE.fullmatch(token.text) or self._counted(text, token.end):
                continue
            if re.fullmatch(r"(?:19|20)\d\d", token.text):
                continue  # a year
            if not re.search(r"(?:^|[^\d/.:])$", text[max(0, token.start - 1) : token.start]):
                continue
            words: list[_Token] = []
            for j in range(i + 1, min(len(tokens), i + 5)):
                gap = text[tokens[j - 1].end : tokens[j].start]
                if not re.fullmatch(r"[ \t]{1,2}", gap):
                    break
                words.append(tokens[j])
            # "flat 12 albion house": after a flat's number a building's word names it too
            after_unit = i >= 1 and tokens[i - 1].low in self.flat_words
            street = self._lower_street_words(text, words, after_unit)
            if street is not None:
                yield Span(token.start, street, "address")
                continue
            if self._house_cued(text, tokens, i):
                end = self._house_name_end(text, words)
                if end is not None:
                    yield Span(token.start, end, "address")

    def _lower_street_words(
        self, text: str, words: list[_Token], after_unit: bool = False
    ) -> int | None:
        """The end of "cedar road", "oak tree close" after a house number, or None."""
        for n in (1, 2, 3):
            if len(words) <= n:
                break
            name, kind = words[:n], words[n]
            if kind.low not in self.street_types_lc and not (
                after_unit and kind.low in self.building_words
            ):
                continue
            if kind.cap and kind.low == "st":
                continue
            # "7 oak tree close": after its first word a street's name may hold a clinical word
            if not self._house_word(name[0]) or any(
                not self._house_word(w, clinical_ok=True) for w in name[1:]
            ):
                break
            rest = re.match(r"[ \t]*([^\W\d_]+)", text[kind.end :])
            if rest and _norm(rest.group(1)) in self.street_not_before:
                break
            return kind.end
        return None

    def _house_word(self, token: _Token, clinical_ok: bool = False) -> bool:
        """A word that may name a street or a house: no unit, count, function or clinical word."""
        low = token.low
        # "a 10 minute walk", "2 mile walk": a count in the singular is a count too
        forms = {low, low + "s", low.removesuffix("s")}
        return (
            token.alpha
            and not token.cyrillic
            and len(low) >= 2
            and forms.isdisjoint(self.units)
            and forms.isdisjoint(self.house_not_names)
            and low not in self.not_names_en
            and low not in self.street_not_before
            and (clinical_ok or not self._is_clinical(low))
        )

    def _house_cued(self, text: str, tokens: list[_Token], i: int) -> bool:
        for j in range(max(0, i - 4), i):
            for phrase in self.house_cues_lc.get(tokens[j].low, ()):
                if j + len(phrase) == i and _phrase_at(tokens, j, phrase, text):
                    return True
        return False

    def _house_name_end(self, text: str, words: list[_Token]) -> int | None:
        """ "kingsway", "the paddocks", "brookside": one or two words (perhaps after "the"),
        then the clause ends."""
        start = 1 if words and words[0].low == "the" else 0
        for n in (1, 2):
            name = words[start : start + n]
            if len(name) < n:
                return None
            # "at 27a the drive.": a street word is a house's name even if also clinical
            if not all(self._house_word(w) or w.low in self.street_types_lc for w in name):
                return None
            if self.house_clause_end.match(text, name[-1].end):
                return name[-1].end
        return None

    # ----------------------------------------------------------------- districts

    def _lower_districts(self, text: str, taken: list[Span]) -> Iterator[Span]:
        tokens = _free_tokens(text, taken)
        yield from self._before_kinds(text, tokens)
        yield from self._after_cues(text, tokens)
        yield from self._lived_in_ru(text, tokens)
        yield from self._home_after_cue_ru(text, tokens)
        if _CYRILLIC_LOWER_PAIR.search(text):
            yield from self._named_after_kind_ru(text)

    def _before_kinds(self, text: str, tokens: list[_Token]) -> Iterator[Span]:
        """ "the broadwater farm estate", "at meadow lane allotments": lower-case words before
        a place's kind that say which one."""
        for i, token in enumerate(tokens):
            for phrase in self.district_kinds.get(token.low, ()):
                if not _phrase_at(tokens, i, phrase, text):
                    continue
                j = i - 1
                name: list[_Token] = []
                while j >= 0 and len(name) < 3:
                    word = tokens[j]
                    if not re.fullmatch(r"[ \t-]{1,2}", text[word.end : tokens[j + 1].start]):
                        break
                    if (
                        word.cyrillic
                        or not word.alpha
                        or word.low in self.district_generic
                        or word.low in self.not_names_en
                        # "the old kent road estate", "the north end estate": a street's or
                        # a district's word is a name's, even if also clinical
                        or (
                            self._is_clinical(word.low)
                            and word.low not in self.street_types_lc
                            and word.low not in self.district_heads
                        )
                    ):
                        break
                    name.insert(0, word)
                    j -= 1
                if name and self._is_clinical(name[0].low):
                    name = []  # "the side road estate": no name before the street's word
                if name and not (len(name) == 1 and name[0].cap):
                    yield Span(name[0].start, tokens[i + len(phrase) - 1].end, "address")

    def _after_cues(self, text: str, tokens: list[_Token]) -> Iterator[Span]:
        """ "from crossgates" (no English word), "in moss side" (two words, the last a
        district's head)."""
        for i, token in enumerate(tokens):
            for phrase in self.district_cues.get(token.low, ()):
                if not _phrase_at(tokens, i, phrase, text):
                    continue
                j = i + len(phrase)
                # "near the gorbals": an article before a district the dictionary does not know
                the = j + 1 < len(tokens) and tokens[j].low == "the" and phrase != ("in",)
                j += 1 if the else 0
                if j >= len(tokens) or not re.fullmatch(
                    r"[ \t]{1,2}", text[tokens[j - 1].end : tokens[j].start]
                ):
                    continue
                first = tokens[j]
                if first.cyrillic or first.cap or not first.alpha:
                    continue
                if self._is_clinical(first.low) or first.low in self.district_not_first:
                    continue
                second = tokens[j + 1] if j + 1 < len(tokens) else None
                if (
                    second is not None
                    and not the
                    and not second.cap
                    and second.low in self.district_heads
                    and re.fullmatch(r"[ \t]{1,2}", text[first.end : second.start])
                    and first.low not in self.not_names_en
                    and first.low not in self.units
                    and not (
                        len(phrase) == 1
                        and phrase[0] == "in"
                        and not self._at_clause_start(text, token.start)
                    )
                ):
                    yield Span(first.start, second.end, "address")
                elif (
                    len(first.low) >= 5
                    and first.low not in self.cities_kept
                    and self._unknown_word(first.low)
                    and phrase != ("in",)
                ):
                    yield Span(first.start, first.end, "address")

    @staticmethod
    def _at_clause_start(text: str, position: int) -> bool:
        return bool(re.search(r"(?:^|[.!?,;:\n])[ \t]*$", text[max(0, position - 4) : position]))

    def _named_after_kind_ru(self, text: str) -> Iterator[Span]:
        """«снт ромашка», «жк солнечный берег» (after such a kind any word is the name), «в
        районе марьино» (after an area's word, a place the dictionary knows or does not know):
        the name in lower case."""
        tokens = _tokens(text)
        for i, token in enumerate(tokens[:-1]):
            certain = token.low in self.name_kinds_ru
            if not (certain or token.low in self.area_words_ru):
                continue
            name: list[_Token] = []
            for word in tokens[i + 1 : i + 3]:
                gap = text[(name[-1] if name else token).end : word.start]
                if not re.fullmatch(r"[ \t]{1,2}[«\"]?", gap) or word.cap or not word.cyrillic:
                    break
                if not word.alpha or self._is_clinical(word.low):
                    break
                parses = self._parses(word.low)
                pos = parses[0].tag.POS if parses else None
                if pos not in ("NOUN", "ADJF", "PRTF", None):
                    break  # «снт и дача», «в районе болит»: no name
                if name and not self._agree(name[-1].low, word.low):
                    break
                name.append(word)
                if pos == "NOUN":
                    break
            if not name:
                continue
            if not certain and not self._place_like_ru(name[-1].low):
                continue
            if any(self._is_city(w) for w in name):  # type: ignore[attr-defined]
                continue
            yield Span(token.start, name[-1].end, "address")

    def _lived_in_ru(self, text: str, tokens: list[_Token]) -> Iterator[Span]:
        """«я в южном бутово живу», «мы в новых черёмушках живём»: the place, in lower case,
        told before the verb."""
        for i, token in enumerate(tokens):
            if not token.cyrillic or token.low not in ("в", "во", "на"):
                continue
            for n in (1, 2, 3):
                k = i + n + 1
                if k >= len(tokens):
                    break
                gaps = [text[tokens[m - 1].end : tokens[m].start] for m in range(i + 1, k + 1)]
                if not all(re.fullmatch(r"[ \t]{1,2}", g) for g in gaps):
                    break
                if self._lemma_ru(tokens[k].low) not in self.live_verbs_ru:
                    continue
                name = tokens[i + 1 : k]
                if self._home_name_ru(name):
                    yield Span(name[0].start, name[-1].end, "address")
                break

    def _home_after_cue_ru(self, text: str, tokens: list[_Token]) -> Iterator[Span]:
        """«я из купчино», «живу в северном бутово»: a place in lower case after a residence cue
        (places.yaml, ``home``), one or two words up to the end of the phrase."""
        for i, token in enumerate(tokens):
            if not token.cyrillic:
                continue
            for phrase in self.place_home.get(token.low, ()):  # type: ignore[attr-defined]
                if not _phrase_at(tokens, i, phrase, text):
                    continue
                j = i + len(phrase)
                for n in (2, 1):
                    name = tokens[j : j + n]
                    if len(name) < n or any(w.cap for w in name):
                        continue
                    gaps = [text[tokens[m - 1].end : tokens[m].start] for m in range(j, j + n)]
                    if not all(re.fullmatch(r"[ \t]{1,2}", g) for g in gaps):
                        continue
                    if n == 2 and not any(
                        p.tag.POS in ("ADJF", "PRTF") for p in self._parses(name[0].low)
                    ):
                        continue
                    if any(self._is_city(w) for w in name):  # type: ignore[attr-defined]
                        break  # «я из москвы»: a city is no personal data
                    if self._home_name_ru(name, strict=True) or (
                        n == 1 and self._street_adjective_ru(tokens, j)
                    ):
                        yield Span(name[0].start, name[-1].end, "address")
                        break

    def _clinical_ru(self, low: str) -> bool:
        """A clinical word, but not a place only a clinical stem begins («автово»: «авто-»)."""
        if not self._is_clinical(low):
            return False
        return low in self.clinical or not self._place_like_ru(low)  # type: ignore[attr-defined]

    def _place_like_ru(self, word: str) -> bool:
        """A place-name reading weighs 0.3 or more («марьино», «бирюлево»), or an organisation's
        that names a district («уралмаша»), or the dictionary does not know the word
        («купчино»); not «лопатки», whose place reading is a rare one."""
        if self._morph(word).place >= 0.3 or not self._known_ru(word):
            return True
        return sum(p.score for p in self._parses(word) if "Orgn" in p.tag) >= 0.3

    def _street_adjective_ru(self, tokens: list[_Token], j: int) -> bool:
        """«живу на ладожской», «выхожу на пионерской»: a lone feminine adjective after the cue
        is a street or a station (улица, станция left out), when no noun it agrees with follows
        («живу на пятом этаже» is a floor) and it is no ordinal, pronoun or everyday word."""
        word = tokens[j]
        if not word.cyrillic or not word.alpha or word.cap or self._is_clinical(word.low):
            return False
        parses = self._parses(word.low)
        if not parses:
            return False
        tag = parses[0].tag
        if tag.POS != "ADJF" or tag.gender != "femn" or "Anum" in tag or "Apro" in tag:
            return False
        if self._lemma_ru(word.low) in self.home_not_names_ru:
            return False
        after = tokens[j + 1] if j + 1 < len(tokens) else None
        return not (after and after.cyrillic and self._agree(word.low, after.low))

    def _home_name_ru(self, name: list[_Token], strict: bool = False) -> bool:
        """Lower-case words naming where one lives: a place the dictionary knows or does not
        know, or an adjective and a noun that agree; not «в своём доме»."""
        if not name or any(not w.cyrillic or not w.alpha or self._clinical_ru(w.low) for w in name):
            return False
        if any(self._lemma_ru(w.low) in self.home_not_names_ru for w in name):
            return False
        if any(self._is_city(w) for w in name):  # type: ignore[attr-defined]
            return False  # «я в москве живу»: a city is no personal data
        if self._place_like_ru(name[-1].low):
            return True
        # «в новых черёмушках живём» (before the verb a name, any agreeing pair); after «я из»
        # only a place the dictionary knows or does not know at all («я из деревни» is none)
        return not strict and len(name) == 2 and self._agree(name[0].low, name[1].low)

    # ----------------------------------------------------------------- grammar

    @staticmethod
    def _parses(word: str) -> list[Any]:
        return list(russian_parses(word)[0])

    @staticmethod
    def _known_ru(word: str) -> bool:
        return russian_parses(word)[1]

    def _lemma_ru(self, word: str) -> str:
        parses = self._parses(word)
        return str(parses[0].normal_form).replace("ё", "е") if parses else word

    def _agree(self, adjective: str, noun: str) -> bool:
        """Does a reading of ``adjective`` agree with a reading of ``noun`` in number and case
        (and gender in the singular)? «Солнечный берег» does, «Европейский сутки» does not."""
        for a in self._parses(adjective):
            if a.tag.POS not in ("ADJF", "PRTF"):
                continue
            for n in self._parses(noun):
                if n.tag.POS != "NOUN" or a.tag.number != n.tag.number or a.tag.case != n.tag.case:
                    continue
                if a.tag.number == "plur" or a.tag.gender == n.tag.gender:
                    return True
        return False

    # ----------------------------------------------------------------- names and eponyms

    def _bracketed_nicknames(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """ "Agnieszka (Aga)", «Екатерина (Катя)»: one word in brackets right after a name."""
        for span in taken:
            if span.kind != "name":
                continue
            m = _BRACKETED.match(text, span.end)
            if not m:
                continue
            low = _norm(m.group(1))
            if low in self.not_names_en or self._is_clinical(low) or low in self.units:
                continue
            if not self._nickname_word(m.group(1), low):
                continue  # «Зарина (дочь)», "Sam (mum)": who writes, not another name
            yield Span(m.start(1), m.end(1), "name")

    def _nickname_word(self, word: str, low: str) -> bool:
        if low in self.first_names or low in self.names_after_cue_en:
            return True
        # "Aga", «Серый»: capitalised, and no title or relation ("Sam (Mum)", «(Медсестра)»)
        if word[:1].isupper() and not word.isupper():
            return low not in self.cue_index and self._lemma_ru(low) not in self.cue_index
        if re.search(r"[а-яё]", low):
            parses = self._parses(low)
            return not self._known_ru(low) or any("Name" in p.tag for p in parses)
        return self._unknown_word(low)

    def _eponym_words(self, text: str) -> Iterator[tuple[int, int, frozenset[str]]]:
        """«упражнения Уильямса», «гимнастику Бубновского», «тест Шобера»: a capitalised word in
        the genitive after such a head names a method or a sign: no detector may take it."""
        kinds = frozenset(("name", "workplace", "address"))
        # "williams flexion exercises", "mckenzie press-ups": a listed eponym next to its head, in
        # any case, unless a title stands before it ("Dr Williams")
        if self._eponym_latin_head.search(text):
            tokens = _tokens(text)
            for i, token in enumerate(tokens):
                if (
                    not token.cyrillic
                    and self._is_eponym(tokens, i, text)
                    and not (i and tokens[i - 1].low.rstrip(".") in self.cue_index)
                ):
                    yield (token.start, token.end, kinds)
        if not self.eponym_heads_ru or not _WORD_THEN_CAPITAL_RU.search(text):
            return
        tokens = _tokens(text)
        for i in range(1, len(tokens)):
            token, head = tokens[i], tokens[i - 1]
            if not (token.cyrillic and token.cap and token.alpha and head.cyrillic):
                continue
            if not re.fullmatch(r"[ \t]{1,2}", text[head.end : token.start]):
                continue
            if self._lemma_ru(head.low) not in self.eponym_heads_ru:
                continue
            parses = self._parses(token.low)
            if any(
                "Name" in p.tag and p.normal_form.replace("ё", "е") in self.first_names
                for p in parses
            ):
                continue  # «упражнения Марины»: a person's
            genitive = any(p.tag.case == "gent" for p in parses)
            if not parses or genitive or not self._known_ru(token.low):
                yield (token.start, token.end, kinds)
