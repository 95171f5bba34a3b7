"""The SVG charts: numbers as text, proportional bars, escaped labels."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from bot.operators.charts import Bar, column_chart, hbar_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_hbar_chart_is_valid_svg_with_proportional_bars() -> None:
    svg = hbar_chart("c", "Title", [Bar("a", 10, "(100%)"), Bar("b", 5), Bar("c", 0)], width=500)
    root = ET.fromstring(svg)  # well-formed XML, so it embeds in any HTML
    bars = root.findall(f"{SVG}g")
    assert [(g.get("data-label"), g.get("data-value")) for g in bars] == [
        ("a", "10"), ("b", "5"), ("c", "0"),
    ]  # fmt: skip
    widths = [float(g.find(f"{SVG}rect").get("width")) for g in bars]  # type: ignore[union-attr]
    assert widths[0] == 2 * widths[1] and widths[2] == 1  # a zero still shows a hairline
    values = [g.find(f"{SVG}text[@class='value']").text for g in bars]  # type: ignore[union-attr]
    assert values == ["10 (100%)", "5", "0"]


def test_column_chart_labels_every_column() -> None:
    days = [Bar(f"2026-11-{d:02}", d) for d in range(1, 31)]
    root = ET.fromstring(column_chart("days", "Per day", days))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert [str(d) for d in range(1, 31)] == [t for t in texts if t and t.isdigit()]
    assert "2026-11-30" in texts


def test_labels_and_titles_are_escaped() -> None:
    svg = hbar_chart("x", "<b>&", [Bar('</text><script>alert(1)</script>"', 1)])
    assert "<script>" not in svg
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}g").get("data-label") == '</text><script>alert(1)</script>"'  # type: ignore[union-attr]


def test_long_labels_are_shortened_but_kept_whole_in_data() -> None:
    label = "a" * 100
    svg = hbar_chart("x", "t", [Bar(label, 1)])
    shown = re.search(r'class="label"[^>]*>([^<]*)<', svg).group(1)  # type: ignore[union-attr]
    assert shown.endswith("…") and len(shown) < 50
    assert f'data-label="{label}"' in svg


def test_no_data() -> None:
    assert "No data for per day" in hbar_chart("x", "Per day", [])
