"""Words typed with the keyboard in the other layout: Russian typed on the English layout
("jytvtkf ghjvt;yjcnm" is «онемела промежность») and English on the Russian one («сфте зуу»
is "cant pee"). A word is switched only when it is no word of its own script and its
switched form is a word the dictionary knows, so ordinary text is never touched."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from bot.matcher.morphology import is_real_word

# the same keys of the two standard layouts (QWERTY and ЙЦУКЕН), lower case
_LATIN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
_CYRILLIC_KEYS = "йцукенгшщзхъфывапролджэячсмитьбюё"
_TO_CYRILLIC = str.maketrans(_LATIN_KEYS, _CYRILLIC_KEYS)
_TO_LATIN = str.maketrans(_CYRILLIC_KEYS, _LATIN_KEYS)
MIN_LETTERS = 3  # "jy" / «зу» are too short to tell a layout slip from an abbreviation

# the letter rows of each layout: a key's neighbours are left and right of it in its row
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")
_NEIGHBOURS = frozenset(
    pair
    for row in _ROWS
    for left, right in pairwise(row)
    for pair in ((left, right), (right, left))
)

# a run of keys of one layout, with the punctuation keys that are letters in the other one
_LATIN_RUN = re.compile(r"[a-z;'\[\]`,.]*[a-z][a-z;'\[\]`,.]*")
_CYRILLIC_RUN = re.compile(r"[а-яё]+")
_SPLIT = re.compile(r"(\s+)")
# real punctuation that may end a word typed in the other layout: "jytvtkf," or "jytvtkf."
_TRAILING = ",.;"


_UNSEEN = object()
_CHUNK_CACHE_LIMIT = 65536
# raw chunk between spaces -> whether it is a word typed in the other layout
_chunk_switches: dict[str, bool] = {}


def _chunk_switches_layout(chunk: str) -> bool:
    found = _switched(chunk.lower().rstrip("?!")) is not None
    if len(_chunk_switches) >= _CHUNK_CACHE_LIMIT:
        _chunk_switches.clear()  # bounded; refilled by the words of the next messages
    _chunk_switches[chunk] = found
    return found


def switch_layout(text: str) -> str:
    """The text with every word typed in the other layout switched back."""
    if len(text) < MIN_LETTERS:
        return text
    # almost every message has no such word: one cached look-up per chunk tells
    known = _chunk_switches.get
    for chunk in text.split():
        found = known(chunk, _UNSEEN)
        if found is True or (found is _UNSEEN and _chunk_switches_layout(chunk)):
            break
    else:
        return text
    parts = _SPLIT.split(text)
    changed = False
    for index in range(0, len(parts), 2):
        chunk = parts[index].lower()
        word = chunk.rstrip("?!")
        switched = _switched(word)
        if switched is not None:
            parts[index] = switched + chunk[len(word) :]
            changed = True
    if not changed:
        return text
    # beside a switched word, short ones were typed the same way: "yt" «не», "d" «в»
    for index in range(0, len(parts), 2):
        chunk = parts[index].lower()
        if 0 < len(chunk) < MIN_LETTERS and _LATIN_RUN.fullmatch(chunk):
            cyrillic = chunk.translate(_TO_CYRILLIC)
            if cyrillic.isalpha() and is_real_word(cyrillic):
                parts[index] = cyrillic
    return "".join(parts)


@lru_cache(maxsize=65536)
def _switched(chunk: str) -> str | None:
    if len(chunk) < MIN_LETTERS:
        return None
    if _LATIN_RUN.fullmatch(chunk):
        if is_real_word(chunk.strip(_TRAILING)):
            return None
        bare = chunk.rstrip(_TRAILING)
        for body, tail in ((chunk, ""), (bare, chunk[len(bare) :])):
            cyrillic = body.translate(_TO_CYRILLIC)
            if len(cyrillic) >= MIN_LETTERS and cyrillic.isalpha() and is_real_word(cyrillic):
                return cyrillic + tail
        return None
    if _CYRILLIC_RUN.fullmatch(chunk) and not is_real_word(chunk):
        latin = chunk.translate(_TO_LATIN)
        if latin.isalpha() and is_real_word(latin):
            return latin
    return None


def next_keys(first: str, second: str) -> bool:
    """Whether two letters are neighbours in a row of the keyboard ("e" and "w", «н» and «г»):
    a slip of the finger turns one into the other."""
    return (first, second) in _NEIGHBOURS
