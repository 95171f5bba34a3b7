from __future__ import annotations

from bot.telegram.flood import FloodGuard


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_burst_is_warned_once_then_dropped_then_forgiven() -> None:
    clock = Clock()
    guard = FloodGuard(max_messages=10, window=5, clock=clock)
    verdicts = [guard.check("p") for _ in range(50)]
    assert verdicts[:10] == ["ok"] * 10
    assert verdicts[10] == "warn"
    assert set(verdicts[11:]) == {"drop"}
    assert guard.check("other") == "ok"  # one person's flood does not block another
    clock.now = 6.0
    assert guard.check("p") == "ok"


def test_normal_typing_is_never_limited() -> None:
    clock = Clock()
    guard = FloodGuard(clock=clock)
    for second in range(100):
        clock.now = second * 2.0
        assert guard.check("p") == "ok"


def test_idle_people_are_forgotten() -> None:
    clock = Clock()
    guard = FloodGuard(clock=clock)
    guard.check("p")
    clock.now = 100
    guard.forget_idle()
    assert guard._recent == {}
