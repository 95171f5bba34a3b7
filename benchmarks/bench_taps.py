"""How many inputs (button presses and typed messages) a person needs to reach the advice.

Simulated people with a known story answer whatever the bot shows, through the engine (as
``python -m bot simulate`` does): the cautious, honest answer to every question, checklist
and confirmation. Each story is played twice, once by buttons only ("just ask me") and once
starting with a typed description. The figures are the median and maximum number of inputs
per urgency class of the story (routine, soon, urgent).

    python benchmarks/bench_taps.py                    # this checkout
    python benchmarks/bench_taps.py --tree /tmp/old    # another checkout of the bot
    python benchmarks/bench_taps.py --before /tmp/old  # before and after, side by side

The driver only uses what both the old and the new dialogue share (option ids, ``asks``,
``sets``), so the same stories measure both.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Story:
    name: str
    level: str  # the urgency class the story belongs to (docs/clinical-rules.md)
    signs: frozenset[str]  # concepts the person has
    answers: dict[str, str]  # node id -> option id, for the questions about the pain
    agree: frozenset[int] = frozenset()  # STarT Back items 1-8 they agree with
    bother: str = "slightly"
    first: str = ""  # their typed description


PAIN = {"onset": "by_itself", "fragility": "no", "walking": "little", "sleep": "little"}


def story(name: str, level: str, signs: set[str], first: str, **answers: Any) -> Story:
    agree = frozenset(answers.pop("agree", ()))
    bother = answers.pop("bother", "slightly")
    return Story(name, level, frozenset(signs), {**PAIN, **answers}, agree, bother, first)


STORIES = [
    # routine: non-specific back pain, sciatica to the buttock or thigh (not below the knee)
    story("acute_back", "routine", set(), "my lower back hurts since yesterday, I'm 35",
          spread="back_only", duration="days", age="age_20_50"),
    story("sciatica_thigh_chronic", "routine", {"radiating_leg_pain"},
          "pain from my lower back down the back of my left thigh for two months, I'm 40",
          spread="thigh", legs="one", duration="weeks_6_12", age="age_20_50", agree={1}),
    story("sciatica_buttock_weeks", "routine", {"radiating_leg_pain"},
          "my back hurts and it goes into my right buttock, for 3 weeks, I'm 29",
          spread="buttock", legs="one", duration="weeks", age="age_20_50"),
    story("sciatica_thigh_months", "routine", {"radiating_leg_pain"},
          "back pain into the left thigh for about a year, I'm 45",
          spread="thigh", legs="one", duration="months", age="age_20_50", agree={1, 3}),
    story("lifting_back", "routine", {"lifting_onset"},
          "hurt my back lifting a box 5 days ago, I'm 31",
          spread="back_only", duration="days", age="age_20_50", onset="lifting"),
    # soon: nerve-root pain, other causes, new pain over 50
    story("radicular_acute", "soon", {"radiating_leg_pain", "pain_below_knee", "numbness_tingling"},
          "pain down my left leg below the knee with tingling in the foot for 2 weeks, I'm 38",
          spread="below_knee", legs="one", duration="weeks", age="age_20_50"),
    story("radicular_chronic", "soon", {"radiating_leg_pain", "pain_below_knee"},
          "shooting pain to my right foot for four months, I'm 50",
          spread="foot", legs="one", duration="months", age="age_20_50", agree={1, 3, 4},
          bother="moderately"),
    story("urinary", "soon", {"urinary_symptoms"},
          "back pain and burning when I pee for a few days, I'm 30",
          spread="back_only", duration="days", age="age_20_50"),
    story("new_pain_over_50", "soon", set(), "my lower back started hurting last week, I'm 63",
          spread="back_only", duration="days", age="over_50"),
    # urgent: a sign that needs a doctor today
    story("fever", "urgent", {"fever"}, "back pain with a fever since yesterday, I'm 42",
          spread="back_only", duration="days", age="age_20_50", very_unwell="no"),
    story("night_pain", "urgent", {"night_pain"},
          "my back hurts all night whatever position I lie in, for 3 weeks, I'm 47",
          spread="back_only", duration="weeks", age="age_20_50"),
    story("both_legs", "urgent", {"radiating_leg_pain", "both_legs"},
          "pain from my back into both thighs for 2 weeks, I'm 44",
          spread="thigh", legs="both", duration="weeks", age="age_20_50"),
    story("cancer_history", "urgent", {"cancer_history"},
          "back pain for 3 weeks, I had breast cancer 5 years ago, I'm 58",
          spread="back_only", duration="weeks", age="over_50"),
]  # fmt: skip


@dataclass
class Played:
    story: str
    level: str
    typed_first: bool
    inputs: int
    outcome: dict[str, Any] | None
    path: list[str] = field(default_factory=list)


def answer(engine: Any, turn: Any, person: Story, typed_first: bool) -> Any:
    """The input this person gives to what is shown now."""
    from bot.engine import UserInput

    session, reply = turn.session, turn.reply
    ids = [o.id for o in reply.options]
    pending = getattr(session, "pending", None)
    if pending:
        kind = pending[0]["kind"]
        if kind == "confirm":
            return UserInput.option(
                "confirm_yes" if pending[0]["concept"] in person.signs else "confirm_no"
            )
        return UserInput.option({"slots": "slots_ok", "ticks": "ticks_ok"}.get(kind, ids[0]))
    node = engine.dialogue.nodes[reply.node]
    if node.id == "consent":
        return UserInput.option("agree")
    if node.type == "text":
        return UserInput.text(person.first) if typed_first else UserInput.option("skip")
    if node.type == "checklist":
        for item in node.items:
            wanted = bool(set(item.sets) & person.signs) or _agrees(item.id, person)
            if wanted != (item.id in session.ticks):
                return UserInput.option(item.id)
        return UserInput.option("done")
    if node.asks:
        return UserInput.option("yes" if node.asks in person.signs else "no")
    if node.id.startswith("sb") and node.id[2:].isdigit() and node.id != "sb9":
        return UserInput.option("yes" if _agrees(node.id, person) else "no")
    if node.id == "sb9":
        return UserInput.option(person.bother)
    if node.id == "sb_offer":
        return UserInput.option("yes")
    if node.id in person.answers and person.answers[node.id] in ids:
        return UserInput.option(person.answers[node.id])
    for option in node.options:  # a grouped question: the sign they have, else "none"
        if set(option.sets) & person.signs:
            return UserInput.option(option.id)
    return UserInput.option("no" if "no" in ids else ids[0])


def _agrees(item: str, person: Story) -> bool:
    return item.startswith("sb") and item[2:].isdigit() and int(item[2:]) in person.agree


def play(engine: Any, person: Story, typed_first: bool) -> Played:
    turn = engine.start("en")
    played = Played(person.name, person.level, typed_first, 0, None)
    for _ in range(120):
        if turn.reply.outcome is not None:
            played.outcome = {k: turn.reply.outcome[k] for k in ("urgency", "specialists")}
            return played
        turn = engine.step(turn.session, answer(engine, turn, person, typed_first))
        played.inputs += 1
        played.path.append(turn.reply.node)
    raise RuntimeError(f"{person.name}: no advice after 120 inputs")


def load(tree: Path) -> Any:
    sys.path.insert(0, str(tree))
    from bot.app import load_engine
    from bot.settings import Settings

    return load_engine(
        Settings(tree / "content", tree / "dialogues" / "back_pain.yaml", Path("unused"))
    )


LEVELS = ("routine", "soon", "urgent")


def figures(results: list[Played]) -> dict[str, dict[str, float]]:
    """Per urgency class (and the routine sciatica stories): median and maximum inputs, also
    by buttons only and typed first."""
    groups = {level: [r for r in results if r.level == level] for level in LEVELS}
    groups["routine sciatica"] = [r for r in results if r.story.startswith("sciatica")]
    out = {}
    for name, mine in groups.items():
        every = [r.inputs for r in mine]
        out[name] = {
            "stories": len(mine) // 2,
            "median": statistics.median(every),
            "max": max(every),
            "median_buttons": statistics.median([r.inputs for r in mine if not r.typed_first]),
            "median_typed": statistics.median([r.inputs for r in mine if r.typed_first]),
        }
    return out


def measure(tree: Path) -> dict[str, dict[str, float]]:
    """``tree``'s figures, from a process of its own (two checkouts' ``bot`` cannot share one)."""
    done = subprocess.run(
        [sys.executable, __file__, "--tree", str(tree), "--json"],
        capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument(
        "--before", type=Path, help="a checkout of the bot before (e.g. of commit d55b855)"
    )
    parser.add_argument("--details", action="store_true", help="one JSON line per story")
    parser.add_argument("--json", action="store_true", help="the figures as one JSON object")
    args = parser.parse_args()
    engine = load(args.tree.resolve())
    results = [play(engine, s, typed) for s in STORIES for typed in (False, True)]
    after = figures(results)
    if args.json:
        print(json.dumps(after))
        return
    if args.details:
        for r in results:
            print(json.dumps({k: v for k, v in r.__dict__.items() if k != "path"}))
    if args.before is None:
        header = ("class", "stories", "median inputs", "max inputs", "median, buttons only",
                  "median, typed first")  # fmt: skip
        print("| " + " | ".join(header) + " |")
        print("|" + " --- |" * len(header))
        for name, f in after.items():
            print(f"| {name} | {f['stories']} | {f['median']:g} | {f['max']:g} "
                  f"| {f['median_buttons']:g} | {f['median_typed']:g} |")  # fmt: skip
        return
    before = measure(args.before.resolve())
    header = ("class", "stories", "before: median", "before: max", "after: median",
              "after: max", "after / before (median)", "after, buttons only",
              "after, typed first")  # fmt: skip
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for name, f in after.items():
        b = before[name]
        print(f"| {name} | {f['stories']} | {b['median']:g} | {b['max']:g} | {f['median']:g} "
              f"| {f['max']:g} | {f['median'] / b['median']:.2f} | {f['median_buttons']:g} "
              f"| {f['median_typed']:g} |")  # fmt: skip


if __name__ == "__main__":
    main()
