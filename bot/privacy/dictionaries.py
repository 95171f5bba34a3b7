"""The dictionaries the name detector asks: pymorphy3's Russian one (is this word a first name,
a surname, a place?) and an English word list (is this lower-case Latin word a word or a name?).
Both are shared with the matcher (bot/dictionaries.py): one copy per process."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bot.dictionaries import russian_parses
from bot.privacy.patterns import _BRITISH_AE_OE, _BRITISH_ISE, _BRITISH_LL, _BRITISH_OUR


@dataclass
class _NameInfo:
    """What the Russian dictionary says about one word."""

    known: bool
    name: float  # probability mass of first-name and patronymic readings
    person: float  # ... of first name, patronymic and surname readings
    any_person: bool
    pos: str | None  # part of speech of the likeliest reading
    place: float = 0.0  # probability mass of place-name readings (Geox): "Марьино", "Лобня"
    lemma: str = ""  # dictionary form of the likeliest reading
    place_lemmas: frozenset[str] = frozenset()  # dictionary forms of its place-name readings
    # is one of its readings a first name in its dictionary form, however unlikely («света»:
    # mostly «свет», but also the name)?
    a_first_name: bool = False


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


def _analyse(word: str) -> _NameInfo:
    parses, known = russian_parses(word)
    name = person = 0.0
    any_person = False
    place = 0.0
    place_lemmas: set[str] = set()
    a_first_name = False
    for parse in parses:
        grammemes = parse.tag.grammemes
        if "Name" in grammemes and "nomn" in grammemes:
            a_first_name = a_first_name or parse.normal_form.replace("ё", "е") == word

        if "Geox" in grammemes:
            place += parse.score
            place_lemmas.add(parse.normal_form.replace("ё", "е"))
        if "Name" in grammemes or "Patr" in grammemes:
            name += parse.score
            person += parse.score
            any_person = True
        elif "Surn" in grammemes:
            person += parse.score
            any_person = True
    pos = parses[0].tag.POS if parses else None
    lemma = parses[0].normal_form if parses else word
    return _NameInfo(
        known=known,
        name=name,
        person=person,
        any_person=any_person,
        pos=pos,
        place=place,
        lemma=lemma.replace("ё", "е"),
        place_lemmas=frozenset(place_lemmas),
        a_first_name=a_first_name,
    )
