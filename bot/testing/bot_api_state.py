"""The fake Bot API's state and what its methods do to it: chats and their messages, the
updates waiting for ``getUpdates``, injected faults, and waiting for the bot to act. The HTTP
side is ``bot.testing.fake_bot_api``."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bot.testing.bot_api_types import (
    _ERROR_DESCRIPTIONS,
    _OPT_IN_UPDATES,
    DEFAULT_TOKEN,
    ApiCall,
    ApiError,
    BotMessage,
    TranscriptEntry,
    _bad_request,
    _Chat,
    _chat_id,
    _check_markup,
    _Fault,
    _frozen,
    _int_param,
    _message_text,
    _Pending,
)


class BotApiState:
    """What a fake Telegram knows; see ``FakeBotApi`` for its use."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "triage_test_bot",
        bot_first_name: str = "Triage Test Bot",
    ) -> None:
        self.token = token
        head = token.split(":", 1)[0]
        self.bot_user: dict[str, Any] = {
            "id": int(head) if head.isdigit() else 123456789,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.calls: list[ApiCall] = []
        self.webhook_url: str = ""
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        #: update_id -> when (``time.monotonic()``) a ``getUpdates`` answer first carried it:
        #: a benchmark splits a reply's latency into waiting to be fetched and handling
        self.delivered_at: dict[int, float] = {}
        self._chats: dict[int, _Chat] = {}
        self._pending: list[_Pending] = []
        self._sent_updates: dict[int, dict[str, Any]] = {}
        self._next_update_id = 100_001
        self._next_callback_id = 1
        self._allowed_updates: frozenset[str] | None = None
        self._poll_generation = 0
        self._failures: dict[str, list[_Fault]] = {}
        self._held: set[str] = set()
        self._released = asyncio.Event()
        # who waits for a change: of anything (key None), or of one chat's messages
        self._waiters: dict[int | None, list[asyncio.Future[None]]] = {}
        self._closing = False

    # --- what the bot did ------------------------------------------------------------------

    def calls_of(self, method: str) -> list[ApiCall]:
        """The calls of one method (case-insensitive name), in order."""
        wanted = method.lower()
        return [call for call in self.calls if call.method.lower() == wanted]

    def messages(self, chat_id: int) -> list[BotMessage]:
        """Messages the bot sent to a chat, oldest first, deleted ones included."""
        chat = self._chats.get(chat_id)
        return list(chat.bot_messages) if chat else []

    def message_count(self, chat_id: int) -> int:
        """How many messages the bot has sent to a chat (cheap: for polling predicates)."""
        chat = self._chats.get(chat_id)
        return len(chat.bot_messages) if chat else 0

    def transcript(self, chat_id: int) -> list[TranscriptEntry]:
        """What happened in a chat, in order: the user's messages and presses, the bot's
        messages, edits, deletions and callback answers."""
        chat = self._chats.get(chat_id)
        return list(chat.transcript) if chat else []

    @property
    def last_update_id(self) -> int:
        """The ``update_id`` of the latest update added."""
        return self._next_update_id - 1

    def is_pending(self, update_id: int) -> bool:
        """Whether an update is still queued: not yet fetched, or fetched but not confirmed by
        a later ``getUpdates`` offset."""
        return any(entry.update_id == update_id for entry in self._pending)

    def fail_next(
        self,
        method: str,
        error_code: int = 429,
        retry_after: int = 1,
        *,
        description: str | None = None,
        times: int = 1,
        chat_id: int | None = None,
        delay: float = 0.0,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` (about ``chat_id`` only, if given) with
        an error instead of doing them, after ``delay`` seconds.

        A 429 answers as Telegram does, with ``parameters.retry_after``, so that
        python-telegram-bot raises :class:`telegram.error.RetryAfter`::

            {"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 1",
             "parameters": {"retry_after": 1}}
        """
        text = description or _ERROR_DESCRIPTIONS.get(error_code, "Injected failure")
        parameters = None
        if error_code == 429:
            text = text.format(retry_after=retry_after)
            parameters = {"retry_after": retry_after}
        queue = self._failures.setdefault(method.lower(), [])
        queue.extend(
            _Fault(ApiError(error_code, text, parameters), chat_id, delay) for _ in range(times)
        )

    def time_out_next(self, method: str, seconds: float, *, times: int = 1) -> None:
        """Let the next ``times`` calls of ``method`` wait ``seconds`` and then fail with a 500,
        NOT done: a client whose read timeout is shorter sees a timeout."""
        self.fail_next(method, 500, delay=seconds, times=times)

    def hold(self, *methods: str) -> None:
        """Keep calls of ``methods`` waiting, not done, until :meth:`release`; a call whose
        client went away meanwhile (it was killed) is then dropped, never done."""
        self._held.update(method.lower() for method in methods)
        self._released.clear()

    def release(self) -> None:
        self._held.clear()
        self._released.set()

    async def wait_for_call(
        self,
        method: str,
        *,
        since: int = 0,
        where: Callable[[ApiCall], bool] | None = None,
        timeout: float = 5.0,
    ) -> ApiCall:
        """Wait for a call of ``method`` at index ``since`` or later in :attr:`calls` (take
        ``since=len(server.calls)`` before acting to see only new ones) that ``where`` accepts.

        Raises:
            AssertionError: When none came within ``timeout`` seconds.
        """
        wanted = method.lower()

        def find() -> ApiCall | None:
            for call in self.calls[since:]:
                if call.method.lower() == wanted and (where is None or where(call)):
                    return call
            return None

        if not await self.wait_until(lambda: find() is not None, timeout):
            seen = ", ".join(call.method for call in self.calls[since:][-10:]) or "none"
            raise AssertionError(
                f"no {method} call within {timeout:g} s; last calls since #{since}: {seen}"
            )
        result = find()
        assert result is not None
        return result

    async def wait_until(
        self, predicate: Callable[[], bool], timeout: float, *, chat_id: int | None = None
    ) -> bool:
        """Wait until ``predicate()`` is true, re-checking whenever the server's state changes
        (a call arrived, an update was added). Returns ``False`` after ``timeout`` seconds.

        With ``chat_id``, re-check only on calls about that chat: for a predicate that
        depends on nothing else, so that many users waiting at once do not wake each other.
        """
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                while not predicate():
                    waiter: asyncio.Future[None] = loop.create_future()
                    self._waiters.setdefault(chat_id, []).append(waiter)
                    try:
                        await waiter
                    finally:  # when woken, ``_notify`` has taken it out already
                        with contextlib.suppress(ValueError):
                            self._waiters[chat_id].remove(waiter)
        except TimeoutError:
            return predicate()
        return True

    def _notify(self, chat_id: int | None = None) -> None:
        """Wake who waits for any change, and who waits for ``chat_id`` (everyone if None)."""
        keys = list(self._waiters) if chat_id is None else [None, chat_id]
        for key in keys:
            waiters = self._waiters.get(key)
            if not waiters:
                continue
            self._waiters[key] = []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)

    # --- users and chats -------------------------------------------------------------------

    def user_object(
        self,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
    ) -> dict[str, Any]:
        """A Bot API ``User`` object for a person; also opens their private chat."""
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        private = {
            key: user[key] for key in ("id", "first_name", "last_name", "username") if key in user
        }
        self.chat(private | {"type": "private"})
        return user

    def chat(self, info: Mapping[str, Any]) -> dict[str, Any]:
        """Register a chat (a Bot API ``Chat`` object) so the bot may send to it; returns it.

        Groups and channels have negative ids: ``{"id": -1001, "type": "group", "title": "X"}``.
        """
        chat_id = int(info["id"])
        if chat_id not in self._chats:
            self._chats[chat_id] = _Chat(info=dict(info))
        return self._chats[chat_id].info

    def set_blocked(self, chat_id: int, blocked: bool = True) -> None:
        """Make sending to this chat answer 403 "Forbidden: bot was blocked by the user"."""
        self._chat(chat_id).blocked = blocked

    def _chat(self, chat_id: int) -> _Chat:
        try:
            return self._chats[chat_id]
        except KeyError:
            raise _bad_request("chat not found") from None

    # --- injecting updates -----------------------------------------------------------------

    def add_update(self, kind: str, payload: Mapping[str, Any]) -> dict[str, Any]:
        """Queue a raw update ``{"update_id": N, kind: payload}`` for ``getUpdates``; returns it.

        The helpers below build the usual kinds; use this one for anything else
        (``my_chat_member``, ``message_reaction``, ...).
        """
        update: dict[str, Any] = {"update_id": self._next_update_id, kind: dict(payload)}
        self._next_update_id += 1
        self._sent_updates[update["update_id"]] = update
        self._pending.append(_Pending(update))
        chat = payload.get("chat") or payload.get("message", {}).get("chat") or {}
        chat_id = chat.get("id") if isinstance(chat, dict) else None  # malformed on purpose?
        self._notify(chat_id if isinstance(chat_id, int) else None)
        return update

    def add_duplicate(self, update_id: int) -> dict[str, Any]:
        """Deliver an already sent update again with the same ``update_id``, as Telegram does
        when it was not confirmed (a crash, a webhook retry). The server does not dedupe: the
        bot must. The copy is delivered in a ``getUpdates`` answer of its own."""
        original = self._sent_updates[update_id]
        copy = json.loads(json.dumps(original))
        self._pending.append(_Pending(copy, redelivery=True))
        self._notify()
        return copy

    def add_message(
        self,
        chat: Mapping[str, Any],
        from_user: Mapping[str, Any] | None,
        *,
        text: str | None = None,
        entities: Sequence[Mapping[str, Any]] | None = None,
        extra: Mapping[str, Any] | None = None,
        kind: str = "message",
        transcript_kind: str = "text",
        transcript_text: str | None = None,
    ) -> dict[str, Any]:
        """Queue a message update from a user (or, with ``from_user=None`` and
        ``kind="channel_post"``, a channel post); returns the ``Message`` object."""
        self.chat(chat)
        state = self._chats[int(chat["id"])]
        message: dict[str, Any] = {
            "message_id": state.take_message_id(),
            "date": int(time.time()),
            "chat": dict(state.info),
        }
        if from_user is not None:
            message["from"] = dict(from_user)
        elif kind == "channel_post":
            message["sender_chat"] = dict(state.info)
        if text is not None:
            message["text"] = text
        if entities:
            message["entities"] = [dict(entity) for entity in entities]
        if extra:
            message.update(extra)
        state.user_messages[message["message_id"]] = message
        state.transcript.append(
            TranscriptEntry(
                "user",
                transcript_kind,
                transcript_text if transcript_text is not None else text or "",
                message["message_id"],
            )
        )
        self.add_update(kind, message)
        return message

    def add_edited_message(self, chat_id: int, message_id: int, text: str) -> dict[str, Any]:
        """Queue an ``edited_message`` update: the user edited their message ``message_id``."""
        state = self._chat(chat_id)
        original = state.user_messages[message_id]
        edited = dict(original, text=text, edit_date=int(time.time()))
        edited.pop("entities", None)
        state.user_messages[message_id] = edited
        state.transcript.append(TranscriptEntry("user", "edit", text, message_id))
        kind = "edited_channel_post" if original["chat"]["type"] == "channel" else "edited_message"
        self.add_update(kind, edited)
        return edited

    def add_callback_query(
        self,
        from_user: Mapping[str, Any],
        message: BotMessage,
        data: str,
        *,
        label: str | None = None,
    ) -> dict[str, Any]:
        """Queue a ``callback_query`` as if ``from_user`` pressed a button with ``data`` under
        ``message``; returns the ``CallbackQuery`` object (its ``id`` is what the bot must
        answer). ``data`` is not checked against the keyboard, so forged data can be sent."""
        state = self._chat(message.chat_id)
        query = {
            "id": str(self._next_callback_id),
            "from": dict(from_user),
            "message": self._message_object(state, message),
            "chat_instance": f"ci{message.chat_id}",
            "data": data,
        }
        self._next_callback_id += 1
        shown = f"[{label}]" if label is not None else f"data={data!r}"
        state.transcript.append(TranscriptEntry("user", "press", shown, message.message_id))
        self.add_update("callback_query", query)
        return query

    def _take_fault(self, method: str, params: Mapping[str, Any]) -> _Fault | None:
        faults = self._failures.get(method.lower())
        for index, fault in enumerate(faults or ()):
            if fault.chat_id is None or fault.chat_id == _chat_id(params):
                return faults.pop(index)  # type: ignore[union-attr]
        return None

    def _record(self, call: ApiCall) -> None:
        self.calls.append(call)
        self._notify(_chat_id(call.params))

    # --- methods ---------------------------------------------------------------------------

    def _true(self, params: dict[str, Any]) -> bool:
        return True

    def _get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        return dict(self.bot_user)

    def _deliverable(self, entry: _Pending) -> bool:
        allowed = self._allowed_updates
        if allowed is None:
            return entry.kind not in _OPT_IN_UPDATES
        return entry.kind in allowed

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            # A negative offset keeps only the last -offset updates, forgetting the rest.
            self._pending = self._pending[offset:]
        elif offset > 0:
            self._pending = [
                entry
                for entry in self._pending
                if entry.update_id >= offset or (entry.redelivery and not entry.delivered)
            ]

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook_url = ""
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook_url = str(params.get("url", ""))
        allowed = params.get("allowed_updates")
        if allowed is not None:
            self._allowed_updates = frozenset(allowed) if allowed else None
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self._allowed_updates is not None:
            info["allowed_updates"] = sorted(self._allowed_updates)
        return info

    def _target_chat(self, params: Mapping[str, Any]) -> _Chat:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad_request("chat_id is empty")
        if isinstance(chat_id, str):
            found = [c for c in self._chats.values() if f"@{c.info.get('username')}" == chat_id]
            if not found:
                raise _bad_request("chat not found")
            return found[0]
        return self._chat(int(chat_id))

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        state = self._target_chat(params)
        if state.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        raw_text, parse_mode, text = _message_text(params)
        markup = _check_markup(params.get("reply_markup"))
        message = BotMessage(
            chat_id=int(state.info["id"]),
            message_id=state.take_message_id(),
            text=text,
            raw_text=raw_text,
            parse_mode=parse_mode,
            reply_markup=markup,
            date=int(time.time()),
            sent_at=time.monotonic(),
            history=[text],
        )
        state.bot_messages.append(message)
        state.transcript.append(
            TranscriptEntry("bot", "message", text, message.message_id, _frozen(message.keyboard))
        )
        return self._message_object(state, message)

    def _find_bot_message(self, params: Mapping[str, Any], action: str) -> BotMessage:
        if params.get("inline_message_id"):
            raise _bad_request("inline messages are not supported by the fake server")
        state = self._target_chat(params)
        message_id = _int_param(params, "message_id", 0)
        for message in state.bot_messages:
            if message.message_id == message_id and not message.deleted:
                return message
        raise _bad_request(f"message to {action} not found")

    def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._find_bot_message(params, "edit")
        raw_text, parse_mode, text = _message_text(params)
        # Telegram drops the inline keyboard of a message edited without reply_markup.
        markup = _check_markup(params.get("reply_markup"))
        return self._apply_edit(message, text, raw_text, parse_mode, markup)

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._find_bot_message(params, "edit")
        markup = _check_markup(params.get("reply_markup"))
        return self._apply_edit(message, message.text, message.raw_text, message.parse_mode, markup)

    def _apply_edit(
        self,
        message: BotMessage,
        text: str,
        raw_text: str,
        parse_mode: str | None,
        markup: dict[str, Any] | None,
    ) -> dict[str, Any]:
        old_inline = message.reply_markup if message.is_inline_keyboard else None
        if text == message.text and markup == old_inline:
            raise _bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        if markup is not None and "inline_keyboard" not in markup:
            raise _bad_request("inline keyboard expected")
        message.text, message.raw_text, message.parse_mode = text, raw_text, parse_mode
        message.reply_markup = markup
        message.edit_date = int(time.time())
        if text != message.history[-1]:
            message.history.append(text)
        state = self._chat(message.chat_id)
        state.transcript.append(
            TranscriptEntry("bot", "edit", text, message.message_id, _frozen(message.keyboard))
        )
        return self._message_object(state, message)

    def _delete_message(self, params: dict[str, Any]) -> bool:
        message = self._find_bot_message(params, "delete")
        message.deleted = True
        self._chat(message.chat_id).transcript.append(
            TranscriptEntry("bot", "delete", "", message.message_id)
        )
        return True

    def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        query = next(
            (
                update["callback_query"]
                for update in self._sent_updates.values()
                if "callback_query" in update and update["callback_query"]["id"] == query_id
            ),
            None,
        )
        if query is None or query_id in self.callback_answers:
            raise _bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        answer: dict[str, Any] = {
            key: params[key] for key in ("text", "show_alert", "url") if key in params
        }
        self.callback_answers[query_id] = answer
        chat_id = query["message"]["chat"]["id"]
        if chat_id in self._chats:
            self._chats[chat_id].transcript.append(
                TranscriptEntry("bot", "answer", str(answer.get("text", "")))
            )
        return True

    @staticmethod
    def _scope_key(params: Mapping[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _set_my_commands(self, params: dict[str, Any]) -> bool:
        self.commands[self._scope_key(params)] = list(params.get("commands") or [])
        return True

    def _get_my_commands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self.commands.get(self._scope_key(params), [])

    def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        self.commands.pop(self._scope_key(params), None)
        return True

    def _message_object(self, state: _Chat, message: BotMessage) -> dict[str, Any]:
        result: dict[str, Any] = {
            "message_id": message.message_id,
            "from": dict(self.bot_user),
            "chat": dict(state.info),
            "date": message.date,
            "text": message.text,
        }
        if message.edit_date is not None:
            result["edit_date"] = message.edit_date
        if message.is_inline_keyboard:
            # Telegram shows only inline keyboards in Message.reply_markup.
            result["reply_markup"] = message.reply_markup
        return result
