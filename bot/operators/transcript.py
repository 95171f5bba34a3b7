"""Plain-text views for ``logs list`` and ``logs show``.

Free text was typed by strangers: before it reaches an operator's terminal, control characters
(escape sequences could rewrite the screen or the window title) are shown as ``\\x..`` escapes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from bot.events import EventKind, ReplyEvent
from bot.operators.periods import when
from bot.operators.reading import DialogueTexts
from bot.storage.readside import ConversationSummary

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), str(text))


def outcome_text(outcome: dict[str, Any] | None) -> str:
    if not outcome:
        return "-"
    specialists = ",".join(str(s) for s in outcome.get("specialists") or []) or "-"
    flags = ",".join(str(f) for f in outcome.get("red_flags") or [])
    text = f"{outcome.get('urgency', '?')} -> {specialists}"
    return f"{text} [red flags: {flags}]" if flags else text


def conversation_table(rows: Iterable[ConversationSummary]) -> str:
    header = ("started (UTC)", "conversation", "channel", "lang", "campaign", "turns", "booked",
              "outcome")  # fmt: skip
    lines: list[tuple[str, ...]] = [header]
    for row in rows:
        cells = (when(row.started), row.conversation, row.channel, row.lang or "-",
                 row.campaign or "-", str(row.turns), "yes" if row.booked else "-",
                 outcome_text(row.outcome))  # fmt: skip
        lines.append(cells)
    lines = [tuple(safe(cell) for cell in line) for line in lines]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False))
        + "  "
        + line[-1]
        for line in lines
    )


def _concepts_text(concepts: list[dict[str, Any]] | None) -> str:
    if not concepts:
        return ""
    parts = [
        f"{'unsure ' if c.get('uncertain') else 'not ' if c.get('negated') else ''}"
        f"{c.get('id')} {c.get('score')}"
        for c in concepts
        if isinstance(c, dict)
    ]
    return "concepts: " + ", ".join(parts)


def transcript(events: list[dict[str, Any]], texts: DialogueTexts | None = None) -> str:
    """One conversation, turn by turn: what was asked, what the person chose or typed
    (scrubbed), the concepts found, where the bot went; then the outcome. With the dialogue's
    ``texts``, a typed text taken as a button answer says so ("read as button no")."""
    if not events:
        return ""
    first = events[0]
    lines = [
        f"conversation {first['conversation']}",
        f"  started {when(first['at'])} UTC, channel {first['channel']}, "
        f"language {first['lang'] or '-'}, campaign {first['campaign'] or '-'}",
        "",
    ]
    outcome = None
    width = max(len(event["node"] or "-") for event in events)
    for event in events:
        kind = event["kind"]
        if kind == EventKind.TEXT:
            said = f'typed "{event["value"]}"'
        elif kind == EventKind.START:
            said = "started"
        else:
            said = f"{kind} {event['value'] or ''}".rstrip()
        step = event["node"] or "-"
        line = f"  {when(event['at'], '%H:%M:%S')}  {step:<{width}}  {said}"
        if event["reply_node"]:
            line += f"  -> {event['reply_node']}"
        if event["event"] and event["event"] not in (ReplyEvent.ASKED,):
            line += f" ({event['event']})"
        lines.append(line)
        concepts = _concepts_text(event["concepts"])
        if concepts:
            lines.append(f"  {'':8}  {'':<{width}}  {concepts}")
        if kind == EventKind.TEXT and texts is not None:
            reading = texts.read(event)
            if reading.option:
                lines.append(f"  {'':8}  {'':<{width}}  read as button {reading.option}")
            elif reading.kind == "not_understood":
                lines.append(f"  {'':8}  {'':<{width}}  not understood")
        if event["outcome"]:
            outcome = event["outcome"]
    lines += ["", f"  outcome: {outcome_text(outcome)}"]
    return "\n".join(safe(line) for line in lines)
