"""Placing a typed answer on one of a question's options, in any language, despite typos."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.content import Content
from bot.dialogue.model import Dialogue, Node
from bot.engine.wording import FOR_A_MAN, FOR_A_WOMAN, worded
from bot.matcher.normalize import normalize

# A whole-answer typo ("neurolgist", "несколько дней") still counts from this similarity on.
FUZZY_CUTOFF = 82
# Short choices ("no", "да") must be typed exactly: a fuzzy "no" would also match "so" or "на".
FUZZY_MIN_LENGTH = 4
# Beyond this many words a message is a description, not an answer to pick from.
MAX_ANSWER_WORDS = 8


def option_label(
    content: Content, lang: str, node_id: str, option_id: str, person: tuple[str, ...] = ()
) -> str:
    """The button label: the node's own wording (for whom ``person`` says, see
    ``wording.variants``, when it has one), else the shared one of ``options:``."""
    keys = ("nodes", node_id, "options", option_id)
    own = content.lookup(lang, *keys)
    if isinstance(own, dict):
        chosen = worded(content, lang, person, lambda variant: (*keys, variant))
        own = content.lookup(lang, *chosen) if chosen else own.get("label")
    if isinstance(own, str):
        return own.strip()
    return content.text(lang, "options", option_id)


def option_choices(content: Content, node: Node, option_id: str) -> set[str]:
    """Everything a person may type for this option, in every language, normalised."""
    choices = {normalize(option_id.replace("_", " "))}
    for lang in content.languages:
        for person in ((), FOR_A_MAN, FOR_A_WOMAN):
            choices.add(normalize(option_label(content, lang, node.id, option_id, person)))
        shared = content.lookup(lang, "synonyms", option_id) or []
        own = content.lookup(lang, "nodes", node.id, "options", option_id)
        own_synonyms = own.get("synonyms", []) if isinstance(own, dict) else []
        choices.update(normalize(s) for s in [*shared, *own_synonyms])
    choices.discard("")
    return choices


class AnswerMatcher:
    """Typed text -> option id for every question of a dialogue, prepared once."""

    def __init__(self, dialogue: Dialogue, content: Content) -> None:
        self._choices: dict[str, dict[str, str]] = {}  # node -> choice -> option id
        # node -> number of words -> choice -> option id, to look up a message's word runs
        self._by_length: dict[str, dict[int, dict[str, str]]] = {}
        # node -> the choices long enough to be matched despite a typo
        self._long: dict[str, list[str]] = {}
        for node in dialogue.nodes.values():
            table: dict[str, str] = {}
            ambiguous: set[str] = set()
            for option in node.options:
                for choice in option_choices(content, node, option.id):
                    if table.get(choice, option.id) != option.id:
                        ambiguous.add(choice)
                    table[choice] = option.id
            self._choices[node.id] = {c: o for c, o in table.items() if c not in ambiguous}
            by_length: dict[int, dict[str, str]] = {}
            for choice, option_id in self._choices[node.id].items():
                by_length.setdefault(len(choice.split()), {})[choice] = option_id
            self._by_length[node.id] = by_length
            self._long[node.id] = [c for c in self._choices[node.id] if len(c) >= FUZZY_MIN_LENGTH]

    def match(self, node_id: str, text: str) -> str | None:
        choices = self._choices.get(node_id, {})
        answer = normalize(text)
        if not answer or not choices:
            return None
        if answer in choices:
            return choices[answer]
        words = answer.split()
        if len(words) > MAX_ANSWER_WORDS:
            return None
        found = self._contained(words, self._by_length[node_id])
        if found is not None:
            return found
        long_choices = self._long[node_id]
        if len(answer) >= FUZZY_MIN_LENGTH and long_choices:
            best = process.extractOne(
                answer, long_choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            if best is not None:
                return choices[best[0]]
        return None

    def exact(self, node_id: str, text: str) -> bool:
        """Whether the text is one of the question's choices as it stands ("1 to 6 weeks")."""
        return normalize(text) in self._choices.get(node_id, {})

    @staticmethod
    def _contained(words: list[str], by_length: dict[int, dict[str, str]]) -> str | None:
        """The option whose choice stands as whole words in the answer ("yes, I think so").

        The longest such choice wins ("no idea" over "no"); two options that both stand
        apart in the answer ("yes and no") place nothing.
        """
        spans: list[tuple[int, int, str]] = []
        for size, choices in by_length.items():
            for start in range(len(words) - size + 1):
                option_id = choices.get(" ".join(words[start : start + size]))
                if option_id is not None:
                    spans.append((start, start + size, option_id))
        if not spans:
            return None
        longest = max(spans, key=lambda s: s[1] - s[0])
        for start, end, option_id in spans:
            apart = end <= longest[0] or start >= longest[1]
            if option_id != longest[2] and apart:
                return None
        return longest[2]
