"""Each update once, one chat's updates in order, different chats at the same time."""

from __future__ import annotations

import asyncio
import warnings

from telegram import Update

from bot.telegram.ordering import PerChatUpdateProcessor


def message_update(update_id: int, chat_id: int) -> Update:
    return Update.de_json(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "chat": {"id": chat_id, "type": "private"},
                "text": "hi",
            },
        },
        None,
    )


async def run_all(
    processor: PerChatUpdateProcessor, updates: list[Update]
) -> list[tuple[str, int]]:
    log: list[tuple[str, int]] = []

    async def handle(update: Update) -> None:
        log.append(("start", update.update_id))
        await asyncio.sleep(0.01)
        log.append(("end", update.update_id))

    await asyncio.gather(*(processor.process_update(u, handle(u)) for u in updates))
    return log


async def test_one_chat_is_handled_one_update_at_a_time_in_order() -> None:
    log = await run_all(PerChatUpdateProcessor(8), [message_update(n, 1) for n in (1, 2, 3)])
    assert log == [("start", 1), ("end", 1), ("start", 2), ("end", 2), ("start", 3), ("end", 3)]


async def test_different_chats_are_handled_at_the_same_time() -> None:
    log = await run_all(PerChatUpdateProcessor(8), [message_update(n, n) for n in (1, 2, 3)])
    assert log[:3] == [("start", 1), ("start", 2), ("start", 3)]


async def test_a_repeated_update_is_not_handled_again() -> None:
    seen: set[int] = set()

    async def first_seen(update_id: int) -> bool:
        new = update_id not in seen
        seen.add(update_id)
        return new

    processor = PerChatUpdateProcessor(8, first_seen)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a handler coroutine left un-awaited would warn
        log = await run_all(processor, [message_update(7, 1), message_update(7, 1)])
    assert log == [("start", 7), ("end", 7)]
