"""The console's dashboard: the figures of a selection of conversations, from one snapshot."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

from bot.operators.reading import DialogueTexts
from bot.operators.selection import Selection
from bot.storage.readside import EventLog, Funnel


@dataclass(frozen=True)
class DropOff:
    node: str
    question: str  # its text, in the operator's language
    reached: int  # conversations the bot asked it in
    left: int  # ...of which it was the last step, without advice, and nothing for a while
    going_on: int = 0  # ...of which it is the last step so far, of a conversation still going

    @property
    def rate(self) -> float:
        return self.left / self.reached if self.reached else 0.0


@dataclass
class Dashboard:
    selection: Selection
    funnel: Funnel
    funnels: dict[str | None, Funnel]
    urgency: dict[str, int]
    advice_seconds: list[float]
    drop_off: list[DropOff]
    per_day: list[tuple[str, int]]

    @property
    def median_seconds(self) -> float | None:
        return percentile(self.advice_seconds, 50)

    @property
    def p90_seconds(self) -> float | None:
        return percentile(self.advice_seconds, 90)


def percentile(sorted_values: Sequence[float], percent: float) -> float | None:
    """The nearest-rank percentile of values sorted ascending; None for none."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(percent / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


# a conversation quiet for this long has been left; a younger one may still go on
GONE_SECONDS = 3600.0


def collect(
    log: EventLog,
    selection: Selection,
    texts: DialogueTexts,
    question_lang: str,
    now: float | None = None,
) -> Dashboard:
    with log.summary(selection.scope()) as summary:  # one snapshot for every figure
        overall, per_campaign = summary.funnels()
        reached = summary.questions_reached()
        quiet_since = (time.time() if now is None else now) - GONE_SECONDS
        left = summary.leaving_nodes(quiet_since)
        waiting = summary.leaving_nodes()
        drop_off = [
            DropOff(
                node, texts.question(node, question_lang), reached[node], left.get(node, 0),
                waiting.get(node, 0) - left.get(node, 0),
            )
            for node in texts.question_order()
            if reached.get(node)
        ]  # fmt: skip
        return Dashboard(
            selection=selection,
            funnel=overall,
            funnels=per_campaign,
            urgency=summary.outcomes_by_urgency(),
            advice_seconds=summary.times_to_advice(),
            drop_off=drop_off,
            per_day=summary.sessions_per_day(),
        )


def duration(seconds: float | None) -> str:
    """``42 s``, ``3 min 5 s``, ``2 h 10 min``; ``-`` for none."""
    if seconds is None:
        return "-"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60} s"
    return f"{whole // 3600} h {whole % 3600 // 60} min"
