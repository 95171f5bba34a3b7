"""An emergency sign is never stored as denied, driven through the real dialogue.

The first message of a conversation negates one sign (fever) and affirms an emergency one
(saddle numbness) in the same sentence, in both languages and several phrasings. Before the
clause-aware negation the negation of the fever reached over "and" / "и" and swallowed the
saddle numbness, and the dialogue went on as if it had been denied. Every such message must
end in the emergency advice, at once, through the real Engine with the shipped dialogue and
content, and through `python -m bot simulate` as a person's first line.

The first message is sent as the very first input: the emergency rule reads typed text at
any step, the consent question included (the consent flow itself is issue 15's).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.engine import Engine
from bot.settings import PROJECT_ROOT
from tests.conftest import talk

NEGATED_FEVER_AFFIRMED_SADDLE = [
    ("en", "no fever and numb between my legs"),
    ("en", "I don't have a fever and my groin has gone numb"),
    ("en", "no temperature, but I can't feel my bum when I wipe"),
    ("en", "haven't had any fever and there's no feeling down there since yesterday"),
    ("en", "fever - none. numbness around my anus since this morning"),
    ("en", "never had a temperature with it and now my backside is numb"),
    ("en", "without warning my groin went numb, no fever though"),
    ("ru", "температуры нет и немеет промежность"),
    ("ru", "температуры нет, а промежность онемела"),
    ("ru", "без температуры, но онемели ягодицы и пах"),
    ("ru", "жара не было и не чувствую промежность"),
    ("ru", "не температурю и онемело между ног"),
    ("ru", "без причины онемела промежность, температуры нет"),
    ("ru", "temperatury net i onemela promezhnost"),
]


@pytest.mark.parametrize("lang, text", NEGATED_FEVER_AFFIRMED_SADDLE)
def test_first_message_with_a_negated_fever_and_saddle_numbness_is_an_emergency(
    engine: Engine, lang: str, text: str
) -> None:
    turn = talk(engine, text, lang=lang)
    assert turn.reply.outcome is not None, turn.reply.node
    assert turn.reply.outcome["urgency"] == "emergency", turn.reply.outcome
    assert "saddle_numbness" in turn.reply.outcome["red_flags"], turn.reply.outcome
    assert "fever" not in turn.reply.outcome["red_flags"], turn.reply.outcome


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "no fever and I can't control my bladder"),
        ("en", "I don't have a temperature and couldn't pee all day"),
        ("ru", "температуры нет и не могу пописать с утра"),
        ("ru", "жара нет, но обмочился ни с того ни с сего"),
    ],
)
def test_first_message_with_a_negated_fever_and_a_bladder_problem_is_an_emergency(
    engine: Engine, lang: str, text: str
) -> None:
    turn = talk(engine, text, lang=lang)
    assert turn.reply.outcome is not None and turn.reply.outcome["urgency"] == "emergency", (
        turn.reply.node
    )
    assert "bladder_dysfunction" in turn.reply.outcome["red_flags"]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "no fever and numb between my legs"),
        ("ru", "температуры нет и немеет промежность"),
    ],
)
def test_simulate_first_line_reaches_emergency(lang: str, text: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "bot", "simulate", "--lang", lang],
        input=text + "\n",
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=60,
        check=True,
    )
    first = json.loads(run.stdout.splitlines()[0])
    assert first["outcome"]["urgency"] == "emergency", first
    assert "saddle_numbness" in first["outcome"]["red_flags"], first
