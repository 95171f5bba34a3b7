"""A real python-telegram-bot 22 Application against the fake Bot API server."""

from __future__ import annotations

import asyncio
import json
import logging
import time

import aiohttp
import pytest
from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, Conflict, EndPointNotFound, Forbidden, InvalidToken
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.testing import FakeBotApi, running_application

pytest_plugins = ["bot.testing.pytest_plugin"]

logging.getLogger("httpx").setLevel(logging.WARNING)

KEYBOARD = InlineKeyboardMarkup(
    [[InlineKeyboardButton("Yes", callback_data="yes"), InlineKeyboardButton("No", "no")]]
)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(update.effective_message.text or "?")


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text("Does it hurt?", reply_markup=KEYBOARD)


async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"You chose: {query.data}")


def build_app(server: FakeBotApi, token: str | None = None) -> Application:  # type: ignore[type-arg]
    """A tiny echo bot with one question, as the clinic's adapter will be built."""
    application = (
        ApplicationBuilder()
        .token(token or server.token)
        .base_url(server.base_url)
        # AIORateLimiter does not retry unless max_retries is set (its default is 0).
        .rate_limiter(AIORateLimiter(max_retries=2))
        .build()
    )
    application.add_handler(CommandHandler("ask", ask))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    application.add_handler(CallbackQueryHandler(choose))
    return application


async def test_message_round_trip(fake_bot_api: FakeBotApi) -> None:
    user = fake_bot_api.user(user_id=1001, first_name="Anna")
    async with running_application(build_app(fake_bot_api)):
        await user.send("My back hurts")
        reply = await user.next_reply(timeout=3)

    assert reply.text == "My back hurts"
    assert reply.chat_id == 1001
    methods = [call.method for call in fake_bot_api.calls]
    assert methods[:3] == ["getMe", "deleteWebhook", "getUpdates"]
    (send,) = fake_bot_api.calls_of("sendMessage")
    # What python-telegram-bot 22 puts on the wire: a urlencoded form, numbers JSON-encoded.
    assert send.content_type == "application/x-www-form-urlencoded"
    assert send.params["chat_id"] == 1001
    assert [str(entry) for entry in user.transcript] == [
        "user> My back hurts",
        "bot> My back hurts",
    ]


async def test_button_press_answers_and_edits(fake_bot_api: FakeBotApi) -> None:
    user = fake_bot_api.user(user_id=1002, first_name="Boris")
    async with running_application(build_app(fake_bot_api)):
        await user.send_command("ask")
        question = await user.next_reply(timeout=3)
        assert question.keyboard == [[("Yes", "yes"), ("No", "no")]]
        # The keyboard arrives JSON-encoded as a form field; the server decodes it.
        (send,) = fake_bot_api.calls_of("sendMessage")
        assert send.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "yes"

        query = await user.press("Yes")
        await user.wait_answer(query, timeout=3)
        edited = await user.next_edit(timeout=3)

    assert edited is question
    assert question.text == "You chose: yes"
    # editMessageText without reply_markup drops the keyboard, as on Telegram.
    assert question.keyboard == []
    assert question.history == ["Does it hurt?", "You chose: yes"]
    (answer,) = fake_bot_api.calls_of("answerCallbackQuery")
    assert answer.params["callback_query_id"] == query["id"]
    assert fake_bot_api.calls_of("editMessageText")[0].params["message_id"] == question.message_id


# RetryAfter.__init__ itself reads the deprecated int-valued retry_after in PTB 22.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_429_is_retried_by_aioratelimiter(fake_bot_api: FakeBotApi) -> None:
    user = fake_bot_api.user(user_id=1003, first_name="Vera")
    fake_bot_api.fail_next("sendMessage", error_code=429, retry_after=1)
    async with running_application(build_app(fake_bot_api)):
        await user.send("still there?")
        reply = await user.next_reply(timeout=3)

    assert reply.text == "still there?"
    first, second = fake_bot_api.calls_of("sendMessage")
    assert (first.status, second.status) == (429, 200)
    # AIORateLimiter waits retry_after + 0.1 s before it retries.
    assert second.time - first.time >= 1.0


async def test_429_body_is_telegrams(fake_bot_api: FakeBotApi) -> None:
    fake_bot_api.fail_next("getMe", error_code=429, retry_after=1)
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{fake_bot_api.base_url}{fake_bot_api.token}/getMe") as resp:
            assert resp.status == 429
            assert await resp.json() == {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 1",
                "parameters": {"retry_after": 1},
            }
        async with session.post(f"{fake_bot_api.base_url}{fake_bot_api.token}/getMe") as resp:
            assert resp.status == 200


async def test_invalid_token_raises_invalid_token(fake_bot_api: FakeBotApi) -> None:
    application = build_app(fake_bot_api, token="987654321:NotTheTokenOfThisServer")
    with pytest.raises(InvalidToken):
        await application.initialize()
    assert fake_bot_api.calls == []


async def test_wrong_base_url_raises_invalid_token(fake_bot_api: FakeBotApi) -> None:
    application = (
        ApplicationBuilder().token(fake_bot_api.token).base_url(fake_bot_api.base_url + "/").build()
    )
    with pytest.raises(InvalidToken):
        await application.initialize()


async def test_unknown_method_answers_404(fake_bot_api: FakeBotApi) -> None:
    async with aiohttp.ClientSession() as session:
        url = f"{fake_bot_api.base_url}{fake_bot_api.token}/notAMethod"
        async with session.post(url, json={"chat_id": 1}) as resp:
            assert resp.status == 404
            assert await resp.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found: method notAMethod",
            }
    application = build_app(fake_bot_api)
    async with application:
        with pytest.raises(EndPointNotFound):
            await application.bot.do_api_request("notAMethod", api_kwargs={"chat_id": 1})


async def test_json_multipart_and_query_bodies(fake_bot_api: FakeBotApi) -> None:
    fake_bot_api.user(user_id=1004, first_name="Gleb")
    base = f"{fake_bot_api.base_url}{fake_bot_api.token}"
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    async with aiohttp.ClientSession() as session:
        async with session.post(
            f"{base}/sendMessage", json={"chat_id": 1004, "text": "json", "reply_markup": markup}
        ) as resp:
            assert (await resp.json())["result"]["reply_markup"] == markup
        form = aiohttp.FormData()
        form.add_field("chat_id", "1004")
        form.add_field("text", "123")  # a text that looks like JSON stays a string
        form.add_field("reply_markup", json.dumps(markup))
        form.add_field("document", b"%PDF", filename="a.pdf", content_type="application/pdf")
        async with session.post(f"{base}/sendMessage", data=form) as resp:
            assert resp.status == 200
        async with session.get(f"{base}/sendMessage", params={"chat_id": "1004", "text": "q"}):
            pass

    json_call, multipart_call, query_call = fake_bot_api.calls_of("sendMessage")
    assert json_call.content_type == "application/json"
    assert multipart_call.content_type == "multipart/form-data"
    assert multipart_call.params["text"] == "123"
    assert multipart_call.params["reply_markup"] == markup
    assert multipart_call.files["document"].size == 4
    assert query_call.params == {"chat_id": 1004, "text": "q"}
    assert [m.text for m in fake_bot_api.messages(1004)] == ["json", "123", "q"]


async def test_long_polling_holds_and_honours_offset_limit_allowed(
    fake_bot_api: FakeBotApi,
) -> None:
    user = fake_bot_api.user(user_id=1005, first_name="Dina")
    url = f"{fake_bot_api.base_url}{fake_bot_api.token}/getUpdates"
    async with aiohttp.ClientSession() as session:

        async def get_updates(**params: object) -> list[dict[str, object]]:
            form = {key: json.dumps(value) for key, value in params.items()}
            async with session.post(url, data=form) as resp:
                body = await resp.json()
                assert body["ok"], body
                return body["result"]  # type: ignore[no-any-return]

        started = time.monotonic()
        assert await get_updates(timeout=0.3) == []
        assert time.monotonic() - started >= 0.3

        # An update that arrives during the wait ends it at once.
        waiting = asyncio.create_task(get_updates(timeout=5))
        await asyncio.sleep(0.05)
        await user.send("one")
        started = time.monotonic()
        (first,) = await asyncio.wait_for(waiting, 2)
        assert time.monotonic() - started < 1

        await user.send("two")
        await user.send("three")
        # Unconfirmed updates come again; limit cuts the batch.
        again = await get_updates(limit=2)
        assert [u["update_id"] for u in again] == [first["update_id"], first["update_id"] + 1]
        # The offset confirms everything before it.
        rest = await get_updates(offset=first["update_id"] + 2)
        assert [u["message"]["text"] for u in rest] == ["three"]

        # allowed_updates filters out other kinds and is remembered.
        four = await user.send("four")
        offset = rest[0]["update_id"] + 1
        assert await get_updates(offset=offset, allowed_updates=["edited_message"]) == []
        await user.edit("four, edited", message_id=four["message_id"])
        (edited,) = await get_updates()
        assert edited["edited_message"]["text"] == "four, edited"


async def test_a_waiting_long_poll_is_released_by_the_update_and_the_time_is_kept(
    fake_bot_api: FakeBotApi,
) -> None:
    """A benchmark measures reply latency from the moment an update is available: a waiting
    getUpdates must answer when the update arrives (not on a timer), and ``delivered_at`` says
    when it first did, unchanged by a later redelivery."""
    user = fake_bot_api.user(user_id=1006, first_name="Ewa")
    url = f"{fake_bot_api.base_url}{fake_bot_api.token}/getUpdates"
    async with aiohttp.ClientSession() as session:

        async def get_updates(**params: object) -> list[dict[str, object]]:
            form = {key: json.dumps(value) for key, value in params.items()}
            async with session.post(url, data=form) as resp:
                return (await resp.json())["result"]  # type: ignore[no-any-return]

        waiting = asyncio.create_task(get_updates(timeout=5))
        await fake_bot_api.wait_for_call("getUpdates", timeout=2)
        await asyncio.sleep(0.05)
        added = time.monotonic()
        await user.send("one")
        (first,) = await asyncio.wait_for(waiting, 2)
        update_id = int(first["update_id"])  # type: ignore[call-overload]
        # released by the update itself: a timer of 0.1 s or more would fail here
        assert 0 <= fake_bot_api.delivered_at[update_id] - added < 0.1
        first_delivery = fake_bot_api.delivered_at[update_id]

        await user.send("two")
        assert update_id + 1 not in fake_bot_api.delivered_at  # queued, not fetched yet
        # not confirmed (no offset): the first comes again, and its first delivery time stays
        assert [u["update_id"] for u in await get_updates()] == [update_id, update_id + 1]
        assert fake_bot_api.delivered_at[update_id] == first_delivery
        assert fake_bot_api.delivered_at[update_id + 1] > first_delivery


async def test_non_text_kinds_arrive_as_ptb_types(fake_bot_api: FakeBotApi) -> None:
    received: list[Update] = []

    async def collect(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        received.append(update)

    application = build_app(fake_bot_api)
    application.add_handler(TypeHandler(Update, collect), group=-1)
    user = fake_bot_api.user(user_id=1006, first_name="Egor")
    group = fake_bot_api.chat({"id": -100200, "type": "group", "title": "Clinic staff"})
    channel = fake_bot_api.chat({"id": -1003000, "type": "channel", "title": "Clinic news"})
    async with running_application(application):
        text = await user.send("plain")
        await user.send_sticker()
        await user.send_photo(caption="x-ray")
        await user.send_voice()
        await user.send_video()
        await user.send_document()
        await user.send_location()
        await user.send_contact()
        await user.send_poll()
        await user.edit("plain, edited", message_id=text["message_id"])
        fake_bot_api.add_message(group, user.user, text="hello group")
        fake_bot_api.add_message(channel, None, text="news", kind="channel_post")
        await fake_bot_api.wait_until(lambda: len(received) == 12, timeout=3)

    assert len(received) == 12, [u.to_dict() for u in received]
    by_kind = received[1:9]
    checks = [
        filters.Sticker.ALL,
        filters.PHOTO,
        filters.VOICE,
        filters.VIDEO,
        filters.Document.ALL,
        filters.LOCATION,
        filters.CONTACT,
        filters.POLL,
    ]
    for update, check in zip(by_kind, checks, strict=True):
        assert update.message is not None
        assert check.check_update(update), (check, update.message.to_dict())
        assert not filters.TEXT.check_update(update)
    assert by_kind[1].message.caption == "x-ray"  # type: ignore[union-attr]
    edited = received[9]
    assert edited.edited_message is not None
    assert edited.edited_message.text == "plain, edited"
    assert edited.edited_message.message_id == text["message_id"]
    in_group = received[10]
    assert in_group.effective_chat is not None
    assert in_group.effective_chat.type == "group"
    post = received[11]
    assert post.channel_post is not None
    assert post.channel_post.sender_chat is not None
    # The echo handler answered the group too; the channel post matched no handler.
    assert [m.text for m in fake_bot_api.messages(-100200)] == ["hello group"]


async def test_duplicated_update_id_is_delivered_twice(fake_bot_api: FakeBotApi) -> None:
    seen: list[int] = []

    async def collect(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(update.update_id)

    application = build_app(fake_bot_api)
    application.add_handler(TypeHandler(Update, collect), group=-1)
    user = fake_bot_api.user(user_id=1007, first_name="Zhanna")
    async with running_application(application):
        await user.send("once")
        await user.next_reply(timeout=3)
        fake_bot_api.add_duplicate(user.update_ids[0])
        await user.send("after")
        second = await user.next_reply(timeout=3)
        third = await user.next_reply(timeout=3)

    first_id = user.update_ids[0]
    assert seen == [first_id, first_id, first_id + 1]
    assert [second.text, third.text] == ["once", "after"]


async def test_bot_mistakes_answer_like_telegram(fake_bot_api: FakeBotApi) -> None:
    user = fake_bot_api.user(user_id=1008, first_name="Ivan")
    application = build_app(fake_bot_api)
    async with application:
        bot = application.bot
        # python-telegram-bot strips "Bad Request: " and capitalises the rest.
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(chat_id=5555, text="hi")
        with pytest.raises(BadRequest, match=r"(?i)too long"):
            await bot.send_message(chat_id=1008, text="x" * 4097)
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(chat_id=1008, text="<b>bold", parse_mode="HTML")
        sent = await bot.send_message(
            chat_id=1008, text="<b>Bold</b> &amp; plain", parse_mode="HTML", reply_markup=KEYBOARD
        )
        assert user.last_message is not None
        assert user.last_message.text == "Bold & plain"
        with pytest.raises(BadRequest, match=r"(?i)not modified"):
            await sent.edit_text("Bold & plain", reply_markup=KEYBOARD)
        await sent.edit_reply_markup(reply_markup=None)
        assert user.last_keyboard == []
        await sent.delete()
        with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
            await sent.delete()
        user.block_bot()
        with pytest.raises(Forbidden):
            await bot.send_message(chat_id=1008, text="hi")


async def test_housekeeping_methods(fake_bot_api: FakeBotApi) -> None:
    fake_bot_api.user(user_id=1009, first_name="Kira")
    application = build_app(fake_bot_api)
    async with application:
        bot = application.bot
        assert bot.username == "triage_test_bot"
        assert await bot.set_my_commands([BotCommand("start", "Start over")], language_code="ru")
        commands = await bot.get_my_commands(language_code="ru")
        assert [c.command for c in commands] == ["start"]
        assert await bot.send_chat_action(chat_id=1009, action=ChatAction.TYPING)
        assert await bot.set_webhook("https://example.org/hook", allowed_updates=["message"])
        info = await bot.get_webhook_info()
        assert (info.url, info.allowed_updates) == ("https://example.org/hook", ("message",))
        with pytest.raises(Conflict):
            await bot.get_updates()
        assert await bot.delete_webhook()
        assert await bot.get_updates() == ()
        assert await bot.log_out()
        assert await bot.close()


async def test_json_body_with_serialized_values(fake_bot_api: FakeBotApi) -> None:
    # python-telegram-bot's ``RequestData.json_payload`` JSON-encodes each value on its own,
    # so numbers and objects arrive as strings; Telegram reads them as it reads a form.
    fake_bot_api.user(user_id=1005, first_name="Dina")
    base = f"{fake_bot_api.base_url}{fake_bot_api.token}"
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    body = {"chat_id": "1005", "text": "42", "reply_markup": json.dumps(markup)}
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{base}/sendMessage", json=body) as resp,
    ):
        assert resp.status == 200
        assert (await resp.json())["result"]["reply_markup"] == markup

    (call,) = fake_bot_api.calls_of("sendMessage")
    assert call.params == {"chat_id": 1005, "text": "42", "reply_markup": markup}


async def test_a_fault_for_one_chat_leaves_the_others_alone(fake_bot_api: FakeBotApi) -> None:
    fake_bot_api.user(user_id=1101)
    fake_bot_api.user(user_id=1102)
    fake_bot_api.fail_next("sendMessage", 502, chat_id=1101)
    url = f"{fake_bot_api.base_url}{fake_bot_api.token}/sendMessage"
    async with aiohttp.ClientSession() as session:
        async with session.post(url, json={"chat_id": 1102, "text": "a"}) as other:
            assert other.status == 200
        async with session.post(url, json={"chat_id": 1101, "text": "b"}) as hit:
            assert hit.status == 502
        async with session.post(url, json={"chat_id": 1101, "text": "c"}) as after:
            assert after.status == 200
    assert [m.text for m in fake_bot_api.messages(1101)] == ["c"]


async def test_a_timeout_waits_and_does_not_do_the_call(fake_bot_api: FakeBotApi) -> None:
    fake_bot_api.user(user_id=1103)
    fake_bot_api.time_out_next("sendMessage", 0.3)
    url = f"{fake_bot_api.base_url}{fake_bot_api.token}/sendMessage"
    started = time.monotonic()
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json={"chat_id": 1103, "text": "a"}) as slow,
    ):
        assert slow.status == 500
    assert time.monotonic() - started >= 0.3
    assert fake_bot_api.messages(1103) == []


async def test_a_held_call_of_a_client_that_went_away_is_never_done(
    fake_bot_api: FakeBotApi,
) -> None:
    fake_bot_api.user(user_id=1104)
    fake_bot_api.hold("sendMessage")
    url = f"{fake_bot_api.base_url}{fake_bot_api.token}/sendMessage"
    async with aiohttp.ClientSession() as session:
        with pytest.raises(TimeoutError):  # the client gives up (as a killed process does)
            async with asyncio.timeout(0.3):
                await session.post(url, json={"chat_id": 1104, "text": "lost"})
    fake_bot_api.release()
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json={"chat_id": 1104, "text": "later"}) as later,
    ):
        assert later.status == 200
    assert [m.text for m in fake_bot_api.messages(1104)] == ["later"]
