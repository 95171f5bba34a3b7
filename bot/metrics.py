"""The bot's Prometheus counters (official ``prometheus-client``), kept in this process by
``Conversations`` (bot/conversation.py), the one door every front end goes through. The
operators' console serves them with figures the database knows (bot/console/metrics.py).
Labels are only kinds and error class names: never a person, a text, a chat id or a campaign.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

from prometheus_client import CollectorRegistry, Counter, Histogram

# the registry of this process; the console's /metrics serves it
REGISTRY = CollectorRegistry(auto_describe=True)

UPDATES = Counter(
    "bot_updates", "Inputs handled, by kind (start, option, text, command, booking...)",
    ["kind"], registry=REGISTRY,
)  # fmt: skip
REPLIES = Counter("bot_replies", "Replies the bot produced", registry=REGISTRY)
ERRORS = Counter(
    "bot_errors", "Errors while handling an input, by exception class", ["kind"],
    registry=REGISTRY,
)  # fmt: skip
STEP_SECONDS = Histogram(
    "bot_step_seconds", "Time to handle one input: load, engine step, store",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
    registry=REGISTRY,
)  # fmt: skip
KNOWN_KINDS = frozenset({"start", "option", "text", "command", "booking", "forget", "alarm"})


def count_update(kind: str) -> None:
    UPDATES.labels(kind if kind in KNOWN_KINDS else "other").inc()


def count_error(error: BaseException) -> None:
    ERRORS.labels(type(error).__name__).inc()


@contextlib.contextmanager
def step(kind: str) -> Iterator[None]:
    """Count one input of ``kind`` and its reply, time it, and count an error by its class."""
    count_update(kind)
    started = time.perf_counter()
    try:
        yield
    except Exception as error:
        count_error(error)
        raise
    REPLIES.inc()
    STEP_SECONDS.observe(time.perf_counter() - started)


_counting: contextvars.ContextVar[bool] = contextvars.ContextVar("bot_counting", default=False)
Method = TypeVar("Method", bound=Callable[..., Awaitable[Any]])


def counted(kind: str | None = None) -> Callable[[Method], Method]:
    """Count and time each call of a ``Conversations`` method as one input (``step``).

    ``kind``: the input's kind; None takes it from the call's ``UserInput`` argument. A call
    made inside a counted call (``handle`` starting a conversation) is not counted again."""

    def decorate(method: Method) -> Method:
        @functools.wraps(method)
        async def run(*args: Any, **kwargs: Any) -> Any:
            if _counting.get():
                return await method(*args, **kwargs)
            name = kind or next(
                (str(a.kind) for a in (*args, *kwargs.values()) if hasattr(a, "kind")), "other"
            )
            token = _counting.set(True)
            try:
                with step(name):
                    return await method(*args, **kwargs)
            finally:
                _counting.reset(token)

        return run  # type: ignore[return-value]

    return decorate
