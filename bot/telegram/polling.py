"""Long polling that confirms an update to Telegram only once it is handled.

python-telegram-bot's ``Updater`` confirms a batch (the next ``getUpdates`` offset) as soon
as it has fetched it, so a crash loses what was fetched and not yet handled. Here the bot's
``get_updates`` (python-telegram-bot's ``Updater`` calls it; the ``Bot`` is ours through
``ApplicationBuilder.bot``) waits until every update fetched before is handled
(``bot.telegram.updates``), fetches a small batch, and confirms the offset it computes
itself. An update python-telegram-bot cannot read is skipped alone: one WARNING line with
its id and type, nothing of its content, and the offset moves past it.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ExtBot

logger = logging.getLogger(__name__)

# Updates fetched at once: few, so that a crash has little to do again, but enough that a
# busy bot works on several chats at a time.
DEFAULT_FETCH_LIMIT = 32
# How long a stop waits for the updates in hand before confirming only what is handled.
STOP_WAIT_SECONDS = 10.0


class HandledOffsets:
    """Which fetched updates are not handled yet, and so which offset can be confirmed."""

    def __init__(self) -> None:
        self._unhandled: set[int] = set()
        self._next = 0
        self._all_handled = asyncio.Event()
        self._all_handled.set()

    def fetched(self, update_ids: Iterable[int]) -> None:
        for update_id in update_ids:
            self._unhandled.add(update_id)
            self._next = max(self._next, update_id + 1)
        if self._unhandled:
            self._all_handled.clear()

    def skipped(self, update_id: int) -> None:
        self._next = max(self._next, update_id + 1)

    def handled(self, update_id: int) -> None:
        self._unhandled.discard(update_id)
        if not self._unhandled:
            self._all_handled.set()

    @property
    def in_hand(self) -> int:
        return len(self._unhandled)

    async def confirmable(self, wait: float | None) -> int | None:
        """The offset to send: past everything fetched once it is all handled (waiting up to
        ``wait`` seconds, None: as long as it takes), else the first update not handled."""
        try:
            await asyncio.wait_for(self._all_handled.wait(), wait)
        except TimeoutError:
            return min(self._unhandled)
        return self._next or None


class DeliveryBot(ExtBot[Any]):
    """python-telegram-bot's bot, with ``get_updates`` as the module's doc says."""

    def __init__(self, *args: Any, fetch_limit: int = DEFAULT_FETCH_LIMIT, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # (python-telegram-bot freezes a bot's public attributes)
        self._offsets = HandledOffsets()
        self._fetch_limit = fetch_limit

    @property
    def offsets(self) -> HandledOffsets:
        return self._offsets

    @property
    def fetch_limit(self) -> int:
        return self._fetch_limit

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: dtm.timedelta | float | None = None,
        allowed_updates: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> tuple[Update, ...]:
        seconds = timeout.total_seconds() if isinstance(timeout, dtm.timedelta) else timeout
        # the Updater's last call, on stop, must not wait long; a long poll may wait
        offset = await self.offsets.confirmable(None if seconds else STOP_WAIT_SECONDS)
        try:
            raw = await self._fetch(offset, limit, seconds, allowed_updates, **kwargs)
        except TelegramError as error:
            if seconds:
                raise  # python-telegram-bot's Updater retries, with its pauses
            # the Updater's last call, on stop: the updates not confirmed come again after
            # the restart and are recognised; python-telegram-bot would log an ERROR
            logger.warning("could not confirm the last updates on stop (%s)", type(error).__name__)
            return ()
        updates = []
        for data in raw or ():
            update = self._read(data)
            if update is not None:
                updates.append(update)
        self.offsets.fetched(update.update_id for update in updates)
        return tuple(updates)

    async def _fetch(
        self,
        offset: int | None,
        limit: int | None,
        seconds: float | None,
        allowed_updates: Sequence[str] | None,
        **kwargs: Any,
    ) -> Any:
        return await self.do_api_request(
            "getUpdates",
            api_kwargs={
                "offset": offset,
                "limit": min(limit or self.fetch_limit, self.fetch_limit),
                "timeout": seconds,
                "allowed_updates": allowed_updates,
            },
            # as Bot.get_updates: a long poll may take its timeout before it answers
            read_timeout=(self._request[0].read_timeout or 0) + (seconds or 0),
            **{k: v for k, v in kwargs.items() if k != "read_timeout"},
        )

    def _read(self, data: Any) -> Update | None:
        try:
            update = Update.de_json(data, self)
            self.insert_callback_data(update)
            return update
        except Exception as error:
            update_id = data.get("update_id") if isinstance(data, dict) else None
            kinds = [k for k in data if k != "update_id"] if isinstance(data, dict) else []
            logger.warning(
                "skipped update %s (%s): it cannot be read (%s)",
                update_id, kinds[0] if kinds else "unknown", type(error).__name__,
            )  # fmt: skip
            if isinstance(update_id, int):
                self.offsets.skipped(update_id)
            return None
