"""A sensation kept: "I know when my bladder is full", «чувствую, когда хочу в туалет»; a
function kept: "I have full control of my bladder and bowels" (``kept``).

After a frame of sensing ("know when", "can tell when", «чувствую, когда»: ``sensing`` in
content/lexicon/negation.yaml) the words of a sensation ("bladder is full", "need to go")
do not tell the symptom: they tell that the writer still senses it, which denies a loss of
bladder sensation. A negation in front of the frame turns it round: "I never know when my
bladder is full", «не чувствую, когда пузырь полный» tell the loss, and no cue may deny
it. Only the concepts under ``sensed`` are read so ("I can feel when my leg goes numb" still
tells numbness)."""

from __future__ import annotations

from bot.matcher.cues import CueSet
from bot.matcher.placement import Hit
from bot.matcher.rules import NegationRules
from bot.matcher.scopes import Scopes

SENSE_REACH = 3  # "when [I] need", "when [my] bladder": the frame to the sensation's words
NEGATION_REACH = 2  # "[can] no longer tell when", "[не] чувствую": a negation to the frame

KEPT, LOST = "kept", "lost"


class Sensing:
    def __init__(self, rules: NegationRules) -> None:
        self._frames = CueSet([*rules.sensing, *rules.kept])
        # a loss word before a frame of a function kept ("full control") turns it round
        self._lost = frozenset(rules.kept_lost)
        # the frames' first words, when exact: a message with none of them has no frame
        firsts = [c.words[0] for c in (*rules.sensing, *rules.kept)]
        self._firsts = None if any(w.endswith("*") for w in firsts) else frozenset(firsts)
        self._concepts = frozenset(rules.sensed)

    def readings(self, hits: list[Hit], scopes: Scopes, words: list[str]) -> dict[int, str]:
        """Per index of a hit of a sensed concept told in a frame: KEPT (the sensation is
        there: no symptom) or LOST (the frame is denied: the symptom, firmly)."""
        if self._firsts is not None and self._firsts.isdisjoint(words):
            return {}
        if not any(h.phrase.concept in self._concepts for h in hits):
            return {}
        frames = self._frames.find(words)
        if not frames:
            return {}
        clause = scopes.clause
        out: dict[int, str] = {}
        for index, hit in enumerate(hits):
            if hit.phrase.concept not in self._concepts:
                continue
            for frame in frames:
                # the frame's own words may be the phrase's ("чувств* полн*")
                rest = [p for p in hit.positions if not frame.start <= p <= frame.end]
                if frame.kind == "kept":
                    if not rest:
                        rest = [frame.end]  # "normal bladder control": the frame is the phrase
                    elif rest[0] < frame.start:
                        # "LOST normal bladder control": the loss is told, and "normal"
                        # inside it denies nothing
                        lost = [p for p in rest if p < frame.start and words[p] in self._lost]
                        # "NO loss of normal bladder control": a denied loss is for the cues
                        if lost and not any(
                            at in scopes.own_words
                            for at in range(max(0, lost[0] - NEGATION_REACH), lost[0])
                        ):
                            out[index] = LOST
                        continue
                if not rest or rest[0] < frame.start:
                    continue
                start = rest[0]
                if not (start - frame.end <= SENSE_REACH and clause[start] == clause[frame.end]):
                    continue
                # a negation or doubt anywhere before the frame in its clause ("not sure I
                # can feel when") leaves the loss told: a kept sensation must be plain
                first = frame.start
                while first > 0 and clause[first - 1] == clause[frame.start]:
                    first -= 1
                reach = max(0, min(first, frame.start - NEGATION_REACH))
                if frame.kind == "kept":
                    # its own words may be cues ("NORMAL bladder control"): only what stands
                    # before it may turn it ("lost full control", "no normal control")
                    denied = any(
                        at in scopes.own_words or words[at] in self._lost
                        for at in range(reach, frame.start)
                    )
                else:
                    denied = any(at in scopes.own_words for at in range(reach, frame.start + 1))
                out[index] = LOST if denied else KEPT
        return out
