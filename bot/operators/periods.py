"""``--since`` / ``--until`` for the operators' commands: dates or times, in UTC."""

from __future__ import annotations

import argparse
import datetime
from dataclasses import dataclass

UTC = datetime.UTC


@dataclass(frozen=True)
class Period:
    """A half-open interval of Unix times ``[since, until)``; ``None`` is unbounded."""

    since: float | None = None
    until: float | None = None

    def describe(self) -> str:
        start = f"{when(self.since)} UTC" if self.since is not None else "the beginning"
        end = f"before {when(self.until)} UTC" if self.until is not None else "now"
        return f"from {start} to {end}"


def when(moment: float, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A Unix time as UTC, the way every operators' page and command shows it."""
    return datetime.datetime.fromtimestamp(moment, UTC).strftime(fmt)


def parse_moment(text: str, *, end: bool) -> float:
    """``2026-11-25`` or ``2026-11-25T14:30`` (UTC unless an offset is given) as a Unix time.

    A bare date given as an end means the end of that day, so that ``--until 2026-11-25``
    includes the 25th, as an operator reading it expects.
    """
    try:
        if len(text) == 10:
            day = datetime.date.fromisoformat(text)
            moment = datetime.datetime.combine(day, datetime.time(), UTC)
            if end:
                moment += datetime.timedelta(days=1)
            return moment.timestamp()
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM)"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def add_period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since", type=lambda text: parse_moment(text, end=False), metavar="DATE",
        help="from this date or time on (UTC; YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
    )  # fmt: skip
    parser.add_argument(
        "--until", type=lambda text: parse_moment(text, end=True), metavar="DATE",
        help="up to this date (inclusive) or time (exclusive), UTC",
    )  # fmt: skip


def period_from(args: argparse.Namespace) -> Period:
    return Period(args.since, args.until)
