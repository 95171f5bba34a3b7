"""``python -m bot report``: one self-contained HTML page about a period of the event log.

No script, no stylesheet or font from the network: the page is the numbers, inline SVG bar
charts (``charts.py``) and tables, so it opens on a server without internet and can be mailed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

from bot.operators.charts import PALETTE, Bar, column_chart, hbar_chart
from bot.operators.periods import Period, when
from bot.operators.reading import DialogueTexts
from bot.operators.selection import Selection, as_selection
from bot.storage.readside import EventLog, Funnel

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
    funnel: Funnel
    funnels: dict[str | None, Funnel]
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


def collect(
    log: EventLog,
    scope: Selection | Period,
    now: float,
    texts: DialogueTexts | None = None,
) -> ReportData:
    """The report's numbers; a bare ``Period`` counts every channel, a ``Selection`` (the
    command's default) only the ones it names. With the dialogue's ``texts``, typed text that
    was taken as a button answer ("no", "нет") is not counted as not understood."""
    selection = as_selection(scope)
    # one snapshot: every section agrees with the others while the bot writes on
    with log.summary(selection.scope()) as summary:
        overall, per_campaign = summary.funnels()
        if texts is None:
            unmatched = summary.unmatched_texts()
        else:
            unmatched = (
                str(event["value"])
                for event in summary.typed_texts()
                if not texts.read(event).understood
            )
        phrases = Counter(phrase for text in unmatched if (phrase := normalise_phrase(text)))
        return ReportData(
            period=selection.period,
            generated=now,
            per_day=summary.sessions_per_day(),
            funnel=overall,
            funnels=per_campaign,
            urgency=summary.outcomes_by_urgency(),
            specialists=summary.outcomes_by_specialist(),
            leaving=summary.leaving_nodes(),
            unmatched=phrases.most_common(TOP_PHRASES),
            unmatched_total=phrases.total(),
            scores=score_histogram(summary.concept_scores()),
        )


# --- rendering: the Jinja2 templates the console's pages use too (bot/console/templates) ------
# Charts are SVG text marked safe (Markup): charts.py escapes every label in them itself.


def _percent(part: int, whole: int) -> str:
    return f"({part / whole:.0%})" if whole else ""


def funnel_bars(funnel: Funnel) -> list[Bar]:
    steps = (
        ("started", funnel.started),
        ("answered the first question", funnel.answered),
        ("reached an outcome", funnel.reached),
        ("pressed booking", funnel.booked),
    )
    return [Bar(label, value, _percent(value, funnel.started)) for label, value in steps]


def urgency_bars(urgency: dict[str, int]) -> list[Bar]:
    """Highest urgency first, each in its colour, with its share."""
    order = [u for u in URGENCIES if u in urgency] + sorted(
        u for u in urgency if u not in URGENCIES
    )
    total = sum(urgency.values())
    colour = PALETTE["default"]
    return [Bar(u, urgency[u], _percent(urgency[u], total), PALETTE.get(u, colour)) for u in order]


@dataclass(frozen=True)
class CampaignFunnel:
    name: str
    chart: Markup


def campaign_funnels(funnels: dict[str | None, Funnel], width: int) -> list[CampaignFunnel]:
    """One funnel chart per campaign (ids ``funnel-campaign-<name>``), as the page shows it."""
    shown = []
    for campaign, funnel in funnels.items():
        name = campaign if campaign is not None else NO_CAMPAIGN
        chart_id = "funnel-campaign-" + re.sub(r"[^A-Za-z0-9_-]", "_", name)
        chart = hbar_chart(chart_id, f"Funnel, campaign {name}", funnel_bars(funnel), width=width)
        shown.append(CampaignFunnel(name, Markup(chart)))
    return shown


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
    from bot.console.templating import environment

    def chart(chart_id: str, title: str, bars: list[Bar], width: int = 560) -> Markup:
        return Markup(hbar_chart(chart_id, title, bars, width))

    f = data.funnel
    return environment().get_template("report.html").render(
        style=STYLE,
        period=data.period.describe(),
        generated=when(data.generated),
        summary=(
            ("started", f.started, "conversations started"),
            ("reached", f.reached, "reached advice"),
            ("booked", f.booked, "pressed booking"),
            ("unmatched", data.unmatched_total, "typed messages not understood"),
        ),
        per_day_chart=Markup(column_chart(
            "sessions-per-day", "Conversations started per day",
            [Bar(day, count) for day, count in data.per_day],
        )),
        funnel_chart=chart("funnel-overall", "Funnel, all campaigns", funnel_bars(f)),
        campaigns=campaign_funnels(data.funnels, width=500),
        urgency_chart=chart(
            "outcomes-urgency", "Outcomes by urgency", urgency_bars(data.urgency), 460
        ),
        specialist_chart=chart(
            "outcomes-specialist", "Outcomes by specialist",
            [Bar(s, n) for s, n in data.specialists.items()], 460,
        ),
        leaving_chart=chart(
            "leaving-nodes", "Where people leave", [Bar(n, c) for n, c in data.leaving.items()]
        ),
        scores_chart=chart(
            "score-distribution", "Matcher score distribution",
            [Bar(name, count) for name, count in data.scores.items()],
        ),
        unmatched=data.unmatched,
        unmatched_total=data.unmatched_total,
    ) + "\n"  # fmt: skip


def build_report(
    log: EventLog,
    scope: Selection | Period,
    now: float,
    texts: DialogueTexts | None = None,
) -> str:
    return render(collect(log, scope, now, texts))
