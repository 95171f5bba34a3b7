"""Measure how the dialogue reads typed answers to its own questions (``eval-answers``).

Each item names a question of the dialogue, a language, a typed text and the answer a careful
human reads in it: an option id of that question ("yes" / "no" / "unsure" on yes/no
questions; an item id or "none" at a checklist), or "unclear" when that human would ask again.
The real engine is driven to that question by the shortest run of button presses from /start
(its public API only: ``start`` and ``step``), the text is typed, and what the engine did is
classified: recorded an option (and moved on), asked to confirm with buttons (which reading
it proposes), or asked again.

Scoring:
- correct: recorded == expect; or expect is "unsure" / "unclear" and the engine confirms or
  asks again; or the words led to emergency advice where the expected answer leads too; or
  expect is "yes" at a warning-sign question and the engine asks to confirm that yes (safe,
  one tap more: counted apart as "confirmed");
- dangerous: at a question about an emergency or urgent sign (content/concepts.yaml), expect
  "yes" or "unsure" but "no" recorded; or expect "no" but the sign recorded (or ticked) on a
  question whose answer must never be wrongly present (``PRESENT_MATTERS``: pregnancy);
- wrong: anything else; an expected option that took a confirmation or a second ask is an
  extra tap (listed apart as ``extra_taps``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.engine import Engine, Session, Turn, UserInput
from bot.problems import Problem
from bot.yamlfile import load_yaml

RED_LEVELS = ("emergency", "urgent")
# concepts whose wrong "present" harms: a "no" recorded as "you are pregnant" changes the
# advice and the doctor, and tells a person something absurd about themselves (issue 14)
PRESENT_MATTERS = ("pregnancy",)
DOUBT = ("unsure", "unclear")
NONE = "none"  # a checklist left with nothing ticked
# labels of a typed answer the engine did not record
CONFIRM = "confirm"
ASKED_AGAIN = "asked_again"
EMERGENCY = "emergency"  # another warning sign read in the words led to emergency advice
ELSEWHERE = "elsewhere"  # moved on without recording this question
LANGUAGES = ("en", "ru")


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    node: str
    lang: str
    text: str
    expect: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the engine did with one typed answer."""

    action: str  # "recorded" | CONFIRM | ASKED_AGAIN | EMERGENCY | ELSEWHERE
    option: str | None = None  # recorded: the option (or "+"-joined ticks); confirm: proposed
    node_after: str = ""

    @property
    def label(self) -> str:
        if self.action == "recorded":
            return str(self.option)
        if self.action == CONFIRM:
            return f"confirm:{self.option}" if self.option else CONFIRM
        return self.action


@dataclass
class Report:
    items: int = 0
    correct: int = 0
    confirmed: int = 0  # correct only by a confirmation of a warning sign's yes
    dangerous: list[dict[str, Any]] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)
    extra_taps: list[dict[str, Any]] = field(default_factory=list)
    per_node: dict[str, list[int]] = field(default_factory=dict)  # node -> [items, correct]
    per_lang: dict[str, list[int]] = field(default_factory=dict)
    unreachable: list[str] = field(default_factory=list)  # ids of items not scored

    @property
    def accuracy(self) -> float:
        return self.correct / self.items if self.items else 1.0

    def to_json(self) -> dict[str, Any]:
        def share(counts: dict[str, list[int]]) -> dict[str, Any]:
            return {
                k: {"items": n, "correct": c, "accuracy": round(c / n, 4) if n else 1.0}
                for k, (n, c) in sorted(counts.items())
            }

        return {
            "items": self.items,
            "correct": self.correct,
            "accuracy": round(self.accuracy, 4),
            "confirmed": self.confirmed,
            "dangerous": self.dangerous,
            "wrong": self.wrong,
            "extra_taps": self.extra_taps,
            "per_node": share(self.per_node),
            "per_language": share(self.per_lang),
            "unreachable": self.unreachable,
        }


def load_items(path: Path, engine: Engine) -> tuple[list[Item], list[Problem]]:
    """Items of a labelled file; problems (file:line) for malformed entries, unknown
    questions and expectations that are no option of their question."""
    doc = load_yaml(path)
    raw = doc.data.get("items") if isinstance(doc.data, dict) else None
    if not isinstance(raw, list):
        return [], [doc.problem("expected a list under 'items'")]
    items: list[Item] = []
    problems: list[Problem] = []
    for i, entry in enumerate(raw):
        # a bare number is a fine text ("text: 56" at "how old?")
        scalars = (str, int, float)
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(key), scalars) for key in ("node", "text", "expect")
        ):
            problems.append(doc.problem("an item needs 'node', 'text' and 'expect'", "items", i))
            continue
        node = engine.dialogue.nodes.get(str(entry["node"]))
        if node is None or node.type not in ("question", "checklist"):
            problems.append(doc.problem(f"no question {entry['node']!r}", "items", i, "node"))
            continue
        expect = str(entry["expect"])
        if node.type == "checklist" and expect == "no":
            expect = NONE  # "no" to "any of these?" is "none of these"
        if expect not in (*expectations(engine, node.id), "unclear"):
            problems.append(doc.problem(f"{expect!r} is no answer here", "items", i, "expect"))
            continue
        lang = str(entry.get("lang", engine.content.default_language))
        if lang not in engine.content.languages:
            problems.append(doc.problem(f"no language {lang!r}", "items", i, "lang"))
            continue
        item_id = str(entry.get("id", f"item{i + 1}"))
        items.append(Item(item_id, node.id, lang, str(entry["text"]), expect))
    return items, problems


def expectations(engine: Engine, node_id: str) -> tuple[str, ...]:
    """What an item may expect at a question: its options; at a checklist also "none"; at a
    yes/no question also "unsure" (doubt, which the bot should confirm) when it has no such
    option."""
    node = engine.dialogue.nodes[node_id]
    ids = tuple(o.id for o in node.options)
    if node.type == "checklist":
        return (*ids, NONE)
    yes_no = node.option("yes") is not None and node.option("no") is not None
    return (*ids, "unsure") if yes_no and "unsure" not in ids else ids


class Unreachable(LookupError):
    """No run of button presses from /start reaches the question."""


class Reacher:
    """Sessions standing at a question, reached by the fewest button presses from /start."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._found: dict[tuple[str, str], Session] = {}
        # the answers a later step depends on ("answered:" conditions): runs that differ
        # only in other answers lead to the same places, and are walked once
        transitions = [*engine.dialogue.rules]
        for node in engine.dialogue.nodes.values():
            transitions += [*node.next, *node.skip, *(t for o in node.options for t in o.next)]
        self._decisive: set[str] = set()
        for transition in transitions:
            self._decisive |= _answered(transition.when)

    def at(self, node_id: str, lang: str) -> Session:
        key = (node_id, lang)
        if key not in self._found:
            self._found[key] = self._search(node_id, lang)
        return self._found[key].copy()

    def _search(self, node_id: str, lang: str) -> Session:
        start = self.engine.start(lang)
        queue: deque[Turn] = deque([start])
        seen: set[tuple[Any, ...]] = set()
        while queue:
            turn = queue.popleft()
            session = turn.session
            if _standing_at(session, node_id):
                return session
            decisive = {k: v for k, v in session.answers.items() if k in self._decisive}
            pending = repr(session.pending[:1])
            answered = repr(sorted(decisive.items()))
            state = (session.node, frozenset(session.ticks), pending, answered)
            if state in seen or session.ended:
                continue
            seen.add(state)
            # "no" and "none" first: of runs equally short, the one that tells the least
            options = sorted(turn.reply.options, key=lambda o: o.id not in ("no", "done"))
            for option in options:
                if option.id.startswith("lang_"):
                    continue
                # a checklist's items are ticked one at a time at most: a question behind a
                # checklist (very_unwell after a fever) needs one tick, and more only multiply
                # the states
                node = self.engine.dialogue.nodes[session.node]
                is_item = node.type == "checklist" and any(i.id == option.id for i in node.items)
                if is_item and session.ticks and option.id not in session.ticks:
                    continue
                queue.append(self.engine.step(session, UserInput.option(option.id)))
        raise Unreachable(f"no run of button presses reaches {node_id!r}")


def _answered(condition: Any) -> set[str]:
    """The questions an ``answered:`` condition names, at any depth."""
    if isinstance(condition, dict):
        found = set(condition["answered"]) if isinstance(condition.get("answered"), dict) else set()
        for value in condition.values():
            found |= _answered(value)
        return found
    if isinstance(condition, list):
        return set().union(*(_answered(c) for c in condition)) if condition else set()
    return set()


def _standing_at(session: Session, node_id: str) -> bool:
    return (
        session.node == node_id
        and not session.pending
        and not session.ended
        and not session.ticks
        and session.lang in LANGUAGES
    )


def classify(engine: Engine, before: Session, text: str) -> Outcome:
    """What the engine does with ``text`` typed at the question ``before`` stands at."""
    node = engine.dialogue.nodes[before.node]
    after = engine.step(before, UserInput.text(text)).session
    answer = after.answers.get(node.id)
    if answer is not None and answer != before.answers.get(node.id):
        return Outcome("recorded", answer, after.node)
    asked = node.asks or ""
    told = after.concepts.get(asked)
    if told is not None and node.id != after.node and before.concepts.get(asked) != told:
        # told in so many words ("I can't feel anything down there"): the sign itself was
        # recorded and the rule it fires moved the person on
        return Outcome("recorded", "yes" if told else "no", after.node)
    if node.type == "question" and node.id != after.node:
        # «обе, левая сильнее» at "one leg or both?": the option's sign, read from the words,
        # fired a rule (both legs with numbness: emergency) before the answer was stored
        for option in node.options:
            now = option.sets and all(after.concepts.get(c) is True for c in option.sets)
            if now and not all(before.concepts.get(c) is True for c in option.sets):
                return Outcome("recorded", option.id, after.node)
    if node.type == "checklist" and after.node == node.id and after.ticks:
        # ticked for the person to see: "Done" confirms them (after a confirmation of a
        # length or an age the words told, if any)
        return Outcome(CONFIRM, "+".join(after.ticks), after.node)
    if after.pending:
        item = after.pending[0]
        if item["kind"] == "confirm" and item["concept"] == node.asks:
            return Outcome(CONFIRM, "yes", after.node)
        return Outcome(ASKED_AGAIN, None, after.node)
    if after.node == node.id and not after.ended:
        return Outcome(ASKED_AGAIN, None, after.node)
    if after.outcome and after.outcome["urgency"] == "emergency":
        return Outcome(EMERGENCY, None, after.node)
    return Outcome(ELSEWHERE, None, after.node)


def _level(engine: Engine, concept: str | None) -> str | None:
    known = engine.content.concepts.get(concept) if concept else None
    return known.level if known is not None else None


def _red(engine: Engine, concept: str | None) -> bool:
    return _level(engine, concept) in RED_LEVELS


def _option_concepts(engine: Engine, node_id: str, option_ids: str) -> set[str]:
    """The concepts options (or "+"-joined checklist items) set."""
    node = engine.dialogue.nodes[node_id]
    found: set[str] = set()
    for option_id in option_ids.split("+"):
        option = node.option(option_id)
        if option is not None:
            found.update(option.sets)
            if node.asks and option_id == "yes":
                found.add(node.asks)
    return found


def score(engine: Engine, item: Item, outcome: Outcome) -> str:
    """"correct", "confirmed" (correct by a warning sign's confirmed yes), "dangerous",
    "extra_tap" or "wrong"."""
    node = engine.dialogue.nodes[item.node]
    got = outcome.option or ""
    recorded = outcome.action == "recorded"
    proposed = outcome.action == CONFIRM
    if node.type == "checklist":
        return _score_checklist(engine, item, outcome)
    if recorded and got == item.expect:
        return "correct"
    if recorded and got == "no" and item.expect in ("yes", "unsure") and _red(engine, node.asks):
        return "dangerous"
    if recorded and got == "yes" and item.expect == "no" and node.asks in PRESENT_MATTERS:
        return "dangerous"
    asked = proposed or outcome.action == ASKED_AGAIN
    if item.expect in DOUBT and asked:
        return "correct"
    if item.expect == "yes" and proposed and got == "yes" and _red(engine, node.asks):
        return "confirmed"
    if outcome.action == EMERGENCY and item.expect in ("yes", "unsure"):
        # "no... wait, yes, no feeling down there" at the sexual question: the saddle's sign
        # sent the person to emergency care, where their yes would have led as well
        yes = node.option(item.expect)
        leads = [engine.dialogue.nodes[t.goto] for t in yes.next] if yes else []
        if any(n.type == "outcome" and n.urgency == "emergency" for n in leads):
            return "correct"
    return "extra_tap" if asked else "wrong"


def _score_checklist(engine: Engine, item: Item, outcome: Outcome) -> str:
    """At a checklist the expectation is an item, "none" or "unclear"; items ticked for the
    person to see are a proposal that "Done" confirms."""
    got = outcome.option or ""
    expected = _option_concepts(engine, item.node, item.expect)
    told = _option_concepts(engine, item.node, got) if outcome.action != ASKED_AGAIN else set()
    recorded = outcome.action == "recorded"
    if recorded and (got == item.expect or (item.expect != NONE and item.expect in got.split("+"))):
        return "correct"
    red_expected = any(_red(engine, c) for c in expected)
    if recorded and got == NONE and red_expected:
        return "dangerous"
    if item.expect == NONE and told & set(PRESENT_MATTERS):
        return "dangerous"
    asked = outcome.action in (CONFIRM, ASKED_AGAIN)
    if item.expect in DOUBT and asked:
        return "correct"
    if outcome.action == CONFIRM and item.expect in got.split("+"):
        return "confirmed"
    if outcome.action == EMERGENCY and any(_level(engine, c) == "emergency" for c in expected):
        return "correct"  # "no fever and my groin is numb" at the emergency signs' list
    return "extra_tap" if asked else "wrong"


def evaluate(engine: Engine, items: Sequence[Item]) -> Report:
    reacher = Reacher(engine)
    report = Report()
    for item in items:
        try:
            before = reacher.at(item.node, item.lang)
        except Unreachable:  # a question the clinic's settings switch off
            report.unreachable.append(item.id)
            continue
        report.items += 1
        outcome = classify(engine, before, item.text)
        verdict = score(engine, item, outcome)
        good = verdict in ("correct", "confirmed")
        report.correct += good
        report.confirmed += verdict == "confirmed"
        for counts in (
            report.per_node.setdefault(item.node, [0, 0]),
            report.per_lang.setdefault(item.lang, [0, 0]),
        ):
            counts[0] += 1
            counts[1] += good
        if good:
            continue
        entry = {
            "id": item.id,
            "node": item.node,
            "lang": item.lang,
            "expect": item.expect,
            "got": outcome.label,
            "text": item.text,
        }
        if verdict == "dangerous":
            report.dangerous.append(entry)
        else:
            report.wrong.append(entry)
        if verdict == "extra_tap":
            report.extra_taps.append(entry)
    return report


def format_summary(report: Report) -> str:
    """A readable summary for people; the JSON carries the same numbers."""
    lines = [
        f"DANGEROUS (a warning sign recorded as no, or pregnancy as yes): {len(report.dangerous)}"
    ]
    lines += [
        f"  {e['id']} [{e['node']}/{e['lang']}] expected {e['expect']}, got {e['got']}: "
        f"{e['text']}"
        for e in report.dangerous
    ]
    lines += [
        "",
        f"items: {report.items}   correct: {report.correct}   accuracy {report.accuracy:.3f}",
        f"of them a warning sign's yes confirmed with one tap more: {report.confirmed}",
        f"extra taps (a clear answer asked again or confirmed): {len(report.extra_taps)}",
        "",
        "accuracy per language: "
        + "  ".join(f"{k} {c}/{n}" for k, (n, c) in sorted(report.per_lang.items())),
        "accuracy per question:",
    ]
    lines += [f"  {k:<14} {c:>3}/{n}" for k, (n, c) in sorted(report.per_node.items())]
    if report.unreachable:
        lines += [f"not scored (question not reachable): {', '.join(report.unreachable)}"]
    if report.wrong:
        lines += ["", "wrong:"]
        lines += [
            f"  {e['id']} [{e['node']}/{e['lang']}] expected {e['expect']}, got {e['got']}: "
            f"{e['text']}"
            for e in report.wrong
        ]
    return "\n".join(lines)
