"""Which language a word or a message is in, and the Snowball stem of a word.

The language of a word is its script: Cyrillic words are Russian, Latin words English.
A message is Russian when it has more Cyrillic letters than Latin ones; the matcher still
reads every word with its own language, so mixed messages work either way.
"""

from __future__ import annotations

from functools import lru_cache

from bot.dictionaries import snowball_stem

LANGUAGES: tuple[str, ...] = ("ru", "en")


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
    return snowball_stem(word, lang)


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
