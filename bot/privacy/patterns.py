"""What every detector of the scrubber shares: the regular expressions that need no
configuration, the message's words as tokens, spans, and small text helpers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

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
    r"|[\w.+-]+\sсобака\s[\w-]+(?:\.[^\W\d_]{2,})+"
    # "p.nowak at gmail.com": a plain " at " only before a mail domain's usual endings
    r"|[\w.+-]{2,}\sat\s[\w-]+(?:\.[\w-]+)*\.(?:com|ru|net|org|uk|me|io|de|ua|by|kz|info|biz|edu|fr"
    r"|pl|it|es|nl|ie|ca|au|in|eu|us|co)(?![\w])",
    re.IGNORECASE,
)
_OBFUSCATION_MARKS = ("at]", "at)", "{at}", "собака", " dot ", " точка ", " at ")
# UK National Insurance number: QQ 12 34 56 C, also typed in lower case or with dashes; two
# letters, three pairs of digits and a letter A-D is no dose, level or count in any case
_NINO = re.compile(r"\b[A-Z]{2}[ -]?\d\d[ -]?\d\d[ -]?\d\d[ -]?[A-D]\b", re.IGNORECASE)
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


@dataclass(frozen=True, slots=True)
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
    """The words of ``text``. Each detector asks for them again (about 20 times a message), so
    the last few messages' words are kept; the tokens are frozen, the list is the caller's."""
    return list(_tokenise(text))


@lru_cache(maxsize=8)
def _tokenise(text: str) -> tuple[_Token, ...]:
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
    return tuple(result)


def _phrases(values: Iterable[str]) -> list[tuple[str, ...]]:
    """Cue phrases as tuples of normalised words, the way message tokens are compared."""
    result = []
    for value in values:
        words = tuple(_norm(m.group()) for m in _WORD.finditer(str(value)))
        if words:
            result.append(words)
    return result


def _by_first_word(values: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """Cue phrases by their first word, so that each token is compared with the few it can
    start rather than with the whole list."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in _phrases(values):
        index.setdefault(phrase[0], []).append(phrase)
    return index


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


def _free_tokens(text: str, taken: list[Span]) -> list[_Token]:
    """The words of ``text`` that no span covers: one pass over both, sorted, so that a message
    of thousands of words with hundreds of spans costs no more than their sum."""
    spans = sorted(taken, key=lambda s: s.start)
    result = []
    k = 0
    for token in _tokens(text):
        while k < len(spans) and spans[k].end <= token.start:
            k += 1
        # spans overlap nothing else, so only the next one (by start) can cover this token
        if k < len(spans) and spans[k].start < token.end:
            continue
        result.append(token)
    return result


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
