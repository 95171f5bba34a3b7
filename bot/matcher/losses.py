"""A denied loss: "no LOSS of bladder control", «ПОТЕРИ контроля над мочеиспусканием нет».

A phrase may hold a negation word as its own: "no control of my bladder", «контроля над
мочой нет» state the symptom. When a word of loss ("loss", «потеря»: ``losses`` in
content/lexicon/negation.yaml) stands between that cue and the phrase's other words, the cue
denies the loss, and with it the symptom: the cue is given back to negation, and the phrase
is judged on its other words like any phrase under a cue. A loss told right before a phrase
without a cue of its own joins it, so that a cue in front reaches it ("no problems with
bladder control")."""

from __future__ import annotations

from dataclasses import replace

from bot.matcher.normalize import CACHE_LIMIT
from bot.matcher.placement import Hit
from bot.matcher.scopes import Scopes

LOSS_REACH = 3  # "no (sudden) loss of", "haven't had any trouble": the cue to the loss


class Losses:
    def __init__(self, words: list[str]) -> None:
        self._exact = frozenset(w for w in words if not w.endswith("*"))
        self._stems = tuple(w[:-1] for w in words if w.endswith("*")) or ("\0",)
        self._known: dict[str, bool] = {}  # per word, once: every message asks

    def is_loss(self, word: str) -> bool:
        """A word of a loss or a trouble ("loss", "problem", «проблем*»); cached."""
        known = self._known.get(word)
        if known is None:
            known = word in self._exact or word.startswith(self._stems)
            if len(self._known) < CACHE_LIMIT:
                self._known[word] = known
        return known

    def given_back(self, hits: list[Hit], scopes: Scopes, words: list[str]) -> list[Hit]:
        """The hits, each one whose own negation word denies a loss told beside it read
        without that word."""
        if not (scopes.before or scopes.after):
            return hits
        known = self._known
        losses = frozenset(
            i for i, w in enumerate(words) if known.get(w) or (w not in known and self.is_loss(w))
        )
        if not losses:
            return hits
        cues = {i for h in scopes.before + scopes.after for i in range(h.start, h.end + 1)}
        clause = scopes.clause
        out = []
        for hit in hits:
            if cues.isdisjoint(hit.positions):
                # "haven't had any PROBLEMS with bladder control": the loss told right before
                # the phrase is what a cue in front denies; it joins the phrase
                first = hit.positions[0]
                for at in range(first - 1, first - 1 - LOSS_REACH, -1):
                    if at in losses and at >= 0 and clause[at] == clause[first]:
                        hit = replace(hit, positions=(at, *hit.positions))
                        break
                out.append(hit)
                continue
            own = [p for p in hit.positions if p in cues]
            rest = tuple(p for p in hit.positions if p not in cues)
            if not rest:
                out.append(hit)
                continue
            if any(self.is_loss(words[p]) and p - 1 in cues for p in own):
                # "no PROBLEM peeing", "peeing is not a PROBLEM": the trouble word is the
                # cue's, which denies it; the phrase is judged on its other words
                out.append(replace(hit, positions=rest))
                continue
            first, last = rest[0], rest[-1]

            def denies(cue: int, at: int, first: int = first, last: int = last) -> bool:
                if cue < first:  # "no loss of bladder control"
                    return cue < at <= cue + LOSS_REACH and at < first
                if cue <= last:
                    return False
                # «потери контроля над мочеиспусканием нет»; «чувствительность в промежности
                # не пропала», «контроль над мочой не терял»: the verb of loss denied after it
                return clause[at] == clause[first] and (
                    first - LOSS_REACH <= at < first or cue < at <= cue + LOSS_REACH - 1
                )

            near = [
                at
                for at in (
                    *range(first - LOSS_REACH, first),
                    *range(min(own) + 1, max(own) + 1 + LOSS_REACH),
                )
                if at in losses
            ]
            denied = [at for c in own for at in near if denies(c, at)]
            if denied:
                # the loss is what the cue denies: it joins the phrase in the cue's place
                positions = tuple(sorted({*rest, min(denied, key=lambda at: abs(at - first))}))
                hit = replace(hit, positions=positions)
            out.append(hit)
        return out
