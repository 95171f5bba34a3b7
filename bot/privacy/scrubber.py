"""The PII scrubber: every free-text message passes through it before it is stored.

It replaces personal data with typed placeholders ([PHONE], [NAME], ...) in Russian and English
text. Detectors run from the most to the least certain (e-mails and URLs, cue-led identifiers and
birth dates, cards, phones, addresses, long numbers, then names); each one skips text an earlier one
already claimed. Names come from pymorphy3's dictionary tags (Name/Surn/Patr) for Cyrillic words,
and from cue phrases, shipped lists of first names and surnames, and an English dictionary for
Latin ones (so that a name typed in lower case, "my physio john smith", "dr mcallister", is
found too: after a title, a relative or a listed first name, a word that is no English word is
taken for a name).

Leaking a phone number or a name into the operators' log is the worst outcome, so where the rules
are unsure they mask. All word lists and cue phrases live in ``content/privacy/*.yaml``.
The scrubber never logs and never raises: if a detector fails, ``scrub`` returns a crudely
masked text rather than the original.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import phonenumbers

from bot.yamlfile import YamlError, load_yaml

CONFIG_FILE = "scrubber.yaml"
FIRST_NAMES_FILE = "first_names.yaml"
PLACEHOLDER_KINDS = ("phone", "email", "name", "address", "date", "id", "url", "handle", "card")

# a word: letters and digits, with inner apostrophes ("Queen's", "I'm") and hyphens ("Мария-Луиза")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?(?:-[^\W_]+)*")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_DIGITS = re.compile(r"\d")
_FOUR_DIGITS = re.compile(r"\d\D{0,3}\d\D{0,3}\d\D{0,3}\d")
_SENTENCE_END = ".!?…"
# what may stand between a cue and the name it introduces: "Dr. Brooks", "с уважением, Анна"
_CUE_GAP = re.compile(r"[\s,:;.\-—–]{0,4}")
_NAME_GAP = re.compile(r"[ \t]{1,2}")  # between the words of one name: spaces only
_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}", re.UNICODE)
_URL = re.compile(
    r"(?:(?:https?|ftp)://|www\.)[^\s<>\"']+"
    r"|\b(?:[\w-]+\.)+(?:com|ru|me|org|net|io|co|uk|su|рф|info|ly|gl|gg|tv|app|link|to|page|site"
    r"|de|fr|it|es|nl|pl|ie|ca|au|nz|in|ua|by|kz|uz|eu|us|biz|dev|ai|cc|ch|at|be|se|no|fi|il|tr)"
    r"/[^\s<>\"']*",
    re.IGNORECASE | re.UNICODE,
)
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
# a user name without "@": Latin letters and digits joined by an underscore ("ivan_petrov85")
_UNDERSCORE_NAME = re.compile(r"(?<![\w@./])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w@])")
# a handle-like word after a cue such as "telegram:": has a digit, an underscore or an inner dot
_HANDLE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.]*[A-Za-z0-9_]")
# "ivan.petrov[at]mail.ru", "ivan собака mail точка ru", "jo dot smith at gmail dot com"
_EMAIL_OBFUSCATED = re.compile(
    r"[\w.+-]+\s?(?:\[(?:at|собака)\]|\((?:at|собака)\)|\{at\})\s?[\w-]+"
    r"(?:(?:\.|\s?\[(?:dot|точка)\]\s?|\s?\((?:dot|точка)\)\s?|\s(?:dot|точка)\s)[\w-]+)+"
    r"|(?:[\w+-]+\s(?:dot|точка)\s)*[\w.+-]+\s(?:at|собака)\s[\w-]+(?:\s(?:dot|точка)\s[\w-]+)+"
    r"|[\w.+-]+\sсобака\s[\w-]+(?:\.[^\W\d_]{2,})+",
    re.IGNORECASE,
)
_OBFUSCATION_MARKS = ("at]", "at)", "{at}", "собака", " dot ", " точка ")
# UK National Insurance number: QQ 12 34 56 C
_NINO = re.compile(r"\b[A-Z]{2} ?\d\d ?\d\d ?\d\d ?[A-D]\b")
# Australian state and postcode: "Sydney NSW 2000"
_AU_POSTCODE = re.compile(r"\b(?:NSW|VIC|QLD|TAS|ACT|NT|SA|WA)\s+\d{4}\b")
# digits glued to letters ("вотсап79161234567"): the digit run alone
_GLUED_DIGITS = re.compile(r"(?<=[^\W\d_])\d{5,}|\d{5,}(?=[^\W\d_])")
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
# digit groups joined by single separators: phones, policies, SNILS, cards
_DIGIT_GROUPS = re.compile(r"(?<![\w.,/])\+?\(?\d[\d()]*(?:(?:[ \-.]|\) ?)\(?\d[\d()]*)*(?![\w])")
# HX4-920-551-07, AB-123456: letters and digits in hyphenated groups
_ALNUM_ID = re.compile(r"\b[A-Za-zА-Яа-яЁё]{1,4}-?\d[\dA-Za-z]*(?:[-/][\dA-Za-z]+)+\b")
_LETTER_DIGIT_ID = re.compile(r"\b[A-Za-z]{1,4}\d{5,}[A-Za-z]?\b")
_YEAR_RANGE = re.compile(r"^(?:19|20)\d\d\s?[-–]\s?(?:19|20)\d\d$")
_TRAILING_PUNCT = ".,;:)"
_INITIALS_AFTER = re.compile(r" ?(?:[A-ZА-ЯЁ]\. ?){1,2}(?=[\s,;:)!?]|$)")
_INITIALS_BEFORE = re.compile(r"(?<![\w.])(?:[A-ZА-ЯЁ]\. ?){1,2}$")
_VOWEL = re.compile(r"[aeiouy]")
_ELONGATED = re.compile(r"(.)\1{2,}")  # "sooo", "pleeease"
_BRITISH_ISE = re.compile(r"is(e|ed|es|ing|ation)$")  # realise -> realize
_BRITISH_LL = re.compile(r"ll(ed|ing|er|or)$")  # travelled -> traveled
_BRITISH_OUR = re.compile(r"our(?=s?$|ed$|ing$|ite|able|ful|hood|ist)")  # neighbour, favourite
_BRITISH_AE_OE = re.compile(r"(?<=\w\w)[ao]e(?=\w)")  # orthopaedic, manoeuvre; not "boe"
# end-of-line characters that would split one stored line into two
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class ScrubberConfigError(ValueError):
    """The scrubber's YAML data is missing or malformed; the message says file and line."""


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str


@dataclass(slots=True)
class _Token:
    text: str
    start: int
    end: int
    low: str  # lower case, ё -> е, ’ -> '
    cyrillic: bool
    cap: bool  # starts with a capital letter
    all_caps: bool
    alpha: bool  # only letters (and inner ' -): a name candidate at all


def _norm(word: str) -> str:
    return word.lower().replace("ё", "е").replace("’", "'")


def _tokens(text: str) -> list[_Token]:
    result = []
    for match in _WORD.finditer(text):
        word = match.group()
        letters = word.replace("'", "").replace("’", "").replace("-", "")
        result.append(
            _Token(
                text=word,
                start=match.start(),
                end=match.end(),
                low=_norm(word),
                cyrillic=bool(_CYRILLIC.search(word)),
                cap=word[0].isupper(),
                all_caps=len(letters) > 1 and word.isupper(),
                alpha=letters.isalpha(),
            )
        )
    return result


def _phrases(values: Iterable[str]) -> list[tuple[str, ...]]:
    """Cue phrases as tuples of normalised words, the way message tokens are compared."""
    result = []
    for value in values:
        words = tuple(_norm(m.group()) for m in _WORD.finditer(str(value)))
        if words:
            result.append(words)
    return result


def _alternation(values: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, with flexible punctuation between words."""
    parts = []
    for value in sorted({str(v) for v in values}, key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[\s.]+", value) if w]
        if words:
            parts.append(r"[\s.]*".join(words) + r"\.?")
    return "|".join(parts)


def _luhn(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char)
        if i % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


@dataclass
class _NameInfo:
    """What the Russian dictionary says about one word."""

    known: bool
    name: float  # probability mass of first-name and patronymic readings
    person: float  # ... of first name, patronymic and surname readings
    any_person: bool
    pos: str | None  # part of speech of the likeliest reading


@dataclass
class Scrubber:
    """Loaded once (``Scrubber.load``), then ``scrub`` is pure and safe to call on every message."""

    placeholders: dict[str, str]
    phone_regions: list[str]
    config: dict[str, Any]
    first_names: frozenset[str]
    today: datetime.date = field(default_factory=datetime.date.today)

    # ----------------------------------------------------------------- loading

    @classmethod
    def load(cls, content_dir: Path) -> Scrubber:
        """Read ``content_dir/privacy/*.yaml`` (or the privacy folder itself, if given that)."""
        folder = Path(content_dir)
        if not (folder / CONFIG_FILE).exists():
            folder = folder / "privacy"
        try:
            config_file = load_yaml(folder / CONFIG_FILE)
            names_file = load_yaml(folder / FIRST_NAMES_FILE)
        except YamlError as error:
            raise ScrubberConfigError(str(error)) from None
        config = config_file.data
        if not isinstance(config, dict):
            raise ScrubberConfigError(str(config_file.problem("expected a mapping")))
        placeholders = config.get("placeholders")
        if not isinstance(placeholders, dict) or set(PLACEHOLDER_KINDS) - set(placeholders):
            raise ScrubberConfigError(
                str(
                    config_file.problem(
                        f"placeholders must define {', '.join(PLACEHOLDER_KINDS)}", "placeholders"
                    )
                )
            )
        for section in ("numbers", "ids", "birth", "dates", "addresses", "names"):
            if not isinstance(config.get(section), dict):
                raise ScrubberConfigError(str(config_file.problem(f"missing section {section!r}")))
        groups = (names_file.data or {}).get("first_names")
        if not isinstance(groups, dict):
            raise ScrubberConfigError(str(names_file.problem("expected 'first_names:' with lists")))
        first_names = frozenset(_norm(str(n)) for group in groups.values() for n in group or ())
        scrubber = cls(
            placeholders={k: str(placeholders[k]) for k in PLACEHOLDER_KINDS},
            phone_regions=[str(r) for r in config.get("phone_regions", ["RU", "GB", "US"])],
            config=config,
            first_names=first_names,
        )
        scrubber._compile()
        return scrubber

    def _compile(self) -> None:
        cfg = self.config
        num, ids, birth, dates, addr, names = (
            cfg["numbers"],
            cfg["ids"],
            cfg["birth"],
            cfg["dates"],
            cfg["addresses"],
            cfg["names"],
        )
        self.min_id_digits = int(num.get("min_id_digits", 5))
        self.min_grouped_digits = int(num.get("min_grouped_digits", 7))
        self.units = frozenset(_norm(str(u)) for u in num.get("units", ()))
        self.unit_symbols = frozenset(str(u) for u in num.get("units", ()) if not str(u).isalnum())

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
            rf"(?<![\d\w])(?P<d>(?:{day}\s+(?:{months})\.?\s+|\d{{1,2}}[./-]\d{{1,2}}[./-])?{year})"
            rf"\s*(?:{_alternation(birth.get('after', ()))})(?![\w])",
            re.IGNORECASE,
        )
        self.any_full_date = re.compile(rf"(?<![\d\w])(?:{self.full_date})(?![\d])", re.IGNORECASE)
        self.old_date_years = int(dates.get("old_full_date_years", 12))
        self.event_cues = tuple(_norm(str(c)) for c in dates.get("event_cues", ()))

        fillers = _alternation(ids.get("fillers", ()))
        group = r"(?:[A-Za-zА-Яа-яЁё]{1,4}-?)?\d[\dA-Za-z]*"
        self.id_cue = re.compile(
            rf"(?<![\w])(?:{_alternation(ids.get('cues', ()))})(?![\w])"
            rf"(?:[\s:#№.,=-]*(?:{fillers})(?![\w]))*[\s:#№.,=-]*"
            rf"(?P<d>{group}(?:[ \-./]{{1,2}}{group})*)",
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
        self.address_cue = re.compile(
            rf"(?<![\w])(?:{_alternation(addr.get('cues', ()))})(?![\w])[\s:,-]*", re.IGNORECASE
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
        self.title_abbreviations = frozenset(
            _norm(str(w)) for w in names.get("title_abbreviations", ())
        )
        eponyms = [_norm(str(w)) for w in names.get("eponyms", ())]
        self.eponyms_latin = frozenset(w for w in eponyms if not _CYRILLIC.search(w))
        self.eponyms_cyrillic = tuple(w for w in eponyms if _CYRILLIC.search(w))
        self.eponym_heads = frozenset(_norm(str(w)) for w in names.get("eponym_heads", ()))
        self._morph_cache: dict[str, _NameInfo] = {}

    def prepare(self) -> None:
        """Open the Russian and English dictionaries now (about half a second) rather than
        on the first message that needs them."""
        _analyzer()
        _english_dictionary()

    # ----------------------------------------------------------------- scrubbing

    def scrub(self, text: str) -> str:
        """``text`` with personal data replaced by placeholders. Never raises."""
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        if not text:
            return text
        try:
            return self._render(text, self.find(text))
        except Exception:  # a crash here must not store the raw text
            return self._fallback(text)

    def find(self, text: str) -> list[Span]:
        """The personal-data spans of ``text``, sorted, non-overlapping."""
        taken: list[Span] = []
        for detector in (
            self._emails,
            self._urls,
            self._handles,
            self._id_cued,
            self._birth_dates,
            self._old_dates,
            self._cards,
            self._phones,
            self._cued_phones,
            self._addresses,
            self._long_numbers,
            self._names,
        ):
            for span in detector(text, taken):
                if span.end > span.start and not _overlaps(span, taken):
                    taken.append(span)
        taken.sort(key=lambda s: s.start)
        return taken

    def _render(self, text: str, spans: list[Span]) -> str:
        parts: list[str] = []
        position = 0
        last_kind = ""
        for span in spans:
            between = text[position : span.start]
            # "Марина Козлова" -> one [NAME], not two; "Flat 2B, 88 Queen's Road" -> one [ADDRESS]
            if (
                parts
                and span.kind == last_kind
                and (
                    (span.kind == "name" and not between.strip())
                    or (span.kind == "address" and between.strip() in ("", ","))
                )
            ):
                position = span.end
                continue
            parts.append(between)
            parts.append(self.placeholders[span.kind])
            position = span.end
            last_kind = span.kind
        parts.append(text[position:])
        return "".join(parts)

    def _fallback(self, text: str) -> str:
        """Crude but safe: no digits and no capitalised words survive."""
        text = re.sub(r"\d[\d\s().+-]*", self.placeholders["id"], text)
        text = re.sub(r"\S+@\S+", self.placeholders["email"], text)
        return re.sub(
            r"\b[^\W\d_][^\W\d_]+\b",
            lambda m: self.placeholders["name"] if m.group()[0].isupper() else m.group(),
            text,
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
        for m in _WORD.finditer(text, start, end_of_clause):
            gap = text[start if last_digit_end is None else m.start() : m.start()]
            if "\n" in gap:
                break
            if m.group().lower() in self.address_stop:
                break
            if any(c.isdigit() for c in m.group()):
                last_digit_end = m.end()
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
        for pattern in (_ALNUM_ID, _LETTER_DIGIT_ID):
            for m in pattern.finditer(text):
                if sum(c.isdigit() for c in m.group()) >= self.min_id_digits:
                    yield Span(m.start(), m.end(), "id")
        for m in _NINO.finditer(text):
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
        return bool(word) and _norm(word.group()) in self.units

    # ----------------------------------------------------------------- names

    def _names(self, text: str, taken: list[Span]) -> Iterator[Span]:
        tokens = [t for t in _tokens(text) if not _inside(t.start, t.end, taken)]
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
                if kind == "title":
                    after_title[j] = True
                # "Dr. van der Berg": lower-case particles are skipped (and masked) to the surname
                particles = []
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

        # 2. words that are names by themselves, or a capitalised word after initials ("J. Smith")
        for i, token in enumerate(tokens):
            if masked[i] or protected[i]:
                continue
            initials = token.cap and _INITIALS_BEFORE.search(
                text[max(0, token.start - 8) : token.start]
            )
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

        # 4. a signature at the very end: "..., Priya" / "- Tom"
        self._mark_signature(tokens, masked, protected, text)

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
            return info.person >= 0.5 or token.low in self.first_names
        if (
            kind == "relation"
            and cue in self.dictionary_cues
            and token.low in self.names_after_cue_en
            and token.low not in self.not_names_en
        ):
            return True  # "my husband mark", but "my wife will come"
        if token.low in self.not_names_en:
            return token.cap and token.low in self.names_after_cue_en
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
            if token.low not in self.first_names or token.low in self.not_names_en:
                return False
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
            return False
        if token.cap:
            if token.all_caps or _sentence_start(text, token.start):
                return info.person >= 0.5
            return info.any_person
        # lower-case: only words that are almost surely a first name or a patronymic ("анна")
        return info.name >= 0.9

    def _is_name_neighbour(self, token: _Token, after: bool, unknown_word_ok: bool = False) -> bool:
        if not token.alpha or len(token.low) < 2:
            return False
        if not token.cyrillic:
            if token.low in self.not_names_en:
                return False
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
        return not self._english_word(_ELONGATED.sub(r"\1", low))

    def _english_word(self, low: str) -> bool:
        """Is this lower-case Latin word an English word (or a form of one), not a name?"""
        dictionary = _english_dictionary()
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

    def _mark_before_suffix(
        self, tokens: list[_Token], i: int, masked: list[bool], protected: list[bool], text: str
    ) -> None:
        """'Liam Walsh here': the capitalised words before the cue, if they look like a name."""
        run: list[int] = []
        j = i - 1
        while j >= 0 and len(run) < 3:
            token = tokens[j]
            gap = text[token.end : tokens[j + 1].start] if j + 1 <= i else ""
            if not _NAME_GAP.fullmatch(gap) or not token.cap or not token.alpha or protected[j]:
                break
            if (token.low in self.not_names_en) or (token.low in self.not_names_ru):
                break
            run.insert(0, j)
            if _sentence_start(text, token.start):
                break
            j -= 1
        if not run:
            return
        first = tokens[run[0]]
        before = text[: first.start].rstrip()
        after_cue = text[tokens[i].end : tokens[i].end + 2].strip()
        plausible = (
            len(run) >= 2
            or after_cue[:1] in (",", "-", "—", "–", "!", ":", ".")
            or any(tokens[k].low in self.first_names for k in run)
            or before.endswith((",", "-", "—", ":"))
            or (any(tokens[k].cyrillic for k in run) and self._morph(first.low).any_person)
        )
        if plausible:
            for k in run:
                masked[k] = True

    def _mark_signature(
        self, tokens: list[_Token], masked: list[bool], protected: list[bool], text: str
    ) -> None:
        tail: list[int] = []
        k = len(tokens) - 1
        if k < 0 or text[tokens[k].end :].strip(" \t\r\n.!)") != "":
            return
        while k >= 0 and len(tail) < 3 and tokens[k].cap and tokens[k].alpha and not protected[k]:
            tail.insert(0, k)
            gap = text[tokens[k - 1].end : tokens[k].start] if k > 0 else ""
            if not _NAME_GAP.fullmatch(gap):
                break
            k -= 1
        if not tail:
            return
        first = tokens[tail[0]]
        lead = text[: first.start].rstrip(" \t")
        if not lead or lead[-1] not in ",-—–\n":
            return
        for idx in tail:
            if not self._is_name_neighbour(tokens[idx], after=True):
                return
        for idx in tail:
            masked[idx] = True

    def _is_eponym(self, tokens: list[_Token], i: int, text: str) -> bool:
        token = tokens[i]
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

    def _morph(self, word: str) -> _NameInfo:
        info = self._morph_cache.get(word)
        if info is None:
            info = _analyse(word)
            if len(self._morph_cache) > 200_000:  # a bound, so a flood of junk words cannot grow it
                self._morph_cache.clear()
            self._morph_cache[word] = info
        return info


# --------------------------------------------------------------------- helpers


@lru_cache(maxsize=1)
def _english_dictionary() -> Any:
    """Webster's Second (public domain, from the english-words package) as a DAWG: about 0.3 s
    to build on first use, about 10 MiB instead of the 35 of a set."""
    import dawg
    from english_words import get_english_words_set

    # entries in lower case only: "edna", "patel" are in it as proper names, capitalised
    words = get_english_words_set(["web2"], alpha=True)
    return dawg.DAWG(word for word in words if word[:1].islower())


def _base_forms(word: str) -> Iterator[str]:
    """The word and what it may be an inflection of ("said", "thinks" -> "think", "stopped" ->
    "stop", "taking" -> "take", "didn't" -> "did"): the dictionary lists base forms only."""
    yield word
    if "'" in word:
        head, _, tail = word.partition("'")
        if tail == "t" and head.endswith("n"):  # "didn't" -> "did", "can't" -> "can"
            yield head
            yield head[:-1]
        elif tail in ("s", "re", "ve", "ll", "d", "m"):  # not "o'malley"
            yield head
        return
    for suffix, replacement in (
        ("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
        ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("er", "e"), ("est", ""), ("est", "e"),
    ):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + replacement
            yield base
            if not replacement and len(base) > 3 and base[-1] == base[-2]:  # "stopped"
                yield base[:-1]


def _american(word: str) -> str:
    """The dictionary is American: "neighbour", "orthopaedic", "centre", "counsellor"."""
    word = _BRITISH_OUR.sub("or", word)
    word = _BRITISH_AE_OE.sub("e", word)
    word = _BRITISH_LL.sub(r"l\1", _BRITISH_ISE.sub(r"iz\1", word))
    return word[:-3] + "ter" if word.endswith("tre") else word


def _bare(word: str) -> str:
    """A word without its possessive: "patel's" -> "patel"."""
    return word[:-2] if word.endswith("'s") else word


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    import pymorphy3  # loaded on first use: ~0.1 s, and only the scrubber needs it

    return pymorphy3.MorphAnalyzer(lang="ru")


def _analyse(word: str) -> _NameInfo:
    morph = _analyzer()
    known = morph.word_is_known(word)
    name = person = 0.0
    any_person = False
    parses = morph.parse(word)
    for parse in parses:
        grammemes = parse.tag.grammemes
        if "Name" in grammemes or "Patr" in grammemes:
            name += parse.score
            person += parse.score
            any_person = True
        elif "Surn" in grammemes:
            person += parse.score
            any_person = True
    pos = parses[0].tag.POS if parses else None
    return _NameInfo(known=known, name=name, person=person, any_person=any_person, pos=pos)


def _cued_number(cue: re.Pattern[str], text: str, strip: str, kind: str) -> Iterator[Span]:
    """The number a cue introduces (its group ``d``), without trailing separators, if it has
    four digits or more."""
    for m in cue.finditer(text):
        value = m.group("d").rstrip(strip)
        if sum(c.isdigit() for c in value) >= 4:
            yield Span(m.start("d"), m.start("d") + len(value), kind)


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in taken)


def _inside(start: int, end: int, taken: list[Span]) -> bool:
    return any(start < other.end and other.start < end for other in taken)


def _phrase_at(tokens: list[_Token], i: int, phrase: tuple[str, ...], text: str) -> bool:
    if i + len(phrase) > len(tokens):
        return False
    for k, word in enumerate(phrase):
        if tokens[i + k].low != word:
            return False
        if k and not _CUE_GAP.fullmatch(text[tokens[i + k - 1].end : tokens[i + k].start]):
            return False
    return True


def _sentence_start(text: str, position: int) -> bool:
    """True at the start of the text or of a sentence (after . ! ? … or a line break)."""
    k = position - 1
    while k >= 0 and (text[k].isspace() or text[k] in "\"'«»“”„([-—–*"):
        if text[k] in "\n\r":
            return True
        k -= 1
    return k < 0 or text[k] in _SENTENCE_END


def single_line(text: str) -> str:
    """``text`` with line-break characters turned into spaces: one stored line per message."""
    return _LINE_BREAKS.sub(" ", text)
