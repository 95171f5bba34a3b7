"""The dictionaries the matcher and the scrubber both ask, one copy of each per process.

- Russian morphology: one pymorphy3 ``MorphAnalyzer`` (about 16 MiB each; the matcher and the
  scrubber used to open one each).
- Snowball stemmers (PyStemmer), one per language.
- English words: Webster's Second from the english-words package, lower-case entries only, as
  a DAWG. The package ships it as a pickled set: unpickled and turned into a DAWG inside the
  bot, the set's 35 MiB are freed but the process keeps most of the pages (measured: +7 to
  +11 MiB of RSS for a 1 MiB DAWG). So a child process builds it, on first use, and hands
  the DAWG's bytes back; here it costs about 1 MiB. Nothing is downloaded.

pymorphy3 and PyStemmer do not document their objects as thread-safe: callers hold
``MORPHOLOGY_LOCK`` / the stemmer's lock around a call (``stem`` does).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

MORPHOLOGY_LOCK = threading.Lock()
_STEM_LOCK = threading.Lock()
_SNOWBALL_NAMES = {"ru": "russian", "en": "english"}

# Run in a child interpreter: the DAWG of the lower-case entries, as bytes on stdout.
_BUILD_ENGLISH = """
import sys, dawg
from english_words import get_english_words_set
words = get_english_words_set(["web2"], alpha=True)
sys.stdout.buffer.write(dawg.DAWG(w for w in words if w[:1].islower()).tobytes())
"""


def cache_folder() -> Path | None:
    """Where what the bot builds from its packages at run time is kept between starts:
    ``BOT_CACHE_DIR`` (deploy/ sets it), else ``~/.cache/backpain-triage-bot``; None when there
    is no home. Never the checkout or the installed package, which may be read-only. Whatever
    is kept there is checked against its source and built again when missing or stale."""
    configured = os.environ.get("BOT_CACHE_DIR", "").strip()
    if configured:
        return Path(configured)
    try:
        return Path.home() / ".cache" / "backpain-triage-bot"
    except RuntimeError:  # no $HOME and no entry in the password database
        return None


@lru_cache(maxsize=1)
def russian_morphology() -> Any:
    """pymorphy3's Russian analyser (its own dictionaries are DAWG files, mapped compactly)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=50_000)  # bounded, so a flood of junk words cannot grow it
def russian_parses(word: str) -> tuple[tuple[Any, ...], bool]:
    """pymorphy3's readings of a Russian word, and whether its dictionary knows the word:
    once per word, under the lock."""
    morph = russian_morphology()
    with MORPHOLOGY_LOCK:
        return tuple(morph.parse(word)), bool(morph.word_is_known(word))


@cache
def _stemmer(lang: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer(_SNOWBALL_NAMES[lang])


def snowball_stem(word: str, lang: str) -> str:
    """The Snowball stem of ``word`` in ``lang`` ("ru" or "en")."""
    stemmer = _stemmer(lang)
    with _STEM_LOCK:
        return str(stemmer.stemWord(word))


@lru_cache(maxsize=1)
def english_words() -> Any:
    """Webster's Second's lower-case entries as a ``dawg.DAWG`` (``word in english_words()``);
    lower-case only because "edna", "patel" are in it as proper names, capitalised.

    About 1 s on first use, in a child process; in the same process only if that fails.
    """
    import dawg

    try:
        built = subprocess.run(
            [sys.executable, "-c", _BUILD_ENGLISH], capture_output=True, check=True, timeout=120
        )
        return dawg.DAWG().frombytes(built.stdout)
    except (OSError, subprocess.SubprocessError):  # no interpreter to start, bytes unreadable
        from english_words import get_english_words_set

        words = get_english_words_set(["web2"], alpha=True)
        return dawg.DAWG(word for word in words if word[:1].islower())
