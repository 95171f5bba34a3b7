"""How the bot read each typed message, worked out again for operators from what is stored.

An event keeps the scrubbed text, the concepts the matcher found (with ``negated`` and
``uncertain``) and where the bot went. Whether a text was taken as a button answer ("yes",
"not sure", "neurolgist") is the dialogue's own ``AnswerMatcher`` run again on the stored text
at the step it answered: the same code the engine used, on the same words minus personal data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.content import Content
from bot.dialogue.model import Dialogue
from bot.engine.answers import AnswerMatcher, option_label
from bot.events import ReplyEvent

_SPACES = re.compile(r"\s+")
QUESTION_CHARS = 90


@dataclass(frozen=True)
class ConceptRead:
    id: str
    score: float
    negated: bool
    uncertain: bool

    @property
    def reading(self) -> str:
        return "uncertain" if self.uncertain else "negated" if self.negated else "affirmed"


@dataclass(frozen=True)
class Reading:
    """``kind``: ``concepts`` (symptoms found), ``button`` (taken as an option), ``both``,
    ``not_understood`` (neither), or ``not_kept`` (typed before consent: not stored)."""

    kind: str
    concepts: list[ConceptRead] = field(default_factory=list)
    option: str | None = None  # the option id it was taken as
    option_label: str | None = None

    @property
    def understood(self) -> bool:
        return self.kind in ("concepts", "button", "both")


class DialogueTexts:
    """The dialogue and its wording, for naming steps and options in an operator's language."""

    def __init__(self, dialogue: Dialogue, content: Content) -> None:
        self.dialogue = dialogue
        self.content = content
        self.answers = AnswerMatcher(dialogue, content)

    def language(self, lang: str | None) -> str:
        return lang if lang in self.content.languages else self.content.default_language

    def question(self, node_id: str | None, lang: str | None) -> str:
        """The first words of what the bot asks at ``node_id``; the id when it has no text."""
        if not node_id:
            return "-"
        try:
            raw = self.content.text(self.language(lang), "nodes", node_id)
        except KeyError:
            return node_id
        text = _SPACES.sub(" ", raw.split("\n\n")[0]).strip()
        return text if len(text) <= QUESTION_CHARS else text[: QUESTION_CHARS - 1] + "…"

    def option(self, node_id: str | None, option_id: str | None, lang: str | None) -> str:
        if not node_id or not option_id:
            return option_id or "-"
        try:
            return option_label(self.content, self.language(lang), node_id, option_id)
        except KeyError:
            return option_id

    def is_question(self, node_id: str) -> bool:
        node = self.dialogue.nodes.get(node_id)
        return node is not None and node.type in ("question", "checklist", "text")

    def question_order(self) -> list[str]:
        return [n for n in self.dialogue.nodes if self.is_question(n)]

    def read(self, event: dict[str, Any], lang: str | None = None) -> Reading:
        """How the typed text of ``event`` (a ``text`` event) was read."""
        value = event.get("value")
        if value is None:
            return Reading("not_kept")
        concepts = [
            ConceptRead(
                str(c.get("id")),
                float(c.get("score") or 0),
                bool(c.get("negated")),
                bool(c.get("uncertain")),
            )
            for c in event.get("concepts") or []
            if isinstance(c, dict)
        ]
        node = event.get("node")
        option = self.answers.match(node, value) if node else None
        if option is not None and event.get("event") == ReplyEvent.REASK:
            option = None  # the step did not take it (an option of another state)
        label = self.option(node, option, lang) if option else None
        if concepts and option:
            return Reading("both", concepts, option, label)
        if concepts:
            return Reading("concepts", concepts)
        if option:
            return Reading("button", [], option, label)
        return Reading("not_understood")
