"""Numbers written in words: phone numbers spelt out ("plus seven nine one six...",
«восемь девятьсот шестнадцать...») and dates of birth in words («пятого марта восемьдесят
первого года»). The words come from ``content/privacy/spoken.yaml``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.privacy.patterns import (
    ScrubberConfigError,
    Span,
    _by_first_word,
    _norm,
    _phrase_at,
    _tokens,
)
from bot.yamlfile import YamlError, load_yaml

SPOKEN_FILE = "spoken.yaml"
# what may stand between the words of one spoken number
_NUMBER_GAP = re.compile(r"[\s,.\-–]{1,3}")
# "30th", «1960-й», «5-го»
_NUMBERED = re.compile(r"\d{1,4}(?:-?(?:st|nd|rd|th|[а-я]{1,3}))?")
# words between a birth cue and the date: "born on the...", «день рождения у меня...»
_FILLERS = frozenset(
    ("on", "in", "the", "is", "was", "my", "it's", "its", "в", "у", "меня", "это", "мой")
)
_TRAILING = frozenset(("and", "of", "the", "в", "on", "in"))


class SpokenNumbers:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    config: dict[str, Any]

    def _compile_spoken(self, folder: Path) -> None:
        try:
            spoken_file = load_yaml(folder / SPOKEN_FILE)
        except YamlError as error:
            raise ScrubberConfigError(str(error)) from None
        data = spoken_file.data
        if not isinstance(data, dict) or not isinstance(data.get("digits"), dict):
            raise ScrubberConfigError(str(spoken_file.problem("expected 'digits:' by count")))
        self.digit_words: dict[str, int] = {
            _norm(str(word)): int(count)
            for count, words in data["digits"].items()
            for word in words or ()
        }
        self.repeaters = frozenset(_norm(str(w)) for w in data.get("repeaters", ()))
        self.number_prefixes = frozenset(_norm(str(w)) for w in data.get("prefixes", ()))
        self.min_phone_digits = int(data.get("min_phone_digits", 7))
        words = data.get("date_words") or {}
        stems = "|".join(re.escape(_norm(str(s))) for s in words.get("ordinal_stems_ru", ()))
        endings = "|".join(re.escape(_norm(str(e))) for e in words.get("ordinal_endings_ru", ()))
        self.ordinal_ru = re.compile(rf"(?:{stems or '(?!)'})(?:{endings or '(?!)'})")
        self.date_words = frozenset(
            _norm(str(w)) for w in (*words.get("ordinals_en", ()), *words.get("extra_ru", ()))
        )
        dates = self.config.get("dates", {})
        self.month_words = frozenset(
            _norm(str(w)) for w in (*dates.get("months_en", ()), *dates.get("months_ru", ()))
        )
        self.birth_cues = _by_first_word(self.config.get("birth", {}).get("before", ()))
        self.birth_after_cues = _by_first_word(self.config.get("birth", {}).get("after", ()))

    def _spoken_numbers(self, text: str, taken: list[Span]) -> Iterator[Span]:
        tokens = _tokens(text)
        yield from self._spoken_phones(text, tokens)
        yield from self._spoken_birth_dates(text, tokens)

    def _digits_of(self, low: str) -> int:
        if low.isdigit():
            return len(low)
        parts = low.split("-")  # "seventy-two", "двадцать-три"
        if all(p in self.digit_words for p in parts):
            return sum(self.digit_words[p] for p in parts) - (len(parts) - 1)
        return 0

    def _spoken_phones(self, text: str, tokens: list[Any]) -> Iterator[Span]:
        i = 0
        while i < len(tokens):
            start = i
            if tokens[i].low in self.number_prefixes:
                i += 1
            digits = 0
            last = None
            previous = ""
            while i < len(tokens):
                token = tokens[i]
                if last is not None and not _NUMBER_GAP.fullmatch(
                    text[tokens[i - 1].end : token.start]
                ):
                    break
                count = self._digits_of(token.low)
                if not count:
                    break
                # "сорок пять" is two digits, not four; "сто двадцать три" three, not six
                if previous in self.repeaters or (
                    self.digit_words.get(previous, 0) == 2
                    and count == 1
                    and not token.low.isdigit()
                ):
                    count = 0
                elif self.digit_words.get(previous, 0) == 3 and not token.low.isdigit():
                    count = max(0, count - 2) if count == 2 else 0
                digits += count
                previous = token.low
                last = i
                i += 1
            words = (last - start + 1) if last is not None else 0
            if last is not None and digits >= self.min_phone_digits and words >= 4:
                yield Span(tokens[start].start, tokens[last].end, "phone")
            i = max(i, start + 1)

    def _date_word(self, token: Any) -> bool:
        """A word a date in words is made of: "twenty-first", «пятого», "30th", «1960-й», "May"."""
        low = token.low
        if low in self.month_words or low in self.date_words or self.ordinal_ru.fullmatch(low):
            return True
        if _NUMBERED.fullmatch(low) or self._digits_of(low):
            return True
        parts = low.split("-")
        return len(parts) > 1 and all(
            p in self.digit_words or p in self.date_words or self.ordinal_ru.fullmatch(p)
            for p in parts
        )

    def _spoken_birth_dates(self, text: str, tokens: list[Any]) -> Iterator[Span]:
        for i, token in enumerate(tokens):
            for phrase in self.birth_cues.get(token.low, ()):
                if token.low != phrase[0] or not _phrase_at(tokens, i, phrase, text):
                    continue
                span = self._date_after(tokens, i + len(phrase))
                if span:
                    yield span
            for phrase in self.birth_after_cues.get(token.low, ()):
                if token.low == phrase[0] and _phrase_at(tokens, i, phrase, text):
                    # «восемьдесят пятого года рождения»: the year in words before the cue
                    j = i - 1
                    while j >= 0 and i - j <= 6 and self._date_word(tokens[j]):
                        j -= 1
                    words = tokens[j + 1 : i]
                    if any(not t.low.isdigit() for t in words) and words:
                        yield Span(words[0].start, words[-1].end, "date")

    def _date_after(self, tokens: list[Any], j: int) -> Span | None:
        """The date in words after a birth cue: «пятого марта восемьдесят первого года»,
        "the third of June nineteen seventy-two", "Christmas Eve 1980"."""
        fillers = 0
        while j < len(tokens) and tokens[j].low in _FILLERS and fillers < 3:
            j += 1
            fillers += 1
        first = j
        month = year = named = False
        spoken = 0
        while j < len(tokens) and j - first < 10:
            token = tokens[j]
            if self._date_word(token):
                month = month or token.low in self.month_words
                year = year or bool(re.fullmatch(r"(?:19|20)\d\d\D*", token.low))
                spoken += not token.low[:1].isdigit()
            elif token.cap and not token.cyrillic and j - first < 3:
                named = True  # "Christmas Eve": counted only if a year follows
            else:
                break
            j += 1
        last = j - 1
        while last >= first and tokens[last].low in _TRAILING:
            last -= 1
        if last < first or not (month or spoken >= 2 or (named and year)):
            return None
        return Span(tokens[first].start, tokens[last].end, "date")
