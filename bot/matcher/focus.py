"""The focus of a negation: "I didn't hurt my back LIFTING, it just started" denies the cause
(lifting), not the symptom before it (back pain). A symptom told with its cause under one cue
is a presupposition: the person has the pain and says how it did not begin.

The cause concepts are listed under ``causes`` in content/lexicon/negation.yaml."""

from __future__ import annotations

from bot.matcher.cues import CueHit
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
    causing = [(index, hit) for index, hit in enumerate(hits) if hit.phrase.concept in causes]
    if not cues or not causing:
        return frozenset(), frozenset()
    # by position, so that each cause looks only at the few words before it: linear in a
    # long message (comparing every cause with every hit and cue was a product)
    reach = max(h.scope for h in cues)
    cues_ending: dict[int, list[CueHit]] = {}
    for h in cues:
        cues_ending.setdefault(h.end, []).append(h)
    cue_starts = {h.start for h in cues}
    before_starts = {h.start for h in scopes.before}
    symptoms_ending: dict[int, list[tuple[int, int]]] = {}  # last word -> (index, first word)
    for s_index, symptom in enumerate(hits):
        if symptom.phrase.concept not in causes:
            symptoms_ending.setdefault(symptom.positions[-1], []).append(
                (s_index, symptom.positions[0])
            )
    for c_index, cause in causing:
        c_start = cause.positions[0]
        for s_end in range(c_start - 1 - CAUSE_GAP, c_start):
            for s_index, s_start in symptoms_ending.get(s_end, ()):
                if clause[s_start] != clause[c_start]:
                    continue
                in_front = any(
                    s_start - h.end <= h.scope and clause[h.end] == clause[s_start]
                    for at in range(s_start - reach, s_start)
                    for h in cues_ending.get(at, ())
                )
                on_way = any(at in cue_starts for at in range(s_end + 1, c_start))
                if in_front and not on_way:
                    freed.add(s_index)
                    denied.add(c_index)
        for at in range(c_start - reach - CAUSE_GAP, c_start):
            for h in cues_ending.get(at, ()):
                if (
                    c_start <= h.end + h.scope + CAUSE_GAP
                    and clause[h.end] == clause[c_start]
                    and not any(p in before_starts for p in range(h.end + 1, c_start))
                ):
                    denied.add(c_index)
    return frozenset(freed), frozenset(denied)
