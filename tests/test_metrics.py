"""The bot's counters: what a step counts (the console serves them: tests/console)."""

from __future__ import annotations

import pytest

from bot import metrics


def value(name: str, **labels: str) -> float:
    return metrics.REGISTRY.get_sample_value(name, labels) or 0.0


def test_a_failing_step_counts_its_error_by_class_and_no_reply() -> None:
    before = (value("bot_errors_total", kind="TimeoutError"), value("bot_replies_total"))
    with pytest.raises(TimeoutError), metrics.step("text"):
        raise TimeoutError("the database is busy")
    assert value("bot_errors_total", kind="TimeoutError") == before[0] + 1
    assert value("bot_replies_total") == before[1]


def test_an_unknown_kind_is_counted_as_other() -> None:
    before = value("bot_updates_total", kind="other")
    with metrics.step("a kind made up by a forged update"):
        pass
    assert value("bot_updates_total", kind="other") == before + 1
