"""The retention cut-off that the running bot and ``python -m bot purge`` both use."""

from __future__ import annotations

import pytest

from bot.retention import DAY, cutoff


def test_cutoff_is_the_period_before_now() -> None:
    assert cutoff(90, now=100 * DAY) == 10 * DAY


def test_cutoff_rejects_zero_days() -> None:
    with pytest.raises(ValueError, match="at least 1 day"):
        cutoff(0)
