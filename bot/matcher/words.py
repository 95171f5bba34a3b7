"""Words -> the (phrase, slot) places they can fill: the matcher's compiled word index.

The lexicon is compiled once into an index from "word keys" (a Snowball stem, an exact form,
a prefix, a pymorphy3 lemma, a number range) to the phrases that use them. Each distinct
message word is resolved to its keys once and cached (bounded): exact stem and prefix
look-ups first, then, for words no dictionary knows, fuzzy look-up with rapidfuzz (over the
stems with the same first letter) and, for the words of emergency phrases, one edit anywhere
or the same sound ("анемели", "ягадицы", "bottm").
"""

from __future__ import annotations

import threading
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.matcher.language import stem, word_language
from bot.matcher.layout import next_keys
from bot.matcher.lexicon import Lexicon, Option, Phrase, SlotKind
from bot.matcher.morphology import is_real_word, lemmas
from bot.matcher.normalize import CACHE_LIMIT, Kind, Token, sound_key
from bot.matcher.typos import LemmaTypos

FUZZY_MIN_LENGTH = 5  # shorter words (and stems) must match exactly: "leg" is not "lag"
RED_FUZZY_MIN_LENGTH = 4  # ... except one edit in a red-flag word of 4+ letters ("numm")
SOUND_FUZZY_MIN = 4  # sound keys shorter than this must be equal ("btm" ~ "bottom")
TWO_TYPOS_LENGTH = 8  # from this stem length on, two edits are forgiven
FUZZY_PREFIX_MIN = 6  # prefixes ("онем*") shorter than this match exactly
MIN_SIMILARITY = 80.0  # below this a "typo" is more likely another word
# a dictionary word one vowel away from a red-flag word: below MIN_SIMILARITY, so that only
# a phrase naming a place of the body takes it ("cant feal my groin"), never a lone word
SLIP_SIMILARITY = 70.0
_VOWELS = frozenset("aeiouyаеиоуыэюя")

Key = tuple[SlotKind, str]
Place = tuple[int, int, float]  # phrase index, slot index, similarity
# (one-word phrases as (phrase index, similarity), anchor places of longer phrases, the
# phrases those anchor as a bit set (bit i: phrase i), other places by phrase: phrase index ->
# ((slot index, similarity), ...), and their phrases as a bit set); a place below
# MIN_SIMILARITY is kept only where a slip may fill it (``slip_fits``)
Places = tuple[
    tuple[tuple[int, float], ...],
    tuple[Place, ...],
    int,
    dict[int, tuple[tuple[int, float], ...]],
    int,
]


class _ByLength:
    """Candidates of a fuzzy look-up, in their order, kept only within ``slack`` letters of
    the word's length: an edit distance of at most ``slack`` needs that, so the look-up runs
    over a few candidates instead of all and finds the same ones in the same order."""

    def __init__(self, values: list[str]) -> None:
        self._values = values
        self._longest = max((len(v) for v in values), default=0)
        self._near: dict[tuple[int, int], list[str]] = {}

    def __bool__(self) -> bool:
        return bool(self._values)

    def near(self, length: int, slack: int) -> list[str]:
        if length - slack > self._longest:
            return []
        key = (length, slack)
        found = self._near.get(key)
        if found is None:  # bounded: one list per (length, slack) up to the longest value
            found = [v for v in self._values if abs(len(v) - length) <= slack]
            self._near[key] = found
        return found


class WordIndex:
    """The lexicon's phrases indexed by word key; ``places`` is cached per distinct word."""

    def __init__(self, lexicon: Lexicon, known_words: frozenset[str] | set[str]) -> None:
        self._phrases: list[Phrase] = list(lexicon.phrases)
        self._bridge = dict(lexicon.bridge)
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
        self._fuzzy_stems = {letter: _ByLength(v) for letter, v in by_letter.items()}
        words_by_letter: dict[str, list[str]] = defaultdict(list)
        for value in sorted(sources):
            words_by_letter[value[0]].append(value)
        self._fuzzy_words = {letter: _ByLength(v) for letter, v in words_by_letter.items()}
        self._source_key = sources
        # lexicon words of four letters, for a three-letter word with one left out ("bck")
        short_by_letter: dict[str, list[str]] = defaultdict(list)
        for value in sorted(
            {
                option.source if option.kind is SlotKind.STEM else option.value
                for phrase in self._phrases
                if not phrase.exclude
                for slot in phrase.slots
                for option in slot.options
                if option.kind in (SlotKind.STEM, SlotKind.EXACT)
            }
        ):
            if len(value) == FUZZY_MIN_LENGTH - 1 and value.isalpha():
                short_by_letter[value[0]].append(value)
        self._short_words = {letter: _ByLength(v) for letter, v in short_by_letter.items()}
        # «ягадицу» -> «ягодицу»: one edit found through the dictionary forms (typos.py)
        self._lemma_typos = LemmaTypos(
            [o.source for o in _options(self._phrases, SlotKind.STEM)]
            + [o.value for o in _options(self._phrases, SlotKind.EXACT)]
            + [o.value for o in _options(self._phrases, SlotKind.LEMMA)],
            [o.value for o in _options(self._phrases, SlotKind.PREFIX)],
        )
        fuzzy_prefixes: dict[tuple[str, int], list[str]] = defaultdict(list)
        for length, values in self._prefixes.items():
            if length >= FUZZY_PREFIX_MIN:
                for value in sorted(values):
                    fuzzy_prefixes[(value[0], length)].append(value)
        # by first letter: a word is compared only with the prefixes that begin as it does
        prefixes_by_letter: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
        for (letter, length), prefix_values in fuzzy_prefixes.items():
            prefixes_by_letter[letter].append((length, prefix_values))
        self._fuzzy_prefixes = dict(prefixes_by_letter)
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
        self._red_words = _ByLength(sorted(red_words))
        self._red_word_key = red_words
        # red-flag words by (length, first letter), for one-vowel slips into dictionary words
        by_shape: dict[tuple[int, str], list[str]] = defaultdict(list)
        for value in red_words:
            by_shape[(len(value), value[0])].append(value)
        self._red_by_shape = dict(by_shape)
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
        self._red_sound_list = _ByLength(sorted(k for k in red_sounds if len(k) >= SOUND_FUZZY_MIN))
        # prefix sounds by length: a word's sound is cut at each length and looked up once
        sound_prefixes: dict[int, dict[str, str]] = defaultdict(dict)
        for red_values in red_prefixes.values():
            for value in red_values:
                sound = sound_key(value)
                if len(sound) >= SOUND_FUZZY_MIN:
                    sound_prefixes[len(sound)].setdefault(sound, value)
        self._red_sound_prefixes = dict(sound_prefixes)
        # correctly spelled words are never "typos" of something else
        self._real_words = frozenset(known_words) | lexicon.known_words
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
        self._place_keys = frozenset((o.kind, o.value) for o in lexicon.places)
        self._is_place: dict[str, bool] = {}
        # word -> its anchor places and other places (phrase, slot, similarity), done once
        self._cache: dict[tuple[str, bool], Places] = {}
        self._cache_lock = threading.Lock()

    @property
    def phrases(self) -> list[Phrase]:
        return self._phrases

    @property
    def slot_count(self) -> list[int]:
        return self._slot_count

    def knows(self, word: str) -> bool:
        """Whether the word is a lexicon or cue word as it stands (not a typo)."""
        return (
            word in self._real_words
            or (SlotKind.EXACT, word) in self._index
            or stem(word) in self._stems
        )

    def is_place(self, word: str) -> bool:
        """Whether a word names a place of the body ("groin", «нога»); cached."""
        found = self._is_place.get(word)
        if found is None:
            found = any(key in self._place_keys for key, _ in self._resolve(word))
            if len(self._is_place) < CACHE_LIMIT:
                self._is_place[word] = found
        return found

    def places(self, token: Token, mixed: bool = False) -> Places:
        """The (phrase, slot, similarity) places a word or number can fill; cached per
        distinct token."""
        cache_key = (token.text, mixed)  # a number never reads as a word: no kind needed
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
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()  # crude but bounded; the vocabulary of patients is small
            self._cache[cache_key] = entries
        return entries

    def slip_fits(self, p_index: int, s_index: int) -> bool:
        """A one-vowel slip into a dictionary word ("feal") fills a sign's slot only in a
        phrase that also names the place of the body ("cant feal my groin")."""
        place = self._phrases[p_index].place
        return place >= 0 and place != s_index

    def _entries(self, keys: tuple[tuple[Key, float], ...]) -> Places:
        best: dict[tuple[int, int], float] = {}
        for key, similarity in keys:
            for place in self._index.get(key, ()):
                if similarity > best.get(place, -1.0):
                    best[place] = similarity
        # what no message can use is dropped here, once per word, not in every message
        usable = [
            (p, s, sim)
            for (p, s), sim in best.items()
            if sim >= MIN_SIMILARITY or self.slip_fits(p, s)
        ]
        singles = tuple((p, sim) for p, s, sim in usable if self._slot_count[p] == 1)
        anchors = tuple(
            (p, s, sim) for p, s, sim in usable if self._anchor[p] == s and self._slot_count[p] > 1
        )
        others: dict[int, list[tuple[int, float]]] = {}
        for p, s, sim in usable:
            if self._anchor[p] != s:
                others.setdefault(p, []).append((s, sim))
        return (
            singles,
            anchors,
            sum(1 << p for p in {p for p, _, _ in anchors}),
            {p: tuple(slots) for p, slots in others.items()},
            sum(1 << p for p in others),
        )

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
        if word in self._real_words or len(word) < RED_FUZZY_MIN_LENGTH:
            if len(word) == RED_FUZZY_MIN_LENGTH - 1 and not found and not is_real_word(word):
                for key in self._dropped_letter(word):
                    found.setdefault(key, MIN_SIMILARITY)  # "bck", "nmb": one letter left out
            return tuple(found.items())
        if found:
            if is_real_word(word):
                return tuple(found.items())
            if any(kind is not SlotKind.PREFIX for kind, _ in found):
                if (SlotKind.STEM, word_stem) in found and len(word) >= FUZZY_MIN_LENGTH:
                    # "weekness": no word, though its stem "week" is a lexicon word; one
                    # letter from "weakness" it may be that as well
                    for key, similarity in self._whole_word_typos(word):
                        found[key] = max(found.get(key, 0.0), similarity)
                # a stem fits, but a typo in the ending may miss an exact form («мочии»)
                return self._corrected(word, found)
            # only a short prefix fits ("промеж*" of «промежгость»): a slip of a longer
            # emergency word may still be what was meant
            for key, similarity in self._red_flag_typos(word):
                found[key] = max(found.get(key, 0.0), similarity)
            return self._corrected(word, found)
        if is_real_word(word):
            # a word the dictionary knows is that word, not a typo: "понял" is not "поднял";
            # but one vowel heard the same ("feal" for "feel") may be a slip, read only inside
            # a phrase that names the place of the body (see ``SLIP_SIMILARITY``)
            return self._vowel_slips(word)
        # an unknown word: a typo of an emergency word counts beside any other reading
        # ("онимение" is numbness, and of the saddle phrases too)
        for key, similarity in self._red_flag_typos(word):
            found[key] = max(found.get(key, 0.0), similarity)
        if len(word) < FUZZY_MIN_LENGTH:
            for key in self._dropped_letter(word):
                found.setdefault(key, MIN_SIMILARITY)  # "fevr", "fver": one letter left out
            return tuple(found.items())
        # the allowance follows the stem: "прогулки" (stem of 7) may not become "продул"
        limit = 1 if len(word_stem) < TWO_TYPOS_LENGTH else 2
        candidates = self._fuzzy_stems.get(word_stem[0])
        if candidates and len(word_stem) >= FUZZY_MIN_LENGTH:
            # one batch call over the stems of the same first letter and a near length
            best = process.extract(
                word_stem,
                candidates.near(len(word_stem), limit),
                scorer=OSA.distance,
                score_cutoff=limit,
                limit=4,
            )
            if best:
                nearest = min(distance for _, distance, _ in best)
                for value, distance, _ in best:
                    similarity = 100.0 * (1 - distance / max(len(value), len(word_stem)))
                    if distance == nearest and similarity >= MIN_SIMILARITY:
                        found[(SlotKind.STEM, value)] = similarity
        # the whole word against whole lexicon words: catches typos in words whose stem is
        # too short to be compared fuzzily ("numbnes" -> "numbness" -> stem "numb")
        for key, similarity in self._whole_word_typos(word):
            found[key] = max(found.get(key, 0.0), similarity)
        for length, prefix_values in self._fuzzy_prefixes.get(word[0], ()):
            if len(word) < length - 1:
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
        return self._corrected(word, found)

    def _corrected(self, word: str, found: dict[Key, float]) -> tuple[tuple[Key, float], ...]:
        """``found`` and the keys of the words one edit away that the dictionary knows: a
        typo the stems miss or misread (the first letter, an ending; typos.py)."""
        similarity = 100.0 * (1 - 1 / len(word))
        for fixed in self._lemma_typos.corrections(word):
            for key, fixed_similarity in self._resolve(fixed):
                found[key] = max(found.get(key, 0.0), min(similarity, fixed_similarity))
        return tuple(found.items())

    def _whole_word_typos(self, word: str) -> list[tuple[Key, float]]:
        """Lexicon words of 5+ letters one edit (two from 8 letters on) from a word no
        dictionary knows, with the same first letter."""
        whole = self._fuzzy_words.get(word[0])
        if not whole:
            return []
        word_limit = 1 if len(word) < TWO_TYPOS_LENGTH else 2
        found: list[tuple[Key, float]] = []
        for value, distance, _ in process.extract(
            word,
            whole.near(len(word), word_limit),
            scorer=OSA.distance,
            score_cutoff=word_limit,
            limit=3,
        ):
            similarity = 100.0 * (1 - distance / max(len(value), len(word)))
            if similarity >= MIN_SIMILARITY:
                found.extend((key, similarity) for key in self._keys_of(value))
        return found

    def _keys_of(self, value: str) -> list[Key]:
        """Every key a lexicon word fills as it stands: "weakness" is both the exact word
        and the stem "weak"."""
        keys = [self._source_key[value]] if value in self._source_key else []
        for key in ((SlotKind.EXACT, value), (SlotKind.STEM, stem(value))):
            if key not in keys and key in self._index:
                keys.append(key)
        return keys

    def _dropped_letter(self, word: str) -> list[Key]:
        """A short word no dictionary knows that is a lexicon word of one letter more with
        one letter left out after the first ("fevr", "fver" -> "fever", "bck" -> "back"): a
        substitution in so short a word is more likely another word, so only a dropped letter
        counts, and only when one lexicon word fits ("wek" may be "weak" or "week")."""
        longer = self._fuzzy_words if len(word) + 1 >= FUZZY_MIN_LENGTH else self._short_words
        whole = longer.get(word[0])
        if not whole:
            return []
        fits = [
            value
            for value in whole.near(len(word) + 1, 0)
            if any(value[:i] + value[i + 1 :] == word for i in range(1, len(value)))
        ]
        return self._keys_of(fits[0]) if len(fits) == 1 else []

    def _vowel_slips(self, word: str) -> tuple[tuple[Key, float], ...]:
        """Red-flag words that differ from a dictionary word by one vowel only ("feal" ->
        "feel", «немило» -> «немело»), a slip of the ear, or by a key's neighbour on the
        keyboard, a slip of the finger; not another word's consonants ("fell" is not "feel").
        Read at ``SLIP_SIMILARITY``: only a phrase with a place of the body takes it."""
        if len(word) < RED_FUZZY_MIN_LENGTH or word in self._real_words:
            return ()
        found: list[tuple[Key, float]] = []
        for value in self._red_by_shape.get((len(word), word[0]), ()):
            differ = [(a, b) for a, b in zip(word, value, strict=True) if a != b]
            if len(differ) == 1 and (
                (differ[0][0] in _VOWELS and differ[0][1] in _VOWELS) or next_keys(*differ[0])
            ):
                found.append((self._red_word_key[value], SLIP_SIMILARITY))
        return tuple(found)

    def _red_flag_typos(self, word: str) -> tuple[tuple[Key, float], ...]:
        """One edit anywhere, the first letter included, for the words of red-flag phrases
        ("анемели" -> "онем*", "ягадицы"): a missed emergency costs more than a false alarm,
        and only words no dictionary knows get here."""
        found: dict[Key, float] = {}
        for value, distance, _ in process.extract(
            word, self._red_words.near(len(word), 1), scorer=OSA.distance, score_cutoff=1, limit=3
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
                sound,
                self._red_sound_list.near(len(sound), 1),
                scorer=OSA.distance,
                score_cutoff=1,
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


def _options(phrases: list[Phrase], kind: SlotKind) -> set[Option]:
    """The options of one kind in any phrase (exclude phrases too: their words are real)."""
    return {o for p in phrases for slot in p.slots for o in slot.options if o.kind is kind}
