"""A fake person who talks to the bot in a private chat on a :class:`FakeBotApi`.

.. code:: python

    user = server.user(user_id=1001, first_name="Anna", language_code="ru")
    await user.send_command("start", payload="spring_promo")
    greeting = await user.next_reply(timeout=5)
    assert greeting.keyboard[0][0] == ("Да", "yes")
    await user.press("да")              # by label (exact, then case-insensitive) or callback data
    edited = await user.next_edit()     # the bot edits the question to show the choice
    await user.send_sticker()
    await user.wait_idle()
    print("\\n".join(map(str, user.transcript)))

Every wait is bounded by its ``timeout``; when it runs out the helper raises
:class:`AssertionError` with the end of the chat's transcript, so a failing test says what
the bot did instead of hanging.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from bot.testing.bot_api_types import BotMessage, Button, TranscriptEntry

if TYPE_CHECKING:
    from bot.testing.fake_bot_api import FakeBotApi

__all__ = ["FakeUser"]

_file_ids = itertools.count(1)


class FakeUser:
    """A person in a private chat with the bot. Create it with :meth:`FakeBotApi.user`.

    The chat id equals the user id, as in Telegram's private chats. Replies are read in order:
    :meth:`next_reply` returns the bot's messages sent after this object was created, one by
    one.
    """

    def __init__(
        self,
        server: FakeBotApi,
        *,
        user_id: int,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
    ) -> None:
        self.server = server
        self.user_id = user_id
        self.chat_id = user_id
        self.user: dict[str, Any] = server.user_object(
            user_id,
            first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )
        self.update_ids: list[int] = []
        self._reply_cursor = server.message_count(self.chat_id)
        self._edit_cursor = len(self._edits())

    # --- what the user sees ----------------------------------------------------------------

    @property
    def transcript(self) -> list[TranscriptEntry]:
        """The chat so far, in order: what the user sent and pressed, what the bot sent,
        edited, deleted and answered. ``str(entry)`` reads like ``bot> Hello  [Yes] | [No]``."""
        return self.server.transcript(self.chat_id)

    @property
    def messages(self) -> list[BotMessage]:
        """The bot's messages in this chat, oldest first (edits applied, deleted included)."""
        return self.server.messages(self.chat_id)

    @property
    def last_message(self) -> BotMessage | None:
        """The bot's latest message that is not deleted."""
        alive = [message for message in self.messages if not message.deleted]
        return alive[-1] if alive else None

    @property
    def last_keyboard(self) -> list[list[Button]]:
        """The buttons of the latest bot message that has a keyboard, row by row, each as
        ``(text, callback_data or url)``; ``[]`` when no message has one."""
        message = self._keyboard_message()
        return message.keyboard if message else []

    # --- sending ---------------------------------------------------------------------------

    async def send(
        self, text: str, *, entities: Sequence[Mapping[str, Any]] | None = None
    ) -> dict[str, Any]:
        """Type and send a text message; returns the Bot API ``Message`` object."""
        return await self._message(text=text, entities=entities)

    async def send_command(self, command: str, payload: str | None = None) -> dict[str, Any]:
        """Send ``/command`` (with its ``bot_command`` entity), e.g. ``send_command("start",
        payload="spring_promo")`` for a user who followed ``t.me/<bot>?start=spring_promo``."""
        command = command.removeprefix("/")
        text = f"/{command}" + (f" {payload}" if payload else "")
        entity = {"type": "bot_command", "offset": 0, "length": len(command) + 1}
        return await self._message(text=text, entities=[entity], transcript_kind="command")

    async def press(self, button: str, *, message_id: int | None = None) -> dict[str, Any]:
        """Press a button of the latest bot message that has a keyboard (or of ``message_id``).

        ``button`` is matched against the labels, exactly and then case-insensitively, and then
        against the callback data. An inline button sends a ``callback_query`` (returned); a
        reply-keyboard button sends its label as a text message (returned).

        Raises:
            AssertionError: No message has a keyboard, or no button matches.
        """
        message = self._keyboard_message(message_id)
        if message is None:
            raise AssertionError(
                f"cannot press {button!r}: no bot message with a keyboard"
                + (f" (message_id={message_id})" if message_id is not None else "")
                + self._recent()
            )
        buttons = [b for row in message.keyboard for b in row]
        found = (
            next((b for b in buttons if b.text == button), None)
            or next((b for b in buttons if b.text.casefold() == button.casefold()), None)
            or next((b for b in buttons if message.is_inline_keyboard and b.data == button), None)
        )
        if found is None:
            labels = ", ".join(f"{b.text!r} ({b.data})" for b in buttons)
            raise AssertionError(
                f"no button {button!r} under message {message.message_id}; it has: {labels}"
                + self._recent()
            )
        if not message.is_inline_keyboard:
            return await self._message(text=found.text, transcript_kind="press")
        raw = next(
            raw
            for row in message.reply_markup["inline_keyboard"]  # type: ignore[index]
            for raw in row
            if raw.get("text") == found.text
        )
        if "callback_data" not in raw:
            raise AssertionError(
                f"button {found.text!r} is not a callback button ({sorted(raw)}); "
                "pressing it sends nothing to the bot"
            )
        return await self._callback(message, str(raw["callback_data"]), label=found.text)

    async def send_callback(self, data: str, *, message_id: int | None = None) -> dict[str, Any]:
        """Send a ``callback_query`` with any ``data``, even data no button carries (a forged
        or outdated button), under ``message_id`` or the bot's latest message."""
        if message_id is None:
            message = self.last_message
        else:
            message = next((m for m in self.messages if m.message_id == message_id), None)
        if message is None:
            raise AssertionError("no bot message to attach the callback query to" + self._recent())
        return await self._callback(message, data, label=None)

    async def edit(self, text: str, *, message_id: int | None = None) -> dict[str, Any]:
        """Edit one of the user's own messages (the latest text one by default): the bot gets
        an ``edited_message`` update."""
        if message_id is None:
            mine = [
                entry
                for entry in self.transcript
                if entry.sender == "user"
                and entry.kind in ("text", "command")
                and entry.message_id is not None
            ]
            if not mine:
                raise AssertionError("the user has sent no text message to edit")
            message_id = mine[-1].message_id
        assert message_id is not None
        edited = self.server.add_edited_message(self.chat_id, message_id, text)
        self.update_ids.append(self.server.last_update_id)
        await asyncio.sleep(0)
        return edited

    async def send_sticker(self, emoji: str = "👍") -> dict[str, Any]:
        """Send a sticker."""
        sticker = {
            **self._file(),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return await self._message(
            extra={"sticker": sticker}, transcript_kind="sticker", transcript_text=emoji
        )

    async def send_photo(self, caption: str | None = None) -> dict[str, Any]:
        """Send a photo (two sizes, as Telegram does), optionally with a caption."""
        sizes = [
            {**self._file(), "width": w, "height": w * 3 // 4, "file_size": w * 90}
            for w in (90, 1280)
        ]
        return await self._message(
            extra=_with_caption({"photo": sizes}, caption),
            transcript_kind="photo",
            transcript_text=caption or "",
        )

    async def send_voice(self, duration: int = 3) -> dict[str, Any]:
        """Send a voice message."""
        voice = {**self._file(), "duration": duration, "mime_type": "audio/ogg"}
        return await self._message(
            extra={"voice": voice}, transcript_kind="voice", transcript_text=f"{duration} s"
        )

    async def send_video(self, duration: int = 5, caption: str | None = None) -> dict[str, Any]:
        """Send a video."""
        video = {**self._file(), "width": 640, "height": 360, "duration": duration}
        return await self._message(
            extra=_with_caption({"video": video}, caption),
            transcript_kind="video",
            transcript_text=caption or "",
        )

    async def send_document(
        self,
        file_name: str = "scan.pdf",
        mime_type: str = "application/pdf",
        caption: str | None = None,
    ) -> dict[str, Any]:
        """Send a document (a file)."""
        document = {**self._file(), "file_name": file_name, "mime_type": mime_type}
        return await self._message(
            extra=_with_caption({"document": document}, caption),
            transcript_kind="document",
            transcript_text=file_name,
        )

    async def send_location(
        self, latitude: float = 55.7558, longitude: float = 37.6173
    ) -> dict[str, Any]:
        """Share a location."""
        location = {"latitude": latitude, "longitude": longitude}
        return await self._message(
            extra={"location": location},
            transcript_kind="location",
            transcript_text=f"{latitude}, {longitude}",
        )

    async def send_contact(self, phone_number: str = "+70000000000") -> dict[str, Any]:
        """Share the user's own contact card."""
        contact = {
            "phone_number": phone_number,
            "first_name": self.user["first_name"],
            "user_id": self.user_id,
        }
        return await self._message(
            extra={"contact": contact}, transcript_kind="contact", transcript_text="(contact)"
        )

    async def send_poll(
        self, question: str = "Which is better?", options: Sequence[str] = ("Yes", "No")
    ) -> dict[str, Any]:
        """Send a poll."""
        poll_id = str(next(_file_ids))
        poll = {
            "id": poll_id,
            "question": question,
            "options": [
                {"text": option, "voter_count": 0, "persistent_id": f"{poll_id}-{index}"}
                for index, option in enumerate(options)
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            # Required by python-telegram-bot 22.8 (Bot API 9.6 and 10.0).
            "allows_revoting": False,
            "members_only": False,
        }
        return await self._message(
            extra={"poll": poll}, transcript_kind="poll", transcript_text=question
        )

    def block_bot(self, blocked: bool = True) -> None:
        """Block (or unblock) the bot: sending to this chat answers 403 Forbidden."""
        self.server.set_blocked(self.chat_id, blocked)

    # --- waiting ---------------------------------------------------------------------------

    async def next_reply(self, timeout: float = 5.0) -> BotMessage:
        """The next message the bot sends to this chat (each is returned once, in order).

        The returned object is live: it shows later edits too.

        Raises:
            AssertionError: No new message within ``timeout`` seconds.
        """

        def arrived() -> bool:
            return self.server.message_count(self.chat_id) > self._reply_cursor

        if not await self.server.wait_until(arrived, timeout, chat_id=self.chat_id):
            raise AssertionError(
                f"no reply from the bot within {timeout:g} s" + self._diagnosis() + self._recent()
            )
        message = self.server.messages(self.chat_id)[self._reply_cursor]
        self._reply_cursor += 1
        return message

    async def next_edit(self, timeout: float = 5.0) -> BotMessage:
        """The message of the next edit the bot makes in this chat (text or keyboard).

        Raises:
            AssertionError: No new edit within ``timeout`` seconds.
        """
        if not await self.server.wait_until(
            lambda: len(self._edits()) > self._edit_cursor, timeout
        ):
            raise AssertionError(
                f"no edit by the bot within {timeout:g} s" + self._diagnosis() + self._recent()
            )
        entry = self._edits()[self._edit_cursor]
        self._edit_cursor += 1
        return next(m for m in self.messages if m.message_id == entry.message_id)

    async def wait_answer(self, query: Mapping[str, Any], timeout: float = 5.0) -> dict[str, Any]:
        """Wait until the bot answers the callback ``query`` (as returned by :meth:`press`);
        returns the answer's parameters (``text``, ``show_alert``, ``url`` when given)."""
        query_id = str(query["id"])
        answers = self.server.callback_answers
        if not await self.server.wait_until(lambda: query_id in answers, timeout):
            raise AssertionError(
                f"the bot did not answer callback query {query_id} within {timeout:g} s"
                + self._diagnosis()
                + self._recent()
            )
        return answers[query_id]

    async def wait_idle(self, quiet: float = 0.15, timeout: float = 5.0) -> None:
        """Wait until the bot has fetched everything this user sent and then made no call
        about this chat for ``quiet`` seconds.

        It is a quiet period, not a proof: a handler that sleeps longer than ``quiet`` before
        answering looks idle.

        Raises:
            AssertionError: The bot did not fetch the updates, or kept calling, within
                ``timeout`` seconds.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout

        def fetched() -> bool:
            return not any(self.server.is_pending(update_id) for update_id in self.update_ids)

        if not await self.server.wait_until(fetched, timeout):
            raise AssertionError(
                f"the bot did not fetch this user's updates within {timeout:g} s"
                + self._diagnosis()
                + self._recent()
            )
        while True:
            seen = self._chat_call_count()
            changed = await self.server.wait_until(
                lambda seen=seen: self._chat_call_count() != seen,  # type: ignore[misc]
                quiet,
            )
            if not changed:
                return
            if loop.time() > deadline:
                raise AssertionError(
                    f"the bot kept working in this chat for {timeout:g} s" + self._recent()
                )

    # --- internals -------------------------------------------------------------------------

    async def _message(
        self,
        *,
        text: str | None = None,
        entities: Sequence[Mapping[str, Any]] | None = None,
        extra: Mapping[str, Any] | None = None,
        transcript_kind: str = "text",
        transcript_text: str | None = None,
    ) -> dict[str, Any]:
        message = self.server.add_message(
            self.server.chat({"id": self.chat_id}),
            self.user,
            text=text,
            entities=entities,
            extra=extra,
            transcript_kind=transcript_kind,
            transcript_text=transcript_text,
        )
        self.update_ids.append(self.server.last_update_id)
        # Let a waiting getUpdates answer before the test goes on.
        await asyncio.sleep(0)
        return message

    async def _callback(
        self, message: BotMessage, data: str, *, label: str | None
    ) -> dict[str, Any]:
        query = self.server.add_callback_query(self.user, message, data, label=label)
        self.update_ids.append(self.server.last_update_id)
        await asyncio.sleep(0)
        return query

    def _file(self) -> dict[str, Any]:
        number = next(_file_ids)
        return {"file_id": f"fake-file-{number}", "file_unique_id": f"fake-unique-{number}"}

    def _keyboard_message(self, message_id: int | None = None) -> BotMessage | None:
        for message in reversed(self.messages):
            if message.deleted:
                continue
            if message_id is not None:
                if message.message_id == message_id:
                    return message if message.keyboard else None
                continue
            if message.keyboard:
                return message
        return None

    def _edits(self) -> list[TranscriptEntry]:
        return [e for e in self.transcript if e.sender == "bot" and e.kind == "edit"]

    def _chat_call_count(self) -> int:
        return sum(1 for call in self.server.calls if call.params.get("chat_id") == self.chat_id)

    def _diagnosis(self) -> str:
        if not self.server.calls_of("getUpdates"):
            return (
                "; the bot never called getUpdates: is the application polling, with "
                "base_url=server.base_url?"
            )
        pending = [u for u in self.update_ids if self.server.is_pending(u)]
        if pending:
            return f"; {len(pending)} of this user's updates are not fetched by the bot yet"
        errors = [c for c in self.server.calls[-20:] if c.status != 200]
        if errors:
            return "; recent failed calls: " + ", ".join(
                f"{c.method} -> {c.status}" for c in errors
            )
        return ""

    def _recent(self, count: int = 8) -> str:
        entries = self.transcript[-count:]
        if not entries:
            return "\nThe chat is empty."
        return "\nLast in the chat:\n" + "\n".join(f"  {entry}" for entry in entries)

    def __repr__(self) -> str:
        return f"FakeUser(user_id={self.user_id})"


def _with_caption(extra: dict[str, Any], caption: str | None) -> dict[str, Any]:
    if caption:
        extra["caption"] = caption
    return extra
