"""Free text -> symptom concepts, with negation: the matcher the engine calls on every message.

Design (speed target: thousands of 40-word messages per second on one core):
- the lexicon is compiled once into an index from "word keys" (a Snowball stem, an exact
  form, a prefix, a number range) to the phrases that use them;
- each distinct message word is resolved to its keys once and cached: exact stem and
  prefix look-ups first, then fuzzy look-up with rapidfuzz over the stems that start with
  the same letter (typos rarely hit the first letter, and it keeps "never" from becoming
  "fever");
- phrases are then found from the words' keys: only phrases that share a word with the
  message are ever looked at.
"""

from __future__ import annotations

import itertools
import threading
from collections import defaultdict
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.matcher.language import detect_language, stem, word_language
from bot.matcher.lexicon import Lexicon, Phrase, SlotKind, load_lexicon
from bot.matcher.morphology import (
    is_nominative,
    is_predicate,
    is_real_word,
    lemmas,
    to_cyrillic,
    verb_normal_form,
)
from bot.matcher.negation import CueSet, Negation, Verdict
from bot.matcher.normalize import MAX_TEXT_CHARS, Kind, Token, fold_word, sound_key, tokenize
from bot.matcher.placement import Hit, best_placement
from bot.matcher.result import ConceptMatch, MatchResult, Subject
from bot.matcher.rewrite import Ellipsis, ni_before_verb
from bot.matcher.subject import SubjectFinder

FUZZY_MIN_LENGTH = 5  # shorter words (and stems) must match exactly: "leg" is not "lag"
RED_FUZZY_MIN_LENGTH = 4  # ... except one edit in a red-flag word of 4+ letters ("numm")
SOUND_FUZZY_MIN = 4  # sound keys shorter than this must be equal ("btm" ~ "bottom")
TWO_TYPOS_LENGTH = 8  # from this stem length on, two edits are forgiven
FUZZY_PREFIX_MIN = 6  # prefixes ("онем*") shorter than this match exactly
MIN_SIMILARITY = 80.0  # below this a "typo" is more likely another word
_CACHE_LIMIT = 50_000
SENTENCE_ENDS = frozenset({".", "!", "?", ";", "\n", "…"})
# Russian chat spelling of reflexive verbs: "подкашиваюца" -> "подкашиваются"
_CHAT_ENDING_MAP = (
    ("ютца", "ются"),
    ("ятца", "ятся"),
    ("юца", "ются"),
    ("етца", "ется"),
    ("итца", "ится"),
)
_CHAT_ENDINGS = tuple(ending for ending, _ in _CHAT_ENDING_MAP)
RED_LEVELS = frozenset({"emergency", "urgent"})  # denied only on a firm negation
# how a concept reads, best first among its hits: stated; someone else's red flag beside the
# writer's own words (ask whose); firmly denied; doubtful (a far or hedged negation)
AFFIRMED, WHOSE, NEGATED, DOUBTFUL = 3, 2, 1, 0

Key = tuple[SlotKind, str]
Place = tuple[int, int, float]  # phrase index, slot index, similarity
# (anchor places, other places by phrase: phrase index -> ((slot index, similarity), ...))
_Places = tuple[tuple[Place, ...], dict[int, tuple[tuple[int, float], ...]]]


def _in_cyrillic(tokens: list[Token], convert: set[str]) -> list[Token]:
    return [
        t._replace(text=fold_word(to_cyrillic(t.text))) if t.text in convert else t for t in tokens
    ]


class Matcher:
    """Compiled lexicon + negation rules; ``match`` is pure and safe to call from threads."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._negation = Negation(lexicon.negation, is_predicate, is_nominative)
        self._subjects = SubjectFinder(lexicon.subject)
        self._services = CueSet(lexicon.negation.services)
        self._ellipsis = Ellipsis(lexicon.negation)
        self._respell = dict(lexicon.respell)
        self._facts: dict[str, tuple[tuple[str, ...] | None, str | None, bool]] = {}
        self._bridge = dict(lexicon.bridge)
        self._past_counts = frozenset(lexicon.negation.past_counts)
        self._phrases: list[Phrase] = list(lexicon.phrases)
        # the Russian verb forms the phrases use, by sound: «магу» after «ни» is «могу»
        self._verb_sounds = {
            sound_key(option.source or option.value): option.source or option.value
            for phrase in self._phrases
            if phrase.lang == "ru"
            for slot in phrase.slots
            for option in slot.options
            if option.kind in (SlotKind.STEM, SlotKind.EXACT)
            and len(option.source or option.value) >= 4
            and verb_normal_form(option.source or option.value) is not None
        }
        self._index: dict[Key, list[tuple[int, int]]] = defaultdict(list)
        self._numbers: list[tuple[float, float, Key]] = []
        prefixes: dict[int, set[str]] = defaultdict(set)
        stems: set[str] = set()
        sources: dict[str, Key] = {}  # whole lexicon word -> its key (stem or exact form)
        for p_index, phrase in enumerate(self._phrases):
            for s_index, slot in enumerate(phrase.slots):
                for option in slot.options:
                    key = (option.kind, option.value)
                    self._index[key].append((p_index, s_index))
                    if option.kind is SlotKind.STEM:
                        stems.add(option.value)
                        if len(option.source) >= FUZZY_MIN_LENGTH:
                            sources.setdefault(option.source, key)
                    elif option.kind is SlotKind.EXACT and len(option.value) >= FUZZY_MIN_LENGTH:
                        sources[option.value] = key
                    elif option.kind is SlotKind.PREFIX:
                        prefixes[len(option.value)].add(option.value)
                    elif option.kind is SlotKind.NUMBER:
                        entry = (option.low, option.high, key)
                        if entry not in self._numbers:
                            self._numbers.append(entry)
        self._index = dict(self._index)
        self._stems = frozenset(stems)
        self._prefixes = {length: frozenset(values) for length, values in prefixes.items()}
        # fuzzy candidates: stems long enough to be told apart, grouped by first letter
        by_letter: dict[str, list[str]] = defaultdict(list)
        for value in sorted(stems):
            if len(value) >= FUZZY_MIN_LENGTH:
                by_letter[value[0]].append(value)
        self._fuzzy_stems = dict(by_letter)
        words_by_letter: dict[str, list[str]] = defaultdict(list)
        for value in sorted(sources):
            words_by_letter[value[0]].append(value)
        self._fuzzy_words = dict(words_by_letter)
        self._source_key = sources
        fuzzy_prefixes: dict[tuple[str, int], list[str]] = defaultdict(list)
        for length, values in self._prefixes.items():
            if length >= FUZZY_PREFIX_MIN:
                for value in sorted(values):
                    fuzzy_prefixes[(value[0], length)].append(value)
        self._fuzzy_prefixes = dict(fuzzy_prefixes)
        self._lemmas = frozenset(
            option.value
            for phrase in self._phrases
            for slot in phrase.slots
            for option in slot.options
            if option.kind is SlotKind.LEMMA
        )
        # the words of emergency phrases, for typos in any letter ("анемели ягадицы")
        red_words: dict[str, Key] = {}
        red_prefixes: dict[int, set[str]] = defaultdict(set)
        for phrase in self._phrases:
            if phrase.exclude or lexicon.concepts.get(phrase.concept) != "emergency":
                continue
            for slot in phrase.slots:
                for option in slot.options:
                    if option.kind is SlotKind.STEM and len(option.source) >= RED_FUZZY_MIN_LENGTH:
                        red_words.setdefault(option.source, (option.kind, option.value))
                    elif (
                        option.kind is SlotKind.EXACT and len(option.value) >= RED_FUZZY_MIN_LENGTH
                    ):
                        red_words.setdefault(option.value, (option.kind, option.value))
                    elif (
                        option.kind is SlotKind.PREFIX and len(option.value) >= RED_FUZZY_MIN_LENGTH
                    ):
                        red_prefixes[len(option.value)].add(option.value)
        self._red_words = sorted(red_words)
        self._red_word_key = red_words
        self._red_prefixes = {n: sorted(v) for n, v in red_prefixes.items()}
        # the same words by sound, for typos made by ear, several in one word ("промешности",
        # "ягадиц", "bottm"): the key forgives what the ear cannot tell apart
        red_sounds: dict[str, Key] = {}
        for word, key in red_words.items():
            red_sounds.setdefault(sound_key(word), key)
        for red_values in red_prefixes.values():
            for value in red_values:
                red_sounds.setdefault(sound_key(value), (SlotKind.PREFIX, value))
        self._red_sounds = red_sounds
        self._red_sound_list = sorted(k for k in red_sounds if len(k) >= SOUND_FUZZY_MIN)
        # prefix sounds by length: a word's sound is cut at each length and looked up once
        sound_prefixes: dict[int, dict[str, str]] = defaultdict(dict)
        for red_values in red_prefixes.values():
            for value in red_values:
                sound = sound_key(value)
                if len(sound) >= SOUND_FUZZY_MIN:
                    sound_prefixes[len(sound)].setdefault(sound, value)
        self._red_sound_prefixes = dict(sound_prefixes)
        # correctly spelled words are never "typos" of something else
        self._real_words = self._negation.words | lexicon.known_words
        self._slot_count = [len(phrase.slots) for phrase in self._phrases]
        # Each phrase is looked at only when its rarest word (its anchor) is in the message:
        # common words ("в", "my", "не") sit in many phrases and would otherwise open them all.
        self._anchor = [
            min(
                range(len(phrase.slots)),
                key=lambda i, ph=phrase: sum(  # type: ignore[misc]
                    len(self._index[(o.kind, o.value)]) for o in ph.slots[i].options
                ),
            )
            for phrase in self._phrases
        ]
        # word -> its anchor places and other places (phrase, slot, similarity), done once
        self._cache: dict[tuple[Kind, str, bool], _Places] = {}
        self._cache_lock = threading.Lock()

    @classmethod
    def load(cls, content_dir: Path) -> Matcher:
        return cls(load_lexicon(Path(content_dir)))

    # --- words -------------------------------------------------------------------------

    def _token_entries(self, token: Token, mixed: bool = False) -> _Places:
        """The (phrase, slot, similarity) places a word or number can fill; cached per
        distinct token."""
        cache_key = (token.kind, token.text, mixed)
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        if token.kind is Kind.WORD:
            keys = self._resolve(token.text)
            partner = self._bridge.get(token.text) if mixed else None
            if partner is not None:
                # "groin" also fills the slots of "пах": "онемел groin"
                keys = keys + self._resolve(partner)
        else:
            keys = self._number_keys(token.text)
        entries = self._entries(keys)
        with self._cache_lock:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()  # crude but bounded; the vocabulary of patients is small
            self._cache[cache_key] = entries
        return entries

    def _entries(self, keys: tuple[tuple[Key, float], ...]) -> _Places:
        best: dict[tuple[int, int], float] = {}
        for key, similarity in keys:
            for place in self._index.get(key, ()):
                if similarity > best.get(place, -1.0):
                    best[place] = similarity
        anchors = tuple((p, s, sim) for (p, s), sim in best.items() if self._anchor[p] == s)
        others: dict[int, list[tuple[int, float]]] = {}
        for (p, s), sim in best.items():
            if self._anchor[p] != s:
                others.setdefault(p, []).append((s, sim))
        return anchors, {p: tuple(slots) for p, slots in others.items()}

    def _resolve(self, word: str) -> tuple[tuple[Key, float], ...]:
        found: dict[Key, float] = {}
        if (SlotKind.EXACT, word) in self._index:
            found[(SlotKind.EXACT, word)] = 100.0
        word_stem = stem(word)
        if word_stem in self._stems:
            found[(SlotKind.STEM, word_stem)] = 100.0
        if self._lemmas and word_language(word) == "ru":
            for form in lemmas(word):
                if form in self._lemmas:
                    found[(SlotKind.LEMMA, form)] = 100.0
        for length, values in self._prefixes.items():
            if len(word) >= length and word[:length] in values:
                found[(SlotKind.PREFIX, word[:length])] = 100.0
        if found or word in self._real_words or len(word) < RED_FUZZY_MIN_LENGTH:
            return tuple(found.items())
        if is_real_word(word):
            # a word the dictionary knows is that word, not a typo: "понял" is not "поднял"
            return ()
        # an unknown word: a typo of an emergency word counts beside any other reading
        # ("онимение" is numbness, and of the saddle phrases too)
        for key, similarity in self._red_flag_typos(word):
            found[key] = max(found.get(key, 0.0), similarity)
        if len(word) < FUZZY_MIN_LENGTH:
            return tuple(found.items())
        # the allowance follows the stem: "прогулки" (stem of 7) may not become "продул"
        limit = 1 if len(word_stem) < TWO_TYPOS_LENGTH else 2
        candidates = self._fuzzy_stems.get(word_stem[0], ())
        if candidates and len(word_stem) >= FUZZY_MIN_LENGTH:
            # one batch call over the stems of the same first letter
            best = process.extract(
                word_stem, candidates, scorer=OSA.distance, score_cutoff=limit, limit=4
            )
            if best:
                nearest = min(distance for _, distance, _ in best)
                for value, distance, _ in best:
                    similarity = 100.0 * (1 - distance / max(len(value), len(word_stem)))
                    if distance == nearest and similarity >= MIN_SIMILARITY:
                        found[(SlotKind.STEM, value)] = similarity
        # the whole word against whole lexicon words: catches typos in words whose stem is
        # too short to be compared fuzzily ("numbnes" -> "numbness" -> stem "numb")
        whole = self._fuzzy_words.get(word[0], ())
        if whole:
            word_limit = 1 if len(word) < TWO_TYPOS_LENGTH else 2
            for value, distance, _ in process.extract(
                word, whole, scorer=OSA.distance, score_cutoff=word_limit, limit=3
            ):
                similarity = 100.0 * (1 - distance / max(len(value), len(word)))
                if similarity >= MIN_SIMILARITY:
                    key = self._source_key[value]
                    found[key] = max(found.get(key, 0.0), similarity)
        for (letter, length), prefix_values in self._fuzzy_prefixes.items():
            if letter != word[0] or len(word) < length - 1:
                continue
            # a typo may add or drop a letter inside the prefix: try one shorter and longer
            for head in {word[: length - 1], word[:length], word[: length + 1]}:
                best_prefix = process.extractOne(
                    head, prefix_values, scorer=OSA.distance, score_cutoff=1
                )
                if best_prefix:
                    value, distance, _ = best_prefix
                    similarity = 100.0 * (1 - distance / length)
                    if similarity >= MIN_SIMILARITY:
                        key = (SlotKind.PREFIX, value)
                        found[key] = max(found.get(key, 0.0), similarity)
        return tuple(found.items())

    def _red_flag_typos(self, word: str) -> tuple[tuple[Key, float], ...]:
        """One edit anywhere, the first letter included, for the words of red-flag phrases
        ("анемели" -> "онем*", "ягадицы"): a missed emergency costs more than a false alarm,
        and only words no dictionary knows get here."""
        found: dict[Key, float] = {}
        for value, distance, _ in process.extract(
            word, self._red_words, scorer=OSA.distance, score_cutoff=1, limit=3
        ):
            similarity = 100.0 * (1 - distance / max(len(value), len(word)))
            key = self._red_word_key[value]
            found[key] = max(found.get(key, 0.0), max(similarity, MIN_SIMILARITY))
        for length, values in self._red_prefixes.items():
            if len(word) < length:
                continue
            best = process.extractOne(word[:length], values, scorer=OSA.distance, score_cutoff=1)
            if best:
                found[(SlotKind.PREFIX, best[0])] = MIN_SIMILARITY
        sound = sound_key(word)
        if sound in self._red_sounds:
            found.setdefault(self._red_sounds[sound], MIN_SIMILARITY)
        elif len(sound) >= SOUND_FUZZY_MIN and word_language(word) == "ru":
            # Russian consonant skeletons are long enough for one more slip on top
            best_sound = process.extractOne(
                sound, self._red_sound_list, scorer=OSA.distance, score_cutoff=1
            )
            if best_sound:
                found.setdefault(self._red_sounds[best_sound[0]], MIN_SIMILARITY)
        for length, by_sound in self._red_sound_prefixes.items():
            prefix = by_sound.get(sound[:length]) if len(sound) >= length else None
            if prefix is not None:
                found.setdefault((SlotKind.PREFIX, prefix), MIN_SIMILARITY)
        return tuple(found.items())

    def _number_keys(self, text: str) -> tuple[tuple[Key, float], ...]:
        try:
            value = float(text)
        except ValueError:
            return ()
        return tuple((key, 100.0) for low, high, key in self._numbers if low <= value <= high)

    # --- messages ----------------------------------------------------------------------

    def match(self, text: str, lang: str = "auto") -> MatchResult:
        tokens, maybe_russian = self._prepared(tokenize(text[:MAX_TEXT_CHARS]))
        tokens = self._ellipsis.fill(tokens)
        if maybe_russian is not None:
            maybe_russian = self._ellipsis.fill(maybe_russian)
        result = self._match_tokens(text, tokens, lang)
        if maybe_russian is not None:
            # a short or mixed Latin message that may be Russian ("nemeet pah"): the reading
            # that finds more wins, so that English with one odd word stays English
            other = self._match_tokens(text, maybe_russian, lang)
            if len(other.concepts) > len(result.concepts):
                return other
        return result

    def _match_tokens(self, text: str, tokens: list[Token], lang: str) -> MatchResult:
        words: list[Token] = []
        breaks: list[bool] = []  # clause punctuation right before each word
        commas: list[bool] = []  # ... and that punctuation is commas only (lists go on)
        marks: list[str] = []  # ... and what it was ("", ",", ":", "-")
        sentence: list[int] = []
        segment: list[int] = []  # pieces between any punctuation: a phrase stays in one
        pending = ""
        number = 0
        pieces = 0
        for token in tokens:
            if token.kind is Kind.BOUNDARY:
                pending += token.text
                if token.text in SENTENCE_ENDS:
                    number += 1
                continue
            if pending and any(c in SENTENCE_ENDS for c in pending):
                pieces += 1
            words.append(token)
            breaks.append(bool(pending))
            commas.append(bool(pending) and set(pending) == {","})
            marks.append(pending)
            sentence.append(number)
            segment.append(pieces)
            pending = ""
        texts = [t.text for t in words]
        # a phrase does not reach across a comma into a clause about someone (else) or one
        # opened by "but": "рак груди, у меня поясница ноет"
        shift = 0
        for i in range(len(words)):
            if breaks[i] and (
                self._opens_clause(texts[i])
                or (i + 1 < len(texts) and self._subjects.person(texts[i + 1]) is not None)
            ):
                shift += 1
            segment[i] += shift
        if lang not in ("ru", "en"):
            lang = detect_language([t.text for t in words if t.kind is Kind.WORD])
        facts = self._facts
        scripts = {
            (facts.get(t.text) or self._word_facts(t.text))[1] for t in words if t.kind is Kind.WORD
        }
        hits = self._find_phrases(
            words, segment, mixed="ru" in scripts and "en" in scripts, sentence=sentence
        )
        concepts, subject = self._decide(text, words, texts, breaks, commas, marks, sentence, hits)
        return MatchResult(lang=lang, concepts=concepts, subject=subject)

    def _prepared(self, tokens: list[Token]) -> tuple[list[Token], list[Token] | None]:
        """The tokens with chat spellings read as meant ("cnt" -> "cant", "нимагу" -> "не
        могу", "-юца" -> "-ются": ``respell`` in content/lexicon) and Russian typed in Latin
        letters turned back into Cyrillic ("ne mogu pisat", "noga холодная"); one pass, one
        cached look-up per word. The second item is a Cyrillic reading to try as well, when
        the message may be either ("nemeet pah").

        A whole message is taken for transliterated Russian when at least half of its Latin
        words are words no English dictionary (nor the lexicon) knows and one of them is a
        Russian word once in Cyrillic; in a mostly Cyrillic message each unknown Latin word
        is."""
        out: list[Token] = []
        latin = 0
        cyrillic = 0
        unknown: set[str] = set()
        for token in tokens:
            if token.kind is not Kind.WORD:
                out.append(token)
                continue
            replacement, script, english = self._word_facts(token.text)
            if replacement is not None:
                for word in replacement:
                    out.append(token._replace(text=word))
                    word_script = self._word_facts(word)[1]
                    latin += word_script == "en"
                    cyrillic += word_script == "ru"
                continue
            out.append(token)
            if script == "en":
                latin += 1
                if not english:
                    unknown.add(token.text)
            elif script == "ru":
                cyrillic += 1
        ni_before_verb(out, self._verb_sounds)
        if not unknown:
            return out, None
        russian = sum(1 for w in unknown if is_real_word(fold_word(to_cyrillic(w))))
        every_latin = {
            t.text for t in out if t.kind is Kind.WORD and self._word_facts(t.text)[1] == "en"
        }
        if russian and len(unknown) >= 2 and len(unknown) * 2 > latin:
            return _in_cyrillic(out, every_latin), None
        if cyrillic > latin:
            return _in_cyrillic(out, unknown), None
        if russian and len(unknown) * 2 >= latin:
            return out, _in_cyrillic(out, every_latin)
        return out, None

    def _word_facts(self, word: str) -> tuple[tuple[str, ...] | None, str | None, bool]:
        """(its respelling or None, its script, whether it is a known English word); cached."""
        facts = self._facts.get(word)
        if facts is None:
            replacement = self._respell.get(word)
            if replacement is None and word.endswith(_CHAT_ENDINGS):
                for ending, proper in _CHAT_ENDING_MAP:
                    if word.endswith(ending) and len(word) > len(ending) + 2:
                        replacement = (word[: -len(ending)] + proper,)
                        break
            script = word_language(word)
            english = script == "en" and (
                word in self._real_words
                or (SlotKind.EXACT, word) in self._index
                or stem(word) in self._stems
                or (len(word) > 1 and is_real_word(word))
            )
            facts = (replacement, script, english)
            if len(self._facts) < _CACHE_LIMIT:
                self._facts[word] = facts
        return facts

    def _about_other(self, texts: list[str], breaks: list[bool]) -> bool:
        clause, number = [], 0
        for i in range(len(texts)):
            if i and breaks[i]:
                number += 1
            clause.append(number)
        return self._subjects.persons(texts, clause).subject == "other"

    def _opens_clause(self, word: str) -> bool:
        return self._subjects.person(word) is not None

    def _find_phrases(
        self,
        words: list[Token],
        segment: list[int],
        mixed: bool = False,
        sentence: list[int] | None = None,
    ) -> list[Hit]:
        slot_count = self._slot_count
        places = [self._token_entries(t, mixed) for t in words]
        singles: dict[int, tuple[int, float]] = {}  # one-word phrases: best word
        cells: dict[int, list[list[tuple[int, float]]]] = {}  # phrase -> slot -> words
        # pass 1: anchors open the phrases worth looking at
        for position, (anchors, _others) in enumerate(places):
            for p_index, s_index, similarity in anchors:
                count = slot_count[p_index]
                if count == 1:
                    found = singles.get(p_index)
                    if found is None or similarity > found[1]:
                        singles[p_index] = (position, similarity)
                    continue
                phrase_cells = cells.get(p_index)
                if phrase_cells is None:
                    phrase_cells = cells[p_index] = [[] for _ in range(count)]
                cell = phrase_cells[s_index]
                cell.append((position, similarity))
        # pass 2: the other words of the open phrases; a common word ("my", "не") sits in
        # many phrases, so the smaller side is walked: the open phrases or the word's phrases
        if cells:
            for position, (_anchors, others) in enumerate(places):
                if not others:
                    continue
                if len(cells) < len(others):
                    shared = [(p, others[p]) for p in cells if p in others]
                else:
                    shared = [(p, slots) for p, slots in others.items() if p in cells]
                for p_index, slots in shared:
                    phrase_cells = cells[p_index]
                    for s_index, similarity in slots:
                        cell = phrase_cells[s_index]
                        cell.append((position, similarity))
        hits = [Hit(self._phrases[p], (pos,), sim) for p, (pos, sim) in singles.items()]
        for p_index, phrase_cells in cells.items():
            if all(phrase_cells):
                phrase = self._phrases[p_index]
                # a story phrase ("~10+") is placed within a sentence, the rest within a piece
                pieces = sentence if phrase.story and sentence is not None else segment
                hit = best_placement(phrase, phrase_cells, pieces)
                if hit is not None:
                    hits.append(hit)
        return hits

    def _decide(
        self,
        text: str,
        words: list[Token],
        texts: list[str],
        breaks: list[bool],
        commas: list[bool],
        marks: list[str],
        sentence: list[int],
        hits: list[Hit],
    ) -> tuple[list[ConceptMatch], Subject]:
        # exclude-phrases ("hay fever", "bladder cancer") take their words away from
        # their concept; but a relative's cancer is theirs when the message is about them
        # ("my dad has prostate cancer and now his back hurts")
        blocked: dict[str, set[int]] = defaultdict(set)
        others: frozenset[int] | None = None
        for hit in hits:
            if hit.phrase.exclude:
                if others is None:
                    others = self._subjects.other_words(texts)
                if (
                    others.intersection(hit.positions)
                    and any(
                        not h.phrase.exclude and h.phrase.concept != hit.phrase.concept
                        for h in hits
                    )
                    and self._about_other(texts, breaks)
                ):
                    continue
                blocked[hit.phrase.concept].update(hit.positions)
        kept = [
            h
            for h in hits
            if not h.phrase.exclude and not blocked[h.phrase.concept].intersection(h.positions)
        ]
        if not kept:
            clause = list(itertools.accumulate(int(b) for b in breaks))
            return [], self._subjects.persons(texts, clause).subject
        scopes = self._negation.scopes(texts, breaks, commas, marks, sentence)
        persons = self._subjects.persons(texts, scopes.clause)
        taken = frozenset(p for h in kept for p in h.positions)
        levels = self.lexicon.concepts
        past_counts = self._past_counts
        # per concept: the best reading of any of its hits. A stated symptom wins; a firm
        # denial beats a doubtful one of the same concept ("no fever, chills or sweats"), and
        # a red flag is never denied on a doubtful reading alone
        best: dict[str, tuple[int, float, int, Hit]] = {}
        asking = {scopes.clause[h.start] for h in self._services.find(texts)}
        for hit in kept:
            concept = hit.phrase.concept
            red = levels.get(concept) in RED_LEVELS
            if not red and scopes.clause[hit.positions[0]] in asking:
                continue  # "how much is physio for the lower back": a service, not a symptom
            verdict = Negation.verdict(hit.positions, scopes, taken)
            if verdict is Verdict.PAST and concept in past_counts:
                verdict = None
            if verdict is Verdict.FEARED and not red:
                verdict = None  # "worried about my back pain" still tells of back pain
            if verdict is None:
                state = AFFIRMED
            elif red and verdict is not Verdict.FIRM:
                state = DOUBTFUL
            else:
                state = NEGATED
            if persons.mixed and all(persons.of_word[p] == "other" for p in hit.positions):
                # someone else's symptom beside the writer's own: a red flag is asked about,
                # anything else is not the writer's
                if not red:
                    continue
                if state == AFFIRMED:
                    state = WHOSE
            rank = (state, hit.score, len(hit.positions), hit)
            current = best.get(concept)
            if current is None or rank[:3] > current[:3]:
                best[concept] = rank
        results = []
        for concept, (state, score, _, hit) in best.items():
            first, last = words[hit.positions[0]], words[hit.positions[-1]]
            results.append(
                ConceptMatch(
                    id=concept,
                    score=round(score, 1),
                    negated=state == NEGATED,
                    evidence=text[first.start : last.end],
                    uncertain=state in (WHOSE, DOUBTFUL),
                )
            )
        results.sort(key=lambda c: (c.negated, c.uncertain, -c.score, c.id))
        return results, persons.subject
