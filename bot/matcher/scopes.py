"""What negation knows about one message's clauses, and how far a cue reaches over a list
("no fever, chills or sweats", «онемения, покалывания и слабости нет»)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.matcher.cues import CueHit

MAX_ITEM_WORDS = 3  # a longer piece between commas is a statement, not a list item


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


def list_items_ok(scopes: Scopes, low: int, high: int) -> bool:
    """Whether words ``low..high`` read as list items: short pieces between commas and list
    words, with no clause word ("is", "болит") and no pseudo-negation ("can't") in them."""
    length = 0
    for i in range(low, high + 1):
        if i in scopes.stops:
            return False
        if i in scopes.commas or i in scopes.list_words:
            length = 0
            if i in scopes.list_words:
                continue
        length += 1
        if length > MAX_ITEM_WORDS:
            return False
    return True


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
            return start <= end and list_items_ok(scopes, cue_end + 1, end)
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
