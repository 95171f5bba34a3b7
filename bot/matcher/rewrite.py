"""Rewrites of a message's words before phrases are matched: what a person typed by ear or
left out is put back («ни магу» -> «не могу»; "no numbness in my legs, only in my groin" ->
"... only numbness in my groin")."""

from __future__ import annotations

from operator import itemgetter

from bot.matcher.cues import CueSet
from bot.matcher.morphology import verb_normal_form
from bot.matcher.normalize import Kind, Token, sound_key
from bot.matcher.rules import NegationRules

_PARTICLES = frozenset({"ни", "не"})
_TEXT = itemgetter(0)  # a Token's text, in C
ELLIPSIS_MAX_WORDS = 6  # "only in my groin": longer clauses carry their own predicate
LACKING_FILLERS = 2  # "don't have [any real] control": words between the denial and the faculty


def ni_before_verb(tokens: list[Token], verb_sounds: dict[str, str]) -> None:
    """«ни» right before a verb is «не» typed by ear («ни могу», «ни чуствую»): «ни» proper
    stands before nouns and adverbs («ни разу», «ни с того ни с сего»). After «не» / «ни» a
    word that is no verb but sounds like a verb of the lexicon is that verb («ни магу» is
    «не могу», though «магу» is a word: nothing else can follow the particle there)."""
    for i in [i for i, token in enumerate(tokens[:-1]) if token.text in _PARTICLES]:
        # checked again: the word before may have been rewritten into a verb just now
        if tokens[i].text not in _PARTICLES or tokens[i + 1].kind is not Kind.WORD:
            continue
        following = tokens[i + 1].text
        if verb_normal_form(following) is None:
            verb = verb_sounds.get(sound_key(following))
            if verb is None or verb == following:
                continue
            tokens[i + 1] = tokens[i + 1]._replace(text=verb)
        tokens[i] = tokens[i]._replace(text="не")


class Ellipsis:
    """Elided clauses after a denial (``ellipsis:`` cues in content/lexicon/negation.yaml)."""

    def __init__(self, rules: NegationRules) -> None:
        # by first word, longest first: a clause is compared only with cues that begin as it does
        self._cues: dict[str, list[tuple[str, ...]]] = {}
        for cue in sorted(rules.ellipsis, key=lambda c: -len(c.words)):
            self._cues.setdefault(cue.words[0], []).append(cue.words)
        self._also = frozenset(rules.also)
        self._pseudo = CueSet(rules.pseudo)
        # single words that deny ("no", "not", «нет», «не», «без»): what an elided clause drops
        self._denials = frozenset(
            cue.words[0]
            for cue in (*rules.before, *rules.after)
            if len(cue.words) == 1 and cue.kind == "plain" and not cue.words[0].endswith("*")
        )

    def fill(self, tokens: list[Token]) -> list[Token]:
        """ "no numbness in my legs, only in my groin", «онемения в ногах нет, только в паху»:
        a short clause opened by an ellipsis cue ("only", «только», "but in") after a clause
        with a negation says the same of another place. Its missing words are copied from the
        denied clause (without the negation), so the place is matched with them and the
        negation, which stops at the clause boundary, does not reach it."""
        # almost no message has a clause opened by an ellipsis cue or closed by "either" /
        # «тоже»: one look-up per word tells, and the tokens are then rebuilt only for those
        cues = self._cues
        also = self._also
        boundary = Kind.BOUNDARY
        opens = False
        for word in tokens:
            if word.kind is boundary:
                opens = True
                continue
            if word.text in also or (opens and word.text in cues):
                break
            opens = False
        else:
            return tokens
        out: list[Token] = []
        clause: list[Token] = []
        previous: list[Token] = []
        for token in [*tokens, None]:
            if token is not None and token.kind is not Kind.BOUNDARY:
                clause.append(token)
                continue
            out.extend(self._elided(previous, clause))
            if token is not None:
                out.append(token)
            previous, clause = clause, []
        return out

    def _elided(self, denied: list[Token], clause: list[Token]) -> list[Token]:
        if not denied or not clause or len(clause) > ELLIPSIS_MAX_WORDS:
            return clause
        texts = [t.text for t in clause]
        if texts[-1] in self._also and len(texts) > 1:
            return self._denied_also(denied, clause, texts)
        cue = next(
            (
                words
                for words in self._cues.get(texts[0], ())
                if tuple(texts[: len(words)]) == words and len(words) < len(texts)
            ),
            None,
        )
        if cue is None or any(t in self._denials for t in texts):
            return clause
        if not any(t.text in self._denials for t in denied):
            return clause
        # the denied clause's own place ("in my legs") gives way to the new one ("in my groin")
        place = cue[-1]
        kept = denied
        for i, token in enumerate(denied):
            if i and token.text == place:
                kept = denied[:i]
                break
        opener = clause[0]
        copied = [
            t._replace(start=opener.start, end=opener.end)
            for t in kept
            if t.text not in self._denials
        ]
        return [opener, *copied, *clause[1:]]

    def _denied_also(
        self, denied: list[Token], clause: list[Token], texts: list[str]
    ) -> list[Token]:
        """«температуры нет, онемения тоже»: the short clause ending in «тоже» says its items
        are denied as well; the denial word of the clause before is put in front of them
        (not when that word is a pseudo-negation's: «не могу пописать, какать тоже» tells
        one more inability)."""
        if any(t in self._denials for t in texts):
            return clause
        denied_texts = [t.text for t in denied]
        inside = {i for h in self._pseudo.find(denied_texts) for i in range(h.start, h.end + 1)}
        word = next(
            (t for i, t in enumerate(denied) if t.text in self._denials and i not in inside),
            None,
        )
        if word is None:
            return clause
        first = clause[0]
        return [word._replace(start=first.start, end=first.start), *clause]


class Lacking:
    """A possession denied before a faculty ("I don't have any control of my bladder", "I
    haven't got any feeling in my groin"): the faculty is lost, as in "no control", "no
    feeling" - which the phrases and the pseudo-negations know - not a symptom denied.
    ``lacking``, ``lacking_fillers`` and ``faculties`` in content/lexicon/negation.yaml."""

    def __init__(self, rules: NegationRules) -> None:
        self._cues = CueSet(rules.lacking)
        firsts = [c.words[0] for c in rules.lacking]
        self._firsts = None if any(w.endswith("*") for w in firsts) else frozenset(firsts)
        self._fillers = frozenset(rules.lacking_fillers)
        self._exact = frozenset(w for w in rules.faculties if not w.endswith("*"))
        self._stems = tuple(w[:-1] for w in rules.faculties if w.endswith("*")) or ("\0",)

    def read(self, tokens: list[Token]) -> list[Token]:
        if self._exact.isdisjoint(map(_TEXT, tokens)) and not (
            self._stems[0] != "\0" and any(t.text.startswith(self._stems) for t in tokens)
        ):
            return tokens  # no faculty named: nothing to read
        words = [t for t in tokens if t.kind is Kind.WORD]
        texts = [t.text for t in words]
        if self._firsts is not None and self._firsts.isdisjoint(texts):
            return tokens
        merged: dict[int, int] = {}  # first word of a denial -> its last word
        for hit in self._cues.find(texts):
            at = hit.end + 1
            while (
                at < len(texts) and at - hit.end <= LACKING_FILLERS and texts[at] in self._fillers
            ):
                at += 1
            if at < len(texts) and (texts[at] in self._exact or texts[at].startswith(self._stems)):
                merged[hit.start] = at - 1  # the fillers go with the denial
        if not merged:
            return tokens
        dropped: set[int] = set()
        first_of: dict[int, Token] = {}
        for start, end in merged.items():
            first, last = words[start], words[end]
            first_of[first.start] = first._replace(text="no", end=last.end)
            dropped.update(w.start for w in words[start + 1 : end + 1])
        out = []
        for token in tokens:
            if token.kind is Kind.WORD and token.start in first_of:
                out.append(first_of[token.start])
            elif not (token.kind is Kind.WORD and token.start in dropped):
                out.append(token)
        return out


class Inability:
    """An inability told in many words ("unable to", "hasn't been able to", "can no longer",
    «не в состоянии») read as the one form the phrases are written with ("cant", «не могу»):
    the phrases then hold for every way of telling it, and "cant" / «не могу» are
    pseudo-negations, so the words are no cue. ``inability`` / ``inability_as`` in
    content/lexicon/negation.yaml."""

    def __init__(self, rules: NegationRules) -> None:
        self._cues = CueSet(rules.inability)
        self._read_as = rules.inability_as
        # the words cues begin with ("not", "не", "is") are in most messages; every cue holds
        # one of these ("able", "longer", «состоянии»), which are in few
        self._telling = frozenset(rules.inability_words)

    def read(self, tokens: list[Token]) -> list[Token]:
        if self._telling.isdisjoint(map(_TEXT, tokens)):
            return tokens  # the common case: no cue is in the message
        # a cue is words in a row: a comma between them ends it ("unable, to be honest")
        texts = [t.text if t.kind is Kind.WORD else "\0" for t in tokens]
        out: list[Token] = []
        at = 0
        hits = {hit.start: hit.end for hit in self._cues.find(texts)}
        while at < len(tokens):
            end = hits.get(at)
            read_as = None if end is None else self._read_as.get(tuple(texts[at : end + 1]))
            if end is None or read_as is None:
                out.append(tokens[at])
                at += 1
                continue
            first, last = tokens[at], tokens[end]
            out.extend(first._replace(text=word, end=last.end) for word in read_as)
            at = end + 1
        return out
