"""Nicknames and diminutives that no cue word introduces, known by how they are made:

- Russian affectionate and familiar forms in any case: a first name's stem, a suffix of the
  kind, a case ending («Сашок», «Лёхой», «Танюха», «Маринке», «Вовчику», «Наташеньке»), found
  by taking the ending and the suffix off and asking pymorphy3 whether what is left, with a
  first name's ending, is a first name («саш» + «а»: «Саша»);
- English clipped forms: a first name cut short and given "-zza", "-o", "-y", "-s"... ("Bazza",
  "Shazza", "Robbo", "Gaz", "Becks"): a word of no English dictionary whose stem begins a first
  name the lists know;
- Russian, Ukrainian, Caucasian and Central Asian names in Latin letters, in lower case
  ("lyokha", "sashok", "vitalik", "jamshid"): a word of no English dictionary that, written
  back in Cyrillic, is a first name or a diminutive of one by the same test as above;
- a lower-case word of no dictionary where a person stands ("asked nodirbek", "me and zhenyok");
- a short English name where a person is greeted, thanked or signs ("cheers gaz", "hi kev,",
  "Gaz, can you...", "... now. deano x"), even one a dictionary lists as a rare word; words that
  address anyone ("mate", "hun", "doc") stay.

Each needs the word to be no English word and no clinical word, so "physio", "naproxen",
"sciatica" stay. Mixed into ``Scrubber``; the suffixes, endings, letters and person slots come
from ``content/privacy/scrubber.yaml`` (``nicknames``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.privacy.dictionaries import _bare
from bot.privacy.patterns import (
    _NAME_GAP,
    Span,
    _by_first_word,
    _free_tokens,
    _norm,
    _phrase_at,
    _sentence_start,
)
from bot.privacy.patterns import _Token as Token
from bot.privacy.signatures import _KISSES

# the shortest stem a Latin clipped form keeps of its name: "Ga-z" (Gary), "Sha-zza" (Sharon)
_MIN_CLIPPED_STEM = 2
# a syllable said again and again: "haha", "hehehe", "lalala"
_REPEATED = re.compile(r"(\w{1,3}?)\1+")


class Nicknames:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    config: dict[str, Any]
    first_names: frozenset[str]

    def _compile_nicknames(self) -> None:
        data = self.config.get("nicknames") or {}

        def sorted_words(key: str) -> tuple[str, ...]:
            words = {_norm(str(w)) for w in data.get(key, ())}
            return tuple(sorted(words, key=len, reverse=True))

        self.nick_case_endings_ru = (*sorted_words("case_endings_ru"), "")
        self.nick_suffixes_ru = sorted_words("suffixes_ru")
        self.nick_bare_suffixes_ru = frozenset(sorted_words("bare_suffixes_ru"))
        self.nick_name_endings_ru = ("", *sorted_words("name_endings_ru"))
        self.nick_suffixes_en = sorted_words("suffixes_en")
        # the suffixes after which a short stem will do: "Gaz", "Bazza"
        self.nick_short_suffixes_en = frozenset(sorted_words("short_suffixes_en"))
        letters = {_norm(str(k)): _norm(str(v)) for k, v in (data.get("letters") or {}).items()}
        ukrainian = {
            **letters,
            **{_norm(str(k)): _norm(str(v)) for k, v in (data.get("letters_uk") or {}).items()},
        }
        # Russian spelling first, then Ukrainian ("mykola" -> «микола», "halyna" -> «галина»)
        self.nick_alphabets = [
            sorted(alphabet.items(), key=lambda pair: len(pair[0]), reverse=True)
            for alphabet in (letters, ukrainian)
        ]
        self.nick_name_elements = sorted_words("name_elements")
        self.nick_slots_before = _by_first_word(data.get("slots_before", ()))
        self.nick_slots_after = _by_first_word(data.get("slots_after", ()))
        self.nick_not_before_names = frozenset(sorted_words("not_before_names"))
        self.nick_greetings = frozenset(sorted_words("greetings"))
        self.nick_addressees = frozenset(sorted_words("addressees"))
        prefixes: set[str] = set()
        for name in self.first_names:
            if name.isascii():
                prefixes.update(name[:n] for n in range(_MIN_CLIPPED_STEM, len(name) + 1))
        self.nick_name_prefixes = frozenset(prefixes)
        # where a person is greeted or thanked, names that are also words count too ("jack-o")
        for name in self.names_after_cue_en:  # type: ignore[attr-defined]
            prefixes.update(name[:n] for n in range(_MIN_CLIPPED_STEM, len(name) + 1))
        self.nick_slot_prefixes = frozenset(prefixes)

    # ----------------------------------------------------------------- detector

    def _nicknames(self, text: str, taken: list[Span]) -> Iterator[Span]:
        tokens = _free_tokens(text, taken)
        for i, token in enumerate(tokens):
            if not token.alpha or len(token.low) < 3 or token.low in self.cue_index:  # type: ignore[attr-defined]
                continue
            if self._is_clinical(token.low) or self._is_eponym(tokens, i, text):  # type: ignore[attr-defined]
                continue
            if token.cyrillic:
                if self._russian_nickname(token):
                    yield Span(token.start, token.end, "name")
            elif (
                self._latin_nickname(token)
                or self._in_person_slot(tokens, i, text)
                or (self._address_slot(tokens, i, text) and self._clipped_in_slot(token.low))
            ):
                yield Span(token.start, token.end, "name")

    def _russian_nickname(self, token: Token) -> bool:
        """«Сашок», «Лёхой», «Танюха», «Маринке»; a word the dictionary knows as something else
        («мамка», «братик», «галочку») only capitalised, and even then only if its stem is a
        name's («Мамка» is no «Мама»: no first name)."""
        if token.low in self.not_names_ru:  # type: ignore[attr-defined]
            return False
        info = self._morph(token.low)  # type: ignore[attr-defined]
        if info.known and not info.any_person and not token.cap:
            return False
        if not info.known and self._name_element(token.low):
            return True  # «нодирбек», «Шахзодбек»
        return self._diminutive_of_name(token.low)

    def _diminutive_of_name(self, low: str, strict: bool = False) -> bool:
        """Is this Cyrillic word a first name's familiar form: ending off, suffix off, a
        name's ending on, and the dictionary reads a first name? ``strict`` (a Latin word
        written back): the name must be the likeliest reading («арта» is mostly «арт»)."""
        for ending in self.nick_case_endings_ru:
            if ending and not low.endswith(ending):
                continue
            base = low[: len(low) - len(ending)]
            if len(base) < 3:
                continue
            for suffix in self.nick_suffixes_ru:
                if not base.endswith(suffix) or len(base) - len(suffix) < 2:
                    continue
                # «Лёх-а», «Маринк-е»: most suffixes take an ending; only some end a word
                # («Сашок», «Вовчик»), so «костях» is no «Костя»
                if not ending and suffix not in self.nick_bare_suffixes_ru:
                    continue
                stem = base[: len(base) - len(suffix)]
                for name_ending in self.nick_name_endings_ru:
                    candidate = stem + name_ending
                    if not name_ending and len(candidate) < 4:
                        continue  # «Ашот-ик», but not «арт-ик»: a bare stem must be a name whole
                    if candidate in self.first_names or (
                        self._first_name_ru(candidate)
                        if strict
                        else self._known_first_name(candidate)
                    ):
                        return True
        return False

    def _known_first_name(self, word: str) -> bool:
        """A word of the dictionary one of whose readings is a first name («света»)."""
        info = self._morph(word)  # type: ignore[attr-defined]
        return info.known and info.a_first_name

    def _first_name_ru(self, word: str, least: float = 0.5) -> bool:
        """A first name in its dictionary form («саша», «виталий»; not «арта», a form of «арт»)."""
        info = self._morph(word)  # type: ignore[attr-defined]
        return info.known and info.name >= least and info.pos == "NOUN" and info.lemma == word

    def _latin_nickname(self, token: Token) -> bool:
        low = _bare(token.low)
        if low in self.first_names:
            return False  # the name rules judge a listed name where it stands
        if low in self.not_names_en or self._english_word(low):  # type: ignore[attr-defined]
            return False
        if low.endswith(self.drug_endings_en) or low in self.eponyms_latin:  # type: ignore[attr-defined]
            return False
        if self._clipped_name(low, token.cap):
            return True
        if len(low) < 4:
            return False  # "ent", "gp": too short to tell a name from an abbreviation
        if _REPEATED.fullmatch(low):
            return False  # "haha", "hehe": laughter, not «Хаха»
        if self._name_element(low):
            return True  # "nodirbek", "gulbahor"
        for letters in self.nick_alphabets:
            cyrillic = self._to_cyrillic(low, letters)
            # a typo may spell a rarer name («gorin»: «Горин»): only a name and nothing else
            if cyrillic in self.first_names or self._first_name_ru(cyrillic, 0.9):
                return True  # "lyokha", "mykola"
            if self._diminutive_of_name(cyrillic, strict=True):
                return True  # "sashok", "vitalik", "oksanka"
        return False

    def _name_element(self, low: str) -> bool:
        """A word no dictionary knows that ends in an element Central Asian and Caucasian names
        are made of: "-bek", "-jon", "-gul", «-бек», «-джон» ("nodirbek", «Шахзодбек»)."""
        return any(
            low.endswith(element) and len(low) >= len(element) + 3
            for element in self.nick_name_elements
        )

    def _clipped_name(self, low: str, cap: bool, prefixes: frozenset[str] | None = None) -> bool:
        """ "Bazza", "Robbo", "Gaz", "Becks": a suffix off, a doubled letter made single, and
        what is left begins a first name the lists know. In lower case only with a doubled
        letter before the suffix ("robbo", "bazza"), which ordinary words rarely have."""
        for suffix in self.nick_suffixes_en:
            if not low.endswith(suffix) or len(low) == len(suffix):
                continue
            stem = low[: len(low) - len(suffix)]
            doubled = len(stem) >= 2 and stem[-1] == stem[-2]
            if doubled:
                stem = stem[:-1]
            # "bazza", "gazzer": the suffix's own doubled letter counts too
            doubled = doubled or (len(suffix) >= 2 and suffix[0] == suffix[1])
            if not cap and not doubled:
                continue
            least = _MIN_CLIPPED_STEM if suffix in self.nick_short_suffixes_en else 3
            if len(stem) >= least and stem in (prefixes or self.nick_name_prefixes):
                return True
        return False

    def _clipped_in_slot(self, low: str) -> bool:
        """A short English name where a person is greeted, thanked or signs: "Gaz", "Tez",
        "Jacko", "Deano" (clipped forms some dictionary also lists as rare words: the slot says
        which they are here), "Kev", "Gav" (a listed first name cut short). Never a word that
        addresses anyone ("mate", "hun", "doc") nor an everyday word."""
        if not low.isalpha() or not 3 <= len(low) <= 8 or low in self.nick_addressees:
            return False
        if low in self.not_names_en or low in self.everyday_words_en:  # type: ignore[attr-defined]
            return False
        if low.endswith(self.drug_endings_en) or self._is_clinical(low):  # type: ignore[attr-defined]
            return False
        english = self._english_word(low)  # type: ignore[attr-defined]
        if self._clipped_name(low, cap=True, prefixes=self.nick_slot_prefixes):
            # "-z", "-zza", "-o" make a name of a stem; "-y", "-s" make words too ("matey")
            return not english or low.endswith(("z", "zza", "zz", "zzer", "o"))
        return not english and low in self.nick_name_prefixes  # "kev", "gav", "nige"

    def _address_slot(self, tokens: list[Token], i: int, text: str) -> bool:
        """Where a name greets, is thanked or signs: "cheers gaz", "thanks again, tez!", "hi
        kev,", "gaz, can you ring me", "...the little toe now. deano x"."""
        token = tokens[i]
        last = len(tokens) - 1
        while last > i and _KISSES.fullmatch(tokens[last].low):
            last -= 1
        after = text[token.end : token.end + 1]
        ends = i == last and not text[tokens[last].end :].strip(" \t\r\n.!)xх")
        if i == 0 or _sentence_start(text, token.start):
            if i == 0 and after in (",", "!"):
                return True  # "gaz, can you ring me"
            if ends:
                return True  # "... the little toe now. deano x"
        if (
            i
            and tokens[i - 1].low in self.nick_greetings
            and _NAME_GAP.fullmatch(text[tokens[i - 1].end : token.start].replace(",", ""))
        ):
            return i - 1 == 0 or _sentence_start(text, tokens[i - 1].start)  # "hi gaz"
        for k in range(max(0, i - 3), i):
            for kind, phrase in self.cue_index.get(tokens[k].low, ()):  # type: ignore[attr-defined]
                if (
                    kind == "signoff"
                    and k + len(phrase) == i
                    and _phrase_at(tokens, k, phrase, text)
                    and (ends or after in (",", "!"))
                ):
                    return True  # "cheers gaz", "thanks again, tez!"
        return False

    @staticmethod
    def _to_cyrillic(low: str, letters: list[tuple[str, str]]) -> str:
        """A Latin word written back in Cyrillic, letter groups first: "lyokha" -> «лёха»."""
        result: list[str] = []
        k = 0
        while k < len(low):
            for latin, cyrillic in letters:
                if low.startswith(latin, k):
                    result.append(cyrillic)
                    k += len(latin)
                    break
            else:
                result.append(low[k])
                k += 1
        return "".join(result)

    def _in_person_slot(self, tokens: list[Token], i: int, text: str) -> bool:
        """A lower-case word of no dictionary where a person stands: "asked nodirbek", "me and
        zhenyok", "zhenyok and me"; or a clipped name some dictionary lists as a rare word
        ("jacko said", "me and gaz")."""
        token = tokens[i]
        if token.cap or len(token.low) < 3 or not self._person_slot(tokens, i, text):
            return False  # the slot first: it is cheaper than the dictionaries
        if token.low.endswith(self.drug_endings_en):  # type: ignore[attr-defined]
            return False
        return (
            len(token.low) >= 4 and self._unknown_word(token.low)  # type: ignore[attr-defined]
        ) or self._clipped_in_slot(token.low)

    def _person_slot(self, tokens: list[Token], i: int, text: str) -> bool:
        token = tokens[i]
        for k in range(max(0, i - 3), i):
            for phrase in self.nick_slots_before.get(tokens[k].low, ()):
                if (
                    k + len(phrase) == i
                    and _phrase_at(tokens, k, phrase, text)
                    and _NAME_GAP.fullmatch(text[tokens[i - 1].end : token.start])
                ):
                    return True
        if i and tokens[i - 1].low in self.nick_not_before_names:
            return False  # "the osteo says", "my physio said": a word with a determiner
        if i + 1 < len(tokens) and _NAME_GAP.fullmatch(text[token.end : tokens[i + 1].start]):
            for phrase in self.nick_slots_after.get(tokens[i + 1].low, ()):
                if _phrase_at(tokens, i + 1, phrase, text):
                    return True
        return False
