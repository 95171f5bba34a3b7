"""Negation and clause scope: "no fever", "не немеет", "температуры нет", "no fever but ...".

A cue before a phrase ("no", "без", "never") negates it when the phrase starts within the
cue's reach and in the same clause; a cue after it ("нет", "normal", "ruled out") the same,
backwards. A cue inside the matched words ("тяжести не таскал") negates too. Clauses end
at punctuation and at boundary words ("but", "но"), so "no fever but my leg is numb" keeps
the numbness. Pseudo-negations ("не могу", "no better") are not cues: inability is a
symptom. All cue words live in content/lexicon/negation.yaml.

Safety rules (a missed emergency is the worst error):
- a cue word that is itself part of a matched phrase ("can't pee", "нет эрекции",
  "no feeling in my groin") is a word of that phrase, not a negation of anything else;
- a phrase that contains its own negation word is not negated again by an outer cue;
- "and" / "и" followed by a new predicate starts a new clause ("no fever and [I] can't pee",
  "температуры нет и немеет промежность");
- every negation is graded: FIRM (a plain cue, close, in the same clause, joined at most by
  "or"), LOOSE (far, across "and" or a comma list, or a hedge: "I don't think"), PAST (over
  and done: "used to", "прошло"). The matcher trusts only a firm negation of a red flag;
  anything else makes it "uncertain", and the dialogue asks.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from enum import Enum

from bot.matcher.cues import CueHit, CueIndex, CueSet
from bot.matcher.endings import ends_a_noun, goes_on, is_over
from bot.matcher.losses import Losses
from bot.matcher.morphology import is_subject_noun
from bot.matcher.rules import NegationRules
from bot.matcher.scopes import MAX_ITEM_WORDS, Scopes, list_backward, list_forward

LIST_REACH = 3  # words of reach added by each "or" / "и" (or list comma) on the way
FIRM_GAP = 3  # at most this many words between a firm cue and what it negates
# punctuation after which a lone after-cue still speaks of the words before it
# ("numbness - none", "температура: нет", "chest pain? no.")
_ANSWER_ENDS = frozenset({":", "-", "—", "–", "?"})
ANSWER_REACH = 4
ECHO_WORDS = 3  # "at 56?", «в мои годы?»: a short question echoed before the answer
# "какая там беременность в мои 56": the noun denied comes within this many words of the cue
RHETORIC_REACH = 2
DOUBLE_REACH = 5  # "it isn't that I can't pee": how far a double negation reaches


MAX_ECHO_REACH = 10  # how far back a clause of its own ("but that went away") may reach


class Verdict(Enum):
    FIRM = "firm"  # negated, unambiguously
    LOOSE = "loose"  # negated, but too far or too vague to trust for a red flag
    PAST = "past"  # over and done
    FEARED = "feared"  # a fear or a what-if: "I'm scared I'll wet myself"


class Negation:
    def __init__(
        self,
        rules: NegationRules,
        is_predicate: Callable[[str], bool] | None = None,
        is_nominative: Callable[[str], bool] | None = None,
        names_subject: Callable[[str], bool] = is_subject_noun,
        is_trouble: Callable[[str], bool] | None = None,
    ) -> None:
        self._cues = CueIndex(
            {
                "before": rules.before,
                "after": rules.after,
                "pseudo": rules.pseudo,
                "boundaries": rules.boundaries,
                "lists": rules.lists,
                "firm_lists": rules.firm_lists,
                "contrast": rules.contrast,
                "recurrence": rules.recurrence,
                "answers": rules.answers,
                "hedges": rules.hedges,
                "doubles": rules.doubles,
                "ceasing": rules.ceasing,
                "unceasing": rules.unceasing,
                "subject_endings": rules.subject_endings,
            }
        )
        self._names_subject = names_subject
        before_words = CueSet(rules.before).words
        after_words = CueSet(rules.after).words
        pseudo_words = CueSet(rules.pseudo).words
        self._single_boundaries = frozenset(
            c.words[0] for c in rules.boundaries if len(c.words) == 1
        )

        self._predicate_after = {
            c.words[0]: c.scope for c in rules.predicate_after if len(c.words) == 1
        }
        self._now_words = frozenset(rules.now_words)
        self._is_trouble = is_trouble or Losses(rules.losses).is_loss
        self._fillers = frozenset(rules.fillers) | self._now_words
        self._denial_openers = frozenset(rules.denial_openers)
        self._rhetorical = frozenset(rules.rhetorical)
        self._rhetorical_particles = frozenset(rules.rhetorical_particles)
        self._sense_words = frozenset(w for w in rules.senses if not w.endswith("*"))
        self._sense_stems = tuple(w[:-1] for w in rules.senses if w.endswith("*"))

        self._clause_exact = frozenset(w for w in rules.clause_words if not w.startswith("*"))
        self._clause_endings = tuple(w[1:] for w in rules.clause_words if w.startswith("*"))
        # a word that is a verb or a short adjective by the dictionary ("онемела")
        self._is_predicate = is_predicate or (lambda _word: False)
        # a noun that can only be a subject: «нет температуры и онемение в паху»
        self._is_nominative = is_nominative or (lambda _word: False)
        # cue words are real words: the fuzzy matcher must never read them as typos
        self.words: frozenset[str] = (
            before_words | after_words | pseudo_words | CueSet(rules.subject_endings).words
        )

    def opens_denial(self, word: str) -> bool:
        """Whether a word after a comma opens a new item of a denial ("nor", «ни»)."""
        return word in self._denial_openers

    def opens_clause(self, word: str) -> bool:
        """Whether a word opens a clause of its own: "but", "но", "а" (boundaries' first
        words that are boundaries alone)."""
        return word in self._single_boundaries

    def _rhetorical_hits(
        self, words: list[str], breaks: list[bool], marks: list[str] | None, starts: set[int]
    ) -> list[CueHit]:
        """ "what pregnancy, I'm 56", «какая уж тут беременность»: a clause opened by "what" /
        «какой» and a particle, or by "what" and one noun that ends it, denies the noun. It is
        a "vague" cue: a red flag under it is only asked, never dropped."""
        hits: list[CueHit] = []
        for i, word in enumerate(words):
            if word not in self._rhetorical or not (i == 0 or breaks[i] or i - 1 in starts):
                continue
            j = i + 1
            while j < len(words) and not breaks[j] and words[j] in self._rhetorical_particles:
                j += 1
            if j >= len(words) or breaks[j]:
                continue
            if j == i + 1:
                # no particle: only a lone noun that ends its clause, and not "what pain!"
                after = j + 1
                ends = (
                    after >= len(words)
                    or breaks[after]
                    or words[after] in self._rhetorical_particles
                )
                exclaimed = marks is not None and after < len(words) and "!" in marks[after]
                if not ends or exclaimed:
                    continue
            hits.append(CueHit(i, j - 1, RHETORIC_REACH, "vague"))
        return hits

    def _predicate_denials(
        self, words: list[str], breaks: list[bool], before: list[CueHit], pseudo: set[int]
    ) -> list[CueHit]:
        """«в ногу не отдаёт»: a plain «не» right before a predicate denies the words before
        it in its clause too. A hedged reach: an ordinary symptom is denied, a red flag asked."""
        if not self._predicate_after:
            return []
        found = []
        for hit in before:
            reach = self._predicate_after.get(words[hit.start])
            verb = hit.end + 1
            if (
                reach is None
                or hit.kind != "plain"
                or not hit.start
                or breaks[hit.start]
                or verb >= len(words)
                or breaks[verb]
                or verb in pseudo
                or not self._is_predicate(words[verb])
            ):
                continue
            found.append(CueHit(hit.start, hit.end, reach, "vague"))
        return found

    def _clause_word(self, word: str) -> bool:
        return (
            word in self._clause_exact
            or word.endswith(self._clause_endings)
            or self._is_predicate(word)
        )

    def scopes(
        self,
        words: list[str],
        breaks: list[bool],
        commas: list[bool],
        marks: list[str] | None = None,
        sentence: list[int] | None = None,
    ) -> Scopes:
        """``breaks[i]`` is True when clause punctuation stands right before word i;
        ``commas[i]`` when that punctuation is commas only (a list may go on there);
        ``marks[i]`` is that punctuation; ``sentence[i]`` the sentence number of word i."""
        found = self._cues.find_all(words)
        starts = {hit.start for hit in found.get("boundaries", ())}
        raw_before = found.get("before", [])
        raw_after = found.get("after", [])
        pseudo: set[int] = set()
        negating = _Covers(raw_before + raw_after)
        for hit in found.get("pseudo", ()):
            # a longer cue that holds a pseudo-negation is the cue: "can't SAY I've lost"
            if not negating.covers(hit):
                pseudo.update(range(hit.start, hit.end + 1))

        def keep(hits: list[CueHit]) -> list[CueHit]:
            return [h for h in hits if not pseudo.intersection(range(h.start, h.end + 1))]

        before = _outermost(keep(raw_before), raw_after)
        after = _outermost(keep(raw_after), raw_before)
        # "no problem peeing" as well as "peeing: no problem": a denied trouble reaches
        # forward too (its word joins no phrase: ``Losses.given_back``)
        before.extend(h for h in after if h.end > h.start and self._is_trouble(words[h.end]))
        if "subject_endings" in found:
            # «температура спала» ends the fever; «пока спал», «сбила машина» end nothing
            after.extend(
                hit
                for hit in _outermost(keep(found["subject_endings"]), raw_before + raw_after)
                if ends_a_noun(
                    words, breaks, hit.start, self._fillers, self._is_predicate, self._names_subject
                )
            )
        echoes: list[tuple[int, int]] = []
        answers: list[int] = []
        if marks:
            # a lone "no" / "нет" after "?" or ":" answers the question before it
            for hit in found.get("answers", ()):
                if (
                    hit.start
                    and marks[hit.start].strip()[-1:] in _ANSWER_ENDS
                    and (hit.end + 1 >= len(words) or breaks[hit.end + 1])
                ):
                    echo = _echo_start(breaks, marks, hit.start)
                    if echo is not None:
                        # "pregnant? at 56? no": the answer reaches over the echo to the
                        # question, a hedged cue (a red flag there is asked, not dropped)
                        echoes.append((echo, hit.end))
                    kind = "plain" if echo is None else "vague"
                    after.append(CueHit(hit.start, hit.end, ANSWER_REACH, kind))
                    answers.append(hit.start)
        after.extend(self._predicate_denials(words, breaks, before, pseudo))
        before.extend(self._rhetorical_hits(words, breaks, marks, starts))
        doubles = found.get("doubles", [])
        own = pseudo.union(i for h in before + after for i in range(h.start, h.end + 1))
        list_hits = [hit.start for hit in found.get("lists", ()) if hit.start not in starts]
        firm = frozenset(hit.start for hit in found.get("firm_lists", ()))
        if before or after:
            # "and" / "и" before a new predicate opens a new clause: "no fever and (I) can't
            # pee", "температуры нет и немеет промежность"; "or" / "ни" never does
            for p in list_hits:
                if p in firm:
                    continue
                if p + 1 < len(words) and not breaks[p + 1] and self._is_nominative(words[p + 1]):
                    starts.add(p)
                    continue
                for i in range(p + 1, min(p + 1 + MAX_ITEM_WORDS, len(words))):
                    if breaks[i] or i in starts:
                        break
                    if i in pseudo or (i not in own and self._clause_word(words[i])):
                        starts.add(p)
                        break
        # word i opens a clause after punctuation or at a boundary word; numbered in C
        opens = [False, *breaks[1 : len(words)]][: len(words)]
        for i in starts:
            if i:
                opens[i] = True
        clause = list(itertools.accumulate(opens, initial=0))[1:]
        if marks:
            # "numbness - none", "температура: нет": a lone after-cue answers what came before
            for hit in after:
                s = hit.start
                if (
                    s
                    and marks[s].strip()[-1:] in _ANSWER_ENDS
                    and (hit.end + 1 >= len(words) or breaks[hit.end + 1])
                ):
                    for i in range(s, hit.end + 1):
                        clause[i] = clause[s - 1]
            for echo, end in echoes:
                for i in range(echo, end + 1):
                    clause[i] = clause[echo - 1]
        # "температура была, но прошла", "fever, but it's gone now": a clause that is only an
        # after-cue (and filler words) speaks of the clause before it, all of it ("couldn't
        # pee on monday but that went away")
        for index, hit in enumerate(after):
            s = hit.start
            if not s or clause[s] == 0:
                continue
            # clauses are runs of words: walk out from the cue instead of over every word
            first, last = s, s
            while first > 0 and clause[first - 1] == clause[s]:
                first -= 1
            while last + 1 < len(words) and clause[last + 1] == clause[s]:
                last += 1
            own_clause = range(first, last + 1)
            if all(
                hit.start <= i <= hit.end or words[i] in self._fillers or i in starts
                for i in own_clause
            ):
                previous = clause[own_clause[0] - 1] if own_clause[0] else clause[s]
                opening = own_clause[0]
                while opening > 0 and clause[opening - 1] == previous:
                    opening -= 1
                for i in own_clause:
                    clause[i] = previous
                reach = max(min(s - opening, MAX_ECHO_REACH), hit.scope)
                kind = hit.kind
                if kind == "plain" and any(words[i] in self._now_words for i in own_clause):
                    # "wet myself on monday, fine since then": no longer, not never; a red
                    # flag told so is asked, not taken as "no"
                    kind = "past"
                after[index] = CueHit(hit.start, hit.end, reach, kind)
        # list words, list commas and stops only widen the reach of a cue: none, none needed
        lists = (
            frozenset(p for p in list_hits if p not in starts) if before or after else frozenset()
        )
        list_commas: frozenset[int] = frozenset()
        stops: frozenset[int] = frozenset()
        if lists:
            list_commas = frozenset(i for i, c in enumerate(commas) if c and i not in starts)
            if list_commas:
                cue_words = own - pseudo
                stops = frozenset(
                    i
                    for i, w in enumerate(words)
                    if i in pseudo or (i not in cue_words and self._clause_word(w))
                )
        contrasts: tuple[tuple[int, int], ...] = ()
        if sentence is not None:
            contrasts = tuple((h.start, sentence[h.start]) for h in found.get("contrast", ()))
        double_ends = tuple((h.end, clause[h.end]) for h in doubles)
        hedged = frozenset(clause[h.start] for h in found.get("hedges", ()))
        if hedged:
            # "вроде не немеет", "I think there's no fever": a hedge in the clause makes
            # every negation in it a doubtful one
            before = [_hedge(h) if clause[h.start] in hedged else h for h in before]
            after = [_hedge(h) if clause[h.start] in hedged else h for h in after]
        recurrences = (
            tuple(
                (h.start, sentence[h.start])
                for h in found.get("recurrence", ())
                # "it's BACK to normal" is an ending, not "it's back"
                if not any(a.start <= h.end and h.start <= a.end for a in after)
            )
            if sentence is not None
            else ()
        )
        return Scopes(
            clause,
            before,
            after,
            frozenset(own),
            lists,
            list_commas,
            stops,
            firm,
            contrasts,
            tuple(sentence or ()),
            double_ends,
            recurrences,
            tuple((h.start, clause[h.start]) for h in found.get("ceasing", ())),
            tuple((h.start, clause[h.start]) for h in found.get("unceasing", ())),
            frozenset(
                i
                for i, w in enumerate(words)
                if w in self._sense_words or w.startswith(self._sense_stems or ("\0",))
            )
            if after
            else frozenset(),
            self._closing(after, before, words, clause),
            tuple(answers),
        )

    def _closing(
        self, after: list[CueHit], before: list[CueHit], words: list[str], clause: list[int]
    ) -> frozenset[int]:
        """The starts of over-and-done cues after which their clause has filler words only,
        and before which no negation stands ("it NEVER wore off" goes on)."""
        closing = []
        denied = {h.end for h in before}
        for hit in after:
            if hit.kind != "past" or hit.start - 1 in denied:
                continue
            i = hit.end + 1
            while i < len(words) and clause[i] == clause[hit.end] and words[i] in self._fillers:
                i += 1
            if i == len(words) or clause[i] != clause[hit.end]:
                closing.append(hit.start)
        return frozenset(closing)

    @staticmethod
    def verdict(
        positions: tuple[int, ...], scopes: Scopes, taken: frozenset[int]
    ) -> Verdict | None:
        """Whether, and how surely, the phrase matched at ``positions`` is negated.

        ``taken`` holds the words used by any matched phrase: a cue among them belongs to
        that phrase ("no feeling in my groin") and negates nothing else.
        """
        if not (
            scopes.before or scopes.after or scopes.doubles or scopes.contrasts or scopes.unceasing
        ):
            return None  # nothing in the message negates, ends or fears anything
        start, end = positions[0], positions[-1]
        clause = scopes.clause
        near = scopes.near
        before = near.before(start, end)  # only cues that can reach: linear in a long message
        for hit in before:
            # "what if I can't pee", «боюсь, что будет недержание»: checked before the phrase's
            # own negation, which a fear does not make real
            if (
                hit.kind == "feared"
                and hit.end < start
                and start - hit.end <= hit.scope
                and clause[hit.end] == clause[start]
            ):
                return Verdict.FEARED
        for at, number in scopes.doubles:
            if at < start and start - at <= DOUBLE_REACH and clause[start] == number:
                return Verdict.LOOSE
        if goes_on(start, end, scopes):
            return None
        if is_over(positions, scopes, taken):
            return Verdict.PAST
        if scopes.answers and scopes.own_words.intersection(positions):
            for at in scopes.answers:
                if end < at <= end + ANSWER_REACH and clause[at] == clause[end]:
                    # "can't pee? no": the answer denies the question, its own negation and
                    # all; a red flag so denied is asked
                    return Verdict.LOOSE
        if scopes.own_words.intersection(positions):
            # the phrase carries its own negation ("can't pee", "нет эрекции"): it is
            # a symptom statement, not something an outer "no" can cancel
            return None
        found: list[Verdict] = []
        for hit in before:
            if hit.kind == "feared" or taken.intersection(range(hit.start, hit.end + 1)):
                continue
            if hit.end < start:
                # "no fever or chills": every list word on the way adds a little reach
                extra = LIST_REACH * near.lists_between(hit.end, start)
                if start - hit.end > hit.scope + extra:
                    # "I haven't had trouble peeing, numbness or weakness": a list after the
                    # cue's first item goes on past its reach, only doubtfully
                    if clause[hit.end] != clause[start] and listed_after(scopes, hit, start):
                        found.append(_grade(hit, False))
                    continue
                if clause[hit.end] == clause[start]:
                    # a phrase that reaches into the next clause ("no numbness in my legs,
                    # only in my groin") is not firmly denied
                    close = (
                        start - hit.end - 1 <= FIRM_GAP
                        and clause[start] == clause[end]
                        and not near.loose_between(hit.end, start)  # "or" only
                    )
                    found.append(_grade(hit, close))
                elif list_forward(scopes, hit.end, start):
                    found.append(_grade(hit, False))
            elif hit.start < end and clause[hit.start] == clause[end]:
                # "тяжести не таскал": the cue sits between the phrase's words
                found.append(_grade(hit, True))
        endings = near.endings
        for hit in near.after(start, end):
            if (hit.kind == "past" or hit.start in endings) and scopes.senses.intersection(
                positions
            ):
                continue  # "the feeling in my groin went away" is the loss, not its end
            cue = range(hit.start, hit.end + 1)
            ending = hit.kind == "past" or hit.start in endings
            if taken.issuperset(cue) if ending else taken.intersection(cue):
                continue  # an ending shared with another phrase ("gone") still ends this one
            if hit.start > end:
                extra = LIST_REACH * near.lists_between(end, hit.start)
                if hit.start - end > hit.scope + extra:
                    if _ends_its_subject(hit, start, scopes):
                        found.append(Verdict.PAST)
                    continue
                if clause[hit.start] == clause[end]:
                    close = hit.start - end - 1 <= FIRM_GAP or not near.loose_between(
                        end, hit.start
                    )
                    found.append(_grade(hit, close))
                elif list_backward(scopes, end, hit.start):
                    # a closed list before its cue reads one way only: "онемения, покалывания
                    # и слабости нет"
                    found.append(_grade(hit, True))
            elif (
                hit.kind != "past"
                and start < hit.start
                and hit.end < end
                and clause[hit.start] == clause[end]
            ):
                found.append(_grade(hit, True))  # "coughing makes no difference to the pain"
        if scopes.contrasts and told_before(end, scopes):
            found.append(Verdict.PAST)
        if not found:
            return None
        for verdict in (Verdict.FIRM, Verdict.LOOSE):
            if verdict in found:
                return verdict
        if scopes.sentence and any(
            at > end and number == scopes.sentence[end] for at, number in scopes.recurrences
        ):
            return None  # "колика была в прошлом году, сейчас похоже снова"
        return Verdict.PAST

    @staticmethod
    def is_negated(positions: tuple[int, ...], scopes: Scopes, taken: frozenset[int]) -> bool:
        return Negation.verdict(positions, scopes, taken) is not None


def _ends_its_subject(hit: CueHit, start: int, scopes: Scopes) -> bool:
    """ "the numbness in my groin has stopped": an over-and-done cue that ends its clause
    reaches back to a sign that opens the clause (at most one word before it), its subject."""
    clause = scopes.clause
    number = clause[hit.start]
    return (
        hit.start in scopes.closing
        and clause[start] == number
        and hit.start - start <= MAX_ECHO_REACH
        and (start < 2 or clause[start - 2] != number)
    )


def told_before(end: int, scopes: Scopes) -> bool:
    """Whether a contrast after the phrase ending at ``end`` sets it apart from this episode
    ("had X last year. this is different", "fell off a ladder, recovered fully"): in its
    sentence or the one after it."""
    if not scopes.contrasts or not scopes.sentence:
        return False  # most messages: no contrast at all
    return any(
        at > end and number - 1 <= scopes.sentence[end] <= number for at, number in scopes.contrasts
    )


def listed_after(scopes: Scopes, hit: CueHit, start: int) -> bool:
    """Whether words from ``start`` are a later item of a list whose first item the cue
    reaches: its first list comma within the cue's reach of one item."""
    reach = min(start, hit.end + hit.scope + MAX_ITEM_WORDS)
    commas = scopes.commas
    return any(c in commas for c in range(hit.end + 1, reach + 1)) and list_forward(
        scopes, hit.end, start
    )


def _echo_start(breaks: list[bool], marks: list[str], answer: int) -> int | None:
    """Where a short question echoed between a question and its answer starts ("pregnant?
    AT 56? no", «беременна? Я? нет»), or None when the answer follows the question itself."""
    start = answer - 1
    while start > 0 and not breaks[start]:
        start -= 1
    if (
        start > 0
        and answer - start <= ECHO_WORDS
        and marks[start].strip()[-1:] == "?"
        and marks[answer].strip()[-1:] == "?"
    ):
        return start
    return None


class _Covers:
    """Whether a cue lies inside a longer one of ``cues``. Only cues that begin at most the
    longest cue's length before it can hold it: linear in a long message."""

    def __init__(self, cues: list[CueHit]) -> None:
        self._by_start: dict[int, list[CueHit]] = {}
        for cue in cues:
            self._by_start.setdefault(cue.start, []).append(cue)
        self._longest = max((c.end - c.start for c in cues), default=0)

    def covers(self, hit: CueHit) -> bool:
        length = hit.end - hit.start
        for at in range(hit.start - self._longest, hit.start + 1):
            for cue in self._by_start.get(at, ()):
                if hit.end <= cue.end and cue.end - cue.start > length:
                    return True
        return False


def _outermost(hits: list[CueHit], others: list[CueHit]) -> list[CueHit]:
    """Cue hits not inside a longer cue: "не" of "вроде не" is that hedge, not a cue of its
    own."""
    if not hits:
        return []
    every = _Covers(hits + others)
    return [h for h in hits if not every.covers(h)]


def _hedge(hit: CueHit) -> CueHit:
    return hit if hit.kind != "plain" else CueHit(hit.start, hit.end, hit.scope, "vague")


def _grade(hit: CueHit, close: bool) -> Verdict:
    if hit.kind == "past":
        return Verdict.PAST
    if hit.kind == "vague" or not close:
        return Verdict.LOOSE
    return Verdict.FIRM
