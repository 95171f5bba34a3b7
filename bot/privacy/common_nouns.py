"""Common nouns that are also first names, where the grammar says noun: «роман читаю», «читаю
роман». pymorphy3 reads «роман» as a book far more often than as Roman; the word is that
noun, not a person, when

- its common-noun readings (no first name, patronymic or surname tag) are likelier, by
  pymorphy3's scores, than its person readings together;
- one of those readings is inanimate and accusative, and the next word (or, in lower case, the
  word before) is a transitive verb whose subject it cannot be: no nominative reading of it
  agrees with the verb («роман читаю»: first person; «дочитала роман»: feminine; «надежду
  потеряла»: no nominative).

«Роман привёз меня» stays a name (a nominative before a verb may be its subject), and so do
«Романа жду» (animate, genitive) and «Лилию встретила» (a flower as likely as a woman by the
scores: a leak is worse than a word masked). Mixed into ``Scrubber``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from bot.dictionaries import russian_parses
from bot.privacy.dictionaries import _NameInfo
from bot.privacy.patterns import _NAME_GAP, _sentence_start, _tokens

_PERSON_TAGS = frozenset(("Name", "Surn", "Patr"))
_NOT_A_PERSON = frozenset(("name",))


class CommonNouns:
    """Mixed into ``Scrubber``: pure."""

    if TYPE_CHECKING:  # from NameDetector (names.py)

        def _morph(self, word: str) -> _NameInfo: ...

    def _common_nouns(self, text: str) -> Iterator[tuple[int, int, frozenset[str]]]:
        """The words that read as a verb's object, which no detector may take for a name."""
        if not any("\u0400" <= c <= "\u04ff" for c in text):
            return
        tokens = _tokens(text)
        for i, token in enumerate(tokens):
            # only a word with a name's reading needs the grammar (cached per word)
            if not (token.cyrillic and token.alpha) or not self._morph(token.low).any_person:
                continue
            # the verb after the noun («роман читаю») or, in lower case, before it («читаю
            # роман»); a capital inside a sentence is more likely a name than a noun
            verbs = []
            if i + 1 < len(tokens) and (not token.cap or _sentence_start(text, token.start)):
                verbs.append(tokens[i + 1])
            if i and not token.cap:
                verbs.append(tokens[i - 1])
            for verb in verbs:
                first, second = (token, verb) if verb.start > token.start else (verb, token)
                if not verb.cyrillic or not _NAME_GAP.fullmatch(text[first.end : second.start]):
                    continue
                if _verbs_object(token.low, verb.low):
                    yield token.start, token.end, _NOT_A_PERSON
                    break


def _verbs_object(noun: str, verb: str) -> bool:
    parses, known = russian_parses(noun)
    if not known:
        return False
    common = person = 0.0
    inanimate_object = False
    for parse in parses:
        tag = parse.tag
        if _PERSON_TAGS & tag.grammemes:
            person += parse.score
            continue
        if tag.POS != "NOUN":
            continue
        common += parse.score
        inanimate_object = inanimate_object or (tag.animacy == "inan" and tag.case == "accs")
    if not person or common <= person or not inanimate_object:
        return False
    verbs: Any = russian_parses(verb)[0]
    if not verbs:
        return False
    tag = verbs[0].tag
    if tag.POS != "VERB" or tag.transitivity != "tran":
        return False
    # the word may be the verb's subject only as a nominative that agrees with it
    return not any(p.tag.case == "nomn" and _agrees(p.tag, tag) for p in parses)


def _agrees(noun: Any, verb: Any) -> bool:
    """Could a nominative ``noun`` be the subject of ``verb``? Not of «читаю» (first person),
    nor a masculine of «дочитала»."""
    if verb.person in ("1per", "2per"):
        return False
    if verb.number and noun.number and verb.number != noun.number:
        return False
    if verb.tense == "past" and verb.number == "sing" and verb.gender and noun.gender:
        return noun.gender in (verb.gender, "ms-f")
    return True
