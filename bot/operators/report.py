"""``python -m bot report``: one self-contained HTML page about a period of the event log.

No script, no stylesheet or font from the network: the page is the numbers, inline SVG bar
charts (``charts.py``) and tables, so it opens on a server without internet and can be mailed.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from bot.operators import queries
from bot.operators.charts import PALETTE, Bar, column_chart, hbar_chart
from bot.operators.periods import Period, when
from bot.operators.selection import Selection, as_selection

URGENCIES = ("emergency", "urgent", "soon", "routine")  # highest first, as in the product
TOP_PHRASES = 25
# score bins of the matcher (0..100): exact matches score 100, typos and fuzzy matches less
SCORE_BINS: tuple[tuple[str, float, float], ...] = (
    ("below 50", 0, 50),
    ("50-59", 50, 60),
    ("60-69", 60, 70),
    ("70-79", 70, 80),
    ("80-89", 80, 90),
    ("90-99", 90, 100),
    ("100", 100, float("inf")),
)
NO_CAMPAIGN = "(no campaign)"
_SPACES = re.compile(r"\s+")


@dataclass
class ReportData:
    period: Period
    generated: float
    per_day: list[tuple[str, int]]
    funnel: queries.Funnel
    funnels: dict[str | None, queries.Funnel]
    urgency: dict[str, int]
    specialists: dict[str, int]
    leaving: dict[str, int]
    unmatched: list[tuple[str, int]]
    unmatched_total: int
    scores: dict[str, int] = field(default_factory=dict)


def normalise_phrase(text: str) -> str:
    """Phrases that differ only in case, spacing or end punctuation are counted together."""
    return _SPACES.sub(" ", text.casefold()).strip(" .,!?;:…")


def score_histogram(scores: Iterable[float]) -> dict[str, int]:
    counts = dict.fromkeys((name for name, _, _ in SCORE_BINS), 0)
    for score in scores:
        for name, low, high in SCORE_BINS:
            if low <= score < high:
                counts[name] += 1
                break
    return counts


def collect(db: sqlite3.Connection, scope: Selection | Period, now: float) -> ReportData:
    """The report's numbers; a bare ``Period`` counts every channel, a ``Selection`` (the
    command's default) only the ones it names."""
    selection = as_selection(scope)
    # one read transaction: every section sees the same snapshot while the bot writes on
    db.execute("BEGIN")
    try:
        queries.load_period(db, selection)
        overall, per_campaign = queries.funnels(db)
        phrases = Counter(
            phrase for text in queries.unmatched_texts(db) if (phrase := normalise_phrase(text))
        )
        return ReportData(
            period=selection.period,
            generated=now,
            per_day=queries.sessions_per_day(db),
            funnel=overall,
            funnels=per_campaign,
            urgency=queries.outcomes_by_urgency(db),
            specialists=queries.outcomes_by_specialist(db),
            leaving=queries.leaving_nodes(db),
            unmatched=phrases.most_common(TOP_PHRASES),
            unmatched_total=phrases.total(),
            scores=score_histogram(queries.concept_scores(db)),
        )
    finally:
        db.execute("ROLLBACK")


# --- rendering ---------------------------------------------------------------------------


def _percent(part: int, whole: int) -> str:
    return f"({part / whole:.0%})" if whole else ""


def funnel_bars(funnel: queries.Funnel) -> list[Bar]:
    steps = (
        ("started", funnel.started),
        ("answered the first question", funnel.answered),
        ("reached an outcome", funnel.reached),
        ("pressed booking", funnel.booked),
    )
    return [Bar(label, value, _percent(value, funnel.started)) for label, value in steps]


def _section(section_id: str, title: str, explanation: str, body: str) -> str:
    return (
        f'<section id="{section_id}"><h2>{escape(title)}</h2>'
        f'<p class="why">{escape(explanation)}</p>{body}</section>'
    )


def _funnel_section(data: ReportData) -> str:
    body = [
        '<h3>All campaigns</h3><div class="scroll">',
        hbar_chart("funnel-overall", "Funnel, all campaigns", funnel_bars(data.funnel)),
        '</div><div class="campaigns">',
    ]
    for campaign, funnel in data.funnels.items():
        name = campaign if campaign is not None else NO_CAMPAIGN
        chart_id = "funnel-campaign-" + re.sub(r"[^A-Za-z0-9_-]", "_", name)
        body += [
            f'<div class="campaign" data-campaign="{escape(name, quote=True)}">',
            f"<h3>Campaign {escape(name)}</h3>",
            '<div class="scroll">',
            hbar_chart(chart_id, f"Funnel, campaign {name}", funnel_bars(funnel), width=500),
            "</div></div>",
        ]
    body.append("</div>")
    return _section(
        "funnel",
        "Funnel",
        "Conversations that started, answered the first question (any button or typed "
        "answer), reached referral advice, and pressed the booking button. Percentages are "
        "of those that started.",
        "".join(body),
    )


def _outcomes_section(data: ReportData) -> str:
    order = [u for u in URGENCIES if u in data.urgency] + sorted(
        u for u in data.urgency if u not in URGENCIES
    )
    total = sum(data.urgency.values())
    colour = PALETTE["default"]
    urgency = [
        Bar(u, data.urgency[u], _percent(data.urgency[u], total), PALETTE.get(u, colour))
        for u in order
    ]
    specialists = [Bar(s, n) for s, n in data.specialists.items()]
    return _section(
        "outcomes",
        "Outcomes",
        "Conversations by the urgency and the specialists of their advice (a referral can "
        "name several specialists, so those bars add up to more than the conversations).",
        '<div class="pair"><div><h3>By urgency</h3><div class="scroll">'
        + hbar_chart("outcomes-urgency", "Outcomes by urgency", urgency, width=460)
        + '</div></div><div><h3>By specialist</h3><div class="scroll">'
        + hbar_chart("outcomes-specialist", "Outcomes by specialist", specialists, width=460)
        + "</div></div></div>",
    )


def _unmatched_section(data: ReportData) -> str:
    if data.unmatched:
        top = data.unmatched[0][1]
        rows = "".join(
            f'<tr data-phrase="{escape(phrase, quote=True)}" data-count="{count}">'
            f'<td class="n">{count}</td>'
            f'<td><span class="meter" style="width:{count / top * 80:.0f}px"></span></td>'
            f"<td>{escape(phrase)}</td></tr>"
            for phrase, count in data.unmatched
        )
        body = (
            '<table id="unmatched-phrases"><thead><tr><th>times</th><th></th>'
            f"<th>scrubbed text</th></tr></thead><tbody>{rows}</tbody></table>"
            f"<p>{data.unmatched_total} typed messages in the period matched no concept; "
            f"the {len(data.unmatched)} most frequent are shown.</p>"
        )
    else:
        body = '<p id="unmatched-phrases" class="empty">Every typed message matched a concept.</p>'
    return _section(
        "unmatched",
        "Typed text the bot did not understand",
        "Typed messages in which the matcher found no symptom concept, as stored (scrubbed of "
        "personal data), counted: candidates for content/lexicon/.",
        body,
    )


STYLE = """
body { font-family: system-ui, sans-serif; font-size: 15px; color: #222; margin: 0;
       background: #f6f7f9; }
header, main { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 16px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 4px; }
h3 { font-size: 15px; margin: 12px 0 4px; }
.meta, .why { color: #555; margin: 0 0 8px; }
section { background: #fff; border: 1px solid #dde; border-radius: 6px; padding: 14px 18px;
          margin: 14px 0; }
.pair { display: flex; flex-wrap: wrap; gap: 24px; }
.scroll { overflow-x: auto; }
.campaigns { display: flex; flex-wrap: wrap; column-gap: 40px; }
.chart text.value { fill: #222; font-weight: 600; }
.chart text.label { fill: #333; }
table { border-collapse: collapse; }
td, th { padding: 3px 8px; text-align: left; border-bottom: 1px solid #eee; }
td.n { text-align: right; font-weight: 600; }
.meter { display: inline-block; height: 10px; background: #4e79a7; border-radius: 2px; }
.summary { display: flex; gap: 28px; flex-wrap: wrap; margin: 8px 0 0; }
.summary div { font-size: 13px; color: #555; }
.summary b { display: block; font-size: 22px; color: #222; }
"""


def render(data: ReportData) -> str:
    f = data.funnel
    per_day = [Bar(day, count) for day, count in data.per_day]
    leaving = [Bar(node, count) for node, count in data.leaving.items()]
    scores = [Bar(name, count) for name, count in data.scores.items()]
    summary = "".join(
        f'<div id="summary-{key}"><b>{value}</b>{escape(label)}</div>'
        for key, value, label in (
            ("started", f.started, "conversations started"),
            ("reached", f.reached, "reached advice"),
            ("booked", f.booked, "pressed booking"),
            ("unmatched", data.unmatched_total, "typed messages not understood"),
        )
    )
    sections = [
        _section(
            "per-day",
            "Conversations started per day",
            "By the date (UTC) of the conversation's first message.",
            '<div class="scroll">'
            + column_chart("sessions-per-day", "Conversations started per day", per_day)
            + "</div>",
        ),
        _funnel_section(data),
        _outcomes_section(data),
        _section(
            "leaving",
            "Where people leave",
            "Conversations without an outcome, by the last question the bot asked "
            "(including conversations still going on).",
            '<div class="scroll">'
            + hbar_chart("leaving-nodes", "Where people leave", leaving)
            + "</div>",
        ),
        _unmatched_section(data),
        _section(
            "scores",
            "Matcher scores",
            "Every symptom concept found in typed text, by the matcher's score (100 is an exact "
            "word or phrase of the lexicon; lower scores are typos and near matches).",
            '<div class="scroll">'
            + hbar_chart("score-distribution", "Matcher score distribution", scores)
            + "</div>",
        ),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # nothing may be fetched: the report is read offline, and it shows strangers' text
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        "<title>Triage bot report</title>"
        f"<style>{STYLE}</style></head><body>"
        "<header><h1>Triage bot: anonymised conversations</h1>"
        f'<p class="meta">Period: {escape(data.period.describe())}. '
        f"Generated {when(data.generated)} UTC. Pseudonymous data only.</p>"
        f'<div class="summary">{summary}</div></header>'
        f"<main>{''.join(sections)}</main></body></html>\n"
    )


def build_report(db: sqlite3.Connection, scope: Selection | Period, now: float) -> str:
    return render(collect(db, scope, now))
