"""Per-person flood control: a burst is answered once with "slow down", then ignored."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

WINDOW_SECONDS = 5.0
MAX_MESSAGES = 10  # per window; a person typing by hand never gets near it


class FloodGuard:
    def __init__(
        self,
        max_messages: int = MAX_MESSAGES,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_messages = max_messages
        self.window = window
        self.clock = clock
        self._recent: dict[str, deque[float]] = {}
        self._warned: set[str] = set()
        self._checks = 0

    def check(self, person: str) -> str:
        """``"ok"``, ``"warn"`` (the first message over the limit) or ``"drop"``."""
        now = self.clock()
        self._checks += 1
        if self._checks % 1000 == 0:  # now and then: memory for the active, not for all ever seen
            self.forget_idle()
        # one more than the limit is all it takes to know the limit is passed
        recent = self._recent.setdefault(person, deque(maxlen=self.max_messages + 1))
        while recent and now - recent[0] > self.window:
            recent.popleft()
        if not recent:
            self._warned.discard(person)
        recent.append(now)
        if len(recent) <= self.max_messages:
            return "ok"
        if person in self._warned:
            return "drop"
        self._warned.add(person)
        return "warn"

    def forget_idle(self) -> None:
        """Drop the history of people who went quiet (called now and then)."""
        now = self.clock()
        for person in [p for p, r in self._recent.items() if not r or now - r[-1] > self.window]:
            del self._recent[person]
            self._warned.discard(person)
