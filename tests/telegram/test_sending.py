"""The bot's messages reach Telegram (the fake server) as python-telegram-bot's own methods
would send them, without the Message objects the bot does not need."""

from __future__ import annotations

import warnings

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken
from telegram.ext import AIORateLimiter, ExtBot

from bot.telegram import sending
from bot.telegram.render import Outgoing
from bot.testing import FakeBotApi

KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Да", callback_data="o|consent|yes")]])


@pytest.fixture(autouse=True)
def direct_calls_expected() -> None:
    sending.expect_direct_calls()  # as build_application does


def bot_on(server: FakeBotApi) -> Bot:
    return Bot(server.token, base_url=server.base_url)


async def test_a_message_is_sent_as_html_with_its_keyboard(fake_bot_api: FakeBotApi) -> None:
    fake_bot_api.user(user_id=2101, first_name="Vera")
    async with bot_on(fake_bot_api) as bot:
        first = await sending.send_message(bot, 2101, Outgoing("<b>Боль</b> &lt; 3"))
        second = await sending.send_message(bot, 2101, Outgoing("Согласны?", KEYBOARD))

    assert [first, second] == [m.message_id for m in fake_bot_api.messages(2101)]
    assert first != second
    call = fake_bot_api.calls_of("sendMessage")[1]
    assert call.params == {
        "chat_id": 2101,
        "text": "Согласны?",
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
        "reply_markup": {"inline_keyboard": [[{"text": "Да", "callback_data": "o|consent|yes"}]]},
    }
    assert fake_bot_api.messages(2101)[0].text == "Боль < 3"


async def test_an_edit_replaces_the_text_and_drops_the_keyboard(fake_bot_api: FakeBotApi) -> None:
    fake_bot_api.user(user_id=2102, first_name="Oleg")
    async with bot_on(fake_bot_api) as bot:
        message_id = await sending.send_message(bot, 2102, Outgoing("Согласны?", KEYBOARD))
        await sending.edit_message_text(bot, 2102, message_id, "Согласны?\n\n<b>› Да</b>")

    (message,) = fake_bot_api.messages(2102)
    assert message.text == "Согласны?\n\n› Да"
    assert not message.is_inline_keyboard


async def test_removing_the_keyboard_keeps_the_text(fake_bot_api: FakeBotApi) -> None:
    fake_bot_api.user(user_id=2103, first_name="Lev")
    async with bot_on(fake_bot_api) as bot:
        message_id = await sending.send_message(bot, 2103, Outgoing("Согласны?", KEYBOARD))
        await sending.remove_keyboard(bot, 2103, message_id)
        with pytest.raises(BadRequest):  # Telegram's errors, as from its own methods
            await sending.remove_keyboard(bot, 2103, message_id + 100)

    (message,) = fake_bot_api.messages(2103)
    assert (message.text, message.is_inline_keyboard) == ("Согласны?", False)


async def test_the_call_is_the_one_send_message_makes(fake_bot_api: FakeBotApi) -> None:
    fake_bot_api.user(user_id=2104, first_name="Ira")
    async with bot_on(fake_bot_api) as bot:
        await bot.send_message(
            2104, "<b>Q</b>", parse_mode=ParseMode.HTML, reply_markup=KEYBOARD,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )  # fmt: skip
        await sending.send_message(bot, 2104, Outgoing("<b>Q</b>", KEYBOARD))

    ptb, ours = fake_bot_api.calls_of("sendMessage")
    assert ours.params == ptb.params


# python-telegram-bot's own notice, raised as it reads the error
@pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")
async def test_a_429_is_waited_out_by_the_rate_limiter(fake_bot_api: FakeBotApi) -> None:
    fake_bot_api.user(user_id=2105, first_name="Ada")
    fake_bot_api.fail_next("sendMessage", error_code=429, retry_after=1)
    limited = ExtBot(
        fake_bot_api.token,
        base_url=fake_bot_api.base_url,
        rate_limiter=AIORateLimiter(max_retries=1),
    )
    async with limited as bot:
        message_id = await sending.send_message(bot, 2105, Outgoing("hello"))

    assert [c.status for c in fake_bot_api.calls_of("sendMessage")] == [429, 200]
    assert [m.message_id for m in fake_bot_api.messages(2105)] == [message_id]


async def test_a_refused_token_is_reported_as_send_message_reports_it(
    fake_bot_api: FakeBotApi,
) -> None:
    fake_bot_api.user(user_id=2106, first_name="Kim")
    fake_bot_api.fail_next("sendMessage", error_code=401)
    async with bot_on(fake_bot_api) as bot:
        # do_api_request alone would say EndPointNotFound: "no such method"
        with pytest.raises(InvalidToken):
            await sending.send_message(bot, 2106, Outgoing("hello"))


async def test_python_telegram_bots_advice_is_silenced_and_nothing_else(
    fake_bot_api: FakeBotApi,
) -> None:
    fake_bot_api.user(user_id=2107, first_name="Eva")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sending.expect_direct_calls()  # after "always", so that it comes first
        async with bot_on(fake_bot_api) as bot:
            message_id = await sending.send_message(bot, 2107, Outgoing("Q", KEYBOARD))
            await sending.remove_keyboard(bot, 2107, message_id)
            await sending.edit_message_text(bot, 2107, message_id, "Q!")
            await bot.do_api_request("getMe")  # the same advice for another call stays

    assert [str(w.message).split(" instead")[0] for w in caught] == ["Please use 'Bot.getMe'"]
