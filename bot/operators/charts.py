"""Hand-written SVG bar charts, inlined into the report: no script, no network, no library.

Every bar carries its number as text (and in ``data-label`` / ``data-value`` attributes), so
the chart reads without hovering, prints, and can be checked by a test. All text is escaped:
labels can be scrubbed free text typed by strangers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = 13  # px; readable on a laptop at 100 % zoom
CHAR = 8.0  # generous average width of a character at FONT (DejaVu Sans is wide)
ROW = 24
MAX_LABEL = 280  # px; longer labels are shortened with "…" (the full one is in data-label)
PALETTE = {
    "default": "#4e79a7",
    "emergency": "#c0392b",
    "urgent": "#e67e22",
    "soon": "#f1c40f",
    "routine": "#27ae60",
}


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    note: str = ""  # shown after the number, e.g. "(42 %)"
    color: str = PALETTE["default"]


def number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) and not value.is_integer() else f"{value:.0f}"


def _attr(text: object) -> str:
    return escape(str(text), quote=True)


def hbar_chart(chart_id: str, title: str, bars: Sequence[Bar], width: int = 560) -> str:
    """Horizontal bars: label on the left, the bar, then the number (and note) after it."""
    if not bars:
        return _empty(chart_id, title)
    longest = max(len(b.label) for b in bars)
    label_width = min(MAX_LABEL, max(60, round(longest * CHAR) + 12))
    value_width = int(max(len(number(b.value) + " " + b.note) for b in bars) * CHAR) + 16
    bar_space = max(120, width - label_width - value_width)
    top = max((b.value for b in bars), default=0) or 1
    height = len(bars) * ROW + 8
    parts = [_svg_open(chart_id, title, width, height)]
    for index, bar in enumerate(bars):
        y = 4 + index * ROW
        length = bar.value / top * bar_space
        shown = f"{number(bar.value)} {bar.note}".rstrip()
        parts.append(
            f'<g class="bar" data-label="{_attr(bar.label)}" data-value="{number(bar.value)}">'
            f'<text class="label" x="{label_width - 8}" y="{y + ROW / 2 + 4:.1f}"'
            f' text-anchor="end">{escape(_clip(bar.label))}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{max(length, 1):.1f}" height="{ROW - 6}"'
            f' fill="{_attr(bar.color)}" rx="2"/>'
            f'<text class="value" x="{label_width + length + 6:.1f}" y="{y + ROW / 2 + 4:.1f}">'
            f"{escape(shown)}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def column_chart(chart_id: str, title: str, bars: Sequence[Bar], height: int = 240) -> str:
    """Vertical columns (for a time line): the number above each column, the label below."""
    if not bars:
        return _empty(chart_id, title)
    column = 34
    left = 56  # room for the first rotated label, which leans to the left
    label_room = 70  # rotated labels under the axis
    plot = height - label_room - 20
    width = left + 10 + len(bars) * column
    top = max(b.value for b in bars) or 1
    parts = [_svg_open(chart_id, title, width, height)]
    base = 20 + plot
    parts.append(f'<line x1="{left - 6}" y1="{base}" x2="{width - 4}" y2="{base}" stroke="#888"/>')
    for index, bar in enumerate(bars):
        x = left + index * column
        length = bar.value / top * (plot - 4)
        parts.append(
            f'<g class="bar" data-label="{_attr(bar.label)}" data-value="{number(bar.value)}">'
            f'<rect x="{x}" y="{base - length:.1f}" width="{column - 8}" height="{length:.1f}"'
            f' fill="{_attr(bar.color)}" rx="2"/>'
            f'<text class="value" x="{x + (column - 8) / 2:.1f}" y="{base - length - 4:.1f}"'
            f' text-anchor="middle">{number(bar.value)}</text>'
            f'<text class="label" transform="translate({x + (column - 8) / 2 + 4:.1f},'
            f'{base + 8}) rotate(-55)" text-anchor="end">{escape(bar.label)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _svg_open(chart_id: str, title: str, width: float, height: float) -> str:
    return (
        f'<svg id="{_attr(chart_id)}" class="chart" xmlns="http://www.w3.org/2000/svg"'
        f' width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}"'
        f' role="img" aria-label="{_attr(title)}" font-size="{FONT}"'
        f' font-family="system-ui, sans-serif"><title>{escape(title)}</title>'
    )


def _empty(chart_id: str, title: str) -> str:
    return f'<p id="{_attr(chart_id)}" class="empty">No data for {escape(title.lower())}.</p>'


def _clip(label: str) -> str:
    """Shorten a label longer than ``MAX_LABEL``; the full text stays in ``data-label``."""
    fits = int((MAX_LABEL - 12) / CHAR)
    return label if len(label) <= fits else label[: fits - 1] + "…"
