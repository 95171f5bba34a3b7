"""Employers typed as ordinary words, known by the slot they stand in after a work verb or a
preposition: an institution that is one employer ("for the council", "at the post office",
«на почте», «в полиции»), a chain whose name is also a word with the work verb after it («в
сбере работаю», «в магните тружусь»), a chain of several words in any case («в фикс прайсе»),
and a word no dictionary knows right after a work verb ("i work for stobarts", «работаю в
фикспрайсе»). A generic workplace that names nothing ("in an office", "at a warehouse", «на
складе») stays, and so do the job and its load ("a cashier", «грузчик», "night shifts").
Lists: ``content/privacy/places.yaml`` (``workplaces``). Mixed into ``Scrubber``; it asks
``WorkplaceDetector``, ``NameDetector`` and ``LowerCasePlaces``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from bot.privacy.patterns import _CUE_GAP, Span, _free_tokens, _norm, _phrase_at, _Token

# the Russian cases of "where": «на почте», «в полиции», «в налоговой»
_LOCATIVE = frozenset(("loct", "loc2"))


class WorkSlots:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    if TYPE_CHECKING:
        employers: dict[str, list[tuple[str, ...]]]
        employer_words: frozenset[str]
        work_cues: dict[str, list[tuple[str, ...]]]
        work_prepositions: frozenset[str]
        work_gap: int
        first_names: frozenset[str]
        not_names_en: frozenset[str]
        not_names_ru: frozenset[str]
        cue_index: Any

        def _is_clinical(self, low: str) -> bool: ...
        def _is_city(self, token: _Token) -> bool: ...
        def _unknown_word(self, low: str) -> bool: ...
        def _lemma_ru(self, word: str) -> str: ...
        def _parses(self, word: str) -> list[Any]: ...
        def _known_ru(self, word: str) -> bool: ...
        def _not_a_workplace(self, token: _Token) -> bool: ...

    def _compile_work_slots(self, work: dict[str, Any]) -> None:
        institutions = work.get("institutions") or {}
        self.institutions_en = _phrases_by_first(institutions.get("en", ()), lambda w: w)
        self.institution_determiners = frozenset(
            _norm(str(w)) for w in institutions.get("determiners", ())
        )
        self._institutions_ru_words = [str(w) for w in institutions.get("ru", ())]
        # the Russian employers of several words, read by their words' dictionary forms
        self._employers_ru_words = [
            " ".join(phrase)
            for phrases in self.employers.values()
            for phrase in phrases
            if len(phrase) > 1 and not phrase[0].isascii()
        ]
        # put in dictionary forms on first use, so that loading opens no dictionary
        self._ru_indexes: tuple[dict[str, list[tuple[str, ...]]], ...] | None = None

    def _russian_indexes(self) -> tuple[dict[str, list[tuple[str, ...]]], ...]:
        """The Russian institutions and the employers of several words, by dictionary forms."""
        if self._ru_indexes is None:
            self._ru_indexes = (
                _phrases_by_first(self._institutions_ru_words, self._lemma_ru),
                _phrases_by_first(self._employers_ru_words, self._lemma_ru),
            )
        return self._ru_indexes

    def _work_slots(self, text: str, taken: list[Span]) -> Iterator[Span]:
        tokens = _free_tokens(text, taken)
        for i, token in enumerate(tokens):
            if not token.alpha or (token.cap and not token.cyrillic):
                continue  # a capitalised Latin firm is the capitalised rules' ("at Boots")
            if not i:
                continue
            previous = tokens[i - 1].low
            if previous in self.work_prepositions:
                if not _joined(text, tokens[i - 1], token):
                    continue
            elif previous not in self.institution_determiners or (
                # "for the council", "at our local post office": determiners between
                self._preposition_through_determiners(text, tokens, i) is None
            ):
                continue
            end = (
                self._institution_end(text, tokens, i)
                or self._employer_phrase_end(text, tokens, i)
                or self._employer_word_end(text, tokens, i)
                or self._unknown_after_work_verb(text, tokens, i)
            )
            if end:
                yield Span(token.start, end, "workplace")

    def _preposition_through_determiners(
        self, text: str, tokens: list[_Token], i: int
    ) -> _Token | None:
        k = i - 1
        while k >= 0 and i - k <= 3 and tokens[k].low in self.institution_determiners:
            if not _joined(text, tokens[k], tokens[k + 1]):
                return None
            k -= 1
        if k < 0 or k == i - 1 or not _joined(text, tokens[k], tokens[k + 1]):
            return None
        return tokens[k] if tokens[k].low in self.work_prepositions else None

    def _institution_end(self, text: str, tokens: list[_Token], i: int) -> int | None:
        """ "for the council", "at the post office", «на почте», «в пенсионном фонде»: an
        institution that is one employer where one works (a Russian one in the locative, so
        «иду на почту» stays a walk)."""
        token = tokens[i]
        if not token.cyrillic:
            for phrase in self.institutions_en.get(token.low, ()):
                end = _match(text, tokens, i, phrase, lambda t: t.low)
                if end:
                    return end
            return None
        for phrase in self._russian_indexes()[0].get(self._lemma_ru(token.low), ()):
            end = _match(text, tokens, i, phrase, lambda t: self._lemma_ru(t.low))
            if end and self._locative(tokens[i + len(phrase) - 1].low):
                return end
        return None

    def _employer_phrase_end(self, text: str, tokens: list[_Token], i: int) -> int | None:
        """«в фикс прайсе», «на почте россии»: a listed employer of several Russian words, in
        whatever case the preposition asks."""
        if not tokens[i].cyrillic:
            return None
        for phrase in self._russian_indexes()[1].get(self._lemma_ru(tokens[i].low), ()):
            end = _match(text, tokens, i, phrase, lambda t: self._lemma_ru(t.low))
            if end:
                return end
        return None

    def _employer_word_end(self, text: str, tokens: list[_Token], i: int) -> int | None:
        """«в сбере работаю», «в магните тружусь»: a chain whose name is also a word, with the
        work verb right after it (before it, ``WorkplaceDetector`` has it already)."""
        token = tokens[i]
        if not token.cyrillic or i + 1 >= len(tokens):
            return None
        lemma = self._lemma_ru(token.low)
        if lemma not in self.employer_words and token.low not in self.employer_words:
            return None
        if not _joined(text, token, tokens[i + 1]) or not any(
            _phrase_at(tokens, i + 1, phrase, text)
            for phrase in self.work_cues.get(tokens[i + 1].low, ())
        ):
            return None
        return token.end

    def _unknown_after_work_verb(self, text: str, tokens: list[_Token], i: int) -> int | None:
        """ "i work for stobarts", «работаю в фикспрайсе»: a word no dictionary knows, right
        after a work verb (perhaps a job between) and its preposition."""
        token = tokens[i]
        if len(token.low) < 4 or token.low in self.cue_index or self._is_clinical(token.low):
            return None
        if self._not_a_workplace(token) or self._is_city(token):
            return None
        if token.cyrillic:
            if token.low in self.not_names_ru or self._known_ru(token.low):
                return None
        elif (
            token.low in self.not_names_en
            or token.low in self.first_names
            or not self._unknown_word(token.low)
        ):
            return None
        if not self._work_verb_before(text, tokens, i - 1):
            return None
        return token.end

    def _work_verb_before(self, text: str, tokens: list[_Token], preposition: int) -> bool:
        """A work cue ending at the preposition ("driving for") or up to ``work_gap`` words
        before it ("i work nights for"), in the same clause, with no other preposition between."""
        for k in range(preposition, max(-1, preposition - 2 - self.work_gap), -1):
            if k < preposition and any(
                c in ".!?;\n" for c in text[tokens[k].end : tokens[k + 1].start]
            ):
                return False
            for phrase in self.work_cues.get(tokens[k].low, ()):
                if k + len(phrase) - 1 <= preposition and _phrase_at(tokens, k, phrase, text):
                    return True
            if k < preposition and tokens[k].low in self.work_prepositions:
                return False  # "works at boots in the stockroom": the firm came first
        return False

    def _locative(self, word: str) -> bool:
        return any(p.tag.case in _LOCATIVE for p in self._parses(word))


def _joined(text: str, first: _Token, second: _Token) -> bool:
    return (
        bool(_CUE_GAP.fullmatch(text[first.end : second.start]))
        and "." not in text[first.end : second.start]
    )


def _phrases_by_first(values: Any, lemma: Any) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by their first word, each word put in its dictionary form by ``lemma``."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for value in values:
        words = tuple(lemma(_norm(w)) for w in str(value).split())
        if words:
            index.setdefault(words[0], []).append(words)
    for phrases in index.values():
        phrases.sort(key=len, reverse=True)  # "county council" before "council"
    return index


def _match(
    text: str, tokens: list[_Token], i: int, phrase: tuple[str, ...], form: Any
) -> int | None:
    """The end of ``phrase`` read at token ``i`` (each token put in ``form``), or None."""
    if i + len(phrase) > len(tokens):
        return None
    for k, word in enumerate(phrase):
        if form(tokens[i + k]) != word:
            return None
        if k and not _joined(text, tokens[i + k - 1], tokens[i + k]):
            return None
    return tokens[i + len(phrase) - 1].end
