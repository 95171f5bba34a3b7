"""Every reply reaches the person: handlers put replies in the outbox (with the step that made
them, in one transaction), and the ``Sender`` delivers them, in order per chat.

- A 5xx, a network error or a timeout is retried with growing pauses; a 429 pauses only the
  chat it was about, for the ``retry_after`` Telegram asked.
- A reply is taken out of the outbox only once Telegram has accepted it; after a crash or a
  restart what is still owed is sent on start-up.
- A reply that waited longer than ``stale_after`` seconds is not sent as if fresh: a short
  "sorry for the delay" and the person's current question go instead.
- A chat that cannot be written to (the person blocked the bot, the chat is gone) loses its
  pending replies, with one WARNING line that carries no text.
- All chats together stay under ``max_per_second``; under load, cosmetic edits (taking the
  buttons off a message too old for its text to be edited) are dropped first.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError
from telegram.error import RetryAfter as TelegramRetryAfter
from telegram.warnings import PTBDeprecationWarning

from bot.conversation import Conversations, OutboxReply
from bot.telegram import sending
from bot.telegram.logs import warn_throttled
from bot.telegram.render import Outgoing

logger = logging.getLogger(__name__)

SEND, EDIT, UNKEYBOARD, REKEYBOARD = "send", "edit", "unkeyboard", "rekeyboard"
# A retried reply waits this long after its first failure, doubling up to the maximum.
FIRST_PAUSE_SECONDS = 0.5
MAX_PAUSE_SECONDS = 30.0
# Calls queueing for this long mean load: cosmetic edits are dropped then.
BUSY_SECONDS = 0.25
# How long a stop waits for the outbox to empty; what is left is sent after the restart.
STOP_SECONDS = 5.0

# (chat id, person) -> the bodies that replace a chat's stale replies
StaleReplacement = Callable[[int, str | None, bool], Awaitable[list[dict[str, Any]]]]


class Outbox(Protocol):
    """What the sender needs of ``Conversations``: the outbox's replies."""

    async def owed_replies(self) -> list[OutboxReply]: ...

    async def add_replies(
        self, chat_id: int, bodies: list[dict[str, Any]], person: str | None
    ) -> list[OutboxReply]: ...

    async def delivered(self, reply_ids: list[int]) -> None: ...


# -- what handlers call: replies into the outbox of the update being handled ------------


def message_body(message: Outgoing) -> dict[str, Any]:
    keyboard = message.keyboard.to_dict() if message.keyboard is not None else None
    return {"kind": SEND, "text": message.text, "keyboard": keyboard}


def queue_message(
    conversations: Conversations, chat_id: int, person: str | None, message: Outgoing
) -> None:
    conversations.queue_reply(chat_id, message_body(message), person)


def queue_edit(
    conversations: Conversations, chat_id: int, person: str | None, message_id: int, html: str
) -> None:
    """Replace a message's text; Telegram drops its buttons with it."""
    body = {"kind": EDIT, "message_id": message_id, "text": html}
    conversations.queue_reply(chat_id, body, person)


def queue_keyboard(
    conversations: Conversations,
    chat_id: int,
    person: str | None,
    message_id: int,
    keyboard: InlineKeyboardMarkup,
) -> None:
    """Redraw a message's buttons in place (a checklist's tick): an answer, never dropped."""
    body = {"kind": REKEYBOARD, "message_id": message_id, "keyboard": keyboard.to_dict()}
    conversations.queue_reply(chat_id, body, person)


def queue_remove_keyboard(
    conversations: Conversations, chat_id: int, person: str | None, message_id: int
) -> None:
    """Take a message's buttons away: cosmetic, the first thing dropped under load."""
    body = {"kind": UNKEYBOARD, "message_id": message_id}
    conversations.queue_reply(chat_id, body, person)


# -- delivery ---------------------------------------------------------------------------


class Pacer:
    """All chats' calls together at most ``per_second``: each takes the next free slot."""

    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second
        self._next = 0.0

    def busy(self) -> bool:
        """Whether calls are queueing: a call now would wait more than ``BUSY_SECONDS``."""
        return self._next - time.monotonic() > BUSY_SECONDS

    async def slot(self) -> None:
        now = time.monotonic()
        start = max(now, self._next)
        self._next = start + self.interval
        if start > now:
            await asyncio.sleep(start - now)


class Sender:
    def __init__(
        self,
        bot: Bot,
        outbox: Outbox,
        *,
        max_per_second: float = 30.0,
        stale_after: float = 600.0,
        replace_stale: StaleReplacement | None = None,
        concurrency: int = 8,
    ) -> None:
        self.bot = bot
        # calls at once: no more than the connection pool holds, so that none waits for a
        # connection long enough to time out
        self._calls = asyncio.Semaphore(concurrency)
        self.outbox = outbox
        self.pacer = Pacer(max_per_second)
        self.drop_cosmetic_under_load = True  # the capacity benchmark compares both
        self.stale_after = stale_after
        self.replace_stale = replace_stale
        self.dropped_cosmetic = 0
        self._queues: dict[int, deque[OutboxReply]] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._deleting: set[asyncio.Task[None]] = set()
        self._idle = asyncio.Event()
        self._idle.set()

    async def start(self) -> None:
        """Send what the outbox still owes from before the restart."""
        self.post(await self.outbox.owed_replies())

    def post(self, replies: list[OutboxReply]) -> None:
        """Deliver replies now in the outbox (each chat's after its earlier ones)."""
        for reply in replies:
            queue = self._queues.get(reply.chat_id)
            if queue is None:
                queue = self._queues[reply.chat_id] = deque()
            queue.append(reply)
            if reply.chat_id not in self._workers:
                self._idle.clear()
                worker = asyncio.create_task(self._work(reply.chat_id))
                self._workers[reply.chat_id] = worker

    @property
    def pending(self) -> int:
        return sum(len(queue) for queue in self._queues.values())

    async def stop(self, timeout: float = STOP_SECONDS) -> None:
        """Deliver what is queued within ``timeout``; the rest stays in the outbox."""
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            for worker in list(self._workers.values()):
                worker.cancel()
            await asyncio.gather(*self._workers.values(), return_exceptions=True)
        await asyncio.gather(*self._deleting, return_exceptions=True)

    async def _work(self, chat_id: int) -> None:
        queue = self._queues[chat_id]
        failures = 0
        try:
            while queue:
                reply = queue[0]
                if self.stale_after and time.time() - reply.created_at > self.stale_after:
                    await self._replace_stale(chat_id, queue)
                    continue
                try:
                    async with self._calls:
                        await self._deliver(chat_id, reply)
                except TelegramRetryAfter as error:
                    with warnings.catch_warnings():  # its type changes in a later version
                        warnings.simplefilter("ignore", PTBDeprecationWarning)
                        pause = error.retry_after
                    seconds = pause if isinstance(pause, int | float) else pause.total_seconds()
                    warn_throttled(
                        logger, "retry_after", "Telegram asked to wait %.0f s in one chat", seconds
                    )
                    await asyncio.sleep(seconds)
                    continue
                except (Forbidden, ChatMigrated) as error:
                    self._drop_chat(chat_id, queue, type(error).__name__)
                    break
                except BadRequest as error:
                    if "chat not found" in error.message.lower():
                        self._drop_chat(chat_id, queue, "chat not found")
                        break
                    self._drop_refused(reply, error)
                except InvalidToken:
                    logger.error("the bot token was refused: replies stay in the outbox")
                    return
                except NetworkError as error:  # 5xx, timeouts, connection errors
                    failures += 1
                    pause = min(MAX_PAUSE_SECONDS, FIRST_PAUSE_SECONDS * 2 ** (failures - 1))
                    warn_throttled(
                        logger, "network", "Telegram unreachable (%s); a reply retried in %.1f s",
                        type(error).__name__, pause,
                    )  # fmt: skip
                    await asyncio.sleep(pause)
                    continue
                except Exception as error:  # the bot's own fault: this reply, not the chat
                    logger.error("reply %s dropped: %s", reply.id, type(error).__name__)
                failures = 0
                queue.popleft()
                self._delete([reply.id])
        finally:
            # (what is left after a stop or a refused token stays in the outbox's rows)
            self._queues.pop(chat_id, None)
            del self._workers[chat_id]
            if not self._workers:
                self._idle.set()

    async def _deliver(self, chat_id: int, reply: OutboxReply) -> None:
        body = reply.body
        kind = body.get("kind")
        if kind == SEND:
            await self.pacer.slot()
            markup = body.get("keyboard")
            keyboard = InlineKeyboardMarkup.de_json(markup, None) if markup else None
            await sending.send_message(self.bot, chat_id, Outgoing(body["text"], keyboard))
        elif kind == EDIT:
            await self.pacer.slot()
            await sending.edit_message_text(
                self.bot, chat_id, int(body["message_id"]), body["text"]
            )
        elif kind == REKEYBOARD:
            await self.pacer.slot()
            keyboard = InlineKeyboardMarkup.de_json(body["keyboard"], None)
            await sending.replace_keyboard(self.bot, chat_id, int(body["message_id"]), keyboard)
        elif kind == UNKEYBOARD:
            if body.get("message_id") is None:
                return  # queued by an older version for "the last question": left as it is
            if self.drop_cosmetic_under_load and self.pacer.busy():  # answers go first
                self.dropped_cosmetic += 1
                return
            await self.pacer.slot()
            await sending.remove_keyboard(self.bot, chat_id, int(body["message_id"]))
        else:
            logger.error("outbox reply %s has an unknown kind; dropped", reply.id)

    async def _replace_stale(self, chat_id: int, queue: deque[OutboxReply]) -> None:
        stale = []
        while queue and time.time() - queue[0].created_at > self.stale_after:
            stale.append(queue.popleft())
        person = next((r.person for r in reversed(stale) if r.person), None)
        logger.warning(
            "%d replies waited too long for one chat; sending the current question", len(stale)
        )
        bodies = (
            await self.replace_stale(chat_id, person, bool(queue)) if self.replace_stale else []
        )
        fresh = await self.outbox.add_replies(chat_id, bodies, person)
        queue.extendleft(reversed(fresh))
        self._delete([r.id for r in stale])

    def _drop_chat(self, chat_id: int, queue: deque[OutboxReply], why: str) -> None:
        logger.warning(
            "dropped %d replies to a chat that cannot be written to (%s)", len(queue), why
        )
        self._delete([r.id for r in queue])
        queue.clear()

    def _drop_refused(self, reply: OutboxReply, error: BadRequest) -> None:
        """Telegram refused this one call for good: an edit of a message too old or unchanged
        is expected; a message refused is the bot's own fault."""
        if reply.body.get("kind") == SEND:
            logger.error("Telegram refused reply %s: %s", reply.id, error.message)
        else:
            logger.debug("an edit was refused: %s", error.message)

    def _delete(self, reply_ids: list[int]) -> None:
        if not reply_ids:
            return
        task = asyncio.create_task(self.outbox.delivered(reply_ids))
        self._deleting.add(task)
        task.add_done_callback(self._deleting.discard)
