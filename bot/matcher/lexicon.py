"""The matcher's lexicon: phrases per concept, respellings and bridge words, read from
content/lexicon/, with the negation and subject rules (bot/matcher/rules.py) of the same folder.

Content is data: every phrase, cue and clause-boundary word lives in YAML that the clinic's
doctors edit. This module parses those files into compiled ``Phrase`` objects and checks
them (``validate_lexicon``), with ``file:line`` for every problem.

Phrase syntax (one phrase = a few words that must all occur close together in one sentence,
in any order):
    leg        any inflection of the word (Snowball stem) and, for long words, small typos
    онем*      any word that begins with "онем"
    =legs      exactly this form (when the stem would lose the meaning: legs vs leg)
    {37.1-42}  a number in this range (38,9 and 38.9 both count)
    pee|wee    any of these alternatives
    @numb      any word of the group "numb" (defined under ``groups:`` in the same file)
    ~6         (last item) allow up to 6 other words between the phrase's words
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from bot.matcher.language import LANGUAGES, stem, word_language
from bot.matcher.morphology import verb_normal_form
from bot.matcher.normalize import fold_word
from bot.matcher.rules import (
    MAX_GAP,
    WORD,
    NegationRules,
    SubjectRules,
    read_negation_file,
    read_subject_file,
)
from bot.problems import Problem
from bot.yamlfile import YamlError, YamlFile, load_yaml

DEFAULT_GAP = 3  # other words allowed between a phrase's words unless the phrase says ~N
_NUMBER_RANGE = re.compile(r"^\{(\d+(?:[.,]\d+)?)-(\d+(?:[.,]\d+)?)\}$")
_GAP = re.compile(r"^~(\d+)\+?$")


class SlotKind(Enum):
    STEM = "stem"
    PREFIX = "prefix"
    EXACT = "exact"
    NUMBER = "number"
    # a Russian verb's dictionary form: "могу" in a phrase also matches "может", "могли"
    LEMMA = "lemma"


@dataclass(frozen=True, slots=True)
class Option:
    """One way a message word may fill a slot of a phrase."""

    kind: SlotKind
    value: str  # the stem, the prefix, the exact form, or "lo-hi" for numbers
    low: float = 0.0
    high: float = 0.0
    # the word as written, for stems: typos are also looked up against whole words
    # ("numbnes" -> "numbness"), since a short stem ("numb") is matched exactly only
    source: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class Slot:
    """One word of a phrase: one option, or alternatives ("pee|urinate", "@numb")."""

    options: tuple[Option, ...]


@dataclass(frozen=True, slots=True)
class Phrase:
    concept: str
    lang: str
    text: str  # as the author wrote it
    slots: tuple[Slot, ...]
    gap: int
    file: str
    line: int
    exclude: bool = False  # an "exclude" phrase: its words do not count for the concept
    # "~10+": a story told over several clauses of one sentence ("at first I dragged my foot,
    # now I trip all the time"): the phrase may reach across commas, not across sentences
    story: bool = False
    # the other concepts the same words stand for, when the words do not say which
    # ("an accident in my trousers": bladder or bowel; a "bladder_dysfunction|bowel_..." key)
    also: tuple[str, ...] = ()
    # in a phrase that names one place of the body ("@numb @saddle"), the index of the place's
    # slot (made of the file's ``places`` groups), else -1. A phrase of a place and a sign may
    # link a sign told far from its place ("my groin... I mean, since yesterday it's gone numb")
    place: int = -1
    # in a phrase of a sign and a place of one or more words ("@numb between legs", "@numb
    # down there"), the index of the sign's slot, else -1: such a sign told after its place
    # links to it ("the area between my legs. It has gone totally numb")
    sign: int = -1

    @property
    def key(self) -> tuple[tuple[Option, ...], ...]:
        """Identity of a phrase regardless of word order (words match in any order)."""

        def order(option: Option) -> tuple[str, str]:
            return (option.kind.value, option.value)

        return tuple(
            sorted(
                (tuple(sorted(s.options, key=order)) for s in self.slots),
                key=lambda options: [order(o) for o in options],
            )
        )


@dataclass
class Lexicon:
    concepts: dict[str, str]  # concept id -> level, from content/concepts.yaml
    phrases: list[Phrase]
    negation: NegationRules
    files: list[str] = field(default_factory=list)
    # correctly spelled words that mean nothing here: never read as typos ("fewer", "lever")
    known_words: frozenset[str] = frozenset()
    # chat spellings read as the words they stand for: "cnt" -> "cant", "нимагу" -> "не могу"
    respell: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a word of one language that also counts as its equivalent in the other ("groin" -> "пах"),
    # so that mixed messages match ("онемел groin")
    bridge: dict[str, str] = field(default_factory=dict)
    subject: SubjectRules = field(default_factory=SubjectRules)
    # the words that name a place of the body (the ``places`` groups of the phrase files)
    places: set[Option] = field(default_factory=set)


class LexiconError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _option(word: str) -> Option:
    """One alternative: ``{lo-hi}``, ``=form``, ``prefix*`` or a plain word (its stem)."""
    if found := _NUMBER_RANGE.match(word):
        low = float(found.group(1).replace(",", "."))
        high = float(found.group(2).replace(",", "."))
        if low > high:
            raise ValueError(f"number range {word} goes backwards")
        return Option(SlotKind.NUMBER, f"{low:g}-{high:g}", low, high)
    folded = fold_word(word.strip("=*"))
    if not WORD.match(folded):
        raise ValueError(f"{word!r} is not a word (letters only, or {{lo-hi}}, @group, ~N)")
    if word.endswith("*"):
        return Option(SlotKind.PREFIX, folded)
    if word.startswith("="):
        return Option(SlotKind.EXACT, folded)
    return Option(SlotKind.STEM, stem(folded), source=folded)


def parse_phrase(
    text: str, groups: dict[str, list[str]] | None = None
) -> tuple[tuple[Slot, ...], int]:
    """Compile a phrase; raises ``ValueError`` with an author-readable reason."""
    groups = groups or {}
    items = text.split()
    gap = DEFAULT_GAP
    if items and (found := _GAP.match(items[-1])):
        gap = int(found.group(1))
        if gap > MAX_GAP:
            raise ValueError(f"gap ~{gap} is too wide (at most ~{MAX_GAP})")
        items = items[:-1]
    slots: list[Slot] = []
    for item in items:
        if "|" in item or item.startswith("@"):
            alternatives = []
            for alternative in (a for a in item.split("|") if a):
                if alternative.startswith("@"):
                    if alternative[1:] not in groups:
                        raise ValueError(
                            f"unknown word group {alternative!r} (define it under 'groups')"
                        )
                    alternatives.extend(groups[alternative[1:]])
                else:
                    alternatives.append(alternative)
        elif "-" in item.strip("-") and not item.startswith("{"):
            # "по-большому" and "t-shirt" are two words in messages, so in phrases too
            slots.extend(Slot((_option(part),)) for part in item.split("-") if part)
            continue
        else:
            alternatives = [item]
        options = [_option(a) for a in alternatives]
        verbs = {lemma for option in options if (lemma := verb_lemma(option)) is not None}
        options += [Option(SlotKind.LEMMA, lemma) for lemma in sorted(verbs)]
        slots.append(Slot(tuple(options)))
    if not slots:
        raise ValueError("empty phrase")
    return tuple(slots), gap


def verb_lemma(option: Option) -> str | None:
    """The dictionary form of a Russian verb written plainly in a phrase ("могу" -> "мочь"):
    the phrase then holds for every person, tense and form of it. Nouns and adjectives need
    no more than their Snowball stem."""
    if option.kind is not SlotKind.STEM or word_language(option.source) != "ru":
        return None
    return verb_normal_form(option.source)


def _read_concepts(content_dir: Path, problems: list[Problem]) -> dict[str, str]:
    path = content_dir / "concepts.yaml"
    try:
        doc = load_yaml(path)
    except YamlError as error:
        problems.append(error.problem)
        return {}
    concepts: dict[str, str] = {}
    items = doc.data.get("concepts") if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        problems.append(doc.problem("expected a list under 'concepts'"))
        return {}
    for i, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            concepts[item["id"]] = str(item.get("level", "symptom"))
        else:
            problems.append(doc.problem("a concept needs an 'id'", "concepts", i))
    return concepts


def _read_word_map(doc: YamlFile, name: str, problems: list[Problem]) -> dict[str, str]:
    raw = doc.data.get(name) or {}
    if not isinstance(raw, dict):
        problems.append(doc.problem(f"'{name}' must map a word to words", name))
        return {}
    found: dict[str, str] = {}
    for word, value in raw.items():
        folded = fold_word(str(word))
        words = [fold_word(w) for w in str(value).split()]
        if not WORD.match(folded) or not words or not all(WORD.match(w) for w in words):
            problems.append(doc.problem(f"{word!r}: {value!r} is not words", name, word))
            continue
        found[folded] = " ".join(words)
    return found


def _read_phrase_file(
    doc: YamlFile,
    concepts: dict[str, str],
    phrases: list[Phrase],
    known_words: set[str],
    problems: list[Problem],
    lexicon: Lexicon | None = None,
) -> None:
    data = doc.data
    lang = data.get("lang")
    if lang not in LANGUAGES:
        problems.append(doc.problem(f"'lang' must be one of {', '.join(LANGUAGES)}", "lang"))
        return
    if lexicon is not None:
        for word, value in _read_word_map(doc, "respell", problems).items():
            lexicon.respell[word] = tuple(value.split())
        for word, value in _read_word_map(doc, "bridge", problems).items():
            if " " in value:
                problems.append(doc.problem(f"bridge {word!r}: one word only", "bridge", word))
                continue
            lexicon.bridge[word] = value
            lexicon.bridge.setdefault(value, word)
    known = data.get("known_words", [])
    if not isinstance(known, list) or not all(isinstance(w, str) for w in known):
        problems.append(doc.problem("'known_words' must be a list of words", "known_words"))
    else:
        known_words.update(fold_word(w) for w in known)
    groups: dict[str, list[str]] = {}
    raw_groups = data.get("groups", {})
    if not isinstance(raw_groups, dict):
        problems.append(doc.problem("'groups' must map a name to a list of words", "groups"))
        raw_groups = {}
    for name, words in raw_groups.items():
        if not isinstance(words, list) or not words:
            problems.append(doc.problem(f"group {name!r} must be a list of words", "groups", name))
            continue
        bad = False
        for i, word in enumerate(words):
            try:
                _option(str(word))
            except ValueError as error:
                problems.append(doc.problem(f"group {name!r}: {error}", "groups", name, i))
                bad = True
        if not bad:
            groups[str(name)] = [str(w) for w in words]
    place_options: set[Option] = set()
    place_names = data.get("places", [])
    if not isinstance(place_names, list) or not all(n in groups for n in place_names):
        problems.append(doc.problem("'places' must list names of groups", "places"))
        place_names = []
    for name in place_names:
        place_options.update(_option(word) for word in groups[name])
    if lexicon is not None:
        lexicon.places.update(place_options)
    # words that join a place of the body into one of several words ("between", "down
    # there", «между», «в интимном месте»): no place alone, part of one in a phrase
    joining: set[Option] = set()
    place_words = data.get("place_words", [])
    if not isinstance(place_words, list):
        problems.append(doc.problem("'place_words' must be a list of words", "place_words"))
        place_words = []
    for i, word in enumerate(place_words):
        try:
            joining.add(_option(str(word)))
        except ValueError as error:
            problems.append(doc.problem(f"place word: {error}", "place_words", i))
    joining |= place_options
    for section, exclude in (("concepts", False), ("exclude", True)):
        block = data.get(section, {} if exclude else None)
        if not isinstance(block, dict):
            problems.append(doc.problem(f"'{section}' must map concept ids to phrase lists"))
            continue
        for concept, items in block.items():
            # "a|b": words that do not say which of two concepts they mean count for both
            joint = tuple(str(concept).split("|"))
            unknown = [c for c in joint if c not in concepts]
            if unknown:
                problems.append(
                    doc.problem(
                        f"unknown concept id {unknown[0]!r} (not in concepts.yaml)",
                        section,
                        concept,
                    )
                )
                continue
            if items is None:
                items = []
            if not isinstance(items, list):
                problems.append(doc.problem("expected a list of phrases", section, concept))
                continue
            for i, text in enumerate(items):
                if not isinstance(text, str | int | float):
                    problems.append(doc.problem("a phrase must be text", section, concept, i))
                    continue
                text = str(text)
                try:
                    slots, gap = parse_phrase(text, groups)
                except ValueError as error:
                    problems.append(doc.problem(f"phrase {text!r}: {error}", section, concept, i))
                    continue
                other = {word_language(o.value) for s in slots for o in s.options} - {None, lang}
                if other:
                    problems.append(
                        doc.problem(
                            f"phrase {text!r} has words of another language than {lang!r}",
                            section,
                            concept,
                            i,
                        )
                    )
                    continue
                # (the lemma options Russian words bring along do not name a place)
                is_place = [
                    bool(place_options)
                    and place_options.issuperset(
                        o for o in slot.options if o.kind is not SlotKind.LEMMA
                    )
                    for slot in slots
                ]
                place = is_place.index(True) if len(slots) >= 2 and sum(is_place) == 1 else -1
                # the one slot that is no part of a place, when all the others are
                outside = [
                    i
                    for i, slot in enumerate(slots)
                    if not joining.issuperset(
                        o for o in slot.options if o.kind is not SlotKind.LEMMA
                    )
                ]
                if place >= 0 and len(slots) == 2:
                    sign = 1 - place
                elif len(slots) >= 2 and len(outside) == 1 and len(place_words) > 0:
                    sign = outside[0]
                else:
                    sign = -1
                for one in joint:
                    phrases.append(
                        Phrase(
                            one,
                            lang,
                            text,
                            slots,
                            gap,
                            str(doc.path),
                            doc.line_of(section, concept, i),
                            exclude,
                            text.rstrip().endswith("+"),
                            tuple(c for c in joint if c != one),
                            place,
                            sign,
                        )
                    )


def read_lexicon(content_dir: Path) -> tuple[Lexicon, list[Problem], list[Problem]]:
    """Read everything; returns the lexicon, fatal problems and content warnings."""
    content_dir = Path(content_dir)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    concepts = _read_concepts(content_dir, errors)
    lexicon = Lexicon(concepts=concepts, phrases=[], negation=NegationRules())
    known_words: set[str] = set()
    folder = content_dir / "lexicon"
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        errors.append(Problem(str(folder), 1, "no lexicon files (*.yaml) found"))
    for path in files:
        try:
            doc = load_yaml(path)
        except YamlError as error:
            errors.append(error.problem)
            continue
        lexicon.files.append(str(path))
        if not isinstance(doc.data, dict):
            errors.append(
                doc.problem("expected a mapping with 'kind: phrases' or 'kind: negation'")
            )
            continue
        kind = doc.data.get("kind")
        if kind == "phrases":
            _read_phrase_file(doc, concepts, lexicon.phrases, known_words, errors, lexicon)
        elif kind == "negation":
            read_negation_file(doc, lexicon.negation, errors)
        elif kind == "subject":
            read_subject_file(doc, lexicon.subject, errors)
        else:
            errors.append(doc.problem("'kind' must be 'phrases', 'negation' or 'subject'", "kind"))
    lexicon.known_words = frozenset(known_words)
    _check_coverage(lexicon, files, warnings)
    return lexicon, errors, warnings


def _check_coverage(lexicon: Lexicon, files: list[Path], warnings: list[Problem]) -> None:
    seen: dict[tuple[str, bool, tuple[tuple[Option, ...], ...]], Phrase] = {}
    covered: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for phrase in lexicon.phrases:
        if not phrase.exclude:
            covered[phrase.lang].add(phrase.concept)
        first = seen.setdefault((phrase.lang, phrase.exclude, phrase.key), phrase)
        if first is phrase or (first.line == phrase.line and first.concept in phrase.also):
            continue  # one "a|b" phrase, read for each of its concepts
        if first.concept != phrase.concept and first.concept not in phrase.also:
            message = (
                f"phrase {phrase.text!r} is also under {first.concept!r} "
                f"({first.file}:{first.line}); keep it under one concept"
            )
        else:
            message = f"phrase {phrase.text!r} repeats line {first.line}"
        warnings.append(Problem(phrase.file, phrase.line, message))
    by_lang = {lang: next((str(p) for p in files if p.stem == lang), None) for lang in LANGUAGES}
    for lang in LANGUAGES:
        for concept in lexicon.concepts:
            if concept not in covered[lang]:
                where = by_lang[lang] or str(files[0] if files else "content/lexicon")
                warnings.append(Problem(where, 1, f"concept {concept!r} has no {lang} phrases"))


# short function words: as the first or last alternative of a slot next to a plain word they
# betray a multi-word option ("a lot|often|all the time", "get up|wake", "перед|во время")
_FUNCTION_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "all",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "up",
        "down",
        "off",
        "over",
        "for",
        "with",
        "from",
        "into",
        "onto",
        "about",
        "в",
        "во",
        "на",
        "с",
        "со",
        "к",
        "ко",
        "от",
        "до",
        "за",
        "по",
        "под",
        "из",
        "у",
        "о",
        "об",
        "при",
        "все",
    }
)


def multiword_alternative(text: str) -> str | None:
    """Why ``text`` looks like it wants a multi-word alternative, or None.

    The syntax splits on spaces, so "a lot|often|all the time" is four slots that all must
    match: "often" alone never does. Two signs: an alternative that repeats a word of another
    slot ("bear down|bearing down"), and a function word at the edge of an alternative list
    that mixes it with content words, next to a plain word on that side ("get up|wake").
    """
    items = [i for i in text.split() if not _GAP.match(i)]
    plain = [("|" not in i and not i.startswith("@")) for i in items]
    for k, item in enumerate(items):
        if "|" not in item:
            continue
        alternatives = [fold_word(a.strip("=*")) for a in item.split("|") if a]
        if not alternatives:
            continue
        others = {
            fold_word(w.strip("=*"))
            for j, other in enumerate(items)
            if j != k
            for w in other.split("|")
            if not w.startswith("@")
        }
        repeated = [a for a in alternatives if a in others]
        if repeated:
            return f"alternative {repeated[0]!r} of {item!r} repeats another word of the phrase"
        if all(a in _FUNCTION_WORDS for a in alternatives):
            continue
        if alternatives[0] in _FUNCTION_WORDS and k > 0 and plain[k - 1]:
            return f"{items[k - 1]} {alternatives[0]!r} reads as one option of {item!r}"
        if alternatives[-1] in _FUNCTION_WORDS and k + 1 < len(items) and plain[k + 1]:
            return f"{alternatives[-1]!r} {items[k + 1]} reads as one option of {item!r}"
    return None


def _check_alternatives(lexicon: Lexicon, warnings: list[Problem]) -> None:
    for phrase in lexicon.phrases:
        reason = multiword_alternative(phrase.text)
        if reason:
            warnings.append(
                Problem(
                    phrase.file,
                    phrase.line,
                    f"phrase {phrase.text!r}: {reason}; alternatives are single words (the "
                    "phrase splits on spaces): write a multi-word option as a phrase of its own",
                )
            )


def load_lexicon(content_dir: Path) -> Lexicon:
    """The lexicon for the matcher; raises ``LexiconError`` when a file is broken."""
    lexicon, errors, _warnings = read_lexicon(content_dir)
    if errors:
        raise LexiconError(errors)
    return lexicon


def validate_lexicon(content_dir: Path) -> list[Problem]:
    """Every problem of the lexicon, for ``python -m bot validate``: file:line, sorted."""
    lexicon, errors, warnings = read_lexicon(Path(content_dir))
    _check_alternatives(lexicon, warnings)
    return sorted(set(errors + warnings))
