"""What the matcher asks of dictionaries: Russian lemmas, whether a word is a real word, and
Latin-script Russian turned back into Cyrillic.

- Russian lemmas come from pymorphy3, so that one phrase covers every person and form of a
  verb: "не могу / не может / не могут" all have the lemma "мочь".
- A word that a dictionary knows (pymorphy3 for Russian, Webster's Second for English) is
  never read as a typo of a symptom word: "понял" is not "поднял".
- "onemela promezhnost" is Russian typed in Latin letters: cyrtranslit turns it back.

Every answer is cached per word: the vocabulary of patients is small, and a dictionary
look-up costs microseconds that a 40-word message must not pay forty times.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import Any

from bot.dictionaries import MORPHOLOGY_LOCK, english_words, russian_morphology


def _cyrillic_parses(word: str) -> list[Any]:
    """pymorphy3's readings of a Cyrillic word, the likeliest first; none for any other word."""
    if not any("\u0400" <= c <= "\u04ff" for c in word):
        return []
    with MORPHOLOGY_LOCK:
        return list(russian_morphology().parse(word))


@lru_cache(maxsize=65536)
def lemmas(word: str) -> tuple[str, ...]:
    """The normal forms of a Cyrillic word, the likeliest first ("может" -> "мочь", ...)."""
    with MORPHOLOGY_LOCK:
        parses = russian_morphology().parse(word)
    seen: list[str] = []
    for parse in parses[:4]:
        if parse.normal_form not in seen:
            seen.append(parse.normal_form)
    return tuple(seen)


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The likeliest normal form (for the words of the lexicon's phrases)."""
    found = lemmas(word)
    return found[0] if found else word


_ENGLISH_ENDINGS = ("s", "es", "ed", "d", "ing", "er", "est", "ly", "ies", "ied")
_DOUBLING_ENDINGS = frozenset(("ed", "ing", "er", "est"))
_VOWEL_LETTERS = frozenset("aeiou")


def _doubles_last(base: str) -> bool:
    """Whether English doubles the last letter of ``base`` before -ing / -ed: one syllable
    ending in a consonant after a single vowel ("drag", "stop", "trip"; not "feel", "fix")."""
    if len(base) < 3 or base[-1] in _VOWEL_LETTERS or base[-1] in "wxy":
        return False
    if base[-2] not in _VOWEL_LETTERS or base[-3] in _VOWEL_LETTERS:
        return False
    syllables = sum(
        1
        for i, c in enumerate(base)
        if c in _VOWEL_LETTERS and (i == 0 or base[i - 1] not in _VOWEL_LETTERS)
    )
    return syllables == 1


@lru_cache(maxsize=65536)
def is_real_word(word: str) -> bool:
    """Whether a dictionary knows the word (or, in English, a base form of it)."""
    if any("\u0400" <= c <= "\u04ff" for c in word):
        with MORPHOLOGY_LOCK:
            return bool(russian_morphology().word_is_known(word))
    english = english_words()
    if word in english:
        return True
    for ending in _ENGLISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            if base + "e" in english or base + "y" in english:
                return True
            if base in english:
                # "draging", "stoped": a short word that doubles its last consonant before
                # -ing / -ed ("dragging") is misspelt without it, a typo to be read as meant
                return not (ending in _DOUBLING_ENDINGS and _doubles_last(base))
            if len(base) > 3 and base[-1] == base[-2] and base[:-1] in english:
                return True  # "stopped" -> "stop"
    return False


# informal spellings cyrtranslit reads otherwise: "j" between vowels is the й-series
# ("chuvstvuju", "holodnaja": ю, я), not ж ("jopa", "jivot" keep it); "kh" is one letter,
# х ("kholodnaya")
_INFORMAL_TRANSLIT = re.compile(r"(?<=[aeiouy])j(?=[aeou])|kh")


# letters informal transliteration uses for more than one Russian letter, and what each may
# be: "y" after a consonant is ы or и ("vyhodit", "nogi"), "c" is ц or к ("zadnica", "cvet"),
# "ts" is тс or ц ("otsizhennaya", "ulitsa"), "sh" is ш, щ or с-х ("chashe", "oshushenie",
# "shodit"), "sch" is щ or сч ("schas", "schitat")
_AMBIGUOUS = re.compile(r"shch|shh|sch|sh|ts|cz|c(?![hkz])|(?<![aeiouy'])y(?![aeouy'])")
_READINGS: dict[str, tuple[str, ...]] = {
    "shch": ("щ",),
    "shh": ("щ",),
    "sch": ("щ", "сч"),
    "sh": ("ш", "щ", "сх"),
    "ts": ("тс", "ц"),
    "cz": ("ц",),
    "c": ("ц", "к"),
    "y": ("ы", "и"),
}
_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")
MAX_READINGS = 32  # a word with more ambiguous letters keeps the first readings only


@lru_cache(maxsize=65536)
def plain_cyrillic(word: str) -> str:
    """A Latin word letter by letter in Cyrillic, with no dictionary asked ("mocha" ->
    "моча"): whether a word English knows may be a Russian one typed in Latin letters."""
    import cyrtranslit

    word = _INFORMAL_TRANSLIT.sub(lambda m: "y" if m.group() == "j" else "h", word)
    return str(cyrtranslit.to_cyrillic(word, "ru"))


@lru_cache(maxsize=65536)
def cyrillic_readings(word: str) -> tuple[str, ...]:
    """The ways a Latin-script Russian word reads in Cyrillic, those a dictionary knows, the
    likeliest spelling first ("zadnica" -> "задница", "chashe" -> "чаше", "чаще"); the first
    reading alone when the dictionary knows none."""
    import cyrtranslit

    word = _INFORMAL_TRANSLIT.sub(lambda m: "y" if m.group() == "j" else "h", word)
    parts = [str(cyrtranslit.to_cyrillic(part, "ru")) for part in _AMBIGUOUS.split(word)]
    sites = _AMBIGUOUS.findall(word)
    readings: list[str] = []
    for choice in itertools.islice(
        itertools.product(*(_READINGS[site] for site in sites)), MAX_READINGS
    ):
        reading = parts[0] + "".join(c + rest for c, rest in zip(choice, parts[1:], strict=True))
        if reading not in readings:
            readings.append(reading)
    known = [r for r in readings if is_real_word(r.lower())]
    if not known:
        # the soft sign is mostly left out ("pisat", "promezhnost", "bolno"): put it back
        # after one consonant, when that makes a word
        known = [
            softened
            for r in readings[:4]
            for i in range(1, len(r) + 1)
            if r[i - 1] in _CONSONANTS and is_real_word((softened := r[:i] + "ь" + r[i:]).lower())
        ]
    return tuple(dict.fromkeys(known)) or (readings[0],)


def to_cyrillic(word: str) -> str:
    """A Latin-script Russian word in Cyrillic ("promezhnost" -> "промежность"), the likeliest
    reading a dictionary knows."""
    return cyrillic_readings(word)[0]


_PREDICATE_POS = frozenset({"VERB", "PRTS", "ADJS", "GRND"})


@lru_cache(maxsize=65536)
def is_predicate(word: str) -> bool:
    """Whether a Cyrillic word is most likely a verb or a short adjective or participle: the
    head of a clause of its own ("онемела", "немеет", "не могу", "онемевшая" is not)."""
    parses = _cyrillic_parses(word)
    # imperatives are rare in symptom reports and shadow nouns ("мочи")
    return bool(parses) and parses[0].tag.POS in _PREDICATE_POS and parses[0].tag.mood != "impr"


_VERB_POS = frozenset({"VERB", "INFN"})


@lru_cache(maxsize=65536)
def verb_normal_form(word: str) -> str | None:
    """The infinitive of a Cyrillic word whose likeliest reading is a verb, else None."""
    with MORPHOLOGY_LOCK:
        parses = russian_morphology().parse(word)
    if parses and parses[0].tag.POS in _VERB_POS:
        return str(parses[0].normal_form)
    return None


@lru_cache(maxsize=65536)
def is_doers_verb(word: str) -> bool:
    """Whether a Cyrillic word is likeliest a verb the writer does to something («поднимала»,
    «несу», «поднимая»): a first-person, gendered past, infinitive or gerund form. An
    impersonal verb of feeling («прихватило», «беспокоит») is not one."""
    parses = _cyrillic_parses(word)
    if not parses:
        return False
    tag = parses[0].tag
    if tag.POS in ("INFN", "GRND"):
        return True
    if tag.POS != "VERB":
        return False
    return tag.person == "1per" or (tag.tense == "past" and tag.gender in ("masc", "femn"))


@lru_cache(maxsize=65536)
def may_be_nominative(word: str) -> bool:
    """Whether one of a Cyrillic word's readings is nominative («сын», «мама»; not «маму»)."""
    with MORPHOLOGY_LOCK:
        parses = russian_morphology().parse(word)
    # archaic readings («внука» as an old feminine) are not how anyone writes today
    return any(p.tag.case == "nomn" and "Arch" not in p.tag for p in parses)


@lru_cache(maxsize=65536)
def is_nominative(word: str) -> bool:
    """Whether a Cyrillic noun or adjective can only be nominative (or accusative): after
    "нет температуры и" it starts a statement of its own («... и онемение в паху»), where a
    genitive would go on with the denied list («... и онемения»)."""
    parses = _cyrillic_parses(word)
    cases = {p.tag.case for p in parses if p.tag.POS in ("NOUN", "ADJF", "PRTF")}
    return bool(cases) and cases <= {"nomn", "accs"} and parses[0].tag.POS != "VERB"


@lru_cache(maxsize=65536)
def is_person_noun(word: str) -> bool:
    """Whether a Cyrillic word is most likely an animate noun in the genitive («внука»,
    «соседки», «малыша»): after «у» it names whose body is meant."""
    parses = _cyrillic_parses(word)
    if not parses:
        return False
    # animate nouns share the genitive and accusative forms; either reading will do
    return any(
        p.tag.POS == "NOUN" and "anim" in p.tag and p.tag.case in ("gent", "accs")
        for p in parses[:2]
    )


_AGREEING_POS = frozenset({"ADJS", "PRTS"})


@lru_cache(maxsize=65536)
def predicate_gender(word: str) -> str | None:
    """The gender a Russian predicate agrees with: a past-tense verb («упала», «не смогла»
    -> "femn", «упал» -> "masc") or a short adjective or participle («беременна», «болен»);
    None for any other word (a present tense says nothing of it)."""
    parses = _cyrillic_parses(word)
    if not parses:
        return None
    tag = parses[0].tag
    if tag.gender not in ("masc", "femn") or tag.number != "sing":
        return None
    if (tag.POS == "VERB" and tag.tense == "past") or tag.POS in _AGREEING_POS:
        return str(tag.gender)
    return None


@lru_cache(maxsize=65536)
def thing_genders(word: str) -> frozenset[str]:
    """The genders of a Cyrillic word read as a thing in the nominative singular («нога» ->
    femn, «живот» -> masc): the subject a past-tense verb agrees with in «онемела нога»."""
    return frozenset(
        str(p.tag.gender)
        for p in _cyrillic_parses(word)[:2]
        if p.tag.POS == "NOUN"
        and "inan" in p.tag
        and p.tag.case == "nomn"
        and p.tag.number == "sing"
        and p.tag.gender
    )


@lru_cache(maxsize=65536)
def is_noun(word: str) -> bool:
    """Whether a Cyrillic word is likeliest a noun («ногу», «спину»): after «её», «его» it
    makes them possessives («поднимаю её ногу»), not the object of a verb."""
    parses = _cyrillic_parses(word)
    return bool(parses) and parses[0].tag.POS == "NOUN"


@lru_cache(maxsize=65536)
def object_genders(word: str) -> frozenset[str]:
    """The genders of a Cyrillic word read as a thing in the singular, in any case («ногу»
    -> femn, «колено» -> neut): what «её», «его» after it may stand for."""
    return frozenset(
        str(p.tag.gender)
        for p in _cyrillic_parses(word)[:2]
        if p.tag.POS == "NOUN" and "inan" in p.tag and p.tag.number == "sing" and p.tag.gender
    )


@lru_cache(maxsize=65536)
def person_genders(word: str) -> frozenset[str]:
    """The genders of a Cyrillic word read as a person in the singular, in any case («мамы»
    -> femn, «папу» -> masc): what «он», «она» after it may stand for, as someone else."""
    return frozenset(
        str(p.tag.gender)
        for p in _cyrillic_parses(word)[:2]
        if p.tag.POS == "NOUN" and "anim" in p.tag and p.tag.number == "sing" and p.tag.gender
    )


@lru_cache(maxsize=65536)
def is_subject_noun(word: str) -> bool:
    """Whether a Cyrillic word is likeliest a noun in the nominative or accusative: the
    subject of «спала» in «температура спала», the object of «сбили» in «температуру сбили»
    («ночью», «пока», «мокрый» are none)."""
    parses = _cyrillic_parses(word)
    return bool(parses) and parses[0].tag.POS == "NOUN" and parses[0].tag.case in ("nomn", "accs")
