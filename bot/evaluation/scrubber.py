"""Scoring the scrubber on a labelled set such as ``tests/data/pii_dev.yaml``.

Each item has ``must_remove`` (personal data) and ``keep`` (clinical wording) substrings of its
text. Three figures come out:

- personal items removed: the whole ``must_remove`` span no longer appears in the output;
- the strict check: besides, no run of 4+ digits and no word of 3+ letters of the span survives
  (a word that also stands elsewhere in the original text, outside every personal span, counts
  as surviving only if the output has more of it than that);
- clinical strings kept: each ``keep`` string appears verbatim in the output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.privacy.scrubber import Scrubber
from bot.yamlfile import YamlError, load_yaml

# the project's bar: every personal item gone under the strict check, clinical wording intact
TARGET_PERSONAL_STRICT_PCT = 100.0
TARGET_KEEP_PCT = 98.0

_WORD = re.compile(r"[^\W\d_]{3,}")
_DIGIT_RUN = re.compile(r"\d{4,}")


class DatasetError(ValueError):
    """The labelled set cannot be read; the message says file and line."""


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    text: str
    lang: str
    must_remove: tuple[str, ...]
    keep: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Miss:
    id: str
    kind: str  # "leak" (span survives), "partial_leak" (strict check), "lost" (keep string gone)
    span: str
    survivors: tuple[str, ...]
    output: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "span": self.span,
            "survivors": list(self.survivors),
            "output": self.output,
        }


@dataclass
class Report:
    items: int = 0
    personal_total: int = 0
    personal_removed: int = 0
    personal_removed_strict: int = 0
    keep_total: int = 0
    keep_kept: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def personal_pct(self) -> float:
        return _pct(self.personal_removed, self.personal_total)

    @property
    def personal_strict_pct(self) -> float:
        return _pct(self.personal_removed_strict, self.personal_total)

    @property
    def keep_pct(self) -> float:
        return _pct(self.keep_kept, self.keep_total)

    @property
    def passed(self) -> bool:
        return (
            self.personal_strict_pct >= TARGET_PERSONAL_STRICT_PCT
            and self.keep_pct >= TARGET_KEEP_PCT
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "personal": {
                "total": self.personal_total,
                "removed": self.personal_removed,
                "removed_pct": round(self.personal_pct, 2),
                "removed_strict": self.personal_removed_strict,
                "removed_strict_pct": round(self.personal_strict_pct, 2),
            },
            "keep": {
                "total": self.keep_total,
                "kept": self.keep_kept,
                "kept_pct": round(self.keep_pct, 2),
            },
            "targets": {
                "personal_strict_pct": TARGET_PERSONAL_STRICT_PCT,
                "keep_pct": TARGET_KEEP_PCT,
            },
            "passed": self.passed,
            "misses": [miss.as_dict() for miss in self.misses],
        }

    def summary(self) -> str:
        verdict = "PASS" if self.passed else "FAIL"
        lines = [
            f"{verdict}: {self.items} messages",
            f"  personal items removed: {self.personal_removed}/{self.personal_total}"
            f" ({self.personal_pct:.1f}%)",
            f"  strict check (no 4+ digit run, no 3+ letter word left):"
            f" {self.personal_removed_strict}/{self.personal_total}"
            f" ({self.personal_strict_pct:.1f}%, target {TARGET_PERSONAL_STRICT_PCT:.0f}%)",
            f"  clinical strings kept: {self.keep_kept}/{self.keep_total}"
            f" ({self.keep_pct:.1f}%, target {TARGET_KEEP_PCT:.0f}%)",
        ]
        for miss in self.misses:
            detail = f" (left: {', '.join(miss.survivors)})" if miss.survivors else ""
            lines.append(f"  {miss.id} {miss.kind}: {miss.span!r}{detail} -> {miss.output!r}")
        return "\n".join(lines)


def _pct(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 100.0


def load_items(path: Path | str) -> list[Item]:
    """Read a labelled set; a malformed file raises ``DatasetError`` naming file and line."""
    try:
        document = load_yaml(path)
    except YamlError as error:
        raise DatasetError(str(error)) from None
    raw = document.data.get("items") if isinstance(document.data, dict) else None
    if not isinstance(raw, list):
        raise DatasetError(str(document.problem("expected 'items:' with a list of messages")))
    items = []
    for index, entry in enumerate(raw):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise DatasetError(
                str(document.problem("an item needs 'id' and 'text'", "items", index))
            )
        lists = {}
        for key in ("must_remove", "keep"):
            value = entry.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise DatasetError(
                    str(document.problem(f"'{key}' must be a list of strings", "items", index, key))
                )
            missing = [v for v in value if v not in entry["text"]]
            if missing:
                raise DatasetError(
                    str(
                        document.problem(
                            f"'{key}' entry not in the text: {missing[0]!r}", "items", index, key
                        )
                    )
                )
            lists[key] = tuple(value)
        items.append(
            Item(
                id=str(entry.get("id", f"item{index + 1}")),
                text=entry["text"],
                lang=str(entry.get("lang", "")),
                must_remove=lists["must_remove"],
                keep=lists["keep"],
            )
        )
    return items


def strict_survivors(span: str, text: str, must_remove: tuple[str, ...], output: str) -> list[str]:
    """The 4+ digit runs and 3+ letter words of ``span`` that are still in ``output``.

    A piece that also occurs in ``text`` outside every personal span (the word "the" of a URL
    and of the sentence around it) survives only if the output has more of it than that.
    """
    outside = text
    for personal in sorted(must_remove, key=len, reverse=True):
        outside = outside.replace(personal, " ")
    survivors = []
    for piece in {*_DIGIT_RUN.findall(span), *_WORD.findall(span)}:
        if piece.isdigit():
            pattern = re.compile(rf"(?<!\d){re.escape(piece)}(?!\d)")
        else:
            pattern = re.compile(rf"(?<![^\W\d_]){re.escape(piece)}(?![^\W\d_])", re.IGNORECASE)
        if len(pattern.findall(output)) > len(pattern.findall(outside)):
            survivors.append(piece)
    return sorted(survivors)


def evaluate(scrubber: Scrubber, items: list[Item]) -> Report:
    report = Report(items=len(items))
    for item in items:
        output = scrubber.scrub(item.text)
        for span in item.must_remove:
            report.personal_total += 1
            if span in output:
                report.misses.append(Miss(item.id, "leak", span, (span,), output))
                continue
            report.personal_removed += 1
            survivors = strict_survivors(span, item.text, item.must_remove, output)
            if survivors:
                report.misses.append(Miss(item.id, "partial_leak", span, tuple(survivors), output))
            else:
                report.personal_removed_strict += 1
        for keep in item.keep:
            report.keep_total += 1
            if keep in output:
                report.keep_kept += 1
            else:
                report.misses.append(Miss(item.id, "lost", keep, (), output))
    return report
