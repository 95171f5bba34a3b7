"""Endings told after a symptom: whether a negation around it denies that it ends ("the
numbness hasn't gone away": it goes on), and whether an ending says it is over although the
phrase shares a word with the ending or carries its own negation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.matcher.scopes import Scopes

MAX_CEASING_GAP = 12  # how far after a symptom its "has not let up" may stand, in one clause
# «температура вчера спала», «онемение в паху ушло»: how many words back an ending looks for
# the noun it ends
SUBJECT_REACH = 4
MAX_ECHO_REACH = 10  # how far back into the clause before a clause of its own it looks


def goes_on(start: int, end: int, scopes: Scopes) -> bool:
    """Whether the negation around a phrase denies that it ENDS, not that it is there:
    "the numbness hasn't gone away", «ни тошнота, ни боль не проходят», "neither the pain
    nor the nausea has let up". The predicate of ending must follow the phrase in its clause,
    or across list commas only («ни X, ни Y не проходят»)."""
    clause = scopes.clause
    if not scopes.unceasing and clause[start] not in scopes.near.plain_before:
        return False  # neither "goes on" nor a plain negation in the phrase's clause

    def joined(at: int) -> bool:
        return end < at <= end + MAX_CEASING_GAP and all(
            clause[i] == clause[i - 1] or i in scopes.commas for i in range(end + 1, at + 1)
        )

    if any(joined(at) for at, _ in scopes.unceasing):
        return True
    number = clause[start]
    # a plain negation only: "раньше немели пальцы, сейчас прошло" is over and done
    cues = scopes.near.plain_before.get(number, ())
    if not cues or not any(h.end < start for h in cues):
        return False
    for at, _ in scopes.ceasing:
        # no other cue on the way to the ending ("nor", «ни» there only carry the list on)
        on_way = any(end < h.start < at and h.start not in scopes.list_words for h in cues)
        if joined(at) and not on_way:
            return True
    return False


def is_over(positions: tuple[int, ...], scopes: Scopes, taken: frozenset[int]) -> bool:
    """Whether an ending told after the phrase says it is over although the phrase holds a
    cue word: its last word begins the ending ("the numbness in my groin has gone AWAY";
    "my groin has gone numb" ends on the sign and stays), or it carries its own negation
    and a clause of ending follows ("couldn't pee on monday but that went away")."""
    start, end = positions[0], positions[-1]
    clause = scopes.clause
    after = scopes.near.after_in.get(clause[end])
    if not after:
        return False  # no cue after in the phrase's clause: nothing ends it
    if scopes.senses.intersection(positions):
        return False  # "the feeling in my groin went away" is the loss, not its end
    own = scopes.own_words.intersection(positions)
    endings = scopes.near.endings
    for hit in after:
        if hit.kind != "past" and hit.start not in endings:
            continue
        if start < hit.start <= end < hit.end:
            return True
        if (
            hit.kind == "past"
            and hit.start <= end <= hit.end
            and hit.start != start
            and not taken.issuperset(range(hit.start, hit.end + 1))
        ):
            # the sign is the ending's own last word: «недержание мочи, уже НЕТ» (linked to
            # its place as «мочи нет»), "numb groin last week but it's GONE"
            return True
        if (
            own
            and end < hit.start <= end + hit.scope
            and not taken.issuperset(range(hit.start, hit.end + 1))
        ):
            return True
    return False


def ends_a_noun(
    words: list[str],
    breaks: list[bool],
    at: int,
    fillers: frozenset[str],
    is_predicate: Callable[[str], bool],
    names_subject: Callable[[str], bool],
) -> bool:
    """Whether an ending said of its subject («спала», «сбили», «ушло») has one: a noun it may
    be said of («температура», «температуру») at most SUBJECT_REACH words before it, in its
    clause, with no predicate between («описался, когда спал» is a sleep); time words on the
    way are passed over. An ending in a clause of its own («температура держалась, в среду
    спала») is said of a noun of the clause before it."""
    j = at - 1
    counted = 0
    while j >= 0 and not breaks[j + 1]:
        word = words[j]
        if word not in fillers:
            if is_predicate(word):
                return False
            if names_subject(word):
                return True
            counted += 1
            if counted >= SUBJECT_REACH:
                return False
        j -= 1
    if counted or j < 0:
        return False
    first = j
    while first > 0 and not breaks[first] and j - first < MAX_ECHO_REACH:
        first -= 1
    return any(names_subject(words[k]) for k in range(first, j + 1))
