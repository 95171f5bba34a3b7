"""The dashboard's small arithmetic: percentiles and durations."""

from __future__ import annotations

from pathlib import Path

from bot.engine import Engine
from bot.operators.dashboard import DropOff, collect, duration, percentile
from bot.operators.periods import Period
from bot.operators.reading import DialogueTexts
from bot.operators.selection import Selection
from bot.storage.readside import open_event_log

from .seeding import DAY0, seed


def test_nearest_rank_percentiles() -> None:
    values = [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 90) == 90.0
    assert percentile([7.0], 90) == 7.0
    assert percentile([], 50) is None


def test_durations_read_like_a_person_writes_them() -> None:
    assert duration(None) == "-"
    assert duration(42.4) == "42 s"
    assert duration(520) == "8 min 40 s"
    assert duration(7800) == "2 h 10 min"


def test_drop_off_rate_of_those_who_reached_the_question() -> None:
    assert DropOff("q", "Question?", reached=3, left=2).rate == 2 / 3
    assert DropOff("q", "Question?", reached=0, left=0).rate == 0.0


async def test_a_conversation_waiting_at_a_question_is_not_counted_as_left(
    tmp_path: Path, engine: Engine
) -> None:
    path = tmp_path / "bot.sqlite3"
    await seed(path)
    texts = DialogueTexts(engine.dialogue, engine.content)
    selection = Selection(Period(since=DAY0))
    # half an hour after the last three opened the bot: they may still answer
    soon = DAY0 + 2 * 86400 + 1800
    with open_event_log(path) as db:
        early = {d.node: d for d in collect(db, selection, texts, "en", now=soon).drop_off}
        late = {d.node: d for d in collect(db, selection, texts, "en", now=soon + 86400).drop_off}
    assert (early["consent"].reached, early["consent"].left, early["consent"].going_on) == (
        10, 0, 3,
    )  # fmt: skip
    assert (late["consent"].left, late["consent"].going_on) == (3, 0)
    assert late["consent"].rate == 0.3
    assert (late["describe"].left, late["saddle"].left) == (1, 1)
    assert (
        late["consent"].question.split()[:3]
        == engine.content.text("en", "nodes", "consent").split()[:3]
    )
