"""The inbox: typed phrases the bot did not understand, grouped by similarity, with counts.

A phrase counts when the matcher found no concept in it and it was not taken as a button
answer either ("no", "yes", "not sure" are answers, not gaps in the lexicon). Similar phrases
("it feels like electric eels", "feels like electric eels!!") form one group, by rapidfuzz's
token-set similarity; the group is named by its most frequent phrase.

Suggestions go to a YAML file beside the database, for a content author to review and copy
into ``content/lexicon/`` by hand: nothing here changes what the bot understands.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from bot.operators.reading import DialogueTexts
from bot.operators.selection import Selection
from bot.storage.readside import EventLog

SIMILAR = 85  # token-set ratio (0-100) from which two phrases are one group
MAX_GROUPS = 200
MAX_PHRASES = 5000
_SPACES = re.compile(r"\s+")


@dataclass
class PhraseGroup:
    phrase: str  # the most frequent phrase of the group
    count: int = 0
    variants: Counter[str] = field(default_factory=Counter)
    steps: Counter[str] = field(default_factory=Counter)  # where they were typed

    @property
    def key(self) -> str:
        return self.phrase


def normalise(text: str) -> str:
    """Phrases that differ only in case, spacing or end punctuation are one phrase."""
    return _SPACES.sub(" ", text.casefold()).strip(" .,!?;:…")


def group(phrases: Counter[str], steps: dict[str, Counter[str]]) -> list[PhraseGroup]:
    """Greedy grouping, most frequent first: each phrase joins the group whose name it
    resembles most, else starts its own. Only the ``MAX_PHRASES`` most frequent distinct
    phrases are grouped, so a flood of one-off messages cannot make the page slow."""
    groups: list[PhraseGroup] = []
    names: list[str] = []
    ordered = sorted(phrases.items(), key=lambda item: (-item[1], item[0]))[:MAX_PHRASES]
    for phrase, count in ordered:
        found = process.extractOne(phrase, names, scorer=fuzz.token_set_ratio, score_cutoff=SIMILAR)
        if found is None:
            home = PhraseGroup(phrase)
            groups.append(home)
            names.append(phrase)
        else:
            home = groups[found[2]]
        home.count += count
        home.variants[phrase] += count
        home.steps.update(steps.get(phrase, Counter()))
    groups.sort(key=lambda g: (-g.count, g.phrase))
    return groups[:MAX_GROUPS]


def collect(log: EventLog, selection: Selection, texts: DialogueTexts) -> list[PhraseGroup]:
    with log.summary(selection.scope()) as summary:
        phrases: Counter[str] = Counter()
        steps: dict[str, Counter[str]] = {}
        for event in summary.typed_texts():
            if texts.read(event).understood:
                continue
            phrase = normalise(str(event["value"]))
            if phrase:
                phrases[phrase] += 1
                steps.setdefault(phrase, Counter())[event["node"] or "-"] += 1
    return group(phrases, steps)


def suggest(file: Path, phrase: str, concept: str, lang: str, operator: str, now: float) -> None:
    """Append one suggestion (a phrase that should mean ``concept``) to ``file``."""
    entry = {
        "phrase": phrase,
        "concept": concept,
        "lang": lang,
        "suggested_by": operator,
        "at": datetime.datetime.fromtimestamp(now, datetime.UTC).isoformat(timespec="seconds"),
    }
    file.parent.mkdir(parents=True, exist_ok=True)
    is_new = not file.exists()
    with file.open("a", encoding="utf-8") as out:
        if is_new:
            out.write(
                "# Lexicon suggestions from the operators' console: NOT applied.\n"
                "# A content author copies the good ones into content/lexicon/<lang>.yaml.\n"
            )
        out.write(yaml.safe_dump([entry], allow_unicode=True, sort_keys=False))
