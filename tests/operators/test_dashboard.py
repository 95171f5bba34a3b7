"""The dashboard's small arithmetic: percentiles and durations."""

from __future__ import annotations

from bot.operators.dashboard import DropOff, duration, percentile


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
