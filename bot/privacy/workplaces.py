"""The scrubber's workplace detector: the firm or the numbered institution where a person
works, named («кассиром в Пятёрочке», "subbing for Mears", "Oakwood care home"), by its number
(«школа № 1234», «в 15-й горбольнице»), quoted («Мегой») or in camel case ("AutoVAZ"). The job
itself and its physical load are kept. Lists and cue words: ``content/privacy/places.yaml``
(``workplaces``). Mixed into ``Scrubber``; it asks ``PlaceDetector`` and ``NameDetector``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.privacy.dictionaries import _bare
from bot.privacy.patterns import (
    _WORD,
    Span,
    _by_first_word,
    _free_tokens,
    _norm,
    _phrase_at,
    _Token,
    _tokens,
)
from bot.privacy.places import (
    _CAMEL,
    _CYRILLIC_WORD,
    _NOT_IN_NAMES,
    _NUMBER_AFTER,
    _NUMBER_BEFORE,
    _QUOTED,
    _QUOTED_BEFORE,
    _QUOTED_NAME,
)

# between a place's kind and its name: a space, perhaps an opening quote («кафе «Арарат»»)
_KIND_GAP = re.compile(r"[ \t]{1,2}[«\"“„']?")


class WorkplaceDetector:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    def _compile_workplaces(self, work: dict[str, Any]) -> None:
        self.work_cues = _by_first_word([*work.get("cues_ru", ()), *work.get("cues_en", ())])
        self.work_prepositions = frozenset(
            _norm(str(w))
            for w in (*work.get("prepositions_ru", ()), *work.get("prepositions_en", ()))
        )
        self.work_gap = int(work.get("max_gap_words", 4))
        self.company_forms = frozenset(_norm(str(w)) for w in work.get("company_forms", ()))
        self.numbered_places = _by_first_word(work.get("numbered", ()))
        self.not_workplaces = frozenset(_norm(str(w)) for w in work.get("not_workplaces", ()))
        self.employers = _by_first_word(work.get("employers", ()))
        self.employer_words = frozenset(_norm(str(w)) for w in work.get("employer_words", ()))
        self.work_after = _by_first_word(work.get("after", ()))

    def _workplaces(self, text: str, taken: list[Span]) -> Iterator[Span]:
        tokens = _free_tokens(text, taken)
        yield from self._numbered(text, tokens)
        yield from self._quoted_names(text)
        for i, token in enumerate(tokens):
            # "АвтоВАЗе", "McDonald's", "JobCentre": a capital inside a word is a brand's
            if (
                token.alpha
                and _CAMEL.search(token.text)
                and not self._not_a_workplace(token)
                and not self._is_eponym(tokens, i, text)  # type: ignore[attr-defined]
                # "McKenzie press-ups": a method named after a person is no brand
                and token.low.removesuffix("'s") not in self.eponyms_latin  # type: ignore[attr-defined]
                # "Siobhan McAllister", "Mrs DeSouza": a surname after a person's first word
                and not (i and self._a_person_first(tokens[i - 1]) and tokens[i - 1].cap)
            ):
                yield Span(token.start, token.end, "workplace")
            # a large employer the list knows: «на РЖД», "at Tesco", «в Пятёрочке»
            employers = self.employers.get(token.low) or self.employers.get(self._lemma(token))
            for phrase in employers or ():
                if (len(phrase) == 1 or _phrase_at(tokens, i, phrase, text)) and (
                    token.cap
                    or (token.cyrillic and self._lemma(token) not in self.employer_words)
                    or _QUOTED_BEFORE.search(text, max(0, token.start - 1), token.start)
                    or (  # «работаю в ленте»: right after a work verb and its preposition
                        i >= 2
                        and tokens[i - 1].low in self.work_prepositions
                        and tokens[i - 2].low in self.work_cues
                    )
                ):
                    yield Span(token.start, tokens[i + len(phrase) - 1].end, "workplace")
            # "Oakwood care home", "St Joseph's primary", "the Chesterfield depot"
            for phrase in self.work_after.get(token.low, ()):
                if token.low == phrase[0] and _phrase_at(tokens, i, phrase, text):
                    name = list(self._words_before(text, tokens, i))  # type: ignore[attr-defined]
                    if name:
                        end = tokens[i + len(phrase) - 1].end
                        yield Span(name[-1].start, end, "workplace")
            if token.low in self.company_forms and i + 1 < len(tokens):
                following = tokens[i + 1]
                if (
                    i
                    and tokens[i - 1].low in self.work_prepositions
                    and not following.cap
                    and following.alpha
                    and len(following.low) >= 3
                    and text[token.end : following.start].isspace()
                ):
                    # «в ооо стройинвест»: after a preposition the legal form names the firm
                    # that follows it, in any case
                    yield Span(token.start, following.end, "workplace")
                else:
                    yield from self._org_name(text, tokens, i + 1)
            # "porter at Leeds General", "seen at St Thomas'", "subbing for Mears": "at" or
            # "for" and a capitalised name in mid-sentence (a person or a firm: masked either way)
            # ("asking for. Tick any..." ends the sentence: the next capital starts a new one)
            if (
                token.low in ("at", "for")
                and not token.cap
                and i + 1 < len(tokens)
                and text[token.end : tokens[i + 1].start].isspace()
            ):
                j = i + 2 if tokens[i + 1].low == "the" and i + 2 < len(tokens) else i + 1
                after = tokens[j]
                if (
                    after.cap
                    and after.alpha
                    and not after.cyrillic
                    and after.low not in self.not_names_en  # type: ignore[attr-defined]
                ):
                    yield from self._org_name(text, tokens, j)
            for phrase in self.work_cues.get(token.low, ()):
                if token.low != phrase[0] or not _phrase_at(tokens, i, phrase, text):
                    continue
                j = i + len(phrase)
                if phrase[-1] in self.work_prepositions:
                    yield from self._org_name(text, tokens, j)
                    continue
                # "работаю кассиром в Пятёрочке": up to a few words (the job) to the preposition
                for k in range(j, min(len(tokens), j + self.work_gap + 1)):
                    if any(c in ".!?;\n" for c in text[tokens[k - 1].end : tokens[k].start]):
                        break
                    if tokens[k].low in self.work_prepositions and k + 1 < len(tokens):
                        yield from self._org_name(text, tokens, k + 1)
                        break

    def _kinds_before(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """The kind of place that introduces a masked name goes with it: «в кафе «Арарат»»,
        «на заводе «Маяк»», «ООО «Вектор»», "Cafe Milano" - left alone, «кафе», «заводе» or
        "Cafe" would say what the name was."""
        tokens = _tokens(text)
        for span in taken:
            if span.kind not in ("workplace", "address"):
                continue
            before = [t for t in tokens if t.end <= span.start]
            if not before:
                continue
            kind = before[-1]
            # the name itself must follow, not a cue: «дом за Домом культуры» keeps «дом»
            if not _KIND_GAP.fullmatch(text, kind.end, span.start) or not (
                text[span.start].isupper() or text[span.start] in "«\"“„'"
            ):
                continue
            lemma = self._lemma(kind)
            if not (
                kind.low in self.company_forms
                or lemma in self.landmark_kinds_ru  # type: ignore[attr-defined]
                or (kind.cap and kind.low in self.landmark_kinds_en)  # type: ignore[attr-defined]
            ):
                continue
            end = span.end
            if text[end : end + 1] in "»\"”'" and text[kind.end : span.start].strip():
                end += 1  # the closing quote of «Арарат»
            yield Span(kind.start, end, span.kind)

    def _org_name(self, text: str, tokens: list[_Token], j: int) -> Iterator[Span]:
        """The workplace's name from token ``j``: quoted, capitalised words, or a company form."""
        if j >= len(tokens):
            return
        if tokens[j].text == "the" and j + 1 < len(tokens) and tokens[j + 1].cap:
            j += 1  # "I work in the Boots by the station"
        if tokens[j].low in self.company_forms and j + 1 < len(tokens):
            j += 1
        quoted = _QUOTED.search(text, tokens[j - 1].end, tokens[j].end + 1)
        if quoted and quoted.start() <= tokens[j].start:
            yield Span(quoted.start(1), quoted.end(1), "workplace")
            return
        count = 0
        while j < len(tokens) and count < 4:
            token = tokens[j]
            if count and not re.fullmatch(
                r"\s?&?\s?|[ \t-]{1,2}", text[tokens[j - 1].end : token.start]
            ):
                break
            if not token.cap or not token.alpha or len(token.low) < 2:
                break  # "at L5-S1", "at T11": a spine level, not a firm; "at A&E"
            if not count and not token.cyrillic and token.low in self.not_names_en:  # type: ignore[attr-defined]
                break  # "off work for Christmas", "work at Night"
            if not count and self._a_person_first(token):
                break  # "I clean for Mrs Lee", "I care for Maureen": a person, the names' to mask
            # a clinical word starts no firm's name ("at Physio"), but may go on one: "Barton's
            # Garden Centre", "Brightwell Care"
            if self._not_a_workplace(token) and (
                not count or token.low.removesuffix("'s") in self.eponyms_latin  # type: ignore[attr-defined]
            ):
                break
            # a city starts a firm's name only when a name follows it: "Leeds General"
            following = tokens[j + 1] if j + 1 < len(tokens) else None
            if (
                self._is_city(token)  # type: ignore[attr-defined]
                and not (
                    following
                    and following.cap
                    and not self._is_city(following)  # type: ignore[attr-defined]
                    and following.low not in self.not_names_en  # type: ignore[attr-defined]
                    and re.fullmatch(r"[ \t]", text[token.end : following.start])
                )
            ):
                break
            if token.all_caps and len(token.low) <= 2:
                break
            yield Span(token.start, token.end, "workplace")
            count += 1
            j += 1

    def _a_person_first(self, token: _Token) -> bool:
        """A title or a listed first name that no employer list knows: what follows "for" or
        "at" is then a person ("for Mrs Lee", "at Sarah's"), not a firm."""
        if any(kind == "title" for kind, _ in self.cue_index.get(token.low, ())):  # type: ignore[attr-defined]
            return True
        low = _bare(token.low)
        return not token.cyrillic and low in self.first_names and low not in self.employers  # type: ignore[attr-defined]

    def _lemma(self, token: _Token) -> str:
        return self._morph(token.low).lemma if token.cyrillic else token.low  # type: ignore[attr-defined]

    def _not_a_workplace(self, token: _Token) -> bool:
        low = token.low
        return (
            low in self.not_workplaces
            or self._is_clinical(low)  # type: ignore[attr-defined]
            or low.endswith((*self.drug_endings_en, *self.drug_endings_ru))  # type: ignore[attr-defined]
        )

    def _quoted_names(self, text: str) -> Iterator[Span]:
        """«Мегой», «Дом милосердия», "Oakwood": a quoted name that starts with a capital is a
        shop, a firm, an estate; a quoted drug or a quoted symptom is kept."""
        for m in _QUOTED_NAME.finditer(text):
            words = [_norm(w) for w in _WORD.findall(m.group(1))]
            if (
                not words
                or len(words) > 4
                or any(
                    w in self.not_workplaces
                    or w in self.not_names_en  # type: ignore[attr-defined]
                    or w in self.not_names_ru  # type: ignore[attr-defined]
                    or self._is_clinical(w)  # type: ignore[attr-defined]
                    or w.endswith((*self.drug_endings_en, *self.drug_endings_ru))  # type: ignore[attr-defined]
                    for w in words
                )
                or not self._quoted_is_a_name(words)
            ):
                continue
            yield Span(m.start(1), m.end(1), "workplace")

    def _quoted_is_a_name(self, words: list[str]) -> bool:
        """A quoted button label or phrase («Начать заново», "Start again") is no name: a
        Russian one has no verb or adverb, an English one a word no dictionary knows."""
        latin = [w for w in words if not _CYRILLIC_WORD.search(w)]
        if latin and all(self._english_word(w) for w in latin):  # type: ignore[attr-defined]
            return False
        return not any(
            self._morph(w).pos in _NOT_IN_NAMES  # type: ignore[attr-defined]
            for w in words
            if _CYRILLIC_WORD.search(w)
        )

    def _numbered(self, text: str, tokens: list[_Token]) -> Iterator[Span]:
        """An institution known by its number: «школе № 1234», «в 67-й больнице»."""
        if not any(c.isdigit() for c in text):
            return
        for i, token in enumerate(tokens):
            # any case of a listed word: «горбольнице», «гимназией», «лицеем»
            lemma = self._lemma(token) if token.cyrillic else token.low
            phrases = self.numbered_places.get(token.low) or (
                [(token.low,)] if (lemma,) in self.numbered_places.get(lemma, ()) else ()
            )
            for phrase in phrases:
                if token.low != phrase[0] or not _phrase_at(tokens, i, phrase, text):
                    continue
                last = tokens[i + len(phrase) - 1]
                after = _NUMBER_AFTER.match(text, last.end)
                if after and any(c.isdigit() for c in after.group()):
                    # «в школе 25 лет учителем», «на заводе 30 лет»: years of work, not the
                    # school's number, unless a number sign says so («школе № 25»)
                    signed = not after.group().lstrip()[:1].isdigit()
                    if signed or not self._counted(text, after.end()):  # type: ignore[attr-defined]
                        yield Span(token.start, after.end(), "workplace")
                    continue
                start_at = token.start
                # «в 15-й городской больнице»: an adjective between the number and the place
                previous = tokens[i - 1] if i > 0 else None
                if previous and previous.alpha and self._morph(previous.low).pos == "ADJF":  # type: ignore[attr-defined]
                    start_at = tokens[i - 1].start
                before = _NUMBER_BEFORE.search(text[max(0, start_at - 12) : start_at])
                if before and start_at != token.start:
                    yield Span(
                        start_at - (len(text[max(0, start_at - 12) : start_at]) - before.start()),
                        last.end,
                        "workplace",
                    )
                elif before:
                    start = token.start - (
                        len(text[max(0, token.start - 12) : token.start]) - before.start()
                    )
                    yield Span(start, last.end, "workplace")
