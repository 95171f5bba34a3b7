"""The real python-telegram-bot Application against the fake Bot API: what a person sees."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from types import SimpleNamespace

import pytest

from bot.conversation import Conversations
from bot.engine import Engine, UserInput
from bot.settings import Settings
from bot.telegram.app import configure_logging
from bot.telegram.flood import FloodGuard
from bot.telegram.handlers import typing_later
from bot.testing import FakeBotApi
from bot.testing.fake_bot_api import BotMessage
from bot.testing.user import FakeUser

from .conftest import RunningBot


def rows(settings: Settings, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(settings.database) as db:
        return db.execute(sql, args).fetchall()


def option_data(message: BotMessage) -> list[str]:
    return [b.data for row in message.keyboard for b in row if b.data and b.data.startswith("o|")]


def choose(data: list[str]) -> str:
    """A cautious person: "no" or "none of these" where offered, else the first answer."""
    return next((d for d in data if d.endswith(("|no", "|done"))), data[0])


async def answer_by_buttons(user: FakeUser, first: BotMessage) -> tuple[BotMessage, list[str]]:
    """Press buttons until the advice arrives; returns it and the option ids pressed."""
    message, pressed = first, []
    for _ in range(60):
        if any(b.data == "b" for row in message.keyboard for b in row):
            break
        data = option_data(message)
        if not data:  # an open question: describe in words
            await user.send("my lower back hurts")
        else:
            chosen = choose(data)
            pressed.append(chosen.split("|")[2])
            await user.press(chosen)
        message = await user.next_reply()
    return message, pressed


def engine_advice(engine: Engine, lang: str, pressed: list[str]) -> str:
    """What the engine itself says for the same presses (the open question answered alike)."""
    turn = engine.start(lang)
    for option in pressed:
        while not turn.reply.options:
            turn = engine.step(turn.session, UserInput.text("my lower back hurts"))
        turn = engine.step(turn.session, UserInput.option(option))
    return turn.reply.text


# the bot's direct calls (bot.telegram.sending) are made on purpose: no warning about them
@pytest.mark.filterwarnings("error::telegram.warnings.PTBUserWarning")
@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_whole_conversation_by_buttons(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, engine: Engine, lang: str
) -> None:
    user = fake_bot_api.user(user_id=101, language_code=lang)
    async with running_bot():
        await user.send_command("start")
        greeting = await user.next_reply()
        assert ("Здоровая спина" if lang == "ru" else "Healthy Back Clinic") in greeting.text
        advice, pressed = await answer_by_buttons(user, greeting)
    assert advice.text == engine_advice(engine, lang, pressed)
    labels = [b.text for row in advice.keyboard for b in row]
    assert labels[0] == ("📅 Записаться на приём" if lang == "ru" else "📅 Book an appointment")
    # every pressed question now shows its answer and has no buttons left
    answered = [m for m in user.messages if "›" in m.text]
    assert len(answered) == len(pressed) and all(not m.keyboard for m in answered)
    # the bot's calls went as JSON bodies (bot.telegram.request), and Telegram read them whole
    edits = fake_bot_api.calls_of("editMessageText")
    assert {c.content_type for c in edits + fake_bot_api.calls_of("sendMessage")} == {
        "application/json"
    }


async def test_whole_conversation_by_free_text(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    user = fake_bot_api.user(user_id=102, language_code="en")
    async with running_bot(flood=FloodGuard(max_messages=1000)):  # a script types fast
        await user.send_command("start")
        await user.next_reply()
        await user.send("I agree")
        await user.next_reply()
        await user.send("my lower back hurts since yesterday after lifting a box")
        question = await user.next_reply()
        for _ in range(40):
            if any(b.data == "b" for row in question.keyboard for b in row):
                break
            data = option_data(question)
            if not data:  # an open question
                typed = "it just hurts"
            elif any(d.endswith(("|no", "|done")) for d in data):  # "done": a checklist
                typed = "no"
            else:
                typed = question.keyboard[-2 if len(question.keyboard) > 1 else 0][0].text
            await user.send(typed)
            question = await user.next_reply()
        assert any(b.data == "b" for row in question.keyboard for b in row), question.text
        assert "To book" in question.text
    # typed answers cost no call to take the answered questions' buttons away
    assert not fake_bot_api.calls_of("editMessageReplyMarkup")


async def test_emergency_sign_in_the_first_message(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    user = fake_bot_api.user(user_id=103, language_code="ru")
    async with running_bot():
        await user.send_command("start")
        await user.next_reply()
        await user.press("Согласен(на)")
        await user.next_reply()
        await user.send("болит поясница, и с утра не чувствую промежность, онемела")
        advice = await user.next_reply()
    assert "Нужна экстренная помощь" in advice.text
    assert "103" in advice.text


async def test_restart_of_the_bot_resumes_and_old_button_still_works(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, settings: Settings
) -> None:
    user = fake_bot_api.user(user_id=104, language_code="en")
    async with running_bot():
        await user.send_command("start")
        await user.next_reply()
        await user.press("I agree")
        await user.next_reply()
        await user.send("back pain")
        question = await user.next_reply()
    assert question.keyboard, "the question before the restart has buttons"
    node = option_data(question)[0].split("|")[1]
    assert rows(settings, "SELECT json_extract(state, '$.node') FROM sessions") == [(node,)]
    async with running_bot():  # a new process on the same database
        await user.press(choose(option_data(question)), message_id=question.message_id)
        following = await user.next_reply()
    assert following.keyboard and option_data(following)[0].split("|")[1] != node


async def test_a_press_on_a_message_telegram_no_longer_shows_still_counts(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    """After 48 hours Telegram sends a pressed message as "inaccessible" (date 0, no text):
    the answer counts and the buttons go, but the question is not overwritten."""
    user = fake_bot_api.user(user_id=117, language_code="en")
    async with running_bot():
        await user.send_command("start")
        consent = await user.next_reply()
        inaccessible = {"chat": {"id": 117, "type": "private"}, "message_id": consent.message_id,
                        "date": 0}  # fmt: skip
        fake_bot_api.add_update(
            "callback_query",
            {"id": "q117", "from": user.user, "chat_instance": "ci117",
             "message": inaccessible, "data": option_data(consent)[0]},
        )  # fmt: skip
        following = await user.next_reply()
    assert following.text.startswith("Please describe")
    assert consent.text.endswith("Do you agree?") and not consent.keyboard


async def test_double_press_gives_one_transition(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, settings: Settings
) -> None:
    user = fake_bot_api.user(user_id=105, language_code="en")
    async with running_bot():
        await user.send_command("start")
        consent = await user.next_reply()
        first = await user.press("I agree", message_id=consent.message_id)
        second = await user.send_callback(option_data(consent)[0], message_id=consent.message_id)
        await user.wait_answer(first)
        stale = await user.wait_answer(second)
        await user.wait_idle()
    assert stale.get("text") == "This question has moved on - please answer the latest one."
    described = rows(settings, "SELECT count(*) FROM events WHERE kind = 'option'")
    assert described == [(1,)]
    assert len([m for m in user.messages if m.text.startswith("Please describe")]) == 1


async def test_forged_and_stale_button_data_change_nothing(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, settings: Settings
) -> None:
    user = fake_bot_api.user(user_id=106, language_code="en")
    async with running_bot():
        await user.send_command("start")
        await user.next_reply()
        before = rows(settings, "SELECT state FROM sessions")
        answers = []
        for data in ["o|consent|delete_all", "o|emergency|restart", "x|y", "", "o|" + "z" * 70]:
            answers.append(await user.wait_answer(await user.send_callback(data)))
        await user.wait_idle()
        assert rows(settings, "SELECT state FROM sessions") == before
    assert all(a.get("text", "").startswith("This question has moved on") for a in answers)


@pytest.mark.slow
async def test_fifty_chats_interleaved_each_get_their_own_conversation(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    users = [
        fake_bot_api.user(user_id=1000 + i, language_code="en" if i % 2 else "ru")
        for i in range(50)
    ]

    async def converse(user: FakeUser) -> list[str]:
        await user.send_command("start")
        await user.next_reply(timeout=20)
        await user.press(option_data(user.last_message)[0])
        await user.next_reply(timeout=20)
        await user.send(f"back pain number {user.user_id}")
        question = await user.next_reply(timeout=20)
        return [m.text for m in user.messages] + [question.text]

    async with running_bot():
        transcripts = await asyncio.gather(*(converse(u) for u in users))
    for user, transcript in zip(users, transcripts, strict=True):
        greeting = "Здравствуйте" if user.user_id % 2 == 0 else "Hello"
        assert transcript[0].startswith(greeting)
        assert len(user.messages) == 3  # greeting, describe, first screening question
        assert all(m.chat_id == user.chat_id for m in user.messages)


@pytest.mark.parametrize(
    "send",
    ["send_sticker", "send_photo", "send_voice", "send_video", "send_document",
     "send_location", "send_contact", "send_poll"],
)  # fmt: skip
async def test_anything_but_text_gets_a_short_answer_and_nothing_is_stored(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, settings: Settings, send: str
) -> None:
    user = fake_bot_api.user(user_id=107, language_code="en")
    async with running_bot():
        await user.send_command("start")
        await user.next_reply()
        events = rows(settings, "SELECT count(*) FROM events")
        await getattr(user, send)()
        reply = await user.next_reply()
        assert rows(settings, "SELECT count(*) FROM events") == events
    assert reply.text == "I can read only text - please describe it in words or use the buttons."


async def test_edited_group_and_channel_messages(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    user = fake_bot_api.user(user_id=108, language_code="en")
    group = fake_bot_api.chat({"id": -100200, "type": "group", "title": "Clinic fans"})
    channel = fake_bot_api.chat({"id": -100300, "type": "channel", "title": "News"})
    async with running_bot():
        sent = await user.send("hello")
        await user.next_reply()
        fake_bot_api.add_edited_message(user.chat_id, sent["message_id"], "hello again")
        edited = await user.next_reply()
        entity = [{"type": "bot_command", "offset": 0, "length": 6}]
        fake_bot_api.add_message(group, user.user, text="/start", entities=entity)
        fake_bot_api.add_message(group, user.user, text="just chatting")
        fake_bot_api.add_message(channel, None, text="a post", kind="channel_post")
        await fake_bot_api.wait_until(lambda: fake_bot_api.message_count(group["id"]) >= 1, 5)
        await user.wait_idle()
    assert edited.text.startswith("I cannot see changes")
    assert [m.text for m in fake_bot_api.messages(group["id"])] == [
        "I answer health questions only in a private chat - please write to me directly."
    ]
    assert fake_bot_api.messages(channel["id"]) == []


async def test_deep_link_campaign_is_recorded_and_other_payloads_are_not(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, settings: Settings
) -> None:
    payloads = {109: "spring_promo", 110: "client_48213", 111: "<script>alert(1)</script>"}
    async with running_bot():
        for user_id, payload in payloads.items():
            user = fake_bot_api.user(user_id=user_id, language_code="en")
            await user.send_command("start", payload=payload)
            await user.next_reply()
    campaigns = sorted(r[0] or "-" for r in rows(settings, "SELECT campaign FROM sessions"))
    assert campaigns == ["-", "other", "spring_promo"]
    assert rows(settings, "SELECT count(*) FROM events WHERE campaign = 'spring_promo'") == [(1,)]
    stored = b"".join(p.read_bytes() for p in settings.data_dir.rglob("*") if p.is_file())
    assert b"client_48213" not in stored and b"script" not in stored


async def test_forget_asks_then_deletes_everything_of_that_person(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, settings: Settings
) -> None:
    user = fake_bot_api.user(user_id=111, language_code="en")
    other = fake_bot_api.user(user_id=112, language_code="en")
    async with running_bot():
        for person in (user, other):
            await person.send_command("start")
            await person.next_reply()
            await person.press("I agree")
            await person.next_reply()
        await user.send_command("forget")
        confirm = await user.next_reply()
        assert "cannot be undone" in confirm.text
        assert rows(settings, "SELECT count(*) FROM sessions") == [(2,)]
        await user.press("Yes, delete")
        await fake_bot_api.wait_until(lambda: confirm.text.startswith("Done"), 5)
    assert confirm.text.startswith("Done: deleted 1 conversation state(s) and 2 record(s).")
    assert not confirm.keyboard
    persons = rows(settings, "SELECT DISTINCT person FROM events")
    assert len(persons) == 1 and rows(settings, "SELECT count(*) FROM sessions") == [(1,)]


async def test_privacy_help_and_language(fake_bot_api: FakeBotApi, running_bot: RunningBot) -> None:
    user = fake_bot_api.user(user_id=113, language_code="de")  # not offered: English
    async with running_bot():
        await user.send_command("privacy")
        privacy = await user.next_reply()
        await user.send_command("help")
        helping = await user.next_reply()
        await user.send_command("start")
        await user.next_reply()
        await user.send_command("language")
        await user.next_reply()
        await user.press("Русский")
        switched = await user.next_reply()
    assert "90 days" in privacy.text and "/forget" in privacy.text
    assert "/restart" in helping.text
    assert "Вы согласны?" in switched.text


async def test_commands_menu_is_set_in_both_languages(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    async with running_bot():
        pass
    calls = fake_bot_api.calls_of("setMyCommands")
    languages = sorted(str(c.params.get("language_code")) for c in calls)
    assert languages == ["None", "en", "ru"]
    russian = next(c for c in calls if c.params.get("language_code") == "ru")
    assert {"command": "forget", "description": "Удалить ваши данные"} in russian.params["commands"]


async def test_429_from_telegram_is_waited_out(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    user = fake_bot_api.user(user_id=114, language_code="en")
    async with running_bot():
        fake_bot_api.fail_next("sendMessage", error_code=429, retry_after=1)
        await user.send_command("start")
        greeting = await user.next_reply(timeout=10)
    assert "Healthy Back Clinic" in greeting.text
    assert [c.status for c in fake_bot_api.calls_of("sendMessage")][:2] == [429, 200]


async def test_repeated_update_is_processed_once(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, settings: Settings
) -> None:
    user = fake_bot_api.user(user_id=115, language_code="en")
    async with running_bot():
        await user.send_command("start")
        await user.next_reply()
        await user.press("I agree")
        await user.next_reply()
        fake_bot_api.add_duplicate(fake_bot_api.last_update_id)
        await user.wait_idle()
    assert len(user.messages) == 2
    assert rows(settings, "SELECT count(*) FROM events WHERE kind = 'option'") == [(1,)]


async def test_a_flood_is_answered_once(fake_bot_api: FakeBotApi, running_bot: RunningBot) -> None:
    user = fake_bot_api.user(user_id=116, language_code="en")
    async with running_bot():
        await user.send_command("start")
        await user.next_reply()
        for number in range(50):
            await user.send(f"message {number}")
        await user.wait_idle(quiet=0.5, timeout=20)
    slow_down = [
        m for m in user.messages if m.text.startswith("You are sending messages very fast")
    ]
    assert len(slow_down) == 1
    assert len(user.messages) < 15


async def test_very_long_text_is_answered(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    user = fake_bot_api.user(user_id=117, language_code="en")
    async with running_bot():
        await user.send_command("start")
        await user.next_reply()
        await user.press("I agree")
        await user.next_reply()
        await user.send("my back hurts " * 715)  # 10,010 characters
        answer = await user.next_reply()
    assert answer.keyboard  # the next question, with its buttons


async def test_no_token_and_no_message_text_in_log_lines(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    user = fake_bot_api.user(user_id=118, language_code="en")
    configure_logging()  # as `python -m bot run` does
    caplog.set_level(logging.DEBUG, logger="bot")
    caplog.set_level(logging.INFO)
    async with running_bot():
        await user.send_command("start")
        await user.next_reply()
        await user.press("I agree")
        await user.next_reply()
        await user.send("I am Jonathan Pryce, +44 7700 900123, my back hurts")
        await user.next_reply()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert caplog.records, "nothing was logged: the test would prove nothing"
    assert fake_bot_api.token not in logged
    assert "Pryce" not in logged and "900123" not in logged


async def test_typing_is_shown_only_when_the_answer_takes_a_while(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    user = fake_bot_api.user(user_id=119, language_code="en")
    async with running_bot() as application:
        context = SimpleNamespace(bot=application.bot)
        typing = typing_later(context, user.chat_id, delay=0.05)  # type: ignore[arg-type]
        await asyncio.sleep(0.3)  # slow work
        typing.cancel()
        typing = typing_later(context, user.chat_id, delay=0.3)  # type: ignore[arg-type]
        await asyncio.sleep(0.01)  # quick work: no indicator
        typing.cancel()
        await user.send_command("start")
        await user.next_reply()
    actions = fake_bot_api.calls_of("sendChatAction")
    assert [(c.params["chat_id"], c.params["action"]) for c in actions] == [(119, "typing")]


async def test_no_personal_data_reaches_any_file_of_the_data_folder(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, settings: Settings
) -> None:
    user = fake_bot_api.user(
        user_id=987654321, first_name="Zebediah", username="zeb_the_great", language_code="en"
    )
    secrets = ["Pryce", "7700", "900123", "jpryce@example.com", "987654321", "Zebediah", "zeb_the"]
    async with running_bot():
        await user.send_command("start", payload="autumn_checkup")
        await user.next_reply()
        await user.press("I agree")
        await user.next_reply()
        await user.send("I'm Jonathan Pryce, call me on +44 7700 900123 or jpryce@example.com")
        await user.next_reply()
        await user.send("my back hurts, Jonathan")
        await user.next_reply()
        files = [p for p in settings.data_dir.rglob("*") if p.is_file()]
        assert any(p.name.endswith("-wal") for p in files)  # checked while the bot runs
        for path in files:
            content = path.read_bytes()
            for secret in secrets:
                assert secret.encode() not in content, f"{secret!r} found in {path.name}"
    stored = rows(settings, "SELECT value FROM events WHERE kind = 'text'")
    assert stored == [("I'm [NAME], call me on [PHONE] or [EMAIL]",), ("my back hurts, [NAME]",)]


async def test_a_failing_update_is_logged_without_what_was_said(
    fake_bot_api: FakeBotApi,
    running_bot: RunningBot,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def broken(self: object, person: str, user_input: UserInput, lang: str | None = None):
        raise KeyError(user_input.value)  # an exception whose message quotes the person

    user = fake_bot_api.user(user_id=120, language_code="en")
    caplog.set_level(logging.INFO)
    async with running_bot(raise_handler_errors=False):
        await user.send_command("start")
        await user.next_reply()
        monkeypatch.setattr(Conversations, "handle", broken)
        await user.send("I'm Jonathan Pryce, +44 7700 900123, my back hurts")
        apology = await user.next_reply()
    assert apology.text.startswith("Sorry, something went wrong on my side.")
    failure = next(r for r in caplog.records if "failed: KeyError" in r.getMessage())
    logged = failure.getMessage() + str(failure.exc_info) + str(failure.exc_text)
    assert "handlers.py" in logged  # where it failed
    for secret in ("Pryce", "7700", "back hurts"):
        assert secret not in logged, secret


async def agreed(user: FakeUser) -> None:
    await user.send_command("start")
    await user.next_reply()
    await user.press("I agree")
    await user.next_reply()


async def test_a_warning_sign_in_a_caption_or_an_edit_is_acted_on(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    user = fake_bot_api.user(user_id=121, language_code="en")
    async with running_bot():
        await agreed(user)
        await user.send_photo(caption="my MRI from last year")
        plain = await user.next_reply()
        await user.send_photo(caption="since this morning I can't feel my groin")
        caption_alarm = await user.next_reply()
        other = fake_bot_api.user(user_id=123, language_code="en")
        await agreed(other)
        sent = await other.send("my back hurts")
        await other.next_reply()
        await other.edit(
            "my back hurts and I cannot pee since yesterday", message_id=sent["message_id"]
        )
        edit_alarm = await other.next_reply()
    assert plain.text == "I can read only text - please describe it in words or use the buttons."
    assert caption_alarm.text.startswith("🚨 This needs emergency care now.")
    assert edit_alarm.text.startswith("🚨 This needs emergency care now.")


async def test_a_warning_sign_inside_a_flood_is_not_ignored(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    user = fake_bot_api.user(user_id=122, language_code="en")
    async with running_bot():
        await agreed(user)
        for number in range(15):
            await user.send(f"hello {number}")
        await user.send("I wet myself and my groin is numb")
        await user.wait_idle(quiet=0.5, timeout=20)
    assert any(m.text.startswith("🚨 This needs emergency care now.") for m in user.messages)


def replies_since(fake_bot_api: FakeBotApi, index: int) -> list[str]:
    """The methods the bot called since ``index`` of the calls, other than fetching updates."""
    return [call.method for call in fake_bot_api.calls[index:] if call.method != "getUpdates"]


async def test_one_step_costs_the_fewest_calls_and_old_buttons_are_answered_moved_on(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    user = fake_bot_api.user(user_id=131, language_code="en")
    async with running_bot():
        await user.send_command("start")
        consent = await user.next_reply()
        await user.wait_idle()
        before_press = len(fake_bot_api.calls)
        await user.press("I agree", message_id=consent.message_id)
        describe = await user.next_reply()
        await user.wait_idle()
        # the press: stop its spinner, turn the question into "answered", the next question
        pressed = replies_since(fake_bot_api, before_press)
        assert sorted(pressed) == ["answerCallbackQuery", "editMessageText", "sendMessage"]
        assert describe.keyboard, "the open question has its buttons (skip)"
        before_typing = len(fake_bot_api.calls)
        await user.send("my lower back hurts since yesterday")
        await user.next_reply()
        await user.wait_idle()
        # a typed answer: only the next question; the old buttons are not taken off
        typed = replies_since(fake_bot_api, before_typing)
        assert typed == ["sendMessage"]
        stale = await user.send_callback(option_data(describe)[0], message_id=describe.message_id)
        answer = await user.wait_answer(stale)
        await user.wait_idle()
    assert answer.get("text") == "This question has moved on - please answer the latest one."


async def test_a_burst_larger_than_the_update_queue_is_all_answered(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    users = [fake_bot_api.user(user_id=140 + n, language_code="en") for n in range(20)]
    async with running_bot(fetch_limit=4) as application:
        assert application.update_queue.maxsize == 4  # memory bounded, whatever the backlog
        for user in users:
            await user.send_command("start")
        greetings = [await user.next_reply(timeout=15) for user in users]
    assert all("Healthy Back Clinic" in greeting.text for greeting in greetings)
