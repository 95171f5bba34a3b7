"""What negation knows about one message's clauses, and how far a cue reaches over a list
("no fever, chills or sweats", «онемения, покалывания и слабости нет»)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from bot.matcher.cues import CueHit

MAX_ITEM_WORDS = 3  # a longer piece between commas is a statement, not a list item
MAX_LAST_ITEM_WORDS = 5  # the item after the list word that closes the list may say more


@dataclass
class Scopes:
    """What negation needs to know about one message."""

    clause: list[int]  # clause number of each word
    before: list[CueHit]
    after: list[CueHit]
    own_words: frozenset[int]  # every word of a cue or a pseudo-negation
    list_words: frozenset[int] = frozenset()  # "or", "и": each one lengthens a cue's reach
    # list commas: a comma (and nothing else) before word i, not followed by a boundary word
    commas: frozenset[int] = frozenset()
    # words that forbid a list across commas: pseudo-negations and clause words ("is", "болит")
    stops: frozenset[int] = frozenset()
    # list words that leave a negation firm ("or", "ни"); other list words ("and") loosen it
    firm_lists: frozenset[int] = frozenset()
    # "this is different": the end position of each such marker, with its sentence
    contrasts: tuple[tuple[int, int], ...] = ()
    sentence: tuple[int, ...] = ()
    # "it isn't that", "не то чтобы": the end of each, with its clause; it negates even a
    # phrase with its own negation ("it isn't that I can't pee")
    doubles: tuple[tuple[int, int], ...] = ()
    # "again", "снова": the position of each, with its sentence; what is past comes back
    recurrences: tuple[tuple[int, int], ...] = ()
    # "let up" / "hasn't let up": the start of each predicate of ending, with its clause
    ceasing: tuple[tuple[int, int], ...] = ()
    unceasing: tuple[tuple[int, int], ...] = ()
    # words naming a sense ("feeling", «чувствительность»): its "going away" is its loss
    senses: frozenset[int] = frozenset()
    # over-and-done cues that end their clause ("the numbness in my groin HAS STOPPED
    # (completely)"): their start; they reach back to a sign that opens the clause
    closing: frozenset[int] = frozenset()
    # lone answers after "?", ":" or a dash ("can't pee? no"): their start; one denies even
    # a phrase with its own negation, doubtfully
    answers: tuple[int, ...] = ()

    @cached_property
    def near(self) -> Near:
        """Built once per message, on first use: what every phrase's verdict asks of it."""
        return Near(self)


class Near:
    """The cues that can reach a phrase, found by position instead of walking every cue for
    every phrase (quadratic in a long message).

    A cue reaches a phrase only across list commas: between a cue before the phrase and the
    phrase's first word (or the phrase's last word and a cue after it) there is no "hard"
    clause boundary, one that is not a list comma. The clause numbers never decrease along
    the message, so same-clause is "no boundary between" too. Boundaries and list words are
    kept sorted, so each question is a bisection."""

    def __init__(self, scopes: Scopes) -> None:
        clause = scopes.clause
        self._size = len(clause)
        commas = scopes.commas
        # hard boundary i: word i opens a clause other than at a list comma
        self._hard = [
            i
            for i, (previous, current) in enumerate(pairwise(clause), 1)
            if previous != current and i not in commas
        ]
        self._lists = sorted(scopes.list_words)
        # the list words that loosen a negation ("and"), not "or"
        self._loose = [p for p in self._lists if p not in scopes.firm_lists]
        self._before = sorted(scopes.before, key=lambda h: h.end)
        self._before_ends = [h.end for h in self._before]
        self._longest_before = max((h.end - h.start for h in self._before), default=0)
        self._after = sorted(scopes.after, key=lambda h: h.start)
        self._after_starts = [h.start for h in self._after]
        self.endings = frozenset(at for at, _ in scopes.ceasing)
        # plain cues before, and cues after, by the clause they stand in (message order kept)
        self.plain_before: dict[int, list[CueHit]] = {}
        for hit in scopes.before:
            if hit.kind == "plain":
                self.plain_before.setdefault(clause[hit.end], []).append(hit)
        self.after_in: dict[int, list[CueHit]] = {}
        for hit in scopes.after:
            self.after_in.setdefault(clause[hit.start], []).append(hit)

    def last_hard(self, at: int) -> int:
        """The last hard boundary at or before ``at`` (0: none)."""
        index = bisect_right(self._hard, at)
        return self._hard[index - 1] if index else 0

    def next_hard(self, at: int) -> int:
        """The first hard boundary at or after ``at`` (the message's length: none)."""
        index = bisect_left(self._hard, at)
        return self._hard[index] if index < len(self._hard) else self._size

    def lists_between(self, low: int, high: int) -> int:
        """How many list words stand strictly between ``low`` and ``high``."""
        lists = self._lists
        return bisect_left(lists, high) - bisect_right(lists, low) if lists else 0

    def loose_between(self, low: int, high: int) -> bool:
        """Whether a list word that loosens a negation ("and", not "or") stands between."""
        loose = self._loose
        return bool(loose) and bisect_left(loose, high) > bisect_right(loose, low)

    def before(self, start: int, end: int) -> list[CueHit]:
        """Cues before that can reach words ``start..end``: ending after the last hard
        boundary up to ``start`` and beginning before ``end``."""
        found = []
        last = end + self._longest_before  # a cue ending later begins at or after ``end``
        for at in range(bisect_left(self._before_ends, self.last_hard(start)), len(self._before)):
            hit = self._before[at]
            if hit.end >= last:
                break
            if hit.start < end or hit.end < start:
                found.append(hit)
        return found

    def after(self, start: int, end: int) -> list[CueHit]:
        """Cues after that can reach words ``start..end``: beginning after ``start`` and
        before the first hard boundary after ``end``."""
        stop = self.next_hard(end + 1)
        low = bisect_left(self._after_starts, start + 1)
        high = bisect_left(self._after_starts, stop, low)
        return self._after[low:high]


def list_items_ok(scopes: Scopes, low: int, high: int) -> bool:
    """Whether words ``low..high`` read as list items: short pieces between commas and list
    words, with no clause word ("is", "болит") and no pseudo-negation ("can't") in them."""
    length = 0
    limit = MAX_ITEM_WORDS
    for i in range(low, high + 1):
        if i in scopes.stops:
            return False
        if i in scopes.commas or i in scopes.list_words:
            length = 0
            if i in scopes.list_words:
                # the last item, after "or": "... or any weakness in the legs"
                limit = MAX_LAST_ITEM_WORDS
                continue
        length += 1
        if length > limit:
            return False
    return True


def _ends_in_item(scopes: Scopes, low: int, comma: int) -> bool:
    """Whether the cue's own piece, words ``low`` up to the ``comma``, ends in a list item
    after its last verb ("haven't had [any trouble peeing], ..."), not in the verb the cue
    denies («ничего не [изменилось], ...»)."""
    if comma <= low:
        return True  # the cue ends its piece ("no, ..."): the items come after
    last_stop = max((i for i in range(low, comma) if i in scopes.stops), default=low - 1)
    return 0 < comma - 1 - last_stop <= MAX_ITEM_WORDS + 1


def list_forward(scopes: Scopes, cue_end: int, start: int) -> bool:
    """ "no fever, chills or sweats": the cue's clause goes on over list commas up to the
    first piece that holds a list word (the list is closed there); the symptom must lie
    within, and every piece must read as a list item."""
    clause = scopes.clause
    if not scopes.commas or clause[start] < clause[cue_end]:
        return False
    last = len(clause) - 1
    i = cue_end + 1
    while i <= last:
        if clause[i] != clause[i - 1] and i not in scopes.commas:
            return False  # a real clause boundary before the list was closed
        if i in scopes.list_words:
            if i < start and clause[i] != clause[start]:
                return False  # the list closed before the symptom's piece
            end = i
            while end < last and clause[end + 1] == clause[i]:
                end += 1
            # the cue's own piece may tell its verb ("I haven't had trouble peeing, numbness
            # or weakness"): only the pieces after its comma must read as list items
            first = next((c for c in range(cue_end + 1, end + 1) if c in scopes.commas), end)
            return (
                start <= end
                and _ends_in_item(scopes, cue_end + 1, first)
                and list_items_ok(scopes, first, end)
            )
        i += 1
    return False


def list_backward(scopes: Scopes, end: int, cue_start: int) -> bool:
    """ "онемения, покалывания и слабости нет": the same list, read back from a cue after it.
    Every piece from the symptom's to the cue must be joined by list commas and read as list
    items, and a list word must close the list between the symptom and the cue."""
    clause = scopes.clause
    if not scopes.commas:
        return False
    first = end
    while first > 0 and clause[first - 1] == clause[end]:
        first -= 1
    closed = False
    for i in range(first + 1, cue_start):
        if clause[i] != clause[i - 1] and i not in scopes.commas:
            return False
        if i > end and i in scopes.list_words:
            closed = True
    if clause[cue_start] != clause[cue_start - 1] and cue_start not in scopes.commas:
        return False
    return closed and list_items_ok(scopes, first, cue_start - 1)
