"""An exhaustive walk of the dialogue through the real engine (issue 4).

From the start, every option of every question is pressed (depth first), and at the open
question `describe` every concept's description from concepts.yaml is typed, in English and
Russian. The walk proves, for every path:
  * it ends in an outcome (no dead end, no loop, no engine error);
  * if an emergency sign was affirmed on the way (or an emergency combination of
    docs/clinical-rules.md holds), the outcome is `emergency`;
  * an affirmed urgent sign never ends below `urgent`.

Paths multiply (about 10^14), so engine states are memoised on what can still change the
future: the node, the concepts that a condition, `asks`, `sets` or `clears` reachable from
that node (or a global rule) looks at, one bit per concept level that a `level:` condition
looks at, the answers named by `answered:` conditions, the scores and the rules already
fired. Conditions of the outcome-picking list that only look at concepts nothing ahead can
change ("frozen") are replaced by the index of the first one that holds - which is all that
list can ever use of them. States equal under this key have the same future, so the walk is
exhaustive, not sampled.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

from bot.dialogue.model import Dialogue, Node, Transition
from bot.engine import Engine, Session, Turn, UserInput
from bot.engine.conditions import holds

# about half a minute (the walk is a module fixture, shared by the tests below)
pytestmark = pytest.mark.slow

# docs/clinical-rules.md's emergency combinations, written independently of the dialogue's rules
EMERGENCY_COMBINATIONS = [
    ({"both_legs"}, {"leg_weakness", "numbness_tingling"}),
    ({"cancer_history"}, {"leg_weakness", "numbness_tingling", "walking_difficulty"}),
    ({"renal_colic"}, {"fever", "pregnancy"}),
]
URGENCY = ("emergency", "urgent", "soon", "routine")


# --- what a condition looks at --------------------------------------------------------------


def atoms(condition: Any) -> Iterator[tuple[str, Any]]:
    if not condition:
        return
    for key in ("all", "any"):
        for inner in condition.get(key, []):
            yield from atoms(inner)
    if "not" in condition:
        yield from atoms(condition["not"])
    for key in ("concept", "denied", "level", "answered", "setting"):
        if key in condition:
            yield key, condition[key]
    if "score" in condition:
        yield "score", condition["score"]


def transitions(node: Node) -> list[Transition]:
    found = [*node.next, *node.skip]
    for option in node.options:
        found += list(option.next)
    return found


class Walker:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialogue: Dialogue = engine.dialogue
        self.content = engine.content
        self.answered_nodes = {
            node_id for node in self.dialogue.nodes.values()
            for t in [*transitions(node), *self.dialogue.rules]
            for kind, value in atoms(t.when) if kind == "answered" for node_id in value
        }  # fmt: skip
        self.states = 0
        self.steps = 0
        self.outcomes: dict[str, int] = {}
        self.visited_nodes: set[str] = set()
        self.paths_cache: dict[Any, int] = {}
        self.in_progress: set[Any] = set()

    @cache  # noqa: B019 - one walker per test
    def reach(self, node_id: str) -> frozenset[str]:
        seen, stack = set(), [node_id]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            stack += [t.goto for t in transitions(self.dialogue.nodes[current])]
        return frozenset(seen)

    @cache  # noqa: B019
    def plan(self, node_id: str) -> tuple[frozenset[str], frozenset[str], tuple[Any, ...]]:
        """What can still change, seen from ``node_id``: (concepts, levels, conditions ahead).

        Only buttons are pressed after `describe`, so a concept can change only through an
        `asks`, `sets` or `clears` of a node still reachable.
        """
        nodes = [self.dialogue.nodes[n] for n in sorted(self.reach(node_id))]
        changeable: set[str] = set()
        conditions: list[Any] = [rule.when for rule in self.dialogue.rules]
        for node in nodes:
            if node.asks:
                changeable.add(node.asks)
            for option in node.options:
                changeable.update(option.sets, option.clears)
            conditions += [t.when for t in transitions(node) if t.when]
        levels = {self.content.concepts[c].level for c in changeable if c in self.content.concepts}
        return frozenset(changeable), frozenset(levels), tuple(conditions)

    def residual(
        self, condition: Any, session: Session, changeable: frozenset[str], levels: frozenset[str]
    ) -> Any:
        """``condition`` with every atom that can no longer change replaced by its value."""
        if "all" in condition or "any" in condition:
            kind = "all" if "all" in condition else "any"
            parts = [self.residual(c, session, changeable, levels) for c in condition[kind]]
            decisive = kind == "any"  # True decides an `any`, False decides an `all`
            if decisive in parts:
                return decisive
            parts = [p for p in parts if p is not (not decisive)]
            return (kind, tuple(parts)) if parts else (not decisive)
        if "not" in condition:
            inner = self.residual(condition["not"], session, changeable, levels)
            return (not inner) if isinstance(inner, bool) else ("not", inner)
        concept = condition.get("concept", condition.get("denied"))
        if concept is not None and concept not in changeable:
            return holds(condition, session, self.content)
        if "level" in condition and condition["level"] not in levels:
            return holds(condition, session, self.content)
        if "setting" in condition:
            return holds(condition, session, self.content)
        return ("atom", repr(sorted(condition.items())))

    def key(self, session: Session) -> Any:
        changeable, levels, conditions = self.plan(session.node)
        residuals = tuple(self.residual(c, session, changeable, levels) for c in conditions)
        concepts = tuple(sorted((c, v) for c, v in session.concepts.items() if c in changeable))
        known = self.content.concepts
        affirmed_levels = tuple(sorted(
            {known[c].level for c in session.affirmed() if c in known} & {"emergency", "urgent"}
        ))  # fmt: skip
        answers = tuple(
            sorted((n, a) for n, a in session.answers.items() if n in self.answered_nodes)
        )
        # a checklist's ticks, the bot's short questions in between, and which warning signs
        # are known only from typed words (those are asked, not assumed) change the future too
        typed = tuple(sorted(c for c in session.typed if c in changeable))
        pending = repr(session.pending)
        # at a checklist every set of ticks is walked whatever is ticked now (walk_checklist)
        node = self.dialogue.nodes[session.node]
        ticks = () if node.type == "checklist" and not session.pending else session.ticks
        return (
            session.node, residuals, concepts, affirmed_levels, answers,
            tuple(sorted(session.scores.items())), tuple(session.fired),
            session.outcome is not None, tuple(sorted(ticks)), pending, typed,
        )  # fmt: skip

    # --- the checks ----------------------------------------------------------------------------

    def check(self, turn: Turn, path: list[str]) -> None:
        session = turn.session
        affirmed = set(session.affirmed())
        levels = {self.content.concepts[c].level for c in affirmed if c in self.content.concepts}
        emergency = "emergency" in levels or any(
            need <= affirmed and bool(anyof & affirmed) for need, anyof in EMERGENCY_COMBINATIONS
        )
        outcome = turn.reply.outcome
        where = " > ".join(path[-12:])
        if outcome is not None and outcome["urgency"] is None:  # only the refusal's safety net
            assert self.dialogue.nodes[turn.reply.node].safety_net, where
            assert not emergency and not turn.reply.booking, where
            return
        if emergency:
            assert outcome is not None, f"emergency sign affirmed but the questions go on: {where}"
            assert outcome["urgency"] == "emergency", f"emergency sign, {outcome}: {where}"
            assert turn.reply.node == "emergency", where
        if outcome is not None and "urgent" in levels:
            assert URGENCY.index(outcome["urgency"]) <= 1, f"urgent sign, {outcome}: {where}"
        if outcome is not None and "both_legs" in affirmed:  # docs/clinical-rules.md: the same day
            assert URGENCY.index(outcome["urgency"]) <= 1, f"both legs, {outcome}: {where}"
        if outcome is not None and outcome["urgency"] == "emergency":
            assert not turn.reply.booking, f"emergency advice offers to book: {where}"
        if outcome is None:
            assert turn.reply.options, f"a question without buttons: {where}"

    def step(self, turn: Turn, user_input: UserInput) -> Turn:
        turn.session.history.clear()  # /back is not walked; keeps the copies cheap
        self.steps += 1
        return self.engine.step(turn.session, user_input)

    def walk(self, turn: Turn, path: list[str]) -> int:
        """Number of distinct input paths from ``turn`` to an outcome (all are checked)."""
        self.check(turn, path)
        if turn.reply.outcome is not None:
            self.outcomes[turn.reply.node] = self.outcomes.get(turn.reply.node, 0) + 1
            return 1
        key = self.key(turn.session)
        if key in self.paths_cache:
            return self.paths_cache[key]
        if key in self.in_progress:
            # a tick taken back: the same state as before it, whose every way on is walked
            return 0
        self.in_progress.add(key)
        self.states += 1
        self.visited_nodes.add(turn.reply.node)
        assert len(path) < 120, f"a path this long must be a loop: {' > '.join(path[-20:])}"
        total = 0
        node = self.dialogue.nodes[turn.reply.node]
        if node.type == "checklist" and not turn.session.pending:
            return self.walk_checklist(turn, node, path, key)
        for option in turn.reply.options:
            nxt = self.step(turn, UserInput.option(option.id))
            total += self.walk(nxt, [*path, f"{turn.reply.node}={option.id}"])
        self.paths_cache[key] = total
        self.in_progress.discard(key)
        assert total > 0, f"no way on to an outcome: {' > '.join(path[-12:])}"
        return total

    def walk_checklist(self, turn: Turn, node: Node, path: list[str], key: Any) -> int:
        """Every set of ticks, each then left with "done"; and every exit ("not sure").

        Whatever is ticked now, any set can be reached by toggling, so each set is made
        directly (its toggles are steps too, checked but not memoised on their own)."""
        total = 0
        items = [item.id for item in node.items]
        current = turn
        for index in range(2 ** len(items)):
            # Gray code order: each set differs from the one before by one tick
            gray = index ^ (index >> 1)
            chosen = [item for bit, item in enumerate(items) if gray >> bit & 1]
            for item in items:
                if (item in chosen) != (item in current.session.ticks):
                    current = self.step(current, UserInput.option(item))
                    assert current.reply.event == "toggled", path[-3:]
                    self.check(current, path)
            done = self.step(current, UserInput.option("done"))
            total += self.walk(done, [*path, f"{node.id}={'+'.join(chosen) or 'none'}"])
        for option in node.options:
            if option.next:  # an exit: "not sure - ask me one by one"
                nxt = self.step(turn, UserInput.option(option.id))
                total += self.walk(nxt, [*path, f"{node.id}={option.id}"])
        self.paths_cache[key] = total
        self.in_progress.discard(key)
        return total


def descriptions(engine: Engine) -> list[tuple[str, str, str]]:
    concepts = engine.content.files["concepts.yaml"].data["concepts"]
    return [(c["id"], lang, c[lang]) for c in concepts for lang in ("en", "ru") if c.get(lang)]


@pytest.fixture(scope="module")
def walk(engine: Engine) -> Walker:
    walker = Walker(engine)
    began = time.perf_counter()
    total = 0
    for lang in engine.content.languages:
        turn = engine.start(lang)
        # every button from the start, the describe step's "just ask me" included
        total += walker.walk(turn, [f"start:{lang}"])
        described = walker.step(turn, UserInput.option("agree"))
        assert described.reply.node == "describe"
        # the free-text branches: each concept as the first message
        for concept_id, text_lang, text in descriptions(engine):
            typed = walker.step(described, UserInput.text(text))
            total += walker.walk(typed, [f"start:{lang}", f"describe~{concept_id}:{text_lang}"])
    walker.paths = total  # type: ignore[attr-defined]
    walker.seconds = time.perf_counter() - began  # type: ignore[attr-defined]
    print(
        f"\nexhaustive walk: {walker.states} states, {walker.steps} engine steps, "
        f"{total} paths, {walker.seconds:.1f} s"
    )
    return walker


def test_every_path_ends_in_an_outcome_and_emergencies_in_emergency(walk: Walker) -> None:
    # the checks run inside the walk; here, that it really covered the dialogue
    assert walk.paths > 10**6  # type: ignore[attr-defined]


def test_every_question_and_every_outcome_was_reached(walk: Walker, engine: Engine) -> None:
    questions = {n.id for n in engine.dialogue.nodes.values() if n.type in ("question", "text")}
    outcomes = {n.id for n in engine.dialogue.nodes.values() if n.type == "outcome"}
    assert questions - walk.visited_nodes == set()
    assert outcomes - set(walk.outcomes) == set()


@pytest.fixture(scope="module")
def questions(engine: Engine) -> dict[str, Turn]:
    """One engine state at every question, reached by buttons along a few routes."""
    reached: dict[str, Turn] = {}
    plan = {"consent": "agree", "describe": "skip", "age": "age_20_50"}
    for route in ROUTES:
        turn = engine.start("en")
        for _ in range(80):
            if turn.reply.outcome is not None:
                break
            node = turn.reply.node
            reached.setdefault(node, turn)
            ids = [o.id for o in turn.reply.options]
            default = "no" if "no" in ids else "done" if "done" in ids else ids[0]
            choice = route.get(node, plan.get(node, default))
            if choice in turn.session.ticks:  # ticked: now leave the list
                choice = "done"
            turn = engine.step(turn.session, UserInput.option(choice))
    reached.pop("consent")  # before consent nothing is matched
    return reached


def test_the_routes_reach_every_question(walk: Walker, questions: dict[str, Turn]) -> None:
    assert walk.visited_nodes - {"consent"} - set(questions) == set()


EMERGENCY_SIGNS = [
    "saddle_numbness", "bladder_dysfunction", "bowel_incontinence", "sexual_dysfunction",
    "progressive_weakness", "major_trauma", "cold_pale_leg", "pulsating_abdomen", "chest_pain",
]  # fmt: skip


@pytest.mark.parametrize("sign", EMERGENCY_SIGNS)
def test_an_emergency_sign_typed_at_any_question_stops_it(
    engine: Engine, questions: dict[str, Turn], sign: str
) -> None:
    """At every question of the dialogue, typing the sign (en or ru) gives the emergency advice."""
    assert engine.content.concepts[sign].level == "emergency"
    texts = [(lang, text) for cid, lang, text in descriptions(engine) if cid == sign]
    missed = []
    for node, turn in questions.items():
        for lang, text in texts:
            after = engine.step(turn.session, UserInput.text(text))
            if after.reply.outcome is None or after.reply.outcome["urgency"] != "emergency":
                missed.append((node, lang))
    assert missed == []


def test_every_emergency_sign_is_listed(engine: Engine) -> None:
    assert set(EMERGENCY_SIGNS) == {
        c for c, concept in engine.content.concepts.items() if concept.level == "emergency"
    }


ROUTES = [
    {},
    {"red_signs": "unsure", "urgent_signs": "unsure"},
    {"urgent_signs": "fever", "spread": "below_knee", "onset": "fall", "duration": "months"},
    {"duration": "months", "sb_offer": "yes"},
]
