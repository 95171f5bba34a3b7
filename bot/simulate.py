"""Driving the engine without a front end: scripted inputs and random walks.

Used by ``python -m bot simulate``, by the tests and by the benchmarks.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bot.engine import Engine, Turn, UserInput

MAX_WALK_TURNS = 300


def parse_input(line: str, turn: Turn) -> UserInput:
    """A typed line as the person meant it: a command, an option's id or label, or text."""
    text = line.strip()
    if text.startswith("/") and text[1:] in ("restart", "back", "start", "repeat"):
        return UserInput.command(text[1:])
    for option in turn.reply.options:
        if text == option.id or text.casefold() == option.label.casefold():
            return UserInput.option(option.id)
    return UserInput.text(line)


def turn_json(number: int, line: str | None, turn: Turn) -> dict[str, Any]:
    """One line of ``simulate``'s output, exactly as docs/product.md specifies it."""
    reply = turn.reply
    outcome = None
    if reply.outcome is not None:
        outcome = {key: reply.outcome[key] for key in ("urgency", "specialists", "red_flags")}
    return {
        "turn": number,
        "input": line,
        "node": reply.node,
        "reply": reply.text,
        "options": [{"id": o.id, "label": o.label} for o in reply.options],
        "outcome": outcome,
    }


def run_script(
    engine: Engine, lines: Iterator[str], lang: str | None = None
) -> Iterator[dict[str, Any]]:
    """Feed lines one at a time; yields each turn's JSON as soon as it is computed."""
    turn = engine.start(lang)
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        turn = engine.step(turn.session, parse_input(line, turn))
        yield turn_json(number, line, turn)


@dataclass
class WalkSummary:
    walks: int
    ended_with_outcome: int
    max_turns: int

    def to_json(self) -> dict[str, int]:
        return {
            "walks": self.walks,
            "ended_with_outcome": self.ended_with_outcome,
            "max_turns": self.max_turns,
        }


def free_text_pool(engine: Engine) -> list[str]:
    """Things people type: labels, symptom descriptions, noise, emoji, a very long message."""
    content = engine.content
    pool = ["", "🙂👍", "asdf", "???", "1", "да", "no", "I don't know", "x" * 5000]
    for concept in content.files["concepts.yaml"].data["concepts"]:
        pool += [concept[lang] for lang in ("en", "ru") if concept.get(lang)]
    for node in engine.dialogue.nodes.values():
        for option in node.options:
            for lang in content.languages:
                label = content.lookup(lang, "nodes", node.id, "options", option.id)
                if isinstance(label, dict):
                    label = label.get("label")
                pool.append(label if isinstance(label, str) else option.id)
    return pool


def random_walks(engine: Engine, walks: int, seed: int) -> WalkSummary:
    """``walks`` conversations of random presses, random text and the odd /back."""
    rng = random.Random(seed)
    pool = free_text_pool(engine)
    ended = 0
    longest = 0
    for _ in range(walks):
        turn = engine.start(rng.choice(engine.content.languages))
        turns = 0
        while turn.reply.outcome is None and turns < MAX_WALK_TURNS:
            turn = engine.step(turn.session, _random_input(rng, turn, pool))
            turns += 1
        ended += turn.reply.outcome is not None
        longest = max(longest, turns)
    return WalkSummary(walks, ended, longest)


def _random_input(rng: random.Random, turn: Turn, pool: list[str]) -> UserInput:
    roll = rng.random()
    if roll < 0.05:
        return UserInput.command("back")
    if roll < 0.30 or not turn.reply.options:
        return UserInput.text(rng.choice(pool))
    return UserInput.option(rng.choice(turn.reply.options).id)
