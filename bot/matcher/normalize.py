"""Text normalisation shared by the symptom matcher and the engine's option matching.

``normalize(text)`` is the engine's entry point (typed answers against button labels);
``tokenize(text)`` is the matcher's: it keeps each word's place in the original text (for
evidence) and turns clause punctuation into boundary tokens (negation scope stops there).
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

# Telegram's longest message. Longer text (the terminal, a paste) is cut here for matching, so
# that the time a message takes stays bounded; everything a Telegram user can send is read.
MAX_TEXT_CHARS = 4096

# Latin letters that look like Cyrillic ones and back: people (and keyboards with two
# layouts) mix them inside one word, e.g. "бoль" with a Latin "o".
_LATIN_TO_CYRILLIC = str.maketrans("aeopcxykmthb", "аеорсхукмтнв")
_CYRILLIC_TO_LATIN = str.maketrans("аеорсхукмтнв", "aeopcxykmthb")
_LOOKALIKE_CYRILLIC = frozenset("аеорсхукмтнв")
_LOOKALIKE_LATIN = frozenset("aeopcxykmthb")

# three or more of the same letter ("болиииит", "soooo") are emphasis, not spelling;
# legitimate doubles ("feel", "ванна") stay as they are
_REPEATS = re.compile(r"(\w)\1{2,}", re.UNICODE)
# apostrophes inside words are dropped so that "can't" / "cant" / "can`t" are one word
_APOSTROPHES = re.compile(r"(?<=\w)['’`ʼ‘](?=\w)")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)

# a token: a decimal number ("38,9"), a word (letters, digits, inner hyphens are split
# later), or clause punctuation
_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+(?:['’`ʼ‘][^\W\d_]+)*|[.,;:!?()…—–]|\s-\s|\n")


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _is_latin(char: str) -> bool:
    return "a" <= char <= "z"


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """One lower-case word in its canonical spelling.

    ё -> е, emphasis repeats collapsed, and stray look-alike letters of the other script
    replaced by the script that dominates the word.
    """
    word = unicodedata.normalize("NFC", word.lower()).replace("ё", "е")
    word = _APOSTROPHES.sub("", word)
    word = _REPEATS.sub(r"\1", word)
    cyrillic = sum(1 for c in word if _is_cyrillic(c))
    latin = sum(1 for c in word if _is_latin(c))
    if cyrillic and latin:
        # a word with any letter that exists only in Cyrillic is Cyrillic ("бoль");
        # otherwise the majority decides
        only_cyrillic = any(_is_cyrillic(c) and c not in _LOOKALIKE_CYRILLIC for c in word)
        only_latin = any(_is_latin(c) and c not in _LOOKALIKE_LATIN for c in word)
        if only_cyrillic and not only_latin:
            word = word.translate(_LATIN_TO_CYRILLIC)
        elif only_latin and not only_cyrillic:
            word = word.translate(_CYRILLIC_TO_LATIN)
        elif cyrillic >= latin:
            word = word.translate(_LATIN_TO_CYRILLIC)
        else:
            word = word.translate(_CYRILLIC_TO_LATIN)
    return word


def normalize(text: str) -> str:
    """Lower-case, ё -> е, punctuation and emoji -> spaces, single spaces, folded words."""
    text = _APOSTROPHES.sub("", text)
    return " ".join(fold_word(word) for word in _NON_WORD.sub(" ", text).split())


class Kind(Enum):
    WORD = "word"
    NUMBER = "number"
    BOUNDARY = "boundary"  # clause punctuation


class Token(NamedTuple):  # a tuple: made for every word of every message, so cheap to make
    text: str  # folded form ("боль", "38.9", ",")
    kind: Kind
    start: int  # offsets into the original text, for evidence
    end: int


# distinct words kept in each per-word cache; the vocabulary of patients is small
CACHE_LIMIT = 50_000
_TOKEN_CACHE_LIMIT = 65536
# raw token -> (its folded text, its kind): a running bot sees the same words again and again
_token_texts: dict[str, tuple[str, Kind]] = {}


def _token_text(raw: str) -> tuple[str, Kind]:
    if raw[0].isdigit():
        found = (raw.replace(",", "."), Kind.NUMBER)
    elif raw[0].isalpha() or raw[0] == "_":
        found = (fold_word(raw), Kind.WORD)
    else:
        found = (raw.strip() or "\n", Kind.BOUNDARY)
    if len(_token_texts) >= _TOKEN_CACHE_LIMIT:
        _token_texts.clear()  # bounded; refilled by the words of the next messages
    _token_texts[raw] = found
    return found


def tokenize(text: str) -> list[Token]:
    """Words, numbers and clause punctuation of ``text``; emoji and symbols are skipped."""
    tokens: list[Token] = []
    append = tokens.append
    known = _token_texts.get
    find = text.find
    new_tuple = tuple.__new__  # Token(...) without the Python-level __new__
    end = 0
    # the raw tokens in C, each one's place by ``find`` from the end of the one before: no
    # token can begin earlier, as the pattern would have matched there first
    for raw in _TOKEN.findall(text):
        folded, kind = known(raw) or _token_text(raw)
        start = find(raw, end)
        end = start + len(raw)
        append(new_tuple(Token, (folded, kind, start, end)))
    return tokens


# How a word sounds, for typos made by ear: unstressed Russian vowels (о/а, е/и/я), voiced
# and unvoiced consonant pairs (ж/ш, д/т), silent letters, doubled letters; in English the
# consonant skeleton ("bottm" ~ "bottom", "privats" ~ "privates").
_RU_SOUNDS = str.maketrans("оеяэыюёбвгджзщъь", "аиииiуипфктшсш--")
_RU_CLUSTERS = (
    ("ться", "ца"),
    ("тся", "ца"),
    ("вств", "ств"),
    ("тьс", "ц"),
    ("тс", "ц"),
    ("дс", "ц"),
)
_EN_SOUNDS = str.maketrans("ckqzy", "kkkse")
_DOUBLES = re.compile(r"(\w)\1+", re.UNICODE)


@lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """A spelling-free key of a word: two words with one key sound alike."""
    if any(_is_cyrillic(c) for c in word):
        key = word
        for cluster, sound in _RU_CLUSTERS:
            key = key.replace(cluster, sound)
        key = key.translate(_RU_SOUNDS).replace("i", "и").replace("-", "")
        return _DOUBLES.sub(r"\1", key)
    key = _DOUBLES.sub(r"\1", word.replace("ck", "k").translate(_EN_SOUNDS))
    return key[:1] + "".join(c for c in key[1:] if c not in "aeiou")
