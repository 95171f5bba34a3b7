"""Names the first pass half-found or could not see: the surname after a masked first name
("Chidi eze", «Олег кравцов») and a signature alone at the end of a message ("...helps. nia").
Mixed into ``Scrubber``; it asks ``NameDetector``'s dictionaries and lists."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.dictionaries import russian_parses
from bot.privacy.dictionaries import _bare
from bot.privacy.names import _KISSES, NameDetector
from bot.privacy.patterns import (
    _CYRILLIC,
    _NAME_GAP,
    Span,
    _free_tokens,
    _inside,
    _Token,
    _tokens,
)

# between a name and its surname: a space, or a comma and a space ("Marek, wojcik")
_TAIL_GAP = re.compile(r",?[ \t]{1,2}$")
# the last word of a message, alone after its last sentence: "...helps. nia", "thanks!\n- gaz"
# a word alone at the end, after a full stop, a line break, a comma or a dash: "...helps. nia",
# "back still hurts, gav", "all good - Oksana"
_SIGNATURE = re.compile(r"(?:[.!?,]\s+|\n\s*|\s[-–—~]\s*)[-–—~]?\s*([^\W\d_]{2,20})\s*[.!]?\s*$")
# an age right after a name: "dai morgan, 58", «Богдан, 45 лет», "Talia - 34", "Ann (67)"
_AGE_AFTER = re.compile(r"[ \t]*(?:,|[-–—]|\()[ \t]*\d{1,3}(?![\d.,/%:]\d|[\d%/])")
# between a name and the relation after it: "Вера, соседка моя", "Oksana (my mum)"
_BEFORE_RELATION = re.compile(
    r"[ \t]*(?:,|[-–—]|\()[ \t]*(?:(?:my|our|мой|моя|моё|мое|наш|наша|наше)[ \t]+)?"
)
# where a clause starts: a name may open it
_CLAUSE_MARKS = ",.;:!?—–-(\n"
# a surname's initials after it: "Носков И.И.", "Smith J.R."
_TWO_INITIALS = re.compile(r"[ \t]?[A-ZА-ЯЁ]\.[ \t]?[A-ZА-ЯЁ]\.")
# two capitalised words alone after the last sentence, as a signature: "...helps. Will Stone"
_SIGNED_PAIR = re.compile(
    r"(?:[.!?,]\s+|\n\s*)[-–—~]?\s*"
    r"([A-ZА-ЯЁ][a-zа-яё]{1,19})[ \t]([A-ZА-ЯЁ][a-zа-яё]{1,19})\s*[.!]?\s*$"
)
# a name opening a message, then an emoji, a dash, a colon or a bracket: "Лида 🙂", "Tomasz: ..."
_OPENING_MARK = re.compile(r"[ \t]*(?:[\u2600-\u27bf\U0001f300-\U0001faff]|[-–—:(])")


class NameTails(NameDetector):
    """The second pass over names, once every other detector has run."""

    def _name_tails(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """The word right after a masked name (after a space or a comma) that is a surname no
        rule saw: a half-found name is masked whole. "Rukhsana begum", "Chidi eze", "Marek,
        wojcik", «Айгерим нурланкызы», «Пётр носков»: in Latin script a word no English
        dictionary knows, in Cyrillic one the Russian dictionary reads as a surname."""
        name_ends = {span.end for span in taken if span.kind == "name"}
        if not name_ends:
            return
        all_tokens = _tokens(text)
        for j, token in enumerate(all_tokens):
            if not token.alpha or token.cap:
                continue
            gap = _TAIL_GAP.search(text, max(0, token.start - 3), token.start)
            if not gap or gap.start() not in name_ends or _inside(token.start, token.end, taken):
                continue
            if self._is_clinical(token.low):
                continue
            if token.cyrillic:
                if token.low not in self.not_names_ru and self._russian_name_part(token.low):
                    info = self._morph(token.low)
                    if info.any_person or not info.known:
                        yield Span(token.start, token.end, "name")
            elif (
                # "my physio sarah baker said": a surname that is a word, then a verb
                token.low in self.word_surnames_en
                and not gap.group().startswith(",")
                and self._person_acts_after(all_tokens, j, text)
            ) or (token.low not in self.not_names_en and self._latin_tail(token)):
                yield Span(token.start, token.end, "name")

    def _latin_tail(self, token: _Token) -> bool:
        """A lower-case Latin word that is a surname after a masked name: a listed surname or
        its ending, no English word, or three letters that are no word ("Chidi eze")."""
        return bool(
            self._latin_surname(_bare(token.low))
            or self._unknown_word(token.low)
            # three letters ("Chidi eze"): no word, no cue word
            or (
                len(token.low) == 3
                and token.low not in self.cue_index
                and not self._english_word(token.low)
            )
        )

    def _names_by_shape(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """Names no cue word introduces, known by what follows them: an age ("dai morgan, 58,
        bricklayer", «Богдан, 45 лет») or a relation («Вера, соседка моя», "Oksana (my mum)").
        A name here may be an ordinary word elsewhere («вера», "will"): the shape decides."""
        tokens = _free_tokens(text, taken)
        if (
            tokens
            and not text[: tokens[0].start].strip()
            and _OPENING_MARK.match(text, tokens[0].end)
            and self._named_by_relation(tokens[0])
            # "Mark: 7/10", "Will - ": an English word opening a message is a word
            and (tokens[0].cyrillic or not self._english_word(_bare(tokens[0].low)))
        ):
            yield Span(tokens[0].start, tokens[0].end, "name")
        opening = self._opening_name(text, tokens)
        if opening:
            yield opening
        name_starts = {span.start for span in taken if span.kind == "name"}
        for i, token in enumerate(tokens):
            shape = self._surname_by_shape(text, tokens, i, name_starts)
            if shape:
                yield shape
                continue
            if not token.alpha or not self._clause_start(text, tokens, i):
                continue
            run = [token]
            while len(run) < 3 and i + len(run) < len(tokens):
                following = tokens[i + len(run)]
                if not _NAME_GAP.fullmatch(text[run[-1].end : following.start]):
                    break
                run.append(following)
            for size in range(len(run), 0, -1):
                words = run[:size]
                end = words[-1].end
                if _AGE_AFTER.match(text, end) and self._named_by_age(words):
                    for word in words:
                        yield Span(word.start, word.end, "name")
                    break
                relation = _BEFORE_RELATION.match(text, end)
                if (
                    relation
                    and self._relation_at(text, relation.end())
                    and all(self._named_by_relation(w) for w in words)
                ):
                    for word in words:
                        yield Span(word.start, word.end, "name")
                    break

    def _opening_name(self, text: str, tokens: list[_Token]) -> Span | None:
        """The word opening a message as a greeting or a self-introduction does, before a comma
        and a clause about the writer («Света, работаю продавцом», "Rose, I've had..."), or in
        lower case before "here," ("paddy here, pain is less"). A word no dictionary knows that
        reads as a name needs no clause («ойбек, грузчик»)."""
        if len(tokens) < 2 or text[: tokens[0].start].strip():
            return None
        word, following = tokens[0], tokens[1]
        if not word.alpha or len(word.low) < 3 or self._is_clinical(word.low):
            return None
        gap = text[word.end : following.start]
        if gap.strip() == "," and self._opening_word_is_name(word, self._about_writer(tokens)):
            return Span(word.start, word.end, "name")
        if (
            not word.cap
            and not word.cyrillic
            and following.low == "here"
            and _NAME_GAP.fullmatch(gap)
            and text[following.end : following.end + 1] in (",", ".", ":", ";", "!", "-", " ")
            and word.low not in self.not_before_here_en
            and word.low not in self.not_names_en
            and word.low not in self.everyday_words_en
            and word.low not in self.cue_index
        ):
            return Span(word.start, word.end, "name")
        return None

    def _about_writer(self, tokens: list[_Token]) -> bool:
        """Does the clause after the opening word speak of the writer: «мне 44», «работаю...»,
        "I've had", "my back"?"""
        text_tokens = tokens[1:]
        if any(_phrase_at_start(text_tokens, phrase) for phrase in self.opening_clause):
            return True
        first = text_tokens[0]
        return first.cyrillic and any(
            {"VERB", "1per", "sing"} <= parse.tag.grammemes
            for parse in russian_parses(first.low)[0]
        )

    def _opening_word_is_name(self, word: _Token, about_writer: bool) -> bool:
        if word.cyrillic:
            if word.low in self.not_names_ru:
                return False
            info = self._morph(word.low)
            elements = self.nick_name_elements  # type: ignore[attr-defined]
            if not info.known and any(
                word.low.endswith(element) and len(word.low) >= len(element) + 2
                for element in elements
            ):
                return True  # «ойбек,»: made like a Central Asian name, known to no dictionary
            return about_writer and (
                word.low in self.first_names or (info.a_first_name and (word.cap or not info.known))
            )
        low = _bare(word.low)
        if low in self.not_names_en:
            return False
        return about_writer and (
            low in self.first_names
            or (word.cap and low in self.names_after_cue_en)
            or self._unknown_word(low)
        )

    def _surname_by_shape(
        self, text: str, tokens: list[_Token], i: int, name_starts: set[int]
    ) -> Span | None:
        """A surname known by what stands after it, even if it is also a word: its initials
        («Носков И.И.») or, opening the message, a comma and a first name ("Fox, Anna")."""
        token = tokens[i]
        if not (token.alpha and token.cap and len(token.low) > 2) or token.all_caps:
            return None
        if token.low in self.cue_index or self._is_eponym(tokens, i, text):
            return None
        initials = _TWO_INITIALS.match(text, token.end)
        if initials:
            return Span(token.start, initials.end(), "name")
        if (
            i == 0
            and not text[: token.start].strip()
            and re.match(r",[ \t]", text[token.end : token.end + 2])
            and token.end + 2 in name_starts
            and token.low not in self.not_names_en
            and token.low not in self.not_names_ru
            and not self._is_clinical(token.low)
        ):
            return Span(token.start, token.end, "name")
        return None

    @staticmethod
    def _clause_start(text: str, tokens: list[_Token], i: int) -> bool:
        before = text[tokens[i - 1].end if i else 0 : tokens[i].start]
        return (not i and not before.strip()) or any(mark in before for mark in _CLAUSE_MARKS)

    def _named_by_age(self, words: list[_Token]) -> bool:
        """Words before an age that are a name: each reads as one, and either two of them, a
        first name the list knows ("Bex, 29"), a name that is also a word, capitalised ("Will,
        40"), or a word no dictionary knows ("ihor, 40", «Дилшод, 40»); not "lower back, 45"
        nor "sciatica, 3"."""
        unknown = True
        for word in words:
            low = _bare(word.low)
            if self._is_clinical(word.low):
                return False
            if low.endswith((*self.drug_endings_en, *self.drug_endings_ru)):
                return False  # «Мидокалм, 3 дня»
            if word.cyrillic:
                known = self._morph(low).known
                unknown = unknown and word.cap and not known
                if not (self._name_first_word(word) or (word.cap and not known)):
                    return False
                continue
            short = len(low) == 3 and low not in self.cue_index and not self._english_word(low)
            unknown = unknown and (short or self._unknown_word(low))
            if not (
                self._name_first_word(word)
                or short
                or (word.cap and low in self.names_after_cue_en)
            ):
                return False
        low = _bare(words[0].low)
        return (
            len(words) >= 2
            or low in self.first_names
            or (words[0].cap and low in self.names_after_cue_en)
            or unknown
        )

    def _relation_at(self, text: str, position: int) -> bool:
        rest = _tokens(text[position : position + 30])
        if not rest or rest[0].start != 0:
            return False
        return any(kind == "relation" for kind, _ in self.cue_index.get(rest[0].low, ()))

    def _named_by_relation(self, word: _Token) -> bool:
        """A capitalised word before "my mum", «соседка моя»: a first name or a surname even if
        it is also a word («Вера», "Will"); a Latin one no dictionary knows."""
        if not word.cap or len(word.low) < 2 or self._is_clinical(word.low):
            return False
        if word.cyrillic:
            return word.low in self.first_names or self._morph(word.low).any_person
        low = _bare(word.low)
        return (
            low in self.first_names
            or low in self.names_after_cue_en
            or (low not in self.not_names_en and not self._english_word(low))
        )

    def _signature(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """A lower-case word standing alone after the last sentence, as a signature does:
        "the heat pad helps. nia", «спасибо!\nайка». Any script; a word no dictionary knows."""
        found = _SIGNATURE.search(text)
        if not found or _inside(found.start(1), found.end(1), taken):
            return
        low = found.group(1).lower()
        # after a full stop or a line break the word is a sentence of its own; after a comma
        # or a dash it may be the last item of a list ("..., weightlifter")
        sentence = found.group().lstrip()[:1] not in ",-–—~" or "\n" in found.group()
        if (
            low in self.cue_index
            or self._is_clinical(low)
            or _KISSES.fullmatch(low)
            or low.endswith((*self.drug_endings_en, *self.drug_endings_ru))  # "...ибупрофен"
        ):
            return
        if _CYRILLIC.search(low):
            # a name by the dictionary or the list: an unknown Russian word is more often a
            # drug or a typo than a signature
            if low in self.not_names_ru or not (
                self._morph(low).any_person or low in self.first_names
            ):
                return
        elif found.group(1)[0].isupper() and low in self.names_after_cue_en and sentence:
            pass  # "Thanks for the advice. Will": a name-word alone; not "March, May"
        elif low in self.not_names_en or not (
            low in self.first_names
            or (self._unknown_word(low) and (sentence or not self._compound_word(low)))
            or (len(low) == 3 and not self._english_word(low))
        ):
            return
        yield Span(found.start(1), found.end(1), "name")

    def _compound_word(self, low: str) -> bool:
        """Two English words run together, which the 1934 dictionary does not list:
        "weightlifter", "bricklayer" (parts of four letters or more: not "gul-shan")."""
        return any(
            self._english_word(low[:cut]) and self._english_word(low[cut:])
            for cut in range(4, len(low) - 3)
        )

    def _name_partners(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """The word right beside a masked name that is the other half of the same name, even
        if it is also a word: "Mark Jennings", «Вера Соловей», «Волк Игорь». In an all
        lower-case message only a word after the name, and only a listed name or surname
        ("jo baker"), so that "jo will ring" keeps its verb."""
        lower_message = not any(ch.isupper() for ch in text)
        tokens = _tokens(text)
        name_ends = {span.end for span in taken if span.kind == "name"}
        name_starts = {span.start for span in taken if span.kind == "name"}
        pair = _SIGNED_PAIR.search(text)
        if pair and not _inside(pair.start(1), pair.end(2), taken) and self._signed_pair(pair):
            # "...thanks. Will Stone": a first name that is a word, then a surname that is one
            name_starts.add(pair.start(1))
            name_ends.add(pair.end(2))
            yield Span(pair.start(1), pair.end(2), "name")
        grew = True
        while grew:  # "Will Stone" after "Mark": each new half may have its own partner
            grew = False
            for i, token in enumerate(tokens):
                if token.start in name_starts or _inside(token.start, token.end, taken):
                    continue
                after_name = any(
                    end in name_ends and _NAME_GAP.fullmatch(text[end : token.start])
                    for end in range(token.start - 2, token.start)
                )
                before_name = not lower_message and any(
                    start in name_starts and _NAME_GAP.fullmatch(text[token.end : start])
                    for start in range(token.end + 1, token.end + 3)
                )
                if (after_name or before_name) and self._name_partner(
                    tokens, i, text, lower_message
                ):
                    name_starts.add(token.start)
                    name_ends.add(token.end)
                    grew = True
                    yield Span(token.start, token.end, "name")

    def _name_partner(self, tokens: list[_Token], i: int, text: str, lower_message: bool) -> bool:
        token = tokens[i]
        if not token.alpha or len(token.low) < 2 or token.all_caps:
            return False
        if not (token.cap or lower_message) or token.low in self.cue_index:
            return False
        if self._is_eponym(tokens, i, text):
            return False
        low = _bare(token.low)
        # "Anna Stone": beside a name a surname that is also a word is the surname
        word_surname = low in self.word_surnames_en or (
            token.cyrillic and self._morph(token.low).lemma in self.word_surnames_ru
        )
        if not word_surname and self._is_clinical(token.low):
            return False
        if token.cyrillic:
            if token.low in self.not_names_ru:
                return False
            info = self._morph(token.low)
            return (
                token.low in self.first_names
                or info.lemma in self.word_surnames_ru
                or (token.cap and info.any_person and info.pos == "NOUN")
            )
        if lower_message:
            # "jo baker, ..." and "mia stone here", but "sarah long time no see"
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            clause_ends = (
                nxt is None
                or text[token.end : token.end + 1] in (",", "!", ".", ";", "(")
                or ("suffix", (nxt.low,)) in self.cue_index.get(nxt.low, ())
            )
            return low not in self.lowercase_words_en and (
                low in self.first_names
                or low in self.surnames_en
                or (low in self.word_surnames_en and clause_ends)
            )
        return (
            low in self.first_names
            or low in self.names_after_cue_en
            or low in self.surnames_en
            or low in self.word_surnames_en
        )

    def _signed_pair(self, pair: re.Match[str]) -> bool:
        first, second = (pair.group(k).lower().replace("ё", "е") for k in (1, 2))
        if _CYRILLIC.search(first):
            return (first in self.first_names or self._morph(first).name > 0) and (
                self._morph(second).lemma in self.word_surnames_ru
            )
        return (first in self.first_names or first in self.names_after_cue_en) and (
            second in self.word_surnames_en
            or second in self.surnames_en
            or second in self.first_names
            or (second not in self.not_names_en and not self._english_word(second))
        )


def _phrase_at_start(tokens: list[_Token], phrase: tuple[str, ...]) -> bool:
    """Do the first words of ``tokens`` spell ``phrase``?"""
    return len(tokens) >= len(phrase) and all(
        tokens[k].low == word for k, word in enumerate(phrase)
    )
