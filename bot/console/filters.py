"""The filters of the console's pages, from and to the query string."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from urllib.parse import urlencode

from multidict import MultiMapping

from bot.operators.periods import Period, parse_moment, when
from bot.operators.selection import ALL, CHANNELS, REAL_CHANNEL, Selection

# the selection's fields, and the language questions are shown in (kept from page to page)
FIELDS = ("since", "until", "campaign", "lang", "channel", "bot", "qlang")


@dataclass
class PageFilters:
    selection: Selection
    values: dict[str, str]  # as typed, to fill the form in again
    errors: list[str] = field(default_factory=list)

    def query(self, **extra: str) -> str:
        """The query string that gives these filters again (plus ``extra``)."""
        kept = {k: v for k, v in self.values.items() if v}
        kept.update({k: v for k, v in extra.items() if v})
        return urlencode(kept)

    def describe(self) -> str:
        parts = [self.selection.period.describe()]
        s = self.selection
        if s.campaign is not None:
            parts.append(f"campaign {s.campaign}")
        if s.lang is not None:
            parts.append(f"language {s.lang}")
        parts.append(f"channel {s.channel}" if s.channel else "every channel")
        if s.bot is not None:
            parts.append(f"bot {s.bot}")
        return ", ".join(parts)


def parse(query: MultiMapping[str]) -> PageFilters:
    values = {name: query.get(name, "").strip()[:100] for name in FIELDS}
    errors: list[str] = []
    since = until = None
    for name in ("since", "until"):
        if values[name]:
            try:
                moment = parse_moment(values[name], end=name == "until")
            except argparse.ArgumentTypeError:
                errors.append(f"{name}: not a date (YYYY-MM-DD); ignored")
                values[name] = ""
                continue
            if name == "since":
                since = moment
            else:
                until = moment
    channel_text = values["channel"] or REAL_CHANNEL
    if channel_text != ALL and channel_text not in CHANNELS:
        errors.append(f"channel: one of {', '.join(CHANNELS)} or {ALL}; showing {REAL_CHANNEL}")
        channel_text = REAL_CHANNEL
    values["channel"] = channel_text
    selection = Selection(
        Period(since, until),
        campaign=values["campaign"] or None,
        lang=values["lang"] or None,
        channel=None if channel_text == ALL else channel_text,
        bot=values["bot"] or None,
    )
    return PageFilters(selection, values, errors)


def day(moment: float | None) -> str:
    return "" if moment is None else when(moment, "%Y-%m-%d")
