"""Random conversations with buttons, typed text (warning signs among it), /back and /restart,
checked after every single turn against the promises that never bend (docs/product.md)."""

from __future__ import annotations

import random

import pytest

from bot.engine import Engine, Turn, UserInput
from bot.simulate import free_text_pool

URGENCY = ("emergency", "urgent", "soon", "routine")


def pick(rng: random.Random, turn: Turn, pool: list[str]) -> UserInput:
    roll = rng.random()
    if roll < 0.08:
        return UserInput.command("back")
    if roll < 0.10:
        return UserInput.command("restart")
    if roll < 0.40 or not turn.reply.options:
        return UserInput.text(rng.choice(pool))
    return UserInput.option(rng.choice(turn.reply.options).id)


def check(engine: Engine, turn: Turn) -> None:
    session, reply = turn.session, turn.reply
    levels = {engine.content.concepts[c].level for c in session.affirmed()}
    if "emergency" in levels:  # rule 2: a warning sign stops the questionnaire at once
        assert reply.outcome is not None and reply.outcome["urgency"] == "emergency", reply.node
    if reply.outcome is not None and engine.dialogue.nodes[reply.node].safety_net:
        # after a refusal: no verdict at all - no urgency, no doctor, no booking
        assert reply.outcome == {"urgency": None, "specialists": [], "red_flags": []}
        assert not reply.booking and [o.id for o in reply.options] == ["restart"]
    elif reply.outcome is not None:  # rule 1: urgency, a specialist, how to book
        assert reply.outcome["urgency"] in URGENCY and reply.outcome["specialists"]
        if "urgent" in levels:
            assert URGENCY.index(reply.outcome["urgency"]) <= URGENCY.index("urgent")
        assert [o.id for o in reply.options] == ["restart"]
        # how to book on every advice but the emergency one (only what to do now) and the
        # safety net after a refusal (no verdict at all)
        node = engine.dialogue.nodes[reply.node]
        bookable = reply.outcome["urgency"] != "emergency" and not node.safety_net
        assert bool(reply.booking) == bookable, reply.node
    else:
        assert reply.options or engine.dialogue.nodes[reply.node].type == "text", reply.node


@pytest.mark.parametrize("seed", range(3))
def test_every_turn_keeps_the_promises(engine: Engine, seed: int) -> None:
    rng = random.Random(seed)
    pool = free_text_pool(engine)
    turns = 0
    for _ in range(800):
        turn = engine.start(rng.choice(["en", "ru"]))
        for _ in range(60):
            turn = engine.step(turn.session, pick(rng, turn, pool))
            check(engine, turn)
            turns += 1
            if turn.reply.outcome is not None and rng.random() < 0.5:
                # after the advice: a late message, then the end of this walk
                turn = engine.step(turn.session, UserInput.text(rng.choice(pool)))
                check(engine, turn)
                break
    assert turns > 3000
