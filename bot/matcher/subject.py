"""Whose symptoms a message tells: the writer's own, or someone else's they ask about.

Each clause gets a person from its words (content/lexicon/subject.yaml): "self" ("I", "me",
«у меня»), "other" ("he", "my dad", «у мамы»), or none, in which case it goes on with the
person of the clause before it ("My dad is 74. Can't pee since Monday."). A self word that
only says whose relative it is ("MY father") does not count. Russian words are compared by
their dictionary form, so «мамы», «маме», «у него» need no list of forms.

Of a message about someone else it also tells that person's gender when the words do ("my
mum", «у неё», «упала»), for the Russian wording of the questions and advice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bot.matcher.cues import CueSet
from bot.matcher.language import word_language
from bot.matcher.morphology import (
    is_doers_verb,
    is_noun,
    is_person_noun,
    lemmas,
    may_be_nominative,
    object_genders,
    person_genders,
    predicate_gender,
    thing_genders,
)
from bot.matcher.normalize import fold_word
from bot.matcher.result import Gender, Subject
from bot.matcher.rules import SubjectRules

HANDLED_REACH = 4  # "picked up my little daughter": words from the verb to the person
POSSESSIVE_REACH = 2  # "my (old) father": the possessive belongs to the relative after it
GENDERS: dict[str, Gender] = {"femn": "female", "masc": "male"}  # pymorphy3's grammemes
# «её» stands for a feminine thing, «его» for a masculine or neuter one («колено»)
_PRONOUN_GENDERS: dict[str, frozenset[str]] = {
    "female": frozenset({"femn"}),
    "male": frozenset({"masc", "neut"}),
}
THING_REACH = 8  # «нога тяжёлая, поднимаю её»: how far back the thing a pronoun stands for is
# «сделали укол в ягодицу вчера вечером, он не помог»: how far back «он», «она» look for the
# noun they stand for (the nearest of their gender decides)
ANTECEDENT_REACH = 12


@dataclass(frozen=True, slots=True)
class Persons:
    """Per message: whose it is, and the person of each word's clause."""

    subject: Subject
    mixed: bool  # the writer speaks of themselves and of someone else
    of_word: tuple[str, ...]  # "self" | "other" for each word


def _done_to(words: list[str], i: int) -> bool:
    """A Russian person noun that is the object of the writer's own verb («поднимала
    (грудного) ребёнка»); an impersonal «прихватило сына» leaves the son whose body it is."""
    if word_language(words[i]) != "ru" or may_be_nominative(words[i]):
        return False
    verb_at = i - 1 if i < 2 or is_doers_verb(words[i - 1]) else i - 2
    return is_doers_verb(words[verb_at])


def _forms(word: str) -> tuple[str, ...]:
    """The word, and a Russian word's likeliest dictionary forms: what the word lists hold."""
    if word_language(word) != "ru":
        return (word,)
    return (word, *(fold_word(f) for f in lemmas(word)[:2]))


def _listed(lists: dict[Gender, frozenset[str]], forms: tuple[str, ...]) -> Gender | None:
    return next((g for g, words in lists.items() if any(f in words for f in forms)), None)


class SubjectFinder:
    def __init__(self, rules: SubjectRules) -> None:
        self._self = frozenset(rules.self_words)
        self._other = frozenset(rules.other_words)
        self._possessives = frozenset(rules.possessives)
        self._on_behalf = CueSet(rules.on_behalf)
        self._other_phrases = CueSet(rules.other_phrases)
        # their last words: a message without one needs no look for them
        self._other_phrase_ends = frozenset(c.words[-1] for c in rules.other_phrases)
        self._other_phrase_stems = any(c.words[-1].endswith("*") for c in rules.other_phrases)
        self._objects = frozenset(rules.object_words)
        self._reporting = frozenset(rules.reporting_words)
        self._owners = frozenset(rules.owner_words)
        self._visited_nouns = frozenset(rules.visited_words)
        self._joiners = frozenset(rules.joiner_words)
        self._for_self = CueSet(rules.for_self)
        self._well = CueSet(rules.well)
        self._ages = frozenset(rules.age_words)
        self._handling = frozenset(rules.handling_words)
        self._handled_between = frozenset(rules.handled_between_words) | self._possessives
        self._after_age = frozenset(rules.after_age_words)
        self._named: dict[Gender, frozenset[str]] = {
            "female": frozenset(rules.female_words),
            "male": frozenset(rules.male_words),
        }
        self._pronouns: dict[Gender, frozenset[str]] = {
            "female": frozenset(rules.she_words),
            "male": frozenset(rules.he_words),
        }
        self._she_he = frozenset(rules.she_words) | frozenset(rules.he_words)
        self._times = frozenset(rules.time_words)
        self._cache: dict[str, str | None] = {}

    def person(self, word: str) -> str | None:
        """ "self", "other" or None for one word."""
        return self._person(word)

    def _person(self, word: str) -> str | None:
        cached = self._cache.get(word, "")
        if cached != "":
            return cached
        forms = _forms(word)
        person: str | None = None
        if any(f in self._other for f in forms):
            person = "other"
        elif any(f in self._self for f in forms):
            person = "self"
        if len(self._cache) < 50_000:
            self._cache[word] = person
        return person

    def persons(self, words: list[str], clause: list[int]) -> Persons:
        marks = [self._person(w) for w in words]
        if self._other_phrase_stems or not self._other_phrase_ends.isdisjoint(words):
            for hit in self._other_phrases.find(words):
                marks[hit.end] = "other"  # "my other half", «вторая половина»: a partner
        # "writing for my mum", «пишу за маму»: the person the writer asks for is the
        # subject, not the object of the writer's verb
        behalf = self._on_behalf.find(words) if "other" in marks else []
        named_for = {j for hit in behalf for j in range(hit.start, hit.end + 1 + POSSESSIVE_REACH)}
        turned_to_self = self._for_self.find(words)
        for hit in turned_to_self:
            # "(mum's story...) but I'm asking for myself": the writer's own clause from here
            marks[hit.start] = "self"
        for i in range(1, len(words)):
            if marks[i] == "self" and (
                words[i - 1] in self._reporting
                or (i + 1 < len(words) and words[i + 1] in self._reporting)
            ):
                marks[i] = None  # "he told me", «он мне сказал» is who heard it
            elif (
                marks[i] is None
                and words[i - 1] in self._owners
                and not (i + 1 < len(words) and marks[i + 1] == "self")
                and not self._visited(words, i)
                and is_person_noun(words[i])
            ):
                marks[i] = "other"  # «у внука», «у соседки»: someone else's body
        for i in range(len(words) - 2):
            if (
                marks[i] == "self"
                and self._is_possessive(words[i])
                and self._names_a_child(words, i)
            ):
                marks[i] = "other"  # "my 11 yr old fell": an age told is a person, not a back
        if "other" not in marks:
            # what follows only takes someone else's marks away: most messages have none
            return Persons("self", False, ())
        for hit in self._well.find(words):
            # "I'm fine but my husband can't pee": the writer's words there are no complaint
            for j in range(hit.start, hit.end + 1):
                if marks[j] == "self":
                    marks[j] = None
        for i in range(len(words) - 2):
            if marks[i] == "other" and words[i + 1] in self._joiners and marks[i + 2] == "self":
                marks[i] = None  # "my wife and I tried": together, the writer speaking
        for i in range(1, len(words)):
            if (
                marks[i] == "other"
                and i not in named_for
                and (_done_to(words, i) or self._handled(words, i))
            ):
                marks[i] = None  # «поднимала ребёнка», «несла маму»: what the writer lifted
        for i in range(len(words)):
            if marks[i] == "other" and self._object_pronoun(words, clause, i):
                marks[i] = None  # «ногу поднимаю и держу её»: «её» is the leg
            elif marks[i] == "other" and self._thing_pronoun(words, i):
                marks[i] = None  # «укол ... он не помог»: «он» is the injection
        for i in range(1, len(words)):
            # "with my wife", «с женой»: someone beside the writer, not whose it is
            if marks[i] == "other" and (
                words[i - 1] in self._objects
                or (i > 1 and marks[i - 1] == "self" and words[i - 2] in self._objects)
            ):
                marks[i] = None
        if "other" not in marks:
            return Persons("self", False, ())
        for i, mark in enumerate(marks):
            if mark == "self" and self._is_possessive(words[i]):
                # "my 15 yo son": an age between them does not take the son out of reach
                # the next few marks past any age only: linear in a long message
                ahead: list[str | None] = []
                for j in range(i + 1, len(words)):
                    if not self._is_age(words[j]):
                        ahead.append(marks[j])
                        if len(ahead) == POSSESSIVE_REACH:
                            break
                if "other" in ahead:
                    marks[i] = None
        if (behalf and not turned_to_self) or "self" not in marks:
            return Persons("other", False, ())
        # per clause: "I" / «я» wins within a clause ("my wife says I wet myself"), then
        # someone else, then a bare "my" ("my 8 year old hurt his knee")
        strength = {"self": 3, "other": 2, "weak": 1}
        by_clause: dict[int, str] = {}
        for i, mark in enumerate(marks):
            if mark is None:
                continue
            if mark == "self" and self._is_possessive(words[i]):
                mark = "weak"
            current = by_clause.get(clause[i])
            if current is None or strength[mark] > strength[current]:
                by_clause[clause[i]] = mark
        by_clause = {k: ("self" if v == "weak" else v) for k, v in by_clause.items()}
        of_word: list[str] = []
        current = "self"
        last_clause = -1
        for i in range(len(words)):
            if clause[i] != last_clause:
                last_clause = clause[i]
                current = by_clause.get(clause[i], current)
            of_word.append(current)
        return Persons("self", True, tuple(of_word))

    def _object_pronoun(self, words: list[str], clause: list[int], i: int) -> bool:
        """A Russian «её», «его» next to the writer's own verb («поднимаю её», «его сгибаю»),
        in its clause, not before a noun it would own («её ногу»), after a thing of its
        gender («нога ... поднимаю её»): that thing, not a person whose symptom it is.
        «она», «он» themselves, «у неё», «не можем его поднять» (no such thing) stay
        someone's."""
        word = words[i]
        if word_language(word) != "ru" or word in self._she_he:
            return False
        pronoun = next((fold_word(f) for f in lemmas(word)[:1]), "")
        if pronoun not in self._she_he or (i and words[i - 1] in self._owners):
            return False
        after = i + 1 < len(words) and clause[i + 1] == clause[i]
        if after and is_noun(words[i + 1]):
            return False
        before = i > 0 and clause[i - 1] == clause[i]
        if not (
            (before and is_doers_verb(words[i - 1])) or (after and is_doers_verb(words[i + 1]))
        ):
            return False
        genders = _PRONOUN_GENDERS["female" if pronoun in self._pronouns["female"] else "male"]
        return any(
            genders & object_genders(words[j])
            for j in range(max(0, i - THING_REACH), i)
            if word_language(words[j]) == "ru"
        )

    def _thing_pronoun(self, words: list[str], i: int) -> bool:
        """A Russian «он», «она» (any case) whose nearest noun of its gender before it is a
        thing («поясница болит, она как каменная», «укол, он не помог»). A person noun there
        («мама ... она»), none at all («он не может пописать»), «у него» or a possessive
        «его ногу» keep it someone's. Nouns of time («уже месяц он») are passed over."""
        word = words[i]
        if word_language(word) != "ru" or (i and words[i - 1] in self._owners):
            return False
        pronoun = next((fold_word(f) for f in lemmas(word)[:1]), "")
        if pronoun not in self._she_he:
            return False
        if word not in self._she_he and i + 1 < len(words) and is_noun(words[i + 1]):
            return False  # «его ногу»: whose leg
        genders = _PRONOUN_GENDERS["female" if pronoun in self._pronouns["female"] else "male"]
        for j in range(i - 1, max(-1, i - 1 - ANTECEDENT_REACH), -1):
            candidate = words[j]
            if word_language(candidate) != "ru" or candidate in self._she_he:
                continue
            if genders & person_genders(candidate):
                return False
            if genders & object_genders(candidate) and not any(
                fold_word(f) in self._times for f in lemmas(candidate)[:1]
            ):
                return True
        return False

    def _visited(self, words: list[str], i: int) -> bool:
        """«был у врача», «у невролога была», «как после укола у стоматолога»: a visit, not
        someone's body: a verb of being beside it, or a person one goes to."""
        if any(fold_word(f) in self._visited_nouns for f in lemmas(words[i])[:2]):
            return True
        near = [words[j] for j in (i - 2, i + 1) if 0 <= j < len(words)]
        return any(lemmas(w)[:1] == ("быть",) for w in near)

    def gender(self, words: list[str], clause: list[int]) -> Gender | None:
        """The gender of the person a message is about, when its words tell it. The nouns
        that name them ("mum", «муж») decide; only when they do not (none, or as many of
        each: «мама говорит, папа упал») do the pronouns ("she", «у него») and the Russian
        predicates that agree with the person («упала», «беременна», not «онемела нога»).
        The gender told more often wins; a tie leaves it unknown."""
        things: dict[int, set[str]] = {}  # per clause: genders of a thing that may be a subject
        for i, word in enumerate(words):
            if word_language(word) == "ru":
                things.setdefault(clause[i], set()).update(thing_genders(word))
        named: Counter[Gender] = Counter()
        told: Counter[Gender] = Counter()
        for i, word in enumerate(words):
            forms = _forms(word)
            said = _listed(self._named, forms)
            if said is not None:
                named[said] += 1
                continue
            said = _listed(self._pronouns, forms)
            if said is None and word_language(word) == "ru":
                grammeme = predicate_gender(word)
                if grammeme is not None and grammeme not in things.get(clause[i], ()):
                    said = GENDERS[grammeme]
            if said is not None:
                told[said] += 1
        for votes in (named, told):
            if votes["female"] != votes["male"]:
                return "female" if votes["female"] > votes["male"] else "male"
        return None

    def other_words(self, words: list[str]) -> frozenset[int]:
        """Positions of the words that name someone else ("dad", «мамы»); not a relative of
        someone else with its possessive ("his brother", «у его брата»): what is told of them
        ("his brother died of cancer") is a family history, neither the writer's nor the
        patient's."""
        marks = [self._person(w) == "other" for w in words]
        pronouns = [marks[i] and self._is_pronoun(w) for i, w in enumerate(words)]
        for i, other in enumerate(marks):
            if not other or pronouns[i]:
                continue
            owner = next(
                (j for j in range(i - 1, max(-1, i - 1 - POSSESSIVE_REACH), -1) if pronouns[j]),
                None,
            )
            if owner is not None:
                marks[i] = marks[owner] = False
        return frozenset(i for i, other in enumerate(marks) if other)

    def _is_pronoun(self, word: str) -> bool:
        return any(f in self._she_he for f in _forms(word))

    def _names_a_child(self, words: list[str], at: int) -> bool:
        """ "my 9 yo can't", "my 11 yr old girl": an age after "my", then a young person's
        noun or a verb of telling; "my 20 year old mattress" names a thing."""
        j = at + 1
        if j >= len(words) or not words[j].isdigit():
            return False
        while j + 1 < len(words) and self._is_age(words[j + 1]):
            j += 1
        return j > at + 1 and j + 1 < len(words) and words[j + 1] in self._after_age

    def _handled(self, words: list[str], at: int) -> bool:
        """ "lifted my son", "picked up my 3 year old", «таскал на руках внука»: a person after
        a verb of the writer's own effort, with only particles, possessives or an age between."""
        russian = word_language(words[at]) == "ru"
        if russian and may_be_nominative(words[at]):
            return False  # «подняла дочка»: the daughter did it
        for j in range(at - 1, max(at - 1 - HANDLED_REACH, -1), -1):
            if words[j] in self._handling or (russian and is_doers_verb(words[j])):
                return True
            if not (words[j] in self._handled_between or self._is_age(words[j])):
                return False
        return False

    def _is_age(self, word: str) -> bool:
        """ "15", "yo", «лет»: an age told between "my" and the relative it belongs to."""
        return word.isdigit() or word in self._ages

    def _is_possessive(self, word: str) -> bool:
        if word in self._possessives:
            return True
        return word_language(word) == "ru" and any(
            fold_word(f) in self._possessives for f in lemmas(word)[:1]
        )
