"""Reading what a typed message says as an answer: yes / no / doubt, whose symptoms, and the
answers it already gives to questions still ahead (how long, how old, where the pain goes).

All words and patterns are data (``replies:`` and ``slots:`` in content/texts/<language>/);
the dialogue's ``slots:`` says which question each slot answers. Every language's words are
tried on every message: a Russian "нет" in an English conversation is still a no.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from bot.content import Content
from bot.dialogue.model import Dialogue
from bot.matcher.morphology import to_cyrillic
from bot.matcher.normalize import normalize

Reading = Literal["yes", "no", "unsure"]
KINDRED_LETTERS = frozenset("іїєґў")  # Ukrainian and Belarusian letters Russian lacks
_LETTERS = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "ў": "в", "І": "И",
                          "Ї": "И", "Є": "Е", "Ґ": "Г", "Ў": "В"})  # fmt: skip
_WORD = re.compile(r"\w+")
# beyond this many words "all normal" may be one clause of a longer story: not an answer
MAX_FINE_WORDS = 10
_CLAUSE = re.compile(r"[,.;:!?…]+|\s[-–—]\s")
_HELD = re.compile(r"(\w)\1+")


def _phrases(content: Content, key: str) -> list[tuple[str, ...]]:
    """The normalised phrases of ``replies.<key>`` in every language, longest first."""
    found: set[tuple[str, ...]] = set()
    for lang in content.languages:
        for phrase in content.lookup(lang, "replies", key) or []:
            words = tuple(normalize(str(phrase)).split())
            if words:
                found.add(words)
    return sorted(found, key=len, reverse=True)


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1))


@dataclass(frozen=True, slots=True)
class Heard:
    """What a message answers ahead of time: question -> option, and the words to show back."""

    answers: dict[str, str]
    side: str | None = None


class Listener:
    """Prepared once per engine from the content and the dialogue."""

    def __init__(self, dialogue: Dialogue, content: Content) -> None:
        self._yes = _phrases(content, "yes")
        self._no = _phrases(content, "no")
        self._doubt = _phrases(content, "doubt")
        self._lost_feeling = _phrases(content, "lost_feeling")
        self._no_after = _phrases(content, "no_after")
        self._yes_after = _phrases(content, "yes_after")
        self._fine = _phrases(content, "fine")
        self._plain = {
            answer: {p[0] for p in _phrases(content, f"plain_{answer}") if len(p) == 1}
            for answer in ("yes", "no")
        }
        self._not_fine = _phrases(content, "not_fine")
        self._contrast = _phrases(content, "contrast")
        self._units: dict[str, int] = {}
        self._tens: dict[str, int] = {}
        for lang in content.languages:
            for kind, table in (("units", self._units), ("tens", self._tens)):
                for word, value in (content.lookup(lang, "numbers", kind) or {}).items():
                    table[normalize(str(word))] = int(value)
        self._self = _phrases(content, "self")
        self._other = _phrases(content, "other")
        self._greeting = _phrases(content, "greeting")
        self._slots = dialogue.slots
        # kindred-language words -> the conversation language's, for reading warning signs
        self._kindred: dict[str, str] = {}
        for lang in content.languages:
            for word, own in (content.lookup(lang, "kindred") or {}).items():
                self._kindred[str(word).casefold()] = str(own)
        self._patterns: dict[str, list[dict[str, Any]]] = {}
        for lang in content.languages:
            for name, spec in (content.lookup(lang, "slots") or {}).items():
                self._patterns.setdefault(name, []).append(_compile(spec))

    # -- kindred languages ----------------------------------------------------------

    def kindred(self, text: str) -> str | None:
        """``text`` with Ukrainian or Belarusian words in Russian, so that the matcher reads
        their warning signs; None when the text is not in such a language."""
        words = _WORD.findall(text.casefold())
        kindred_word = any(self._kindred.get(w, w) != w for w in words)
        if not kindred_word and not any(ch in KINDRED_LETTERS for ch in text.casefold()):
            return None
        return _WORD.sub(lambda m: self._own_word(m.group()), text)

    def _own_word(self, word: str) -> str:
        own = self._kindred.get(word.casefold())
        if own is not None:
            return own
        # a word not listed: the letters Russian lacks, by their usual Russian counterpart
        return word.translate(_LETTERS)

    # -- answers --------------------------------------------------------------------

    def reading(self, text: str) -> Reading | None:
        """Yes, no or doubt, when the message is an answer of that kind; else None.

        Doubt anywhere wins ("no... well, sometimes" is not a clear no); otherwise the words
        the message opens with decide, and what follows is the person's reason; a message
        that opens with neither may close with the person's own answer after someone else's
        ("my mum had cancer, but I haven't"). Russian typed in Latin letters ("net",
        "ne znayu") is read as Russian.
        """
        words = normalize(text).split()
        if not words:
            return None
        found = self._reading(words)
        if found in ("yes", "no") and self._turned(text, found):
            # "no wait, yes", «нет, то есть да»: the answer was changed on the way - which one
            # is meant is confirmed with buttons, never the first word taken
            return "unsure"
        if found is None and not any(_is_cyrillic(ch) for ch in text):
            found = self._reading([to_cyrillic(w) for w in words])
        if found is None:  # "yess", "noooo", «нееет»: a letter held down
            found = self._reading([_squeezed(w) for w in words])
        return found

    def _turned(self, text: str, found: str) -> bool:
        """Whether a clause after the opening word ends with the opposite plain answer."""
        opposite = self._plain["no" if found == "yes" else "yes"]
        for index, clause in enumerate(_CLAUSE.split(text)):
            words = normalize(clause).split()
            if words and not (index == 0 and len(words) == 1) and words[-1] in opposite:
                return True
        return False

    def _reading(self, words: list[str]) -> Reading | None:
        if any(_contains(words, phrase) for phrase in self._doubt):
            return "unsure"
        for phrase in self._no:
            if tuple(words[: len(phrase)]) == phrase:
                return "no"
        for phrase in self._yes:
            if tuple(words[: len(phrase)]) == phrase:
                return "yes"
        for phrase in self._no_after:
            if tuple(words[-len(phrase) :]) == phrase:
                return "no"
        for phrase in self._yes_after:
            if tuple(words[-len(phrase) :]) == phrase:
                return "yes"
        return None

    def fine(self, text: str) -> bool:
        """Whether a short message says all is normal ("peeing normally", «цвет обычный», "my
        chest is fine") with no contrast after it ("..., but", «..., но») and no "not fine"."""
        words = normalize(text).split()
        if not words or len(words) > MAX_FINE_WORDS:
            return False
        if any(_contains(words, p) for p in (*self._not_fine, *self._contrast)):
            return False
        return any(_contains(words, phrase) for phrase in self._fine)

    def spelled_out(self, text: str) -> str:
        """The normalised text with numbers told in words as digits ("fifty six" -> "56",
        «шестьдесят два» -> "62"): a tens word and a units word after it make one number."""
        words = normalize(text).split()
        out: list[str] = []
        i = 0
        while i < len(words):
            word = words[i]
            if word in self._tens:
                value = self._tens[word]
                following = words[i + 1] if i + 1 < len(words) else ""
                if 0 < self._units.get(following, 0) < 10:
                    value += self._units[following]
                    i += 1
                out.append(str(value))
            elif word in self._units:
                out.append(str(self._units[word]))
            else:
                out.append(word)
            i += 1
        return " ".join(out)

    def lost_feeling(self, text: str) -> bool:
        """Whether the message tells of a feeling lost ("can't feel", «не чувствую»)."""
        words = normalize(text).split()
        readings = [words]
        if not any(_is_cyrillic(ch) for ch in text):  # "ne chuvstvuyu": read as Russian too
            readings.append([to_cyrillic(w) for w in words])
        return any(_contains(w, phrase) for w in readings for phrase in self._lost_feeling)

    def greeting(self, text: str) -> bool:
        """Whether the message is only a greeting ("hi", «добрый день»): nothing to read in it,
        not even the «день» of a duration."""
        words = normalize(text).split()
        while words:
            phrase = next((p for p in self._greeting if tuple(words[: len(p)]) == p), None)
            if phrase is None:
                return False
            words = words[len(phrase) :]
        return bool(normalize(text))

    def whose(self, text: str, named_other: bool = False) -> Literal["self", "other"] | None:
        """Who a reply to "yourself or someone else?" names, if it names one.

        ``named_other``: the matcher read the message as about another person (its words for
        people, content/lexicon/subject.yaml: "my grandma", «свекровь»); it settles what these
        words leave open, also words of both kinds («моя мама»: «моя» only says whose mother).
        """
        words = normalize(text).split()
        other = any(_contains(words, phrase) for phrase in self._other)
        own = any(_contains(words, phrase) for phrase in self._self)
        if other and not own:
            return "other"
        if own and not other:
            return "self"
        return "other" if named_other else None

    # -- slots ----------------------------------------------------------------------

    def heard(self, text: str) -> Heard:
        """The answers ``text`` gives to questions of the dialogue's ``slots:``."""
        normal = normalize(text)
        answers: dict[str, str] = {}
        side = None
        age_spans: list[tuple[int, int]] = []
        # "I'm fifty six": an age told in words; the other slots keep their own number words
        # ("one leg", "two weeks")
        spelled = self.spelled_out(text)
        age = self._number(spelled, "age", age_spans if spelled == normal else [])
        for name, spec in self._slots.items():
            question = spec.get("question")
            if name == "age":
                option = _band(age, spec) if age is not None else None
            elif spec.get("kind") == "days":
                days = self._number(normal, name, [], skip=age_spans)
                option = _band(days, spec) if days is not None else None
            else:
                option = self._word(normal, name)
            if option is None:
                continue
            if question:
                answers[question] = option
            elif name == "side":
                side = option
        return Heard(answers, side)

    def _word(self, normal: str, name: str) -> str | None:
        for spec in self._patterns.get(name, []):
            for option, pattern in spec["options"]:
                if pattern.search(normal):
                    return str(option)
        return None

    def _number(
        self,
        normal: str,
        name: str,
        spans: list[tuple[int, int]],
        skip: list[tuple[int, int]] | None = None,
    ) -> float | None:
        for spec in self._patterns.get(name, []):
            pattern = spec.get("pattern")
            for found in pattern.finditer(normal) if pattern else ():
                if skip and any(a <= found.start() < b for a, b in skip):
                    continue
                groups = {k: v.strip() for k, v in found.groupdict().items() if v and v.strip()}
                raw = next((v for k, v in groups.items() if k.startswith("n")), None)
                number = _number(raw, spec["numbers"]) if raw else 1.0
                if number is None:
                    continue
                unit = groups.get("unit")
                if unit is not None:
                    factor = next((f for p, f in spec["units"] if p.fullmatch(unit)), None)
                    if factor is None:
                        continue
                    number *= factor
                spans.append((found.start(), found.end()))
                return number
            for pattern, days in spec["fixed"]:
                if pattern.search(normal):
                    return float(days)
        return None


def _squeezed(word: str) -> str:
    return _HELD.sub(r"\1", word)


def _is_cyrillic(char: str) -> bool:
    return "а" <= char.lower() <= "я" or char.lower() == "ё"


def _number(raw: str, words: dict[str, float]) -> float | None:
    try:
        return float(raw)
    except ValueError:
        return words.get(raw)


def _band(value: float, spec: dict[str, Any]) -> str:
    """The option whose upper limit (exclusive) the value is under; else the last one."""
    for option, limit in spec.get("below", {}).items():
        if value < limit:
            return str(option)
    return str(spec["otherwise"])


def _compile(spec: dict[str, Any]) -> dict[str, Any]:
    compiled: dict[str, Any] = {
        "pattern": re.compile(spec["pattern"]) if "pattern" in spec else None,
        "numbers": {normalize(str(k)): float(v) for k, v in (spec.get("numbers") or {}).items()},
        "units": [(re.compile(p), float(f)) for p, f in (spec.get("units") or {}).items()],
        "fixed": [(re.compile(p), float(d)) for p, d in (spec.get("fixed") or {}).items()],
        "options": [],
    }
    for key, value in spec.items():
        if key not in ("pattern", "numbers", "units", "fixed"):
            compiled["options"].append((str(key), re.compile(str(value))))
    return compiled
