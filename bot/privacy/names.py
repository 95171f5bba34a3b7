"""The scrubber's name detector: Russian names from pymorphy3's dictionary tags, Latin ones
from cue phrases, shipped lists of first names and surnames, and an English dictionary (so
that a name typed in lower case, "my physio john smith", "dr mcallister", is found too).
This module walks a message (cues, names alone, their neighbours, a name first); whether one
word reads as a name is ``NameWords``'s (name_words.py), signatures are ``SignatureMarks``'s."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.privacy.dictionaries import _bare, _NameInfo
from bot.privacy.name_words import NameWords
from bot.privacy.patterns import (
    _CUE_GAP,
    _CYRILLIC,
    _INITIALS_AFTER,
    _INITIALS_BEFORE,
    _NAME_GAP,
    Span,
    _free_tokens,
    _norm,
    _phrase_at,
    _phrases,
    _sentence_start,
    _Token,
)
from bot.privacy.signatures import _KISSES, SignatureMarks


class NameDetector(SignatureMarks, NameWords):
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    config: dict[str, Any]
    first_names: frozenset[str]

    def _compile_names(self) -> None:
        names = self.config["names"]
        self.cues: dict[str, list[tuple[str, ...]]] = {
            kind: _phrases(names.get(kind, ()))
            for kind in ("intro", "weak_intro", "title", "relation", "signoff", "suffix")
        }
        # first word -> (kind, phrase): each token is compared with the few cues it can start
        self.cue_index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for kind, phrases in self.cues.items():
            for phrase in phrases:
                self.cue_index.setdefault(phrase[0], []).append((kind, phrase))
        self.not_names_en = frozenset(_norm(str(w)) for w in names.get("not_names_en", ()))
        self.not_names_ru = frozenset(_norm(str(w)) for w in names.get("not_names_ru", ()))
        self.opening_clause = _phrases(names.get("opening_clause", ()))
        self.verbs_after_title_en = frozenset(
            _norm(str(w)) for w in names.get("verbs_after_title_en", ())
        )
        self.not_before_here_en = frozenset(
            _norm(str(w)) for w in names.get("not_before_here_en", ())
        )
        self.names_after_cue_en = frozenset(
            _norm(str(w)) for w in names.get("names_after_cue_en", ())
        )
        self.name_particles = frozenset(_norm(str(w)) for w in names.get("particles", ()))
        self.surname_endings_ru = tuple(_norm(str(w)) for w in names.get("surname_endings_ru", ()))
        self.surnames_en = frozenset(_norm(str(w)) for w in names.get("surnames_en", ()))
        self.surname_endings_latin = tuple(
            _norm(str(w)) for w in names.get("surname_endings_latin", ())
        )
        self.lowercase_words_en = frozenset(
            _norm(str(w)) for w in names.get("lowercase_words_en", ())
        )
        self.everyday_words_en = frozenset(
            _norm(str(w)) for w in names.get("everyday_words_en", ())
        )
        self.dictionary_cues = frozenset(_norm(str(w)) for w in names.get("dictionary_cues", ()))
        self.drug_endings_en = tuple(_norm(str(w)) for w in names.get("drug_endings_en", ()))
        self.word_prefixes_en = tuple(_norm(str(w)) for w in names.get("word_prefixes_en", ()))
        self.word_surnames_en = frozenset(_norm(str(w)) for w in names.get("word_surnames_en", ()))
        self.word_surnames_ru = frozenset(_norm(str(w)) for w in names.get("word_surnames_ru", ()))
        self.drug_endings_ru = tuple(_norm(str(w)) for w in names.get("drug_endings_ru", ()))
        self.remedy_forms = frozenset(_norm(str(w)) for w in names.get("remedy_forms", ()))
        self.cue_hedges = frozenset(_norm(str(w)) for w in names.get("cue_hedges", ()))
        self.title_abbreviations = frozenset(
            _norm(str(w)) for w in names.get("title_abbreviations", ())
        )
        eponyms = [_norm(str(w)) for w in names.get("eponyms", ())]
        self.eponyms_latin = frozenset(w for w in eponyms if not _CYRILLIC.search(w))
        self.eponyms_cyrillic = tuple(w for w in eponyms if _CYRILLIC.search(w))
        self.eponym_heads = frozenset(_norm(str(w)) for w in names.get("eponym_heads", ()))
        self.eponym_heads_tight = frozenset(
            _norm(str(w)) for w in names.get("eponym_heads_tight", ())
        )
        self._morph_cache: dict[str, _NameInfo] = {}

    # ----------------------------------------------------------------- names

    def _names(
        self, text: str, taken: list[Span], people: list[Span] | None = None
    ) -> Iterator[Span]:
        """Names in ``text``; ``people`` are the spans a model marked as persons, so that a word
        that is also a kept city ("Королёв") is masked only there."""
        tokens = _free_tokens(text, taken)
        if not tokens:
            return
        masked = [False] * len(tokens)
        named_by_cue = [False] * len(tokens)
        protected = [self._is_eponym(tokens, i, text) for i in range(len(tokens))]
        after_title = [False] * len(tokens)

        # 1. cue phrases: "меня зовут X", "I'm X", "Dr. X", "my son X", "regards, X", "X here"
        for i in range(len(tokens)):
            for kind, phrase in self.cue_index.get(tokens[i].low, ()):
                if not _phrase_at(tokens, i, phrase, text):
                    continue
                if kind == "suffix":
                    self._mark_before_suffix(tokens, i, masked, protected, text)
                    continue
                j = i + len(phrase)
                if j >= len(tokens):
                    continue
                gap = text[tokens[j - 1].end : tokens[j].start]
                if not _CUE_GAP.fullmatch(gap):
                    continue
                # a full stop ends the sentence unless the cue is an abbreviation ("Dr. X")
                if "." in gap and not (
                    kind == "title" and tokens[j - 1].low in self.title_abbreviations
                ):
                    continue
                # «невролог, кажется, Носков», "the doctor was, I think, Fox": a hedge between
                # the cue and the name it introduces
                hedge = j
                while (
                    kind in ("title", "relation")
                    and hedge + 1 < len(tokens)
                    and hedge - j < 3
                    and tokens[hedge].low in self.cue_hedges
                    and (not tokens[hedge].cap or tokens[hedge].low == "i")
                    and _CUE_GAP.fullmatch(text[tokens[hedge].end : tokens[hedge + 1].start])
                    and "." not in text[tokens[hedge].end : tokens[hedge + 1].start]
                ):
                    hedge += 1
                if hedge != j and tokens[hedge].cap:
                    j = hedge
                if kind == "title":
                    after_title[j] = True
                # "Dr. van der Berg": lower-case particles are skipped (and masked) to the surname
                particles: list[int] = []
                while (
                    j + 1 < len(tokens)
                    and kind == "title"
                    and tokens[j].low in self.name_particles
                    and not tokens[j].cap
                    and len(particles) < 3
                    and _NAME_GAP.fullmatch(text[tokens[j].end : tokens[j + 1].start])
                ):
                    particles.append(j)
                    j += 1
                if particles and not tokens[j].cap:
                    continue
                # "Dr. A. Brown": initials are skipped to reach the surname
                while (
                    j + 1 < len(tokens)
                    and len(tokens[j].text) == 1
                    and tokens[j].cap
                    and text[tokens[j].end : tokens[j].end + 1] == "."
                ):
                    j += 1
                if self._cue_takes(tokens[j], kind, protected[j] and kind != "title", phrase[-1]):
                    masked[j] = named_by_cue[j] = True
                    for k in particles:
                        masked[k] = True
                elif not protected[j]:
                    for k in self._lower_case_after_cue(tokens, j, kind, phrase[-1], text):
                        masked[k] = named_by_cue[k] = True

        # 2. words that are names by themselves, or a capitalised word after initials ("J. Smith")
        for i, token in enumerate(tokens):
            if masked[i] or protected[i]:
                continue
            initials = token.cap and _INITIALS_BEFORE.search(
                text[max(0, token.start - 8) : token.start]
            )
            if self._kept_city(token, people) and not initials:
                continue
            if self._is_name_alone(tokens, i, text) or (
                initials and self._is_name_neighbour(token, after=True)
            ):
                masked[i] = True

        # 3. neighbours of a name: "Hannah Kowalski", "Геннадий Палыч", "Козлова Марина"; and the
        # same name again: "I'm xochitl... xochitl's back"
        changed = True
        while changed:
            changed = False
            names = {t.low for t, is_name in zip(tokens, masked, strict=True) if is_name}
            for i, token in enumerate(tokens):
                if masked[i] or (protected[i] and not after_title[i]):
                    continue
                if token.low in names and self._repeats_a_name(token):
                    masked[i] = changed = True
                    continue
                left = (
                    i > 0
                    and masked[i - 1]
                    and _NAME_GAP.fullmatch(text[tokens[i - 1].end : token.start])
                ) or self._after_name_through(tokens, i, masked, text)
                right = (
                    i + 1 < len(tokens)
                    and masked[i + 1]
                    and _NAME_GAP.fullmatch(text[token.end : tokens[i + 1].start])
                )
                # a word no dictionary knows, only right after a listed first name ("mary
                # okonkwo") or a name a cue gave ("my name is bongani ndlovu"), so that "tommy
                # hilfiger backpack" does not run on
                after_first_name = i > 0 and (
                    named_by_cue[i - 1] or _bare(tokens[i - 1].low) in self.first_names
                )
                if (left and self._is_name_neighbour(token, True, after_first_name)) or (
                    right
                    and (
                        self._surname_shape(token)
                        or (
                            self._is_name_neighbour(token, after=False)
                            and (not _sentence_start(text, token.start) or self._person_word(token))
                        )
                    )
                ):
                    masked[i] = changed = True

        # particles inside a name are part of it: "Jan van der Berg"
        for i, token in enumerate(tokens):
            if masked[i] or token.cap or token.low not in self.name_particles:
                continue
            j = i
            while j < len(tokens) and not masked[j] and tokens[j].low in self.name_particles:
                j += 1
            if i > 0 and masked[i - 1] and j < len(tokens) and masked[j]:
                for k in range(i, j):
                    masked[k] = True

        # 4. a signature at the very end: "..., Priya" / "- Tom"; a name first: "armen hakobyan, 51"
        self._mark_signature(tokens, masked, protected, text)
        self._mark_name_first(tokens, masked, protected, text)

        last_end = 0
        for token, is_name in zip(tokens, masked, strict=True):
            if is_name:
                # initials belong to the name: "Смирнова А.В.", "J. Smith"
                start, end = token.start, token.end
                after = _INITIALS_AFTER.match(text, end)
                if after:
                    end = after.end()
                before = _INITIALS_BEFORE.search(text[max(0, start - 8) : start])
                if before:
                    # not back into the previous name ("Eunice P. Oyelaran": "P." is Eunice's)
                    start = max(start - len(before.group()), last_end)
                last_end = end
                yield Span(start, end, "name")

    def _lower_case_after_cue(
        self, tokens: list[_Token], j: int, kind: str, cue: str, text: str
    ) -> list[int]:
        """Lower-case Latin words a cue makes names though no list knows them: "cheers gav" at
        the end of a message, "this is rustam akhmedov", "dr fox" (a surname that is a word)."""
        token = tokens[j]
        if token.cyrillic or token.cap or not token.alpha or _KISSES.fullmatch(token.low):
            return []
        # "dr sharp", "dr may": after a title's abbreviation even a word that is never a name
        if kind == "title" and cue in self.title_abbreviations:
            return [j] if token.low in self.word_surnames_en else []
        if kind == "title" and token.low in self.word_surnames_en:
            # "the physio baker said", "nurse field, who...": a specialist, then a surname
            # that is a word, then what the person did or the clause's end
            return [j] if self._person_acts_after(tokens, j, text) else []
        if token.low in self.not_names_en:
            return []
        last = len(tokens) - 1
        while last > j and _KISSES.fullmatch(tokens[last].low):
            last -= 1
        # "cheers gav" at the end, or "cheers gav, the stretches are helping"
        ends = j == last or text[token.end : token.end + 1] in (",", "!")
        if (
            kind == "signoff"
            and ends
            and not self._english_word(token.low)
            and token.low not in self.nick_addressees  # type: ignore[attr-defined]
        ):
            return [j]  # but "thanks hun", "ta luv": words that address anyone
        # "this is ravshan, my back", "it's zhanar.", "its jaz, still on..." - a word of no
        # dictionary ending its clause
        short = len(token.low) == 3 and token.low not in self.cue_index
        if (
            kind == "weak_intro"
            and (self._unknown_word(token.low) or (short and not self._english_word(token.low)))
            and (j == last or text[token.end : token.end + 1] in (",", "!", ".", ";"))
        ):
            return [j]
        if kind == "weak_intro" and j < last and self._listed_then_surname(tokens, j, text):
            return [j, j + 1]  # "hiya its jo baker": a listed first name, then a surname-word
        if kind == "weak_intro" and j < last and self._unknown_word(token.low):
            after = tokens[j + 1]
            joined = _NAME_GAP.fullmatch(text[token.end : after.start])
            if (
                joined
                and not after.cap
                and (self._latin_surname(after.low) or self._unknown_word(after.low))
            ):
                return [j, j + 1]
        return []

    def _person_acts_after(self, tokens: list[_Token], j: int, text: str) -> bool:
        """Does the clause end after word ``j``, or a person's verb follow it ("said", "took",
        any past tense in -ed)? Then a surname that is also a word ("baker") names someone."""
        token = tokens[j]
        if j + 1 == len(tokens) or text[token.end : token.end + 1] in (",", "."):
            return True
        after = tokens[j + 1]
        return after.low in self.verbs_after_title_en or (
            after.low.endswith("ed") and self._english_word(after.low)
        )

    def _listed_then_surname(self, tokens: list[_Token], j: int, text: str) -> bool:
        token, after = tokens[j], tokens[j + 1]
        listed = token.low in self.first_names or token.low in self.names_after_cue_en
        if not listed or token.low in self.lowercase_words_en:
            return False
        if after.cap or not after.alpha or not _NAME_GAP.fullmatch(text[token.end : after.start]):
            return False
        # "its jo baker," but "this is sarah long time no see": a surname-word ends the clause
        clause_ends = (
            j + 2 == len(tokens)
            or text[after.end : after.end + 1] in (",", "!", ".")
            or any(kind == "suffix" for kind, _ in self.cue_index.get(tokens[j + 2].low, ()))
        )
        return after.low not in self.not_names_en and (
            (after.low in self.word_surnames_en and clause_ends)
            or self._latin_surname(after.low)
            or self._unknown_word(after.low)
        )

    def _mark_name_first(
        self, tokens: list[_Token], masked: list[bool], protected: list[bool], text: str
    ) -> None:
        """A message that opens with a name and a comma, no cue before it: "armen hakobyan, 51,
        ...", «магомед-расул омаров, сильно болит...»."""
        if not tokens or text[: tokens[0].start].strip():
            return
        run = 0
        while run < min(3, len(tokens)) and not protected[run]:
            after = text[tokens[run].end : tokens[run].end + 1]
            run += 1
            if after == ",":
                break
            if not _NAME_GAP.fullmatch(
                text[tokens[run - 1].end : tokens[run].start] if run < len(tokens) else ""
            ):
                return
        else:
            return
        words = tokens[:run]
        if all(self._name_first_word(t) for t in words) and (
            len(words) >= 2 or _bare(words[0].low) in self.first_names
        ):
            for k in range(run):
                masked[k] = True

    def _after_name_through(
        self, tokens: list[_Token], i: int, masked: list[bool], text: str
    ) -> bool:
        """A masked name, then a middle initial or name particles, then this word:
        "Eunice P. Oyelaran", "Jan van der Berg"."""
        if not tokens[i].cap:
            return False
        k = i - 1
        while k > 0 and i - k <= 3:
            t = tokens[k]
            after = text[t.end : tokens[k + 1].start]
            initial = len(t.text) == 1 and t.cap and re.fullmatch(r"\. ?|\.[ \t]{1,2}", after)
            particle = t.low in self.name_particles and not t.cap and _NAME_GAP.fullmatch(after)
            if not (initial or particle):
                return False
            k -= 1
            if masked[k] and _NAME_GAP.fullmatch(text[tokens[k].end : t.start]):
                return True
        return False
