"""The open-loop load of ``bench_telegram.py --rate``: updates offered at a fixed mean rate,
whether or not the bot has answered the earlier ones.

Arrivals are a Poisson process: exponential gaps with mean ``1 / rate``, from a seeded random
generator, so that the bot and the echo bot of one pair get the same schedule. The k-th update
goes to user ``k mod chats``. An update's latency runs from the moment it is queued at the fake
server (``add_message``: a waiting ``getUpdates`` is released by that same call, see
``BotApiState.wait_until``) to the moment the bot's reply reaches the server
(``BotMessage.sent_at``); replies are matched to updates in order, chat by chat (each text
gets exactly one reply). The latency is split at the moment a ``getUpdates`` answer first
carried the update (``FakeBotApi.delivered_at``): waiting to be fetched, then handling.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.testing import FakeBotApi
    from bot.testing.user import FakeUser


@dataclass
class OpenLoopResult:
    """Seconds, one entry per answered update; ``unanswered`` had no reply by the end."""

    latencies: list[float] = field(default_factory=list)
    fetch_waits: list[float] = field(default_factory=list)  # queued -> first getUpdates answer
    offered: int = 0
    elapsed: float = 0.0  # of the offering, without the drain
    unanswered: int = 0


async def offer(
    server: FakeBotApi,
    users: list[FakeUser],
    *,
    rate: float,
    seconds: float,
    seed: int,
    drain: float,
) -> OpenLoopResult:
    """Offer updates for ``seconds`` at ``rate`` a second (Poisson), then wait up to ``drain``
    seconds for the replies still due."""
    rng = random.Random(seed)
    before = {user.chat_id: server.message_count(user.chat_id) for user in users}
    # per chat: (update_id, when it was queued), in order
    queued: dict[int, list[tuple[int, float]]] = {chat_id: [] for chat_id in before}
    started = time.monotonic()
    due = started + rng.expovariate(rate)
    count = 0
    while due < started + seconds:
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        user = users[count % len(users)]
        count += 1
        # the actual time, not ``due``: when this loop falls behind, the update is available
        # only from now, and the bot cannot be blamed for the wait before it
        available = time.monotonic()
        await user.send(f"message {count} from chat {user.chat_id}")
        queued[user.chat_id].append((server.last_update_id, available))
        due += rng.expovariate(rate)
    result = OpenLoopResult(offered=count, elapsed=time.monotonic() - started)

    def all_answered() -> bool:
        return all(
            server.message_count(chat_id) - before[chat_id] >= len(updates)
            for chat_id, updates in queued.items()
        )

    await server.wait_until(all_answered, drain)
    for chat_id, updates in queued.items():
        replies = server.messages(chat_id)[before[chat_id] :]
        for (update_id, available), reply in zip(updates, replies, strict=False):
            result.latencies.append(reply.sent_at - available)
            result.fetch_waits.append(server.delivered_at[update_id] - available)
        result.unanswered += max(0, len(updates) - len(replies))
    return result
