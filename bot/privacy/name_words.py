"""Is this word a name? The word-level judgments of the name detector: a word read by
pymorphy3's name tags, the shipped lists of first names and surnames, an English dictionary
(so that "mary jones" is a name and "mary said" is not), and the eponyms and named tests
("Baker's cyst", «тест Томаса») no rule may take for a person. ``NameDetector`` (names.py)
walks a message and asks these; the other detectors ask them too. Mixed into ``Scrubber``
through ``NameDetector``; the lists are compiled by ``NameDetector._compile_names``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dictionaries import english_words
from bot.privacy.dictionaries import _american, _analyse, _bare, _base_forms, _NameInfo
from bot.privacy.patterns import (
    _ELONGATED,
    _NAME_GAP,
    _VOWEL,
    Span,
    _inside,
    _sentence_start,
    _Token,
)


class NameWords:
    """The word tests of ``NameDetector``: pure, after ``_compile_names``."""

    if TYPE_CHECKING:
        first_names: frozenset[str]
        cue_index: dict[str, list[tuple[str, tuple[str, ...]]]]
        not_names_en: frozenset[str]
        not_names_ru: frozenset[str]
        names_after_cue_en: frozenset[str]
        surname_endings_ru: tuple[str, ...]
        surnames_en: frozenset[str]
        surname_endings_latin: tuple[str, ...]
        lowercase_words_en: frozenset[str]
        everyday_words_en: frozenset[str]
        dictionary_cues: frozenset[str]
        drug_endings_en: tuple[str, ...]
        word_prefixes_en: tuple[str, ...]
        word_surnames_en: frozenset[str]
        word_surnames_ru: frozenset[str]
        eponyms_latin: frozenset[str]
        eponyms_cyrillic: tuple[str, ...]
        eponym_heads: frozenset[str]
        eponym_heads_tight: frozenset[str]
        _morph_cache: dict[str, _NameInfo]

        def _is_city(self, token: _Token) -> bool: ...
        def _is_clinical(self, low: str) -> bool: ...

    def _name_first_word(self, token: _Token) -> bool:
        if not token.alpha or len(token.low) < 2 or token.low in self.cue_index:
            return False  # "Mrs O'Connor,": the title stays
        if token.cyrillic:
            if token.low in self.not_names_ru:
                return False
            parts = token.low.split("-")
            return all(self._russian_name_part(part) for part in parts)
        return self._lower_case_name(token) or (token.cap and not self._english_word(token.low))

    def _russian_name_part(self, part: str) -> bool:
        """A Russian word that reads as a name: a first name, patronymic or surname reading,
        or a word no dictionary knows with a surname's ending («нурланкызы»)."""
        info = self._morph(part)
        if info.any_person and info.pos == "NOUN":
            return True
        return not info.known and part.endswith(self.surname_endings_ru)

    def _lower_case_name(self, token: _Token) -> bool:
        """A lower-case Latin word that may be a name where a cue says one stands: a listed
        first name or surname, a surname's ending, or no English word."""
        low = _bare(token.low)
        if low in self.not_names_en or low.endswith(self.drug_endings_en):
            return False
        return low in self.first_names or self._latin_surname(low) or self._unknown_word(low)

    def _kept_city(self, token: _Token, people: list[Span] | None) -> bool:
        """A capitalised city that is also a surname ("из Королёва"), that no model marks."""
        if not token.cap or not self._is_city(token):
            return False
        return not (people and _inside(token.start, token.end, people))

    def _cue_takes(self, token: _Token, kind: str, protected: bool, cue: str) -> bool:
        """Is the word right after a cue of this kind (ending in the word ``cue``) a name?"""
        if protected or not token.alpha or len(token.low) < 2:
            return False
        if token.cyrillic:
            if token.low in self.not_names_ru or (token.all_caps and len(token.low) <= 3):
                return False
            info = self._morph(token.low)
            if token.cap:
                return True
            if kind == "intro":
                return info.any_person or not info.known
            # «у хирурга волка»: after a specialist a noun that is also a surname is one
            return (
                info.person >= 0.5
                or token.low in self.first_names
                or (kind == "title" and info.lemma in self.word_surnames_ru)
            )
        if (
            kind == "relation"
            and cue in self.dictionary_cues
            and token.low in self.names_after_cue_en
            and token.low not in self.not_names_en
        ):
            return True  # "my husband mark", but "my wife will come"
        if token.low in self.not_names_en:
            # "Nurse Sharp", "Dr Long": after a title a capitalised word that is a surname too
            return token.cap and (
                token.low in self.names_after_cue_en
                or (kind == "title" and token.low in self.word_surnames_en)
            )
        if token.all_caps and len(token.low) <= 3 and kind == "weak_intro":
            return False  # "it's SI joint": an abbreviation
        if token.cap or kind == "intro":
            return True
        name = _bare(token.low)  # "dr patel's letter"
        if kind == "title" and self._latin_surname(name):  # "dr smith", "dr. petrova"
            return True
        if name in self.first_names:
            return True
        # "dr mcallister", "my dad ehsan": after a title or a person, a word no dictionary knows
        return cue in self.dictionary_cues and self._unknown_word(name)

    def _is_name_alone(self, tokens: list[_Token], i: int, text: str) -> bool:
        token = tokens[i]
        if not token.alpha or len(token.low) < 2:
            return False
        if not token.cyrillic:
            if token.low in self.not_names_en:
                return False
            # "Sarah's test came back": a listed first name with its possessive
            if _bare(token.low) not in self.first_names:
                # "im davit beridze": a surname by its transliterated ending, no English word
                return (
                    not token.cap  # a capitalised one is the models' to judge ("Tarlov cysts")
                    and len(token.low) >= 6
                    and token.low.endswith(self.surname_endings_latin)
                    and token.low not in self.eponyms_latin
                    and not self._is_clinical(token.low)
                    and not self._english_word(token.low)
                )
            return token.cap or (
                token.low not in self.lowercase_words_en
                and token.low not in self.names_after_cue_en
            )
        if token.low in self.not_names_ru or (token.all_caps and len(token.low) < 4):
            return False
        if token.cap and token.low in self.first_names:  # "Димон", "Ксюха": the shipped list
            return True
        info = self._morph(token.low)
        if not info.known:
            # «фаррух», «айгерим»: a listed name the dictionary does not know, in lower case
            return token.low in self.first_names
        if token.cap:
            if token.all_caps or _sentence_start(text, token.start):
                return info.person >= 0.5
            return info.any_person
        # lower-case: only words that are almost surely a first name, a patronymic or a
        # surname ("анна", «лебедев»)
        return info.name >= 0.9 or (info.person >= 0.9 and info.pos == "NOUN")

    def _is_name_neighbour(self, token: _Token, after: bool, unknown_word_ok: bool = False) -> bool:
        if not token.alpha or len(token.low) < 2:
            return False
        if not token.cyrillic:
            if token.low in self.not_names_en:
                # "Emma Day", "John Long": a capitalised surname that is also a word, after a name
                return after and token.cap and token.low in self.word_surnames_en
            # in lower case a known first name or surname, or after a name a word no dictionary
            # knows: "mary jones", "mary okonkwo", not "mary said"
            name = _bare(token.low)
            return (
                token.cap
                or self._latin_surname(name)
                or name in self.first_names
                or (after and unknown_word_ok and self._unknown_word(name))
            )
        if token.low in self.not_names_ru or (token.all_caps and len(token.low) <= 3):
            return False
        info = self._morph(token.low)
        if token.cap:
            return info.any_person or not info.known
        return info.person >= 0.5

    def _repeats_a_name(self, token: _Token) -> bool:
        """May this word, found as a name elsewhere in the message, be masked here too? Only
        if it cannot be an ordinary word: "Dr Stone said the kidney stone is small"."""
        if not token.alpha or len(token.low) < 2:
            return False
        if token.cyrillic:
            return token.low not in self.not_names_ru and (
                token.cap or self._morph(token.low).name >= 0.9
            )
        if token.low in self.not_names_en or token.low in self.names_after_cue_en:
            return False
        return token.cap or not self._english_word(token.low)

    def _unknown_word(self, low: str) -> bool:
        """Does this lower-case Latin word read as a name where a name may stand: no English
        word nor a form of one, and not shaped like chat ("xx", "sooo") or a misspelt verb
        ("reccomended", "googling")?"""
        if len(low) < 4 or not _VOWEL.search(low) or low.endswith(("ed", "ing", "'d")):
            return False
        if low in self.cue_index or low.endswith(self.drug_endings_en):  # "my nan gran"
            return False
        if "-" in low:  # "follow-up", but "smith-jones"
            return not all(self._english_word(part) for part in low.split("-") if part)
        low = _ELONGATED.sub(r"\1", low)
        # "hypermobile", "nonsmoker": a prefix and a word
        if any(
            low.startswith(prefix)
            and len(low) - len(prefix) >= 5
            and self._english_word(low[len(prefix) :])
            for prefix in self.word_prefixes_en
        ):
            return False
        return not self._english_word(low)

    def _english_word(self, low: str) -> bool:
        """Is this lower-case Latin word an English word (or a form of one), not a name?"""
        dictionary = english_words()
        return any(
            form in dictionary
            or form in self.everyday_words_en
            or form in self.not_names_en
            or _american(form) in dictionary
            for form in _base_forms(low)
        )

    def _latin_surname(self, low: str) -> bool:
        """A lower-case Latin word that is a surname in lower case too: a common one ("smith"),
        or one with a Russian or Ukrainian ending ("petrova", "kovalenko")."""
        return low in self.surnames_en or (
            len(low) >= 5 and low.endswith(self.surname_endings_latin)
        )

    def _surname_shape(self, token: _Token) -> bool:
        """A capitalised Russian word with a surname's ending that the dictionary reads as a noun
        ("Огородников" before "Святослав" at the start of a message)."""
        if not (token.cyrillic and token.cap and len(token.low) >= 5):
            return False
        if not token.low.endswith(self.surname_endings_ru):
            return False
        return self._morph(token.low).pos in ("NOUN", None)

    def _person_word(self, token: _Token) -> bool:
        """A word the dictionary or the name list knows as a name ("Любовь" before "Андреевна")."""
        if token.cyrillic:
            return token.low in self.first_names or self._morph(token.low).any_person
        return token.low in self.first_names or token.low in self.names_after_cue_en

    def _is_eponym(self, tokens: list[_Token], i: int, text: str) -> bool:
        token = tokens[i]
        if self._named_test(tokens, i, text):
            return True
        if not token.cyrillic:
            base = token.low.removesuffix("'s").removesuffix("s'")
            if base not in self.eponyms_latin:
                return False
            if token.low.endswith("'s"):
                return True
            neighbours = tokens[max(0, i - 2) : i] + tokens[i + 1 : i + 3]
            return any(t.low in self.eponym_heads for t in neighbours)
        return any(
            token.low.startswith(stem) and len(token.low) - len(stem) <= 3
            for stem in self.eponyms_cyrillic
        )

    def _named_test(self, tokens: list[_Token], i: int, text: str) -> bool:
        """A capitalised word that names a test or a sign by where it stands, listed or not:
        right before "test", "sign" ("Slump test", "Thomas test"), right after «тест», «проба»
        («тест Томаса»). A possessive is a person's ("Sarah's test"), unless listed."""
        token = tokens[i]
        if not token.cap or not token.alpha or token.low.endswith(("'s", "s'")):
            return False
        k = i - 1 if token.cyrillic else i + 1  # «тест Томаса», "Thomas test"
        if not 0 <= k < len(tokens) or tokens[k].low not in self.eponym_heads_tight:
            return False
        if tokens[k].cyrillic != token.cyrillic:
            return False
        first, second = (tokens[k], token) if k < i else (token, tokens[k])
        return bool(_NAME_GAP.fullmatch(text[first.end : second.start]))

    def _morph(self, word: str) -> _NameInfo:
        info = self._morph_cache.get(word)
        if info is None:
            info = _analyse(word)
            if len(self._morph_cache) > 200_000:  # a bound, so a flood of junk words cannot grow it
                self._morph_cache.clear()
            self._morph_cache[word] = info
        return info
