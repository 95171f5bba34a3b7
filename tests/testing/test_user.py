"""The fake user driver against a real python-telegram-bot 22 Application."""

from __future__ import annotations

import asyncio
import logging

import pytest
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.testing import FakeBotApi, running_application

pytest_plugins = ["bot.testing.pytest_plugin"]

logging.getLogger("httpx").setLevel(logging.WARNING)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    campaign = context.args[0] if context.args else "none"
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Да", callback_data="yes")],
            [InlineKeyboardButton("Нет", callback_data="no")],
            [InlineKeyboardButton("Book online", url="https://example.org/book")],
        ]
    )
    await update.effective_message.reply_text(
        f"campaign={campaign}. Болит спина?", reply_markup=keyboard
    )


async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(f"got {query.data}")
    await query.edit_message_text(f"Ответ: {query.data}")


async def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    keyboard = ReplyKeyboardMarkup([[KeyboardButton("Русский"), KeyboardButton("English")]])
    await update.effective_message.reply_text("Language?", reply_markup=keyboard)


async def text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None and message.text is not None
    if message.text == "twice":
        await message.reply_text("first")
        await asyncio.sleep(0.05)
        await message.reply_text("second")
    elif message.text == "boom":
        raise RuntimeError("handler failed")
    elif message.text == "silence":
        return
    else:
        await message.reply_text(f"you said {message.text}")


def build_app(server: FakeBotApi) -> Application:  # type: ignore[type-arg]
    application = ApplicationBuilder().token(server.token).base_url(server.base_url).build()
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("language", language))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, text))
    application.add_handler(CallbackQueryHandler(choose))
    return application


async def test_start_payload_and_keyboard(fake_bot_api: FakeBotApi) -> None:
    user = fake_bot_api.user(user_id=2001, first_name="Анна", language_code="ru")
    async with running_application(build_app(fake_bot_api)):
        await user.send_command("start", payload="spring_promo")
        reply = await user.next_reply(timeout=3)

    assert reply.text == "campaign=spring_promo. Болит спина?"
    assert user.last_keyboard == [
        [("Да", "yes")],
        [("Нет", "no")],
        [("Book online", "https://example.org/book")],
    ]


@pytest.mark.parametrize("button", ["Нет", "нет", "no"])
async def test_press_by_label_case_insensitive_label_or_data(
    fake_bot_api: FakeBotApi, button: str
) -> None:
    user = fake_bot_api.user(user_id=2002, first_name="Boris")
    async with running_application(build_app(fake_bot_api)):
        await user.send_command("start")
        question = await user.next_reply(timeout=3)
        query = await user.press(button)
        answer = await user.wait_answer(query, timeout=3)
        edited = await user.next_edit(timeout=3)

    assert query["data"] == "no"
    assert answer == {"text": "got no"}
    assert edited is question
    assert edited.text == "Ответ: no"
    assert user.last_keyboard == []
    assert [str(entry) for entry in user.transcript] == [
        "user command> /start",
        "bot> campaign=none. Болит спина?  [Да] / [Нет] / [Book online]",
        "user press> [Нет]",
        "bot answer> got no",
        "bot edit> Ответ: no",
    ]


async def test_press_unknown_or_url_button_fails_clearly(fake_bot_api: FakeBotApi) -> None:
    user = fake_bot_api.user(user_id=2003, first_name="Vera")
    with pytest.raises(AssertionError, match="no bot message with a keyboard"):
        await user.press("Да")
    async with running_application(build_app(fake_bot_api)):
        await user.send_command("start")
        await user.next_reply(timeout=3)
        with pytest.raises(AssertionError, match=r"no button 'Maybe'.*'Да' \(yes\)"):
            await user.press("Maybe")
        with pytest.raises(AssertionError, match="not a callback button"):
            await user.press("Book online")


async def test_reply_keyboard_press_sends_the_label(fake_bot_api: FakeBotApi) -> None:
    user = fake_bot_api.user(user_id=2004, first_name="Gleb")
    async with running_application(build_app(fake_bot_api)):
        await user.send_command("language")
        question = await user.next_reply(timeout=3)
        assert question.keyboard == [[("Русский", None), ("English", None)]]
        sent = await user.press("english")
        reply = await user.next_reply(timeout=3)

    assert sent["text"] == "English"
    assert reply.text == "you said English"


async def test_forged_callback_data_reaches_the_bot(fake_bot_api: FakeBotApi) -> None:
    user = fake_bot_api.user(user_id=2005, first_name="Dina")
    async with running_application(build_app(fake_bot_api)):
        await user.send_command("start")
        await user.next_reply(timeout=3)
        query = await user.send_callback("forged:' OR 1=1")
        answer = await user.wait_answer(query, timeout=3)

    assert answer["text"] == "got forged:' OR 1=1"


async def test_next_reply_times_out_with_the_chat_shown(fake_bot_api: FakeBotApi) -> None:
    user = fake_bot_api.user(user_id=2006, first_name="Egor")
    async with running_application(build_app(fake_bot_api)):
        await user.send("hello")
        await user.next_reply(timeout=3)
        await user.send("silence")
        with pytest.raises(AssertionError) as failure:
            await user.next_reply(timeout=0.2)

    message = str(failure.value)
    assert "no reply from the bot within 0.2 s" in message
    assert "bot> you said hello" in message
    assert message.endswith("user> silence")


async def test_next_reply_says_when_the_bot_does_not_poll(fake_bot_api: FakeBotApi) -> None:
    user = fake_bot_api.user(user_id=2007, first_name="Zhanna")
    await user.send("anyone?")
    with pytest.raises(AssertionError, match="never called getUpdates"):
        await user.next_reply(timeout=0.1)


async def test_wait_idle_waits_for_all_replies(fake_bot_api: FakeBotApi) -> None:
    user = fake_bot_api.user(user_id=2008, first_name="Ivan")
    async with running_application(build_app(fake_bot_api)):
        await user.send("twice")
        await user.wait_idle(quiet=0.15, timeout=3)
        assert [m.text for m in user.messages] == ["first", "second"]
        await user.send("silence")
        await user.wait_idle(quiet=0.05, timeout=3)

    assert [await user.next_reply(timeout=0), await user.next_reply(timeout=0)] == user.messages


async def test_handler_errors_fail_the_test(fake_bot_api: FakeBotApi) -> None:
    user = fake_bot_api.user(user_id=2009, first_name="Kira")
    with pytest.raises(AssertionError, match="handler failed"):
        async with running_application(build_app(fake_bot_api)):
            await user.send("boom")
            await user.wait_idle(timeout=3)


async def test_users_in_parallel_see_only_their_chat(fake_bot_api: FakeBotApi) -> None:
    users = [fake_bot_api.user(user_id=3000 + n, first_name=f"U{n}") for n in range(5)]

    async def talk(index: int) -> list[str]:
        user = users[index]
        texts = []
        for turn in range(3):
            await user.send(f"{index}-{turn}")
            texts.append((await user.next_reply(timeout=3)).text)
        return texts

    async with running_application(build_app(fake_bot_api)):
        results = await asyncio.gather(*(talk(n) for n in range(5)))

    for index, texts in enumerate(results):
        assert texts == [f"you said {index}-{turn}" for turn in range(3)]
