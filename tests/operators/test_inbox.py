"""Grouping phrases by similarity, and suggestions that stay suggestions."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from bot.operators.inbox import group, normalise, suggest


def test_similar_phrases_form_one_group_counted_together() -> None:
    phrases = Counter({
        normalise("It feels like electric eels!"): 3,
        normalise("feels like   electric eels"): 1,
        normalise("my toes are buzzing"): 2,
        normalise("toes buzzing"): 1,
        normalise("zzz"): 1,
    })  # fmt: skip
    groups = group(phrases, {})
    assert [(g.phrase, g.count) for g in groups] == [
        ("it feels like electric eels", 4), ("my toes are buzzing", 3), ("zzz", 1),
    ]  # fmt: skip
    assert set(groups[0].variants) == {"it feels like electric eels", "feels like electric eels"}


def test_different_phrases_are_not_merged() -> None:
    groups = group(Counter({"burning in the foot": 1, "pain at night": 1}), {})
    assert len(groups) == 2


def test_suggestions_are_appended_to_a_review_file(tmp_path: Path) -> None:
    file = tmp_path / "lexicon_suggestions.yaml"
    suggest(file, "electric eels", "radiating_leg_pain", "en", "anna", now=0)
    suggest(file, "мурашки в ноге", "numbness_tingling", "ru", "bob", now=60)
    text = file.read_text(encoding="utf-8")
    assert text.startswith("# Lexicon suggestions from the operators' console: NOT applied.")
    entries = yaml.safe_load(text)
    assert [(e["phrase"], e["concept"], e["lang"]) for e in entries] == [
        ("electric eels", "radiating_leg_pain", "en"),
        ("мурашки в ноге", "numbness_tingling", "ru"),
    ]
