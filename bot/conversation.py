"""One conversation turn for any front end: load the session, step the engine, store both
the new session and an anonymised event of the turn.

``Conversations`` is the one door from the front ends (Telegram, the terminal chat) to the
core: they ask it, never its engine or its storage, what a person said means, what to keep and
what to erase. It holds no Telegram types.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot import metrics
from bot.content import Content
from bot.engine import Engine, Session, Turn, UserInput
from bot.events import ADVICE_EVENTS, ConceptFound, Event, EventKind, ReplyEvent
from bot.retention import cutoff
from bot.storage import deferred
from bot.storage.base import DuplicateUpdate, Storage, StoredSession, UpdateWrites
from bot.storage.base import OutboxReply as OutboxReply  # the outbox's unit, for the senders
from bot.storage.deferred import DeferredStorage

logger = logging.getLogger(__name__)


class TextScrubber(Protocol):
    def scrub(self, text: str) -> str: ...

    def prepare(self) -> object:
        """Load what ``scrub`` needs, so that the first text is not kept waiting."""


@dataclass
class Conversations:
    engine: Engine
    storage: Storage
    scrubber: TextScrubber
    channel: str  # "telegram" | "terminal", for the operators' reports
    _updates: DeferredStorage = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # an update's writes are kept back until it is handled, then written in one go
        # (``handle_update``); outside an update every call goes straight through
        updates = self.storage
        if not isinstance(updates, DeferredStorage):
            updates = DeferredStorage(self.storage)
        self.storage = self._updates = updates

    async def open(self) -> None:
        """Open the database (``bot.app.open_conversations`` does it for a ``with`` block)."""
        await self.storage.open()

    async def close(self) -> None:
        await self.storage.close()

    def prepare(self) -> None:
        """Load the scrubber now, not while the first person waits for an answer."""
        self.scrubber.prepare()

    @property
    def content(self) -> Content:
        """The texts, languages and clinic details the front ends word their replies with."""
        return self.engine.content

    async def session(self, person: str) -> Session | None:
        """Where ``person``'s conversation stands, if there is a readable one."""
        found = await self.current(person)
        return found[0] if found is not None else None

    async def current(self, person: str) -> tuple[Session, StoredSession] | None:
        """The stored session of ``person`` with what is stored with it (the conversation's
        id, its campaign), if there is a readable one."""
        stored = await self.storage.load_session(person)
        if stored is None or not stored.state:
            return None
        try:
            session = Session.from_json(stored.state)
        except ValueError:
            return None  # unreadable: a new conversation rather than a stuck one
        # (a session of an older dialogue is the engine's to restart: it still reads the text)
        return session, stored

    @metrics.counted("start")
    async def begin(self, person: str, lang: str | None, campaign: str | None = None) -> Turn:
        """A new conversation from the start (the first contact, or /start after the end)."""
        turn = self.engine.start(lang)
        conversation = uuid.uuid4().hex
        event = self._event(conversation, person, turn, campaign, None, EventKind.START, None)
        await self.storage.save_session(
            person, turn.session.to_json(), campaign, conversation, event
        )
        return turn

    @metrics.counted()
    async def handle(self, person: str, user_input: UserInput, lang: str | None = None) -> Turn:
        """The person's input applied to their conversation (started if there is none)."""
        found = await self.current(person)
        if found is None:
            return await self.begin(person, lang)
        session, stored = found
        turn = self.engine.step(session, user_input)
        conversation = stored.conversation or uuid.uuid4().hex
        if turn.reply.event == ReplyEvent.RESTARTED:
            conversation = uuid.uuid4().hex
        await self._store(person, session, stored, turn, user_input, conversation)
        return turn

    async def alarm(self, person: str, text: str) -> Turn | None:
        """The emergency advice if ``text`` (not an answer: a caption, an edit) names a warning
        sign; None, and nothing stored, otherwise."""
        found = await self.current(person)
        if found is None:
            return None
        session, stored = found
        turn = self.engine.alarm(session, text)
        if turn is None:
            return None
        conversation = stored.conversation or uuid.uuid4().hex
        await self._store(person, session, stored, turn, UserInput.text(text), conversation)
        return turn

    async def show(self, person: str, lang: str | None = None) -> Turn:
        """The current step again (after /start mid-conversation, or /language)."""
        found = await self.current(person)
        if found is None:
            return await self.begin(person, lang)
        session, _ = found
        if lang is not None:
            turn = self.engine.with_language(session, lang)
            await self.storage.save_session(person, turn.session.to_json())
            return turn
        return self.engine.step(session, UserInput.command("repeat"))

    async def log(self, person: str, kind: EventKind, value: str | None = None) -> None:
        """An event outside the dialogue, e.g. ``booking`` when the booking button is used."""
        found = await self.current(person)
        if found is None:
            return
        session, stored = found
        await self.storage.append_event(
            {
                "conversation": stored.conversation or "",
                "person": person,
                "channel": self.channel,
                "lang": session.lang,
                "campaign": stored.campaign,
                "node": session.node,
                "kind": kind,
                "value": value,
            }
        )

    def repeat(self, session: Session) -> Turn:
        """The current question of ``session`` asked again; nothing is stored."""
        return self.engine.step(session, UserInput.command("repeat"))

    def accepts(self, session: Session, option: str) -> bool:
        """Whether ``option`` answers the question ``session`` is at (a press on an older
        question's button does not)."""
        return self.engine.accepts(session, option)

    def toggles(self, session: Session, option: str) -> bool:
        """Whether ``option`` ticks a checklist box rather than answering the question."""
        return self.engine.toggles(session, option)

    def offers_booking(self, session: Session) -> bool:
        """Whether ``session`` ended with advice that offers to book a visit."""
        return self.engine.offers_booking(session)

    async def forget(self, person: str) -> dict[str, int]:
        """Erase everything kept about ``person`` (/forget): their session, their events and
        their undelivered replies; the counts erased ("sessions", "events", ...)."""
        return await self.storage.delete_person(person)

    async def purge_expired(self, retention_days: int) -> dict[str, int]:
        """Erase sessions and events older than ``retention_days``; the counts erased."""
        return await self.storage.purge(cutoff(retention_days))

    # -- updates and the outbox: a front end's update is handled once, its replies sent ----

    async def first_sight(self, update_id: int) -> bool:
        """True the first time an update id is seen; a re-delivery of an update in flight or
        already handled is not to be handled again."""
        return await self.storage.mark_update(update_id)

    async def handle_update(
        self, update_id: int, chat_id: int | None, handling: Awaitable[object], kind: str = ""
    ) -> list[OutboxReply] | None:
        """Await ``handling`` (a front end's handling of one update) with no other instance
        handling an update of ``chat_id`` meanwhile, its steps, events and replies kept back;
        then write them with ``update_id`` in one transaction. The replies to deliver, or
        None if another instance wrote this update first. If the writes fail nothing is
        written, the id is forgotten (a re-delivery is handled again) and the error raised.
        ``kind`` says what the update is ("message"...) in a log line, never what it says.
        """
        async with self.storage.exclusive(chat_id):
            with self._updates.collecting(update_id) as writes:
                await handling
            try:
                await self.storage.save_update(writes)
            except DuplicateUpdate:
                # a re-delivery reached another instance too, and that one was first
                logger.info("update %s was handled by another instance", update_id)
                return None
            except Exception as error:
                # nothing of the update is stored: it is handled when delivered again
                self.storage.unmark_update(update_id)
                logger.error(
                    "update %s (%s) could not be stored: %s",
                    update_id, kind or "unknown", type(error).__name__,
                )  # fmt: skip
                raise
        return writes.replies

    def queue_reply(self, chat_id: int, body: dict[str, Any], person: str | None) -> None:
        """A reply into the outbox, written with the step of the update being handled
        (``handle_update``); ``person`` lets a reply that waited too long be replaced by
        their current question."""
        deferred.add_reply(OutboxReply(chat_id, body, person))

    def discard_update(self) -> None:
        """Forget what the update being handled did so far (it failed half-way): its steps are
        not stored, nor its replies sent; only replies queued after this are."""
        deferred.discard_current()

    async def owed_replies(self) -> list[OutboxReply]:
        """Replies in the outbox not yet delivered, oldest first (after a restart: what is
        still owed, by this process or by an instance no longer running)."""
        return await self.storage.pending_replies()

    async def add_replies(
        self, chat_id: int, bodies: list[dict[str, Any]], person: str | None
    ) -> list[OutboxReply]:
        """Replies made outside any update (what replaces stale ones), into the outbox now."""
        replies = [OutboxReply(chat_id, body, person) for body in bodies]
        if replies:
            await self.storage.save_update(UpdateWrites(None, replies=replies))
        return replies

    async def delivered(self, reply_ids: list[int]) -> None:
        """Take delivered (or undeliverable) replies out of the outbox."""
        await self.storage.delete_replies(reply_ids)

    async def _store(
        self,
        person: str,
        session: Session,
        stored: StoredSession,
        turn: Turn,
        user_input: UserInput,
        conversation: str,
    ) -> None:
        """The new session and the event of the turn that ``session`` answered."""
        value: str | None = user_input.value
        if user_input.kind == "text":
            # without consent only the fact of a message is logged, not what it said
            consented = self.engine.consented(session)
            value = self.scrubber.scrub(user_input.value) if consented else None
        event = self._event(
            conversation, person, turn, stored.campaign, session.node,
            EventKind(user_input.kind), value,
        )  # fmt: skip
        await self.storage.save_session(person, turn.session.to_json(), None, conversation, event)

    def _event(
        self,
        conversation: str,
        person: str,
        turn: Turn,
        campaign: str | None,
        node: str | None,
        kind: EventKind,
        value: str | None,
    ) -> Event:
        reply = turn.reply
        concepts: list[ConceptFound] | None = None
        # without consent only the fact of a message is logged, not what it said or meant
        if reply.match is not None and not (kind == EventKind.TEXT and value is None):
            concepts = [
                {
                    "id": c.id,
                    "score": round(c.score, 1),
                    "negated": c.negated,
                    "uncertain": c.uncertain,
                }
                for c in reply.match.concepts
            ]
        return {
            "conversation": conversation,
            "person": person,
            "channel": self.channel,
            "lang": turn.session.lang,
            "campaign": campaign,
            "node": node,
            "kind": kind,
            "value": value,
            "concepts": concepts,
            "reply_node": reply.node,
            "event": reply.event,
            "outcome": reply.outcome if reply.event in ADVICE_EVENTS else None,
        }
