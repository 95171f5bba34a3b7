"""The focus of a negation: "I didn't hurt my back LIFTING, it just started" denies the cause
(lifting), not the symptom before it (back pain). A symptom told with its cause under one cue
is a presupposition: the person has the pain and says how it did not begin.

The cause concepts are listed under ``causes`` in content/lexicon/negation.yaml."""

from __future__ import annotations

from bot.matcher.placement import Hit
from bot.matcher.scopes import Scopes

CAUSE_GAP = 3  # words between the symptom and its cause: "hurt my back [while] lifting [a box]"


def negated_causes(
    hits: list[Hit],
    scopes: Scopes,
    causes: frozenset[str],
    words: list[str],
    verbal: frozenset[str],
) -> tuple[frozenset[int], frozenset[int]]:
    """(indices of symptom hits the negation leaves standing, indices of cause hits it denies).

    A cue in front of a symptom, in its clause and within its reach, followed by a cause hit
    within ``CAUSE_GAP`` words with no other cue on the way: the cue's focus is the cause.
    Only a verb's negation ("didn't", «не»: ``cause_cues``) moves its focus; "no back pain
    after lifting" still denies the pain. A cause a little beyond such a cue's reach, with
    words but no symptom and no other cue between ("I did not injure my back lifting
    weights"), is denied as well."""
    if not causes or not scopes.before:
        return frozenset(), frozenset()
    clause = scopes.clause
    freed: set[int] = set()
    denied: set[int] = set()
    cues = [h for h in scopes.before if h.kind != "feared" and words[h.start] in verbal]
    for c_index, cause in enumerate(hits):
        if cause.phrase.concept not in causes:
            continue
        c_start = cause.positions[0]
        for s_index, symptom in enumerate(hits):
            if symptom.phrase.concept in causes:
                continue
            s_start, s_end = symptom.positions[0], symptom.positions[-1]
            if not (0 <= c_start - s_end - 1 <= CAUSE_GAP and clause[s_start] == clause[c_start]):
                continue
            in_front = any(
                h.end < s_start and s_start - h.end <= h.scope and clause[h.end] == clause[s_start]
                for h in cues
            )
            on_way = any(s_end < h.start < c_start for h in cues)
            if in_front and not on_way:
                freed.add(s_index)
                denied.add(c_index)
        for h in cues:
            if (
                h.end < c_start <= h.end + h.scope + CAUSE_GAP
                and clause[h.end] == clause[c_start]
                and not any(h.end < other.start < c_start for other in scopes.before)
            ):
                denied.add(c_index)
    return frozenset(freed), frozenset(denied)
