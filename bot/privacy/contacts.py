"""The scrubber's detectors of contacts and identifiers: e-mails, links, user names,
documents, birth dates, cards, phone numbers, addresses and long numbers.

Each detector takes the text and the spans already claimed and yields new spans; the
cue words and word lists come from ``content/privacy/scrubber.yaml``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

import phonenumbers

from bot.privacy.patterns import (
    _ALNUM_ID,
    _AU_POSTCODE,
    _DIGIT_GROUPS,
    _DIGITS,
    _EMAIL,
    _EMAIL_OBFUSCATED,
    _FOUR_DIGITS,
    _GLUED_DIGITS,
    _HANDLE,
    _HANDLE_WORD,
    _LETTER_DIGIT_ID,
    _NINO,
    _OBFUSCATION_MARKS,
    _TRAILING_PUNCT,
    _UK_POSTCODE,
    _UNDERSCORE_NAME,
    _URL,
    _WORD,
    _YEAR_RANGE,
    Span,
    _alternation,
    _cued_number,
    _inside,
    _luhn,
    _norm,
)

# a profile's name after a link's last "/" and a space: a word with a digit, "_" or "."
_SPACED_PATH = re.compile(r"[ \t]{1,2}(?=[\w.]*[\d_.])[A-Za-z][\w.]*[A-Za-z\d_]")


_NEXT_WORD = re.compile(r"[ \t]+[^\W\d_]+")


def _after_word(text: str, end: int) -> int:
    """Where the word after ``end`` ends (``end`` itself when none follows)."""
    word = _NEXT_WORD.match(text, end)
    return word.end() if word else end


class ContactDetectors:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    config: dict[str, Any]
    phone_regions: list[str]
    # set by ``Scrubber`` and its names mixin
    not_names_en: frozenset[str]
    today: datetime.date

    def _compile_contacts(self) -> None:
        cfg = self.config
        num, ids, birth, dates, addr = (
            cfg["numbers"],
            cfg["ids"],
            cfg["birth"],
            cfg["dates"],
            cfg["addresses"],
        )
        self.min_id_digits = int(num.get("min_id_digits", 5))
        self.min_grouped_digits = int(num.get("min_grouped_digits", 7))
        self.units = frozenset(_norm(str(u)) for u in num.get("units", ()))
        self.unit_symbols = frozenset(str(u) for u in num.get("units", ()) if not str(u).isalnum())

        # "card ending 4471 expiring 09/27": the last four digits, then the expiry if it is there
        self.card_tail = re.compile(
            rf"(?<![\w])(?:{_alternation(num.get('card_tail_cues', ())) or '(?!)'})"
            r"(?:[\s:,.#№*-]+[^\W\d]+){0,2}?[\s:,.#№*-]*(?P<last>\d{4})(?!\d)"
            rf"(?:[\s,;(]*(?:(?:{_alternation(num.get('card_expiry_cues', ())) or '(?!)'})"
            r"[\s:.]*){1,3}(?P<exp>(?:0?[1-9]|1[0-2])\s?[/.-]\s?(?:20)?\d{2})(?!\d))?",
            re.IGNORECASE,
        )
        self.card_word = re.compile(
            rf"(?<![\w])(?:{_alternation(num.get('card_words', ())) or '(?!)'})(?![\w])",
            re.IGNORECASE,
        )
        phone_fillers = _alternation(num.get("phone_fillers", ())) or r"(?!)"
        self.phone_cue = re.compile(
            rf"(?<![\w])(?:{_alternation(num.get('phone_cues', ())) or '(?!)'})(?![^\W\d_])"
            rf"(?:[\s:.,=#№-]*(?:{phone_fillers})(?![\w]))*[\s:.,=#№-]*"
            r"(?P<d>\+?\(?\d[\d()]*(?:(?:[ \-.]|\) ?)\(?\d[\d()]*)*)",
            re.IGNORECASE,
        )

        months = _alternation([*dates.get("months_en", ()), *dates.get("months_ru", ())])
        day = r"\d{1,2}(?:st|nd|rd|th|-?го|-?е)?"
        year = r"(?:19|20)\d\d"
        self.full_date = (
            rf"\d{{1,2}}[./-]\d{{1,2}}[./-](?:{year}|\d\d)(?!\d)"
            rf"|\d{{1,2}}\.(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\.(?:{year}|\d\d)(?!\d)"
            rf"|{day}\s+(?:of\s+)?(?:{months})\.?,?\s+(?:{year}|['’]\d\d(?!\d))"
            rf"(?:\s*(?:года?|г\.?)(?!\w))?"
            rf"|(?:{months})\.?\s+{day},?\s+{year}"
            rf"|{year}[./-]\d{{1,2}}[./-]\d{{1,2}}"
        )
        birth_value = rf"(?P<d>{self.full_date}|(?:{months})\.?\s+{year}|{year})"
        self.birth_before = re.compile(
            # the cue ends a word ("b. 1971", not "B12")
            rf"(?<![\w])(?:{_alternation(birth.get('before', ()))})(?:(?<=\.)|(?!\w))"
            rf"[\s:.,=-]*(?:(?:on|in|в|:)\s+)?"
            rf"{birth_value}(?![\d])",
            re.IGNORECASE,
        )
        self.birth_after = re.compile(
            # "1958 г.р.", and the whole date of "12 марта 1958 г.р."
            # a two-digit year too, before such a cue: "3 апреля 92 года рождения"
            rf"(?<![\d\w])(?P<d>(?:{day}\s+(?:{months})\.?\s+|\d{{1,2}}[./-]\d{{1,2}}[./-])?"
            rf"(?:{year}|\d\d(?=\s*г))(?:-?[а-я]{{1,2}})?)"
            rf"\s*(?:{_alternation(birth.get('after', ()))})(?![\w])",
            re.IGNORECASE,
        )
        self.any_full_date = re.compile(rf"(?<![\d\w])(?:{self.full_date})(?![\d])", re.IGNORECASE)
        self.old_date_years = int(dates.get("old_full_date_years", 12))
        self.event_cues = tuple(_norm(str(c)) for c in dates.get("event_cues", ()))

        fillers = _alternation(ids.get("fillers", ()))
        group = r"(?:[A-Za-zА-Яа-яЁё]{1,4}-?)?\d[\dA-Za-z]*"
        number = rf"{group}(?:[ \-./]{{1,2}}{group})*"
        # a later part of the same document, told apart: "... номер 123456", ", number 771203";
        # four digits at least, so "..., No 5 on the list" is not taken for one
        parts = _alternation(ids.get("parts", ())) or "(?!)"
        part = rf"(?:[\s,]*(?:{parts})(?![\w])[\s:#№.=-]*(?:\d[ -]?){{3,}}\d(?![\w]))"
        self.id_cue = re.compile(
            rf"(?<![\w])(?:{_alternation(ids.get('cues', ()))})(?![\w])"
            rf"(?:[\s:#№.,=-]*(?:{fillers})(?![\w]))*[\s:#№.,=-]*"
            rf"(?P<d>{number}{part}*)",
            re.IGNORECASE,
        )

        units_ru = _alternation(addr.get("units_ru", ()))
        house = r"(?:,?\s*(?:(?:д|дом)\.?\s*)?\d+[а-яa-z]?(?:/\d+)?(?:-\d+)?(?![\w]))"
        unit_tail = rf"(?:,?\s*(?:{units_ru})\.?\s*\d+[а-яa-z]?(?![\w]))"
        street_word = r"(?:\d+-?[а-я]{0,3}\s+)?[\w][\w'’.-]*"
        self.street_ru = re.compile(
            rf"(?<![\w])(?:{_alternation(addr.get('street_ru', ()))})\.?\s+{street_word}"
            rf"(?:\s+[А-ЯЁA-Z][\w-]*){{0,2}}{house}?{unit_tail}*",
            re.IGNORECASE,
        )
        # the street's name before its type: "Ленинский проспект 45-12", "Невский пр., 28"
        self.street_ru_after = re.compile(
            r"(?<![\w])[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?(?:\s+[А-ЯЁ][а-яё-]+)?\s+"
            rf"(?i:{_alternation(addr.get('street_ru_after', ())) or '(?!)'})(?![\w])\.?"
            rf"(?i:{house}{unit_tail}*)",
        )
        self.house_ru = re.compile(
            rf"(?<![\w])(?:д|дом)\.?\s*\d+[а-я]?(?:/\d+)?{unit_tail}+", re.IGNORECASE
        )
        units_en = _alternation(addr.get("units_en", ()))
        self.street_en = re.compile(
            rf"(?:(?<![\w])(?:{units_en})\s*#?\s*\w+,?\s+)?(?<![\w])\d+[A-Za-z]?,?\s+"
            # the street's name is capitalised; its type may be any case ("Maple ave")
            rf"(?:(?:[A-Z][\w'’.-]*|\d+(?:st|nd|rd|th))\s+){{1,3}}"
            rf"(?i:{_alternation(addr.get('street_en', ()))})(?![\w])"
        )
        self.unit_en = re.compile(
            rf"(?<![\w])(?:{units_en})\s*#?\s*\d+[A-Za-z]?(?![\w])", re.IGNORECASE
        )
        # "my address is 8 Willow": the verb after the cue is no part of the address
        address_fillers = _alternation(addr.get("fillers", ())) or r"(?!)"
        # "7 out of 10", «6 из 10», "8/10": a score, which no cue makes a house number
        scores = addr.get("scores") or {}
        links = _alternation(scores.get("links", ())) or "(?!)"
        scales = "|".join(re.escape(str(n)) for n in scores.get("scales", ())) or "(?!)"
        self.score = re.compile(
            rf"\d+(?:[ \t]*(?:{links})[ \t]*\d+|[ \t]*/[ \t]*(?:{scales}))(?!\d)", re.IGNORECASE
        )
        self.address_cue = re.compile(
            rf"(?<![\w])(?:{_alternation(addr.get('cues', ()))})(?![\w])[\s:,-]*"
            rf"(?:(?:{address_fillers})(?![\w])[\s:,-]*)?",
            re.IGNORECASE,
        )
        handles = cfg.get("handles") or {}
        handle_fillers = _alternation(handles.get("fillers", ())) or r"(?!)"
        self.handle_cue_words = tuple(
            sorted({_norm(str(c)).split()[0] for c in handles.get("cues", ())}, key=len)
        )
        self.handle_cue = re.compile(
            rf"(?<![\w@])(?:{_alternation(handles.get('cues', ())) or '(?!)'})(?![\w])"
            rf"(?P<gap>[\s:,=-]*)(?:(?P<filler>{handle_fillers})(?![\w])[\s:,=-]*)?",
            re.IGNORECASE,
        )
        self.address_stop = frozenset(_norm(str(w)) for w in addr.get("stop_words", ()))
        self.abbreviations = frozenset(
            _norm(str(w))
            for w in (
                *addr.get("street_ru", ()),
                *addr.get("units_ru", ()),
                *addr.get("street_en", ()),
                "г",
                "no",
                "apt",
            )
        )

    # ----------------------------------------------------------------- detectors

    def _emails(self, text: str, taken: list[Span]) -> Iterator[Span]:
        if "@" in text:
            for m in _EMAIL.finditer(text):
                yield Span(m.start(), m.end(), "email")
        low = text.lower()
        if any(mark in low for mark in _OBFUSCATION_MARKS):
            for m in _EMAIL_OBFUSCATED.finditer(text):
                yield Span(m.start(), m.end(), "email")

    def _urls(self, text: str, taken: list[Span]) -> Iterator[Span]:
        if "/" in text or "www." in text.lower():
            for m in _URL.finditer(text):
                end = m.end()
                while end > m.start() and text[end - 1] in _TRAILING_PUNCT:
                    end -= 1
                # "facebook.com/ shaun.obrien.77": the profile's name typed after a space
                if text[end - 1 : end] == "/":
                    name = _SPACED_PATH.match(text, end)
                    if name:
                        end = name.end()
                yield Span(m.start(), end, "url")

    def _handles(self, text: str, taken: list[Span]) -> Iterator[Span]:
        if "@" in text:
            for m in _HANDLE.finditer(text):
                if m.end() - m.start() >= 3:
                    yield Span(m.start(), m.end(), "handle")
        if "_" in text:
            for m in _UNDERSCORE_NAME.finditer(text):
                yield Span(m.start(), m.end(), "handle")
        # "telegram: kevinruns", "мой тг ivan.petrov85": a user name written without "@"
        low = _norm(text)
        if not any(cue in low for cue in self.handle_cue_words):
            return
        for m in self.handle_cue.finditer(text):
            word = _HANDLE_WORD.match(text, m.end())
            if not word or (text[word.end() : word.end() + 1].isalnum()):
                continue
            value = word.group().rstrip(".")
            looks_like_handle = any(c.isdigit() or c in "_." for c in value)
            introduced = ":" in m.group("gap") or m.group("filler") is not None
            if looks_like_handle or (
                introduced and len(value) >= 3 and _norm(value) not in self.not_names_en
            ):
                yield Span(word.start(), word.start() + len(value), "handle")

    def _id_cued(self, text: str, taken: list[Span]) -> Iterator[Span]:
        if _DIGITS.search(text):
            yield from _cued_number(self.id_cue, text, " -./", "id")

    def _birth_dates(self, text: str, taken: list[Span]) -> Iterator[Span]:
        if not _DIGITS.search(text):
            return
        for pattern in (self.birth_before, self.birth_after):
            for m in pattern.finditer(text):
                yield Span(m.start("d"), m.end("d"), "date")

    def _old_dates(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """A full date far in the past is most likely a birth date, unless an event precedes it."""
        if not _DIGITS.search(text):
            return
        for m in self.any_full_date.finditer(text):
            years = re.findall(r"(?<!\d)(\d{4}|\d\d)(?!\d)", m.group())
            if not years:
                continue
            year = int(years[-1] if len(years[-1]) == 4 else years[0])
            if year < 100:  # 12.04.79: a two-digit year
                year += 1900 if year > self.today.year % 100 else 2000
            if year > self.today.year - self.old_date_years:
                continue
            before = _norm(text[max(0, m.start() - 40) : m.start()])
            words = set(_WORD.findall(before))
            if any(
                w.startswith(cue) if len(cue) > 3 else w == cue
                for w in words
                for cue in self.event_cues
            ):
                continue
            yield Span(m.start(), m.end(), "date")

    def _cards(self, text: str, taken: list[Span]) -> Iterator[Span]:
        for m in self.card_tail.finditer(text):
            if not self.card_word.search(text, max(0, m.start() - 40), m.start("last")):
                continue
            yield Span(m.start("last"), m.end("last"), "card")
            if m.group("exp"):
                yield Span(m.start("exp"), m.end("exp"), "card")
        for m in _DIGIT_GROUPS.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if 13 <= len(digits) <= 19 and not m.group().startswith(("+", "(")) and _luhn(digits):
                yield Span(m.start(), m.end(), "card")

    def _phones(self, text: str, taken: list[Span]) -> Iterator[Span]:
        if sum(c.isdigit() for c in text) < 7:  # the matcher is the slowest detector: skip it
            return
        # digit runs long enough to be a phone, by the positions of their first and last digit
        candidates = []
        for m in _DIGIT_GROUPS.finditer(text):
            digits = [m.start() + k for k, c in enumerate(m.group()) if c.isdigit()]
            # E.164 numbers have at most 15 digits; longer runs are cards or documents
            if 7 <= len(digits) <= 15 and not _inside(digits[0], digits[-1] + 1, taken):
                candidates.append((digits[0], digits[-1] + 1))
        if not candidates:
            return
        found: list[Span] = []
        for region in self.phone_regions:
            for match in phonenumbers.PhoneNumberMatcher(
                text, region, leniency=phonenumbers.Leniency.VALID, max_tries=20
            ):
                if self.any_full_date.fullmatch(match.raw_string):
                    continue  # "03.04.2024" reads as a German number; a date is handled above
                found.append(Span(match.start, match.end, "phone"))
            # each region costs ~25 us: stop once every candidate is wholly inside a match
            if all(any(f.start <= a and b <= f.end for f in found) for a, b in candidates):
                break
        # the longest reading first: "8 921 000-11-22" rather than its tail "000-11-22"
        found.sort(key=lambda s: (s.start - s.end, s.start))
        yield from found

    def _cued_phones(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """After "тел" / "phone" / "ext.": any number of 4+ digits ("тел 22-33-44")."""
        if _FOUR_DIGITS.search(text):
            yield from _cued_number(self.phone_cue, text, " -.(", "phone")

    def _addresses(self, text: str, taken: list[Span]) -> Iterator[Span]:
        # without a digit only a Russian street name can be an address ("на улице Ленина")
        streets = (
            (self.street_ru_after, self.street_ru, self.house_ru, self.street_en)
            if _DIGITS.search(text)
            else (self.street_ru,)
        )
        for pattern in streets:
            for m in pattern.finditer(text):
                yield Span(m.start(), m.end(), "address")
        for m in self.unit_en.finditer(text):
            if not self._is_quantity(text, m.end()):  # "on the floor 3 times" is a count
                yield Span(m.start(), m.end(), "address")
        for pattern in (_UK_POSTCODE, _AU_POSTCODE):
            for m in pattern.finditer(text):
                yield Span(m.start(), m.end(), "address")
        for m in self.address_cue.finditer(text):
            span = self._cued_address(text, m.end(), taken)
            if span:
                yield span

    def _cued_address(self, text: str, start: int, taken: list[Span]) -> Span | None:
        """After "адрес:" / "we're at": up to the last number of the same sentence."""
        end_of_clause = min(len(text), start + 80)
        for span in taken:
            if start <= span.start < end_of_clause:
                end_of_clause = span.start
        last_digit_end = None
        scores = [m.span() for m in self.score.finditer(text, start, end_of_clause)]
        named = False
        for m in _WORD.finditer(text, start, end_of_clause):
            gap = text[start if last_digit_end is None else m.start() : m.start()]
            if "\n" in gap:
                break
            if m.group().lower() in self.address_stop:
                break
            # "I'm at 7 out of 10", "we're at 3 weeks": a score or a count, unless a street's
            # name came first («Лесной 5 из 10» is a house); a score after the house is the
            # pain's ("live at 22 Acacia, pain 7 out of 10")
            counted = any(a <= m.start() < b for a, b in scores)
            if any(c.isdigit() for c in m.group()):
                if (
                    (counted and named and last_digit_end is None)
                    or (not counted and named)
                    or not (
                        counted
                        or self._counted(text, m.end())  # type: ignore[attr-defined]
                        # "i'm at 3 physio sessions a week": the count after one word
                        or self._counted(text, _after_word(text, m.end()))  # type: ignore[attr-defined]
                    )
                ):
                    last_digit_end = m.end()
            elif not counted and m.group()[:1].isupper():
                named = True  # a street's name, not "this morning but"
            after = text[m.end() : m.end() + 1]
            if after in "!?" and after:
                break
            if (
                after == "."
                and _norm(m.group()) not in self.abbreviations
                and not m.group().isdigit()
            ):
                break
            if (
                after == "."
                and m.group().isdigit()
                and text[m.end() + 1 : m.end() + 2] in (" ", "")
            ):
                break
        if last_digit_end is None:
            return None
        return Span(start, last_digit_end, "address")

    def _long_numbers(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """Whatever digit runs are left that are too long to be a dose, a count or a year."""
        if not _DIGITS.search(text):
            return
        # an NI number first, whole: "AB-12-34-56-C" is no "AB-12-34-56" and a letter
        for m in _NINO.finditer(text):
            yield Span(m.start(), m.end(), "id")
        for pattern in (_ALNUM_ID, _LETTER_DIGIT_ID):
            for m in pattern.finditer(text):
                if sum(c.isdigit() for c in m.group()) >= self.min_id_digits:
                    yield Span(m.start(), m.end(), "id")
        # "вотсап79161234567", "тел89161234567звоните": digits glued to a word
        for m in _GLUED_DIGITS.finditer(text):
            if not self._is_quantity(text, m.end()):
                kind = "phone" if 10 <= len(m.group()) <= 12 else "id"
                yield Span(m.start(), m.end(), kind)
        for m in _DIGIT_GROUPS.finditer(text):
            raw = m.group()
            value = raw.rstrip(".-) ")
            digits = re.sub(r"\D", "", value)
            if self._is_quantity(text, m.start() + len(value)) or _YEAR_RANGE.match(value):
                continue
            if self.any_full_date.fullmatch(value):
                continue
            groups = re.findall(r"\d+", value)
            if len(digits) >= self.min_grouped_digits and len(groups) > 1:
                # 7 to 13 digits in groups reads as a phone number (555-0199, 8 912 345 67 89);
                # cue-led documents (СНИЛС, NHS no) were taken by _id_cued before this
                kind = "phone" if len(digits) <= 13 else "id"
                yield Span(m.start(), m.start() + len(value), kind)
            elif any(len(g) >= self.min_id_digits for g in groups):
                yield Span(m.start(), m.start() + len(value), "id")

    def _is_quantity(self, text: str, end: int) -> bool:
        rest = text[end : end + 24]
        word = _WORD.match(rest.lstrip())
        if rest.lstrip()[:1] in self.unit_symbols:
            return True
        return word is not None and _norm(word.group()) in self.units
