"""Which language a word or a message is in, and the Snowball stem of a word.

The language of a word is its script: Cyrillic words are Russian, Latin words English.
A message is Russian when it has more Cyrillic letters than Latin ones; the matcher still
reads every word with its own language, so mixed messages work either way.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import Stemmer

LANGUAGES: tuple[str, ...] = ("ru", "en")
_STEMMERS: dict[str, Stemmer.Stemmer] = {
    "ru": Stemmer.Stemmer("russian"),
    "en": Stemmer.Stemmer("english"),
}
# PyStemmer documents its stemmer objects as not thread-safe: one call at a time
_STEM_LOCK = threading.Lock()


def word_language(word: str) -> str | None:
    """ "ru" for a Cyrillic word, "en" for a Latin one, None for digits or other scripts."""
    for char in word:
        if "\u0400" <= char <= "\u04ff":
            return "ru"
        if "a" <= char <= "z" or "A" <= char <= "Z":
            return "en"
    return None


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a folded word, by its script; other words stay as they are."""
    lang = word_language(word)
    if lang is None:
        return word
    with _STEM_LOCK:
        return str(_STEMMERS[lang].stemWord(word))


def detect_language(words: list[str], default: str = "ru") -> str:
    """The language of a message: the script of most of its words, then of its letters.

    Words first, so that one long borrowed term ("sciatica") does not outweigh a short
    Russian sentence; letters break ties; ``default`` when there are no letters at all.
    """
    counts = {"ru": [0, 0], "en": [0, 0]}  # words, letters
    for word in words:
        lang = word_language(word)
        if lang is not None:
            counts[lang][0] += 1
            counts[lang][1] += len(word)
    if counts["ru"] == counts["en"]:
        return default
    return "ru" if counts["ru"] > counts["en"] else "en"
