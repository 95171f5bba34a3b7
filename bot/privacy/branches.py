"""Employers typed in lower case and the branch where a person works: "a postie for royal mail",
"at the tesco extra", "for eddie stobart", "hargreaves & sons builders", "the greggs on the high
street", "the amazon warehouse near the m1 junction 28"; «кассир в магнит у дома на Лесной»,
«грузчик в ленте на Заводской», «Серёга с автосервиса на Промышленной». The job itself stays.
Lists: ``content/privacy/lower_case.yaml`` (``employers``, ``workplaces_ru``) and the employers
of ``places.yaml``. Mixed into ``Scrubber``; it asks ``WorkplaceDetector`` and
``LowerCasePlaces``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from bot.privacy.patterns import (
    _NAME_GAP,
    Span,
    _by_first_word,
    _free_tokens,
    _norm,
    _phrase_at,
    _Token,
    _tokens,
)

# a motorway or a trunk road and its junction: "the m1 junction 28", "j12 of the m6", "a1(m)"
_ROAD_JUNCTION = re.compile(
    r"(?:the[ \t]+)?(?:[ma]\d{1,3}(?:\(m\))?(?:[ \t]+(?:junction|jct|j)[ \t]*\d{1,2})?"
    r"|(?:junction|jct|j)[ \t]*\d{1,2}[ \t]+(?:of|on|off)[ \t]+the[ \t]+[ma]\d{1,3})(?![\w])",
    re.IGNORECASE,
)


class Branches:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    if TYPE_CHECKING:
        employers: dict[str, list[tuple[str, ...]]]
        employer_words: frozenset[str]
        work_after: dict[str, list[tuple[str, ...]]]
        first_names: frozenset[str]
        not_names_en: frozenset[str]
        street_types_lc: frozenset[str]
        cities_kept: frozenset[str]

        def _is_clinical(self, low: str) -> bool: ...
        def _unknown_word(self, low: str) -> bool: ...
        def _latin_surname(self, low: str) -> bool: ...
        def _lemma_ru(self, word: str) -> str: ...
        def _parses(self, word: str) -> list[Any]: ...
        def _is_city(self, token: _Token) -> bool: ...
        def _morph(self, word: str) -> Any: ...
        def _employer_phrase_end(self, text: str, tokens: list[_Token], i: int) -> int | None: ...

        not_names_ru: frozenset[str]
        district_generic: frozenset[str]
        cue_index: Any

    def _compile_branches(self, data: dict[str, Any]) -> None:
        employers = data.get("employers") or {}
        ru = data.get("workplaces_ru") or {}
        self.employer_prepositions = frozenset(
            _norm(str(w)) for w in employers.get("prepositions", ())
        )
        self.branch_kinds = _by_first_word(employers.get("branches", ()))
        # of those, the kinds that make a firm a workplace wherever it stands ("tesco
        # distribution"; "the tesco local" may be a shop one went to)
        self.firm_kinds = frozenset(_norm(str(w)) for w in employers.get("firm_kinds", ()))
        self.branch_prepositions = _by_first_word(employers.get("location_prepositions", ()))
        self.branch_streets = _by_first_word(employers.get("streets", ()))
        self.institution_prepositions = frozenset(
            _norm(str(w)) for w in employers.get("institution_prepositions", ())
        )
        self.family_words = frozenset(_norm(str(w)) for w in employers.get("family_words", ()))
        self.job_prepositions_ru = frozenset(_norm(str(w)) for w in ru.get("prepositions", ()))
        self.workplace_kinds_ru = frozenset(_norm(str(w)) for w in ru.get("kinds", ()))
        self.branch_locations_ru = frozenset(_norm(str(w)) for w in ru.get("locations", ()))
        self.branch_landmarks_ru = frozenset(_norm(str(w)) for w in ru.get("landmarks", ()))

    # ----------------------------------------------------------------- the firm

    def _lower_employers(self, text: str, taken: list[Span]) -> Iterator[Span]:
        tokens = _free_tokens(text, taken)
        for i, token in enumerate(tokens):
            if token.cap or not token.alpha:
                continue
            if token.cyrillic:
                span = self._chain_after_job(text, tokens, i)
                if span:
                    yield span
                continue
            # "for royal mail", "at the tesco extra"
            before = i - 2 if i >= 2 and tokens[i - 1].low == "the" else i - 1
            after_preposition = before >= 0 and tokens[before].low in self.employer_prepositions
            for phrase in self.employers.get(token.low, ()):
                if after_preposition and _phrase_at(tokens, i, phrase, text):
                    yield Span(token.start, tokens[i + len(phrase) - 1].end, "workplace")
            span = self._firm_with_kind(text, tokens, i)
            if span:
                yield span
            # "for eddie stobart": a first name and a surname in lower case after "for" / "at"
            if (
                after_preposition
                and before == i - 1
                and tokens[before].low in ("for", "with", "at")
                and token.low not in self.not_names_en
                and token.low not in self.cue_index  # "by physio deepak", "from mr whitfield"
                and not self._is_clinical(token.low)
                and i + 1 < len(tokens)
                and _NAME_GAP.fullmatch(text[token.end : tokens[i + 1].start])
                and not tokens[i + 1].cap
                and tokens[i + 1].alpha
                and not self._is_clinical(tokens[i + 1].low)
                and (
                    self._unknown_word(tokens[i + 1].low) or self._latin_surname(tokens[i + 1].low)
                )
            ):
                yield Span(token.start, tokens[i + 1].end, "workplace")
            # "hargreaves & sons builders", "bradshaw and sons"
            span = self._family_firm(text, tokens, i)
            if span:
                yield span
            # "at st marys primary", "at the royal infirmary"
            if token.low in self.institution_prepositions:
                # on every word: "st [aidans primary]" may be half-masked already
                words = _tokens(text)
                k = next(n for n, w in enumerate(words) if w.start == token.start)
                span = self._lower_institution(text, words, k + 1)
                if span:
                    yield span

    def _firm_with_kind(self, text: str, tokens: list[_Token], i: int) -> Span | None:
        """A listed employer or an institution with what kind of site it is, anywhere: "tesco
        distribution", "the post office sorting centre" (the kind says it is a workplace, not a
        shop one went to)."""
        token = tokens[i]
        phrases = [
            *self.employers.get(token.low, ()),
            *self.institutions_en.get(token.low, ()),  # type: ignore[attr-defined]
        ]
        for phrase in phrases:
            if token.low in self.employer_words or not _phrase_at(tokens, i, phrase, text):
                continue
            k = i + len(phrase)
            if k >= len(tokens) or not _NAME_GAP.fullmatch(
                text[tokens[k - 1].end : tokens[k].start]
            ):
                continue
            for kind in self.branch_kinds.get(tokens[k].low, ()):
                if kind[0] in self.firm_kinds and _phrase_at(tokens, k, kind, text):
                    return Span(token.start, tokens[k + len(kind) - 1].end, "workplace")
        return None

    def _lower_institution(self, text: str, tokens: list[_Token], j: int) -> Span | None:
        """Lower-case words, then a workplace's kind (places.yaml, ``workplaces.after``): "st
        marys primary", "leeds general infirmary"; not "the local hospital", "a care home"."""
        if j < len(tokens) and tokens[j].low == "the":
            j += 1
        name: list[_Token] = []
        for k in range(j, min(len(tokens), j + 4)):
            word = tokens[k]
            if not _NAME_GAP.fullmatch(text[tokens[k - 1].end : word.start]):
                return None
            for phrase in self.work_after.get(word.low, ()):
                if name and _phrase_at(tokens, k, phrase, text):
                    return Span(name[0].start, tokens[k + len(phrase) - 1].end, "workplace")
            if (
                word.cap
                or word.cyrillic
                or not word.alpha
                or word.low in self.not_names_en
                or word.low in self.district_generic
                or (not name and self._is_clinical(word.low))
            ):
                return None
            name.append(word)
        return None

    def _family_firm(self, text: str, tokens: list[_Token], i: int) -> Span | None:
        token = tokens[i]
        if (
            token.low in self.not_names_en
            or token.low in self.cue_index  # "my nephew and son": people, not a firm
            or self._is_clinical(token.low)
            or len(token.low) < 3
        ):
            return None
        m = re.match(r"[ \t]+(?:&|and)[ \t]+([A-Za-z]+)(?![\w])", text[token.end :])
        if not m or _norm(m.group(1)) not in self.family_words:
            return None
        end = token.end + m.end()
        for k, other in enumerate(tokens):
            if other.start >= end:
                for phrase in self.work_after.get(other.low, ()):
                    if _NAME_GAP.fullmatch(text[end : other.start]) and _phrase_at(
                        tokens, k, phrase, text
                    ):
                        return Span(token.start, tokens[k + len(phrase) - 1].end, "workplace")
                # "whitfield & sons joinery,": the trade, one word ending the phrase
                if (
                    _NAME_GAP.fullmatch(text[end : other.start])
                    and other.alpha
                    and other.low not in self.not_names_en
                    and not self._is_clinical(other.low)
                    and re.match(r"[ \t]*(?:[,.;:!?()]|[-–—][ \t]|$)", text[other.end :])
                ):
                    end = other.end
                break
        return Span(token.start, end, "workplace")

    def _chain_after_job(self, text: str, tokens: list[_Token], i: int) -> Span | None:
        """«кассир в магнит у дома», «грузчик в ленте»: a chain whose name is also a word, in
        lower case, after a job noun (animate, nominative) and «в» / «на»."""
        if i < 2 or tokens[i - 1].low not in self.job_prepositions_ru:
            return None
        lemma = self._lemma_ru(token_low := tokens[i].low)
        phrases = self.employers.get(token_low) or self.employers.get(lemma) or []
        if not phrases:
            return None
        job = tokens[i - 2]
        if not job.cyrillic or not any(
            p.tag.POS == "NOUN" and "anim" in p.tag and p.tag.case == "nomn"
            for p in self._parses(job.low)
        ):
            return None
        end = tokens[i].end
        for phrase in phrases:
            if len(phrase) > 1 and _phrase_at(tokens, i, (token_low, *phrase[1:]), text):
                end = max(end, tokens[i + len(phrase) - 1].end)
        # «в фикс прайсе»: a name of several words in any case
        end = max(end, self._employer_phrase_end(text, tokens, i) or end)
        return Span(tokens[i].start, end, "workplace")

    # ----------------------------------------------------------------- the branch

    def _workplace_branches(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """What says which branch, after a firm already masked: "extra", "depot", "on london
        road", "near the m1 junction 28", «у вокзала», «на Заводской»; and a workplace's kind
        before where it stands: «со склада на [Промышленной]»."""
        if not any(span.kind in ("workplace", "address") for span in taken):
            return
        tokens = _free_tokens(text, [])
        for span in list(taken):
            if span.kind in ("workplace", "address"):
                more = self._name_goes_on(text, span.end)
                if more > span.end:
                    yield Span(span.start, more, span.kind)
            if span.kind == "workplace":
                end = self._branch_end(text, span.end, taken, tokens)
                if end > span.end:
                    yield Span(span.start, end, "workplace")
            if span.kind in ("workplace", "address"):
                start = self._kind_before(text, span.start)
                if start is not None:
                    yield Span(start, span.end, span.kind)

    def _name_goes_on(self, text: str, end: int) -> int:
        """«на складе [Логистик] Плюс»: a capitalised Cyrillic word right after a masked place,
        in the same phrase, is more of its name (not a city, a clinical word or a first name)."""
        m = re.match(r" ([А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?)(?![\w])", text[end:])
        if not m:
            return end
        token = _tokens(m.group(1))[0]
        if (
            self._is_clinical(token.low)
            or self._is_city(token)
            or token.low in self.first_names
            or self._morph(token.low).name >= 0.5
            or token.low in self.not_names_ru
        ):
            return end
        return end + m.end()

    def _branch_end(self, text: str, end: int, taken: list[Span], all_tokens: list[_Token]) -> int:
        tokens = [t for t in all_tokens if t.start >= end][:8]
        if not tokens:
            return end
        # "extra", "warehouse", "depot"
        for phrase in self.branch_kinds.get(tokens[0].low, ()):
            if _NAME_GAP.fullmatch(text[end : tokens[0].start]) and _phrase_at(
                tokens, 0, phrase, text
            ):
                end = tokens[len(phrase) - 1].end
                tokens = tokens[len(phrase) :]
                break
        if not tokens or not re.fullmatch(r"[ \t,]{1,3}", text[end : tokens[0].start]):
            return end
        first = tokens[0]
        if first.cyrillic:
            return self._branch_end_ru(text, tokens, taken) or end
        for phrase in self.branch_prepositions.get(first.low, ()):
            if not _phrase_at(tokens, 0, phrase, text):
                continue
            rest = tokens[len(phrase) :]
            place_start = rest[0].start if rest else len(text)
            junction = _ROAD_JUNCTION.match(text, place_start)
            if junction and _NAME_GAP.fullmatch(text[tokens[len(phrase) - 1].end : place_start]):
                return junction.end()
            if rest and rest[0].low == "the":
                rest = rest[1:]
            for phrase2 in self.branch_streets.get(rest[0].low if rest else "", ()):
                if _phrase_at(rest, 0, phrase2, text):
                    return rest[len(phrase2) - 1].end
            # "on london road", "on queens road": up to two words, then a street word
            for n in (1, 2):
                if (
                    len(rest) > n
                    and rest[n].low in self.street_types_lc
                    and all(
                        not w.cyrillic
                        and w.alpha
                        and not self._is_clinical(w.low)
                        and w.low not in self.not_names_en
                        for w in rest[:n]
                    )
                ):
                    return rest[n].end
        return end

    def _branch_end_ru(self, text: str, tokens: list[_Token], taken: list[Span]) -> int | None:
        """«у вокзала», «на Заводской», «на [ADDRESS]» after a chain."""
        if tokens[0].low not in self.branch_locations_ru or len(tokens) < 2:
            return None
        place = tokens[1]
        for span in taken:
            if span.start == place.start and span.kind in ("address", "workplace"):
                return span.end
        if not place.cyrillic or not place.alpha or self._is_clinical(place.low):
            return None
        if self._lemma_ru(place.low) in self.branch_landmarks_ru:
            return place.end
        if place.cap and self._lemma_ru(place.low) not in self.cities_kept:
            return place.end
        return None

    def _kind_before(self, text: str, start: int) -> int | None:
        """«склада на [Индустриальной]», «автосервиса на [Промышленной]»: the kind of the
        workplace and the preposition before the place already masked."""
        m = re.search(r"([А-Яа-яЁё]+)[ \t]+([А-Яа-яЁё]+)[ \t]+$", text[max(0, start - 40) : start])
        if not m or _norm(m.group(2)) not in self.branch_locations_ru:
            return None
        if self._lemma_ru(_norm(m.group(1))) not in self.workplace_kinds_ru:
            return None
        return start - (len(text[max(0, start - 40) : start]) - m.start(1))
