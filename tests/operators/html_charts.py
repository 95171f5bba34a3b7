"""Read the charts of a report back from its HTML (as written, or as Chromium's DOM)."""

from __future__ import annotations

from html.parser import HTMLParser


class Charts(HTMLParser):
    """``charts[svg id][bar label]`` is the text shown after that bar (e.g. "7 (70%)");
    ``phrases[text]`` is the count shown in the unmatched-phrases table."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: dict[str, dict[str, str]] = {}
        self.phrases: dict[str, str] = {}
        self._chart: str | None = None
        self._bar: str | None = None
        self._in_value = False
        self._phrase: str | None = None
        self._cells: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "svg" and "chart" in classes:
            self._chart = attributes.get("id") or ""
            self.charts[self._chart] = {}
        elif tag == "g" and "bar" in classes and self._chart is not None:
            self._bar = attributes.get("data-label") or ""
            self.charts[self._chart][self._bar] = ""
        elif tag == "text" and "value" in classes and self._bar is not None:
            self._in_value = True
        elif tag == "tr" and "data-phrase" in attributes:
            self._phrase = attributes["data-phrase"] or ""
            self._cells = []
        elif tag == "td" and self._phrase is not None:
            self._in_cell = True
            self._cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._chart = None
        elif tag == "g":
            self._bar = None
        elif tag == "text":
            self._in_value = False
        elif tag == "td":
            self._in_cell = False
        elif tag == "tr" and self._phrase is not None:
            # the first cell is the count; the last one the phrase as shown
            self.phrases[self._cells[-1]] = self._cells[0]
            self._phrase = None

    def handle_data(self, data: str) -> None:
        if self._in_value and self._chart is not None and self._bar is not None:
            self.charts[self._chart][self._bar] += data
        if self._in_cell and self._cells:
            self._cells[-1] += data


def read_charts(html: str) -> Charts:
    parser = Charts()
    parser.feed(html)
    return parser


def numbers(chart: dict[str, str]) -> dict[str, int]:
    """The leading number of each bar's text ("7 (70%)" -> 7)."""
    return {label: int(text.split()[0]) for label, text in chart.items()}
