"""Measure the matcher against a labelled set in the format of tests/data/dev_phrases.yaml.

Scoring follows the set's own rules: a concept in ``expect`` must be reported affirmed
(true positive, else a miss; "uncertain" is not affirmed); a concept in ``absent`` must not be
reported affirmed (else a false positive and a "negation error"); a concept in neither list is
not scored (strict micro-F1 over these counts). Affirmed concepts outside both lists are counted
separately as ``unlisted`` (over-reporting, for information). Emergency recall: every expected
concept whose level is ``emergency``. "Negated but affirmed": an expected emergency or urgent
concept that the matcher reports as negated - the dialogue would take it as "no", the worst
error (an uncertain one is asked, so it is counted apart, as "asked"). An item's optional
``subject: other`` is checked against the matcher's subject. A "# ---- class: NAME ----"
comment line groups the items after it, and failures are counted per class.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.matcher.matcher import Matcher
from bot.problems import Problem
from bot.yamlfile import load_yaml

# what the issue asks for; tests/matcher/test_eval.py fails below these
TARGET_EMERGENCY_RECALL = 1.0
TARGET_MICRO_F1 = 0.90
TARGET_NEGATION_ERRORS = 0
TARGET_NEGATED_BUT_AFFIRMED = 0
RED_LEVELS = ("emergency", "urgent")
_CLASS_LINE = re.compile(r"^\s*#\s*-+\s*class:\s*([\w-]+)")
_ID_LINE = re.compile(r"^\s*-?\s*\{?\s*id:\s*([\w-]+)")


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    text: str
    lang: str
    expect: tuple[str, ...]
    absent: tuple[str, ...]
    red_flag: str
    subject: str | None = None  # "self" | "other" when the set says; None: not scored
    group: str = ""  # the class of language, from a "# ---- class: NAME ----" line


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    items: int = 0
    micro: Counts = field(default_factory=Counts)
    per_concept: dict[str, Counts] = field(default_factory=dict)
    emergency: Counts = field(default_factory=Counts)
    negation_errors: list[dict[str, Any]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    unlisted: list[dict[str, Any]] = field(default_factory=list)
    lang_errors: list[str] = field(default_factory=list)
    # expected emergency/urgent concepts reported negated: the dialogue would take them as "no"
    negated_but_affirmed: list[dict[str, Any]] = field(default_factory=list)
    # expected emergency concepts reported uncertain: not affirmed, but the dialogue asks
    emergency_asked: int = 0
    subject_errors: list[dict[str, Any]] = field(default_factory=list)
    # class -> [items, items with a failure]
    groups: dict[str, list[int]] = field(default_factory=dict)

    @property
    def emergency_recall(self) -> float:
        return self.emergency.recall

    def meets_targets(self) -> bool:
        return (
            self.emergency_recall >= TARGET_EMERGENCY_RECALL
            and self.micro.f1 >= TARGET_MICRO_F1
            and len(self.negation_errors) <= TARGET_NEGATION_ERRORS
            and len(self.negated_but_affirmed) <= TARGET_NEGATED_BUT_AFFIRMED
        )

    def to_json(self) -> dict[str, Any]:
        def counts(c: Counts) -> dict[str, Any]:
            return {
                "tp": c.tp,
                "fp": c.fp,
                "fn": c.fn,
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
            }

        return {
            "items": self.items,
            "micro": counts(self.micro),
            "emergency_recall": round(self.emergency_recall, 4),
            "emergency": counts(self.emergency),
            "emergency_reached_or_asked": round(
                (self.emergency.tp + self.emergency_asked)
                / max(1, self.emergency.tp + self.emergency.fn),
                4,
            ),
            "negated_but_affirmed": self.negated_but_affirmed,
            "negation_errors": self.negation_errors,
            "subject_errors": self.subject_errors,
            "per_class": {k: {"items": v[0], "failed": v[1]} for k, v in self.groups.items()},
            "targets_met": self.meets_targets(),
            "targets": {
                "emergency_recall": TARGET_EMERGENCY_RECALL,
                "micro_f1": TARGET_MICRO_F1,
                "negation_errors": TARGET_NEGATION_ERRORS,
                "negated_but_affirmed": TARGET_NEGATED_BUT_AFFIRMED,
            },
            "per_concept": {k: counts(v) for k, v in sorted(self.per_concept.items())},
            "misses": self.misses,
            "unlisted_affirmed": self.unlisted,
            "language_errors": self.lang_errors,
        }


def load_items(path: Path) -> tuple[list[Item], list[Problem]]:
    """Items of a labelled file; problems (file:line) for malformed entries."""
    doc = load_yaml(path)
    problems: list[Problem] = []
    group_of: dict[str, str] = {}
    group = ""
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if found := _CLASS_LINE.match(line):
            group = found.group(1)
        elif (found := _ID_LINE.match(line)) and group:
            group_of[found.group(1)] = group
    raw = doc.data.get("items") if isinstance(doc.data, dict) else None
    if not isinstance(raw, list):
        return [], [doc.problem("expected a list under 'items'")]
    items: list[Item] = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            problems.append(doc.problem("an item needs a 'text'", "items", i))
            continue
        items.append(
            Item(
                id=str(entry.get("id", f"item{i + 1}")),
                text=entry["text"],
                lang=str(entry.get("lang", "auto")),
                expect=tuple(entry.get("expect") or ()),
                absent=tuple(entry.get("absent") or ()),
                red_flag=str(entry.get("red_flag", "none")),
                subject=str(entry["subject"]) if "subject" in entry else None,
                group=group_of.get(str(entry.get("id", "")), ""),
            )
        )
    return items, problems


def evaluate(matcher: Matcher, items: Sequence[Item]) -> Report:
    levels = matcher.lexicon.concepts
    report = Report(items=len(items))
    # a set that labels any item's subject labels them all ("self" when not said)
    score_subject = any(item.subject is not None for item in items)
    for item in items:
        result = matcher.match(item.text, "auto")
        if item.lang in ("ru", "en") and result.lang != item.lang:
            report.lang_errors.append(item.id)
        affirmed = set(result.affirmed)
        evidence = {c.id: c.evidence for c in result.concepts}
        negated = set(result.negated)
        uncertain = set(result.uncertain)
        failed = False
        expected_subject = item.subject or "self"
        if score_subject and result.subject != expected_subject:
            failed = True
            report.subject_errors.append(
                {
                    "id": item.id,
                    "expected": expected_subject,
                    "got": result.subject,
                    "text": item.text,
                }
            )
        for concept in item.expect:
            counts = report.per_concept.setdefault(concept, Counts())
            hit = concept in affirmed
            emergency = levels.get(concept) == "emergency"
            if hit:
                counts.tp += 1
                report.micro.tp += 1
                if emergency:
                    report.emergency.tp += 1
            else:
                failed = True
                counts.fn += 1
                report.micro.fn += 1
                if emergency:
                    report.emergency.fn += 1
                    if concept in uncertain:
                        report.emergency_asked += 1
                if concept in negated and levels.get(concept) in RED_LEVELS:
                    report.negated_but_affirmed.append(
                        {
                            "id": item.id,
                            "concept": concept,
                            "text": item.text,
                            "evidence": evidence[concept],
                        }
                    )
                report.misses.append(
                    {
                        "id": item.id,
                        "concept": concept,
                        "text": item.text,
                        "emergency": emergency,
                        "reported_negated": concept in negated,
                        "reported_uncertain": concept in uncertain,
                    }
                )
        for concept in item.absent:
            if concept in affirmed:
                failed = True
                report.per_concept.setdefault(concept, Counts()).fp += 1
                report.micro.fp += 1
                report.negation_errors.append(
                    {
                        "id": item.id,
                        "concept": concept,
                        "text": item.text,
                        "evidence": evidence[concept],
                    }
                )
        if item.group:
            counts_of_group = report.groups.setdefault(item.group, [0, 0])
            counts_of_group[0] += 1
            counts_of_group[1] += int(failed)
        for concept in sorted(affirmed - set(item.expect) - set(item.absent)):
            report.unlisted.append(
                {"id": item.id, "concept": concept, "evidence": evidence[concept]}
            )
    return report


def format_table(report: Report) -> str:
    """A readable summary for people; the JSON carries the same numbers."""
    lines = [f"{'concept':<22} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'recall':>6}"]
    for concept, c in sorted(report.per_concept.items()):
        lines.append(
            f"{concept:<22} {c.tp:>4} {c.fp:>4} {c.fn:>4} {c.precision:>6.2f} {c.recall:>6.2f}"
        )
    m = report.micro
    lines += [
        "",
        f"items: {report.items}",
        f"micro precision {m.precision:.3f}  recall {m.recall:.3f}  F1 {m.f1:.3f}"
        f"  (target F1 >= {TARGET_MICRO_F1})",
        f"emergency-sign recall {report.emergency_recall:.3f} "
        f"({report.emergency.tp}/{report.emergency.tp + report.emergency.fn}, target 1.0)",
        "emergency signs reached or asked (uncertain): "
        f"{report.emergency.tp + report.emergency_asked}"
        f"/{report.emergency.tp + report.emergency.fn}",
        f"emergency/urgent signs reported NEGATED although the text affirms them: "
        f"{len(report.negated_but_affirmed)} (target 0)",
        f"negated/absent concepts reported as affirmed: {len(report.negation_errors)} (target 0)",
        f"subject (self/other) wrong: {len(report.subject_errors)}",
        f"affirmed concepts the set does not score (over-reporting): {len(report.unlisted)}",
        f"targets met: {'yes' if report.meets_targets() else 'NO'}",
    ]
    if report.groups:
        lines += ["", "items failed per class:"]
        lines += [f"  {k:<18} {v[1]:>3} of {v[0]}" for k, v in report.groups.items()]
    if report.negated_but_affirmed:
        lines += ["", "affirmed emergency/urgent signs reported NEGATED:"]
        lines += [
            f"  {e['id']} {e['concept']} ({e['evidence']!r}): {e['text']}"
            for e in report.negated_but_affirmed
        ]
    if report.subject_errors:
        lines += ["", "subject wrong:"]
        lines += [
            f"  {e['id']} expected {e['expected']}, got {e['got']}: {e['text']}"
            for e in report.subject_errors
        ]
    if report.misses:
        lines += ["", "misses:"]
        lines += [
            f"  {m['id']} {m['concept']}{' [EMERGENCY]' if m['emergency'] else ''}"
            f"{' (uncertain)' if m['reported_uncertain'] else ''}: {m['text']}"
            for m in report.misses
        ]
    if report.negation_errors:
        lines += ["", "reported affirmed but absent:"]
        lines += [
            f"  {e['id']} {e['concept']} ({e['evidence']!r}): {e['text']}"
            for e in report.negation_errors
        ]
    return "\n".join(lines)
