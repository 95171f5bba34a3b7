"""Issue 15 through the real Telegram stack (python-telegram-bot against the fake Bot API):
an emergency typed at the consent question, checklists ticked in place, booking only where
the advice offers it, and the language following the person."""

from __future__ import annotations

import json
import sqlite3

import pytest

from bot.callback_data import OPTION, callback
from bot.engine import Engine, UserInput
from bot.settings import Settings
from bot.telegram.render import reply_messages
from bot.testing import FakeBotApi
from bot.testing.fake_bot_api import BotMessage
from bot.testing.user import FakeUser

from ..content.listening_cases import CASES, Case, foreign_words
from .conftest import RunningBot


def labels(message: object) -> list[str]:
    return [b.text for row in message.keyboard for b in row]  # type: ignore[attr-defined]


async def edit_of(user: FakeUser, message_id: int) -> BotMessage:
    """The next edit of ``message_id`` (earlier edits of answered questions are passed by)."""
    for _ in range(10):
        edited = await user.next_edit()
        if edited.message_id == message_id:
            return edited
    raise AssertionError(f"message {message_id} was not edited")


async def say(user: FakeUser, engine: Engine, turn: object, item: str) -> tuple[object, list[str]]:
    """``item`` pressed (an option id of the step shown) or typed, as the person does it; the
    engine's turn for it (to know what to wait for) and the texts the chat then shows."""
    reply = turn.reply  # type: ignore[attr-defined]
    session = turn.session  # type: ignore[attr-defined]
    if item in {o.id for o in reply.options}:
        keyboard = user.last_message
        await user.press(callback(OPTION, reply.node, item))
        turn = engine.step(session, UserInput.option(item))
    else:
        keyboard = None
        await user.send(item)
        turn = engine.step(session, UserInput.text(item))
    new = turn.reply  # type: ignore[attr-defined]
    if new.event == "toggled":  # a tick: the same message, its buttons redrawn
        assert keyboard is not None
        edited = await edit_of(user, keyboard.message_id)
        return turn, [b.text for row in edited.keyboard for b in row]
    shown = []
    for _ in reply_messages(new, engine.content, turn.session.lang):  # type: ignore[attr-defined]
        message = await user.next_reply()
        shown += [message.text, *labels(message)]
    return turn, shown


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
async def test_issue_15_conversations_through_telegram(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, settings: Settings, engine: Engine,
    case: Case,
) -> None:  # fmt: skip
    """Each conversation of tests/content/listening_cases.py pressed and typed in a chat, to
    the exact advice: its words on screen, its outcome in the operators' log."""
    user = fake_bot_api.user(user_id=1510, language_code=case.start_lang)
    texts: list[list[str]] = []
    async with running_bot():
        await user.send_command("start")
        first = await user.next_reply()
        texts.append([first.text, *labels(first)])
        turn: object = engine.start(case.start_lang)
        for item in case.inputs:
            turn, shown = await say(user, engine, turn, item)
            texts.append(shown)
        advice = user.last_message
        assert advice is not None
        if case.then:
            await user.send(case.then)
            after = await user.next_reply()
            assert [p for p in case.then_says if p not in after.text] == []
            assert "📅" not in "".join(labels(after))
        booking = None
        if case.outcome["urgency"] == "emergency":  # a forged booking press is refused
            booking = await user.wait_answer(await user.send_callback("b"))
        await user.wait_idle()
    for phrase in case.says:
        assert phrase in "\n".join(texts[-1]), phrase
    every = [t for shown in texts for t in shown]
    assert [p for p in case.never if any(p in t for t in every)] == []
    assert [p for p in case.seen if not any(p in t for t in every)] == []
    assert [p for p in case.once if len([t for t in every if p in t]) != 1] == []
    if not case.language_user:  # every line in the chat's language
        assert foreign_words(case.lang, every) == []
    with sqlite3.connect(settings.database) as db:
        rows = db.execute(
            "SELECT reply_node, outcome FROM events WHERE outcome IS NOT NULL ORDER BY id"
        ).fetchall()
        kinds = [k for (k,) in db.execute("SELECT kind FROM events")]
        last = db.execute("SELECT reply_node, event FROM events ORDER BY id DESC").fetchone()
    if case.outcome["urgency"] is None:  # a refusal: no verdict, nothing logged as an outcome
        assert rows == []
        assert last == (case.node, "declined")
        return
    node, outcome = rows[0]
    assert node == case.node
    assert case.reached(json.loads(outcome))
    if booking is not None:
        assert booking.get("text", "").startswith(
            ("This question has moved on", "Этот вопрос уже позади")
        )
        assert "booking" not in kinds


@pytest.mark.parametrize(
    ("lang", "first", "number"),
    [
        ("en", "numb between my legs, no fever", "112"),
        ("ru", "немеет промежность, температуры нет", "103"),
    ],
)
async def test_an_emergency_typed_at_the_consent_question_gets_emergency_advice(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, lang: str, first: str, number: str
) -> None:
    user = fake_bot_api.user(user_id=1501, language_code=lang)
    async with running_bot():
        await user.send_command("start")
        await user.next_reply()
        await user.send(first)
        advice = await user.next_reply()
    assert advice.text.startswith("🚨")
    assert number in advice.text
    assert "+7 495" not in advice.text  # only what to do now: no booking line
    assert labels(advice) == (["Start over"] if lang == "en" else ["Начать заново"])


async def test_a_checklist_is_ticked_in_place_and_each_tick_confirmed(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, settings: Settings
) -> None:
    user = fake_bot_api.user(user_id=1502, language_code="en")
    async with running_bot():
        await user.send_command("start")
        await user.next_reply()
        await user.press("I agree")
        await user.next_reply()
        await user.press("Just ask me questions")
        checklist = await user.next_reply()
        assert "Tick any" in checklist.text and labels(checklist)[-1] == "None of these"
        await user.press("▫️ Chest pain or short of breath")
        edited = await edit_of(user, checklist.message_id)
        # the same message, its buttons redrawn: a tick, and "Done" instead of "None of these"
        assert "✅ Chest pain or short of breath" in labels(edited)
        assert labels(edited)[-1] == "Done"
        await user.press("✅ Chest pain or short of breath")  # taken back
        assert labels(await edit_of(user, checklist.message_id))[-1] == "None of these"
        await user.press("▫️ Chest pain or short of breath")
        await edit_of(user, checklist.message_id)
        await user.press("Done")
        confirm = await user.next_reply()
        assert confirm.text.startswith("You ticked: Chest pain or short of breath.")
        await user.press("Yes, that's right")
        advice = await user.next_reply()
        assert advice.text.startswith("🚨")
        # a booking press on emergency advice (forged: it has no such button) is refused
        answer = await user.wait_answer(await user.send_callback("b"))
        await user.wait_idle()
    assert answer.get("text", "").startswith("This question has moved on")
    with sqlite3.connect(settings.database) as db:
        kinds = [k for (k,) in db.execute("SELECT kind FROM events")]
    assert "booking" not in kinds


@pytest.mark.parametrize(
    ("lang", "refused"), [("en", "This question has moved on"), ("ru", "Этот вопрос уже позади")]
)
async def test_a_forged_booking_press_mid_dialogue_is_refused_and_not_logged(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, settings: Settings, lang: str,
    refused: str,
) -> None:  # fmt: skip
    user = fake_bot_api.user(user_id=1503, language_code=lang)
    async with running_bot():
        await user.send_command("start")
        await user.next_reply()
        await user.press("o|consent|agree")
        await user.next_reply()
        await user.press("o|describe|skip")
        await user.next_reply()  # the emergency signs' checklist
        answer = await user.wait_answer(await user.send_callback("b"))
        await user.wait_idle()
    assert answer.get("text", "").startswith(refused)
    with sqlite3.connect(settings.database) as db:
        assert ("booking",) not in db.execute("SELECT kind FROM events").fetchall()


async def test_a_russian_message_in_an_english_chat_switches_with_a_way_back(
    fake_bot_api: FakeBotApi, running_bot: RunningBot
) -> None:
    user = fake_bot_api.user(user_id=1504, language_code="en")
    async with running_bot():
        await user.send_command("start")
        await user.next_reply()
        await user.press("I agree")
        await user.next_reply()
        await user.send("болит поясница, отдаёт в ногу")
        reply = await user.next_reply()
        assert reply.text.startswith("Вы пишете по-русски")
        assert labels(reply)[-1] == "Continue in English"
        await user.press("Continue in English")
        again = await user.next_reply()
    assert again.text.startswith("First, a few important checks.")


@pytest.mark.parametrize(
    ("lang", "first", "wait", "repeat"),
    [
        ("en", "since this morning I can't pee at all", "can i just wait till monday?",
         "please do not wait"),
        ("ru", "с утра не могу помочиться совсем", "а можно завтра?", "не ждите"),
    ],
)  # fmt: skip
async def test_waiting_after_emergency_advice_gets_it_again(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, lang: str, first: str, wait: str,
    repeat: str,
) -> None:  # fmt: skip
    user = fake_bot_api.user(user_id=1505, language_code=lang)
    async with running_bot():
        await user.send_command("start")
        await user.next_reply()
        await user.send(first)
        advice = await user.next_reply()
        assert advice.text.startswith("🚨")
        await user.send(wait)
        again = await user.next_reply()
    assert repeat in again.text and "112" in again.text
    assert "📅" not in "".join(labels(again))


@pytest.mark.parametrize(
    ("lang", "answer"),
    [("ru", "нет, мне 56 какая беременность"), ("en", "no, I'm 56, what pregnancy")],
)
async def test_a_no_with_a_reason_is_a_no_and_its_age_is_shown_back(
    fake_bot_api: FakeBotApi, running_bot: RunningBot, lang: str, answer: str
) -> None:
    user = fake_bot_api.user(user_id=1506, language_code=lang)
    none = "Ничего из этого" if lang == "ru" else "None of these"
    async with running_bot():
        await user.send_command("start")
        await user.next_reply()
        await user.press("o|consent|agree")
        await user.next_reply()
        await user.press("o|describe|skip")
        await user.next_reply()
        for _ in range(2):  # the emergency and the urgent signs
            await user.press(none)
            await user.next_reply()
        await user.send(answer)
        heard = await user.next_reply()
    assert ("больше 50" if lang == "ru" else "over 50") in heard.text
    assert labels(heard) == (["Да, верно", "Нет, спросите"] if lang == "ru" else
                             ["Yes, right", "No, ask me"])  # fmt: skip
