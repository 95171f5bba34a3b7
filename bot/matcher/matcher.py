"""Free text -> symptom concepts, with negation: the matcher the engine calls on every message.

Design (speed target: thousands of 40-word messages per second on one core):
- the words are first read as meant (chat spellings, Russian in Latin letters:
  bot/matcher/prepare.py);
- words are resolved to the (phrase, slot) places they can fill by ``WordIndex``
  (bot/matcher/words.py), once per distinct word;
- phrases are then found from the words' places: only phrases whose rarest word (anchor) is
  in the message are ever looked at, and each is placed in time linear in the message;
- negation scopes, whose symptom, and the verdict per concept follow (``_decide``).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from pathlib import Path

from bot.matcher.cues import CueSet
from bot.matcher.focus import negated_causes
from bot.matcher.language import detect_language
from bot.matcher.layout import switch_layout
from bot.matcher.lexicon import Lexicon, Phrase, load_lexicon
from bot.matcher.losses import Losses
from bot.matcher.morphology import is_nominative, is_predicate
from bot.matcher.negation import Negation, Verdict, told_before
from bot.matcher.normalize import MAX_TEXT_CHARS, Kind, Token, tokenize
from bot.matcher.placement import Hit, best_placement, link_place, single_placement
from bot.matcher.prepare import Preparer
from bot.matcher.result import ConceptMatch, MatchResult, Subject
from bot.matcher.rewrite import Ellipsis, Inability, Lacking
from bot.matcher.sensing import KEPT, Sensing
from bot.matcher.subject import SubjectFinder
from bot.matcher.words import WordIndex

SENTENCE_ENDS = frozenset({".", "!", "?", ";", "\n", "…"})
RED_LEVELS = frozenset({"emergency", "urgent"})  # denied only on a firm negation
# how a concept reads, best first among its hits: stated; someone else's red flag beside the
# writer's own words (ask whose); firmly denied; doubtful (a far or hedged negation)
AFFIRMED, WHOSE, NEGATED, DOUBTFUL = 3, 2, 1, 0


def _one_each(
    entries: list[tuple[int, list[int], float]], count: int
) -> list[tuple[int, float]] | None:
    """Per slot its one (position, similarity), when each slot has one word that occurs
    once (``entries`` holds ``count`` of them); else None."""
    chosen: list[tuple[int, float] | None] = [None] * count
    for s_index, at, similarity in entries:
        if len(at) != 1 or chosen[s_index] is not None:
            return None
        chosen[s_index] = (at[0], similarity)
    return chosen  # type: ignore[return-value]  # every slot is set: count entries, no repeat


SHORT_CLAUSE_WORDS = 4  # «а сейчас не могу»: a clause this short may leave out its object


def _short_clause(breaks: list[bool], at: int) -> bool:
    """Whether the clause opened at word ``at`` ends within ``SHORT_CLAUSE_WORDS`` words."""
    end = at + 1
    while end < len(breaks) and not breaks[end] and end - at < SHORT_CLAUSE_WORDS + 1:
        end += 1
    return end - at <= SHORT_CLAUSE_WORDS and (end == len(breaks) or breaks[end])


def _within_longer(judged: list[tuple[int, Hit]]) -> list[tuple[int, Hit]]:
    """Each hit with its reading, a stated one that shares words with a longer, firmly denied
    hit of its concept denied too: "no loss of sensation in the SADDLE area" denies the saddle
    sign; its two words "saddle area" do not state it on their own. (A doubtful longer
    reading does not outvote a stated one: "the numbness in my groin hasn't GONE away".)"""
    denied: dict[str, list[Hit]] = defaultdict(list)
    for state, hit in judged:
        if state == NEGATED:
            denied[hit.phrase.concept].append(hit)
    if not denied:
        return judged
    out = []
    for state, hit in judged:
        if state == AFFIRMED and any(
            len(other.positions) > len(hit.positions)
            and not set(other.positions).isdisjoint(hit.positions)
            for other in denied.get(hit.phrase.concept, ())
        ):
            state = NEGATED
        out.append((state, hit))
    return out


def _cells(
    words_of: list[list[tuple[list[int], float]]],
) -> tuple[list[list[tuple[int, float]]], list[list[int]]]:
    """Per slot of a phrase, its words' (position, similarity) in message order, and the
    positions alone; ``words_of`` holds per slot each word's positions and similarity."""
    cells: list[list[tuple[int, float]]] = []
    columns: list[list[int]] = []
    for slot_words in words_of:
        if len(slot_words) == 1:
            at, similarity = slot_words[0]  # one word: its positions are in order already
            cells.append(list(zip(at, itertools.repeat(similarity))))
            columns.append(at)
        else:
            cell = sorted([(p, similarity) for at, similarity in slot_words for p in at])
            cells.append(cell)
            columns.append([position for position, _ in cell])
    return cells, columns


class Matcher:
    """Compiled lexicon + negation rules; ``match`` is pure and safe to call from threads."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._losses = Losses(lexicon.negation.losses)
        self._negation = Negation(
            lexicon.negation, is_predicate, is_nominative, is_trouble=self._losses.is_loss
        )
        self._subjects = SubjectFinder(lexicon.subject)
        self._services = CueSet(lexicon.negation.services)
        self._ellipsis = Ellipsis(lexicon.negation)
        self._lacking = Lacking(lexicon.negation)
        self._inability = Inability(lexicon.negation)
        self._sensing = Sensing(lexicon.negation)
        self._past_counts = frozenset(lexicon.negation.past_counts)
        self._causes = frozenset(lexicon.negation.causes)
        self._excuses = frozenset(lexicon.negation.excuses)
        self._within = {k: tuple(v) for k, v in lexicon.negation.within.items()}
        self._linked = frozenset(c for c, level in lexicon.concepts.items() if level == "emergency")
        self._cause_cues = frozenset(lexicon.negation.cause_cues)
        # one-word negations in front ("не", "no"): a phrase holding one keeps it beside the
        # word it negates
        self._negators = frozenset(
            c.words[0]
            for c in lexicon.negation.before
            if len(c.words) == 1 and not c.words[0].endswith("*") and c.kind == "plain"
        )
        self._phrases: list[Phrase] = list(lexicon.phrases)
        self._words = WordIndex(lexicon, self._negation.words)
        self._preparer = Preparer(lexicon, self._words)
        self._phrases = self._words.phrases
        self._slot_count = self._words.slot_count

    @classmethod
    def load(cls, content_dir: Path) -> Matcher:
        return cls(load_lexicon(Path(content_dir)))

    # --- messages ----------------------------------------------------------------------

    def match(self, text: str, lang: str = "auto") -> MatchResult:
        tokens, maybe_russian = self._preparer.prepared(
            tokenize(switch_layout(text[:MAX_TEXT_CHARS]))
        )
        tokens = self._ellipsis.fill(self._lacking.read(self._inability.read(tokens)))
        if maybe_russian is not None:
            maybe_russian = self._ellipsis.fill(self._inability.read(maybe_russian))
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
                # "...", "?!": one sentence end, however many marks
                if token.text in SENTENCE_ENDS and not any(c in SENTENCE_ENDS for c in pending):
                    number += 1
                pending += token.text
                continue
            words.append(token)
            sentence.append(number)
            if pending:
                if any(c in SENTENCE_ENDS for c in pending):
                    pieces += 1
                breaks.append(True)
                commas.append(set(pending) == {","})
                marks.append(pending)
                pending = ""
            else:
                breaks.append(False)
                commas.append(False)
                marks.append("")
            segment.append(pieces)
        texts = [t.text for t in words]
        # a phrase does not reach across a comma into a clause about someone (else) or one
        # opened by "but": "рак груди, у меня поясница ноет", "no loss of bladder control, but
        # can't feel my bum"; a short one after "but" may leave its object out and reach
        # back for it («проблем с мочеиспусканием не было, а сейчас не могу»)
        opening = [
            i
            for i in itertools.compress(range(len(words)), breaks)
            if self._opens_clause(texts[i])
            or self._negation.opens_denial(texts[i])
            or (self._negation.opens_clause(texts[i]) and not _short_clause(breaks, i))
            or (i + 1 < len(texts) and self._subjects.person(texts[i + 1]) is not None)
        ]
        if opening:
            opening.append(len(words))
            for shift, (first, stop) in enumerate(itertools.pairwise(opening), 1):
                for i in range(first, stop):
                    segment[i] += shift
        if lang not in ("ru", "en"):
            lang = detect_language([t.text for t in words if t.kind is Kind.WORD])
        script = self._preparer.script
        scripts = {script(t.text) for t in words if t.kind is Kind.WORD}
        hits = self._find_phrases(
            words,
            segment,
            mixed="ru" in scripts and "en" in scripts,
            sentence=sentence,
            breaks=breaks,
        )
        concepts, subject = self._decide(text, words, texts, breaks, commas, marks, sentence, hits)
        gender = None
        if subject == "other":
            clause = list(itertools.accumulate(int(b) for b in breaks))
            gender = self._subjects.gender(texts, clause)
        return MatchResult(lang=lang, concepts=concepts, subject=subject, subject_gender=gender)

    def _about_other(self, texts: list[str], breaks: list[bool]) -> bool:
        clause, number = [], 0
        for i in range(len(texts)):
            if i and breaks[i]:
                number += 1
            clause.append(number)
        return self._subjects.persons(texts, clause).subject == "other"

    def _opens_clause(self, word: str) -> bool:
        return self._subjects.person(word) is not None

    def _without_inner(self, hits: list[Hit]) -> list[Hit]:
        """Leg numbness told only by words of a saddle phrase ("pins and needles in the saddle
        area") is the saddle's (``within:`` in negation.yaml)."""
        within = self._within
        if not within or not any(h.phrase.concept in within for h in hits):
            return hits
        outer: dict[str, list[set[int]]] = {}
        for hit in hits:
            outer.setdefault(hit.phrase.concept, []).append(set(hit.positions))
        return [
            h
            for h in hits
            if not any(
                set(h.positions) <= room
                for concept in self._within.get(h.phrase.concept, ())
                for room in outer.get(concept, ())
            )
        ]

    def _excuse_denied(self, hit: Hit, texts: list[str], breaks: list[bool]) -> bool:
        """An exclude phrase ("dieting, lost weight") one of whose words has a plain negation
        right in front of it, in its clause ("without dieting", "not on a diet", «без всякой
        диеты»), excuses nothing."""
        for position in hit.positions:
            for at in (position - 1, position - 2):
                if at < 0 or breaks[at + 1]:
                    break
                if texts[at] in self._negators:
                    return True
        return False

    def _borrows_negation(self, hit: Hit, words: list[Token], breaks: list[bool]) -> bool:
        """A phrase that holds its own negation ("не писаю", "cant pee") with a comma between
        the negation and the phrase's next word took the negation of the clause before it:
        «пах не немеет, писаю нормально». So did one whose negation comes last, after a comma:
        it belongs to the clause after it («успеваю добежать, не проблема»)."""
        positions = hit.positions
        for index in range(len(positions) - 1):
            at, following = positions[index], positions[index + 1]
            if words[at].text in self._negators and any(breaks[at + 1 : following + 1]):
                return True
        # "I can't feel my groin, and NO fever": a negation after a comma that goes on to a
        # word of its own is the next item's, not this phrase's
        last = positions[-1]
        return (
            len(positions) > 1
            and words[last].text in self._negators
            and any(breaks[positions[-2] + 1 : last + 1])
            and last + 1 < len(words)
            and not breaks[last + 1]
        )

    def _find_phrases(
        self,
        words: list[Token],
        segment: list[int],
        mixed: bool = False,
        sentence: list[int] | None = None,
        breaks: list[bool] | None = None,
    ) -> list[Hit]:
        slot_count = self._slot_count
        # each distinct word once, with its positions: function words repeat in a message
        positions_of: dict[str, list[int]] = {}  # a number never reads as a word
        for position, token in enumerate(words):
            found_at = positions_of.get(token.text)
            if found_at is None:
                positions_of[token.text] = [position]
            else:
                found_at.append(position)
        places = self._words.places
        singles: dict[int, tuple[int, float]] = {}  # one-word phrases: best word
        # phrase -> its words as (slot, positions, similarity); most phrases opened by an
        # anchor never get all their slots filled, so cells are built only for those that do
        found: dict[int, list[tuple[int, list[int], float]]] = {}
        with_others: list[tuple[dict[int, tuple[tuple[int, float], ...]], int, list[int]]] = []
        opened = 0  # the open phrases as a bit set
        # pass 1: anchors open the phrases worth looking at (places below the similarity
        # floor that no slip may fill are already left out, once per word)
        for at in positions_of.values():
            word_singles, anchors, opens, others, reaches = places(words[at[0]], mixed)
            opened |= opens
            for p_index, similarity in word_singles:
                single = singles.get(p_index)
                if (
                    single is None
                    or similarity > single[1]
                    or (similarity == single[1] and at[0] < single[0])
                ):
                    singles[p_index] = (at[0], similarity)
            for p_index, s_index, similarity in anchors:
                entries = found.get(p_index)
                if entries is None:
                    found[p_index] = [(s_index, at, similarity)]
                else:
                    entries.append((s_index, at, similarity))
            if others:
                with_others.append((others, reaches, at))
        # pass 2: the other words of the open phrases; a common word ("my", "не") sits in
        # many phrases, so the phrases it shares with the open ones are one AND of two bit
        # sets (usually empty), and only those bits are walked
        if found:
            for others, reaches, at in with_others:
                shared = reaches & opened
                while shared:
                    lowest = shared & -shared
                    shared ^= lowest
                    p_index = lowest.bit_length() - 1
                    entries = found[p_index]
                    for s_index, similarity in others[p_index]:
                        entries.append((s_index, at, similarity))
        hits = [Hit(self._phrases[p], (pos,), sim) for p, (pos, sim) in singles.items()]
        negators = self._negators  # where a phrase may hold a negation of its own
        negated_at = {p for word, at in positions_of.items() if word in negators for p in at}
        unplaced = []
        for p_index, entries in found.items():
            count = slot_count[p_index]
            if len(entries) < count:
                continue  # some slot has no word: the phrase is not in the message
            phrase = self._phrases[p_index]
            # a story phrase ("~10+") is placed within a sentence, the rest within a piece
            pieces = sentence if phrase.story and sentence is not None else segment
            chosen = _one_each(entries, count) if len(entries) == count else None
            if chosen is not None:
                # the common case: one word at one place per slot, one placement to check
                hit = single_placement(phrase, chosen, pieces)
            else:
                words_of: list[list[tuple[list[int], float]]] = [[] for _ in range(count)]
                for s_index, at, similarity in entries:
                    words_of[s_index].append((at, similarity))
                if not all(words_of):
                    continue
                phrase_cells, columns = _cells(words_of)
                hit = best_placement(phrase, phrase_cells, pieces, columns)
            if (
                hit is not None
                and negated_at
                and breaks is not None
                and not negated_at.isdisjoint(hit.positions)
                and self._borrows_negation(hit, words, breaks)
            ):
                hit = None
            if hit is not None:
                hits.append(hit)
            elif phrase.sign >= 0 and sentence is not None and phrase.concept in self._linked:
                # only emergency signs are linked far: a miss there costs the most
                if chosen is not None:
                    phrase_cells = [[entry] for entry in chosen]
                unplaced.append((phrase, phrase_cells))
        if unplaced and sentence is not None:  # only filled when there are sentences
            # a word an exclude takes from its concept ("legs" of "between legs", no both
            # legs) is free for the place it names
            excluded: dict[str, set[int]] = defaultdict(set)
            for h in hits:
                if h.phrase.exclude:
                    excluded[h.phrase.concept].update(h.positions)
            used = [
                h
                for h in hits
                if not h.phrase.exclude
                and not excluded.get(h.phrase.concept, set()).intersection(h.positions)
            ]
            taken = {p for h in used for p in h.positions}
            taken_long = {p for h in used if len(h.positions) > 1 for p in h.positions}
            for phrase, phrase_cells in unplaced:
                linked = link_place(
                    phrase, phrase_cells, words, sentence, breaks, taken, self._words, taken_long
                )
                if linked is not None:
                    hits.append(linked)
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
        # asked once per message, not once per exclude-phrase: linear in a long message
        stated: set[str] | None = None  # the concepts of the phrases that are not excludes
        about_other: bool | None = None
        for hit in hits:
            if hit.phrase.exclude:
                if others is None:
                    others = self._subjects.other_words(texts)
                if others.intersection(hit.positions):
                    if stated is None:
                        stated = {h.phrase.concept for h in hits if not h.phrase.exclude}
                    if stated - {hit.phrase.concept}:
                        if about_other is None:
                            about_other = self._about_other(texts, breaks)
                        if about_other:
                            continue
                if hit.phrase.concept in self._excuses and self._excuse_denied(hit, texts, breaks):
                    continue  # "lost 6 kg WITHOUT dieting": the excuse itself is denied
                blocked[hit.phrase.concept].update(hit.positions)
        kept = [
            h
            for h in hits
            if not h.phrase.exclude and not blocked[h.phrase.concept].intersection(h.positions)
        ]
        kept = self._without_inner(kept)
        if not kept:
            clause = list(itertools.accumulate(int(b) for b in breaks))
            return [], self._subjects.persons(texts, clause).subject
        scopes = self._negation.scopes(texts, breaks, commas, marks, sentence)
        kept = self._losses.given_back(kept, scopes, texts)
        persons = self._subjects.persons(texts, scopes.clause)
        taken = frozenset(p for h in kept for p in h.positions)
        levels = self.lexicon.concepts
        past_counts = self._past_counts
        # per concept: the best reading of any of its hits. A stated symptom wins; a firm
        # denial beats a doubtful one of the same concept ("no fever, chills or sweats"), and
        # a red flag is never denied on a doubtful reading alone
        best: dict[str, tuple[int, float, int, Hit]] = {}
        asking = {scopes.clause[h.start] for h in self._services.find(texts)}
        freed, denied = negated_causes(kept, scopes, self._causes, texts, self._cause_cues)
        sensed = self._sensing.readings(kept, scopes, texts)
        readings: list[tuple[int, Hit]] = []
        denials = 0
        for index, hit in enumerate(kept):
            concept = hit.phrase.concept
            red = levels.get(concept) in RED_LEVELS
            if not red and scopes.clause[hit.positions[0]] in asking:
                continue  # "how much is physio for the lower back": a service, not a symptom
            judged = hit.positions[-1:] if hit.linked else hit.positions
            verdict = Negation.verdict(judged, scopes, taken)
            if index in denied:
                verdict = Verdict.LOOSE if red else Verdict.FIRM  # "didn't ... LIFTING"
            elif index in freed and verdict is not None:
                verdict = Verdict.LOOSE if red else None  # "didn't hurt MY BACK lifting"
            reading = sensed.get(index)
            if reading is not None:
                # "I know when my bladder is full": the sensation kept; "I never know when
                # my bladder is full": the loss, which the "never" does not deny
                verdict = Verdict.FIRM if reading == KEPT else None
            if (
                verdict is Verdict.PAST
                and concept in past_counts
                # a cause counts only for this episode: "fell off a ladder two years ago,
                # recovered fully, this is new" is not how this pain began
                and not (concept in self._causes and told_before(hit.positions[-1], scopes))
            ):
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
            readings.append((state, hit))
            denials += state == NEGATED
        for state, hit in _within_longer(readings) if denials else readings:
            concept = hit.phrase.concept
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
