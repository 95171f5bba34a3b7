"""What the bot does with each kind of update. Every handler is a few lines over
``Conversations``; nothing here decides anything medical."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import traceback
from asyncio import TimerHandle
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application

from bot.callback_data import BOOKING, FORGET, LANGUAGE, OPTION, callback
from bot.content import MENU_COMMANDS, Content
from bot.engine import Session, Turn, UserInput
from bot.events import EventKind
from bot.telegram import delivery
from bot.telegram.context import BotContext, BotServices, services
from bot.telegram.logs import warn_throttled
from bot.telegram.render import Outgoing, answered_text, buttons, escape, reply_messages
from bot.telegram.updates import update_type

logger = logging.getLogger(__name__)

# Telegram's rule for /start payloads (deep links): anything else is ignored, not stored.
CAMPAIGN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def telegram_language(update: Update, content: Content) -> str:
    code = (update.effective_user.language_code or "") if update.effective_user else ""
    lang = code.split("-")[0].lower()
    return (
        lang
        if lang in content.languages
        else "en"
        if "en" in content.languages
        else content.default_language
    )


async def person_and_language(
    update: Update, context: BotContext
) -> tuple[str, str, Session | None]:
    """The person's pseudonym, the language to talk in (theirs if chosen, else Telegram's)
    and their stored session, if any."""
    bot = services(context)
    assert update.effective_user is not None
    person = bot.pseudonyms.person(update.effective_user.id)
    session = await bot.conversations.session(person)
    lang = session.lang if session else telegram_language(update, bot.content)
    return person, lang, session


def text(context: BotContext, lang: str, key: str, **values: str) -> str:
    return services(context).content.text(lang, "ui", key, **values)


# -- sending --------------------------------------------------------------------------


def chat_person(context: BotContext, chat_id: int) -> str | None:
    """The pseudonym of a private chat's person (a private chat's id is the person's id)."""
    return services(context).pseudonyms.person(chat_id) if chat_id > 0 else None


async def send(context: BotContext, chat_id: int, messages: list[Outgoing]) -> None:
    """Into the outbox, with the step of the update being handled (``bot.telegram.delivery``
    sends them once both are stored)."""
    person = chat_person(context, chat_id)
    conversations = services(context).conversations
    for message in messages:
        delivery.queue_message(conversations, chat_id, person, message)


async def send_turn(context: BotContext, chat_id: int, turn: Turn) -> None:
    content = services(context).content
    await send(context, chat_id, reply_messages(turn.reply, content, turn.session.lang))


async def send_text(
    context: BotContext,
    chat_id: int,
    body: str,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    await send(context, chat_id, [Outgoing(escape(body), keyboard)])


async def answer_query(query: CallbackQuery, notice: str | None = None) -> None:
    """Stop the button's spinner (with a short notice); a failure here is no reason not to
    handle the press."""
    try:
        await query.answer(notice)
    except TelegramError as error:
        warn_throttled(logger, "answer", "a button press was not acknowledged (%s)",
                       type(error).__name__)  # fmt: skip


async def current_question(
    bot: BotServices, chat_id: int, person: str | None, more_follow: bool
) -> list[dict[str, Any]]:
    """What replaces replies that waited too long: "sorry for the delay" and, unless newer
    replies follow anyway, the person's current question."""
    session = await bot.conversations.session(person) if person else None
    lang = session.lang if session else bot.content.default_language
    bodies = [delivery.message_body(Outgoing(escape(bot.content.text(lang, "delivery", "late"))))]
    if session is not None and not more_follow:
        turn = bot.conversations.repeat(session)
        bodies += [delivery.message_body(m) for m in reply_messages(turn.reply, bot.content, lang)]
    return bodies


# -- commands -------------------------------------------------------------------------


async def on_start(update: Update, context: BotContext) -> None:
    bot = services(context)
    assert update.effective_chat is not None
    person, lang, session = await person_and_language(update, context)
    payload = context.args[0] if context.args else None
    campaign = campaign_of(payload, bot.content)
    if session is not None and not session.ended:
        turn = await bot.conversations.show(person)  # mid-conversation: where they were
    else:
        turn = await bot.conversations.begin(person, lang, campaign)
    await send_turn(context, update.effective_chat.id, turn)


def campaign_of(payload: str | None, content: Content) -> str | None:
    """The campaign to record for a /start parameter: a listed one as it is, any other valid
    one as "other" (never as written), anything malformed not at all."""
    if not payload or not CAMPAIGN.match(payload):
        return None
    return payload if payload in content.clinic.get("campaigns", []) else "other"


async def on_dialogue_command(update: Update, context: BotContext) -> None:
    """/restart and /back."""
    assert update.effective_chat is not None and update.effective_message is not None
    name = (update.effective_message.text or "/").split()[0][1:].split("@")[0]
    person, lang, _ = await person_and_language(update, context)
    turn = await services(context).conversations.handle(person, UserInput.command(name), lang)
    await send_turn(context, update.effective_chat.id, turn)


def reply_with(
    key: str, watch: bool = False
) -> Callable[[Update, BotContext], Coroutine[Any, Any, None]]:
    """A handler that answers with one interface text, in the person's language; with
    ``watch``, unless the words that came with the update (a caption, an edited text) name a
    warning sign."""

    async def reply(update: Update, context: BotContext) -> None:
        assert update.effective_chat is not None
        if watch and await answered_warning_sign(update, context):
            return
        _, lang, _ = await person_and_language(update, context)
        await send_text(context, update.effective_chat.id, text(context, lang, key))

    reply.__name__ = f"reply_{key}"
    return reply


on_help = reply_with("help")


async def answered_warning_sign(update: Update, context: BotContext) -> bool:
    """Send the emergency advice if the text of an update that is not an answer - a photo's
    caption, an edited message, a message of a flood - names a warning sign."""
    message = update.effective_message
    words = (message.text or message.caption) if message else None
    if not words or update.effective_user is None or update.effective_chat is None:
        return False
    bot = services(context)
    person = bot.pseudonyms.person(update.effective_user.id)
    turn = await bot.conversations.alarm(person, words)
    if turn is None:
        return False
    await send_turn(context, update.effective_chat.id, turn)
    return True


async def on_privacy(update: Update, context: BotContext) -> None:
    assert update.effective_chat is not None
    _, lang, _ = await person_and_language(update, context)
    days = str(services(context).retention_days)
    await send_text(
        context, update.effective_chat.id, text(context, lang, "privacy", retention_days=days)
    )


async def on_language(update: Update, context: BotContext) -> None:
    assert update.effective_chat is not None
    _, lang, _ = await person_and_language(update, context)
    content = services(context).content
    keyboard = buttons(
        (content.text(code, "ui", "language_name"), callback(LANGUAGE, code))
        for code in content.languages
    )
    await send_text(
        context, update.effective_chat.id, text(context, lang, "language_prompt"), keyboard
    )


async def on_forget(update: Update, context: BotContext) -> None:
    assert update.effective_chat is not None
    _, lang, _ = await person_and_language(update, context)
    keyboard = buttons(
        [
            (text(context, lang, "forget_yes"), callback(FORGET, "yes")),
            (text(context, lang, "forget_no"), callback(FORGET, "no")),
        ]
    )
    await send_text(
        context, update.effective_chat.id, text(context, lang, "forget_confirm"), keyboard
    )


# -- free text ------------------------------------------------------------------------


async def on_text(update: Update, context: BotContext) -> None:
    bot = services(context)
    message = update.effective_message
    assert update.effective_chat is not None and message is not None and message.text is not None
    assert update.effective_user is not None
    chat_id = update.effective_chat.id
    person = bot.pseudonyms.person(update.effective_user.id)
    telegram_lang = telegram_language(update, bot.content)  # for a person without a session
    verdict = bot.flood.check(person)
    if verdict != "ok":
        if await answered_warning_sign(update, context):
            return  # even in a flood, a warning sign is not ignored
        if verdict == "warn":
            _, lang, _ = await person_and_language(update, context)
            await send_text(context, chat_id, text(context, lang, "slow_down"))
        return
    typing = typing_later(context, chat_id, bot.typing_delay)
    try:
        turn = await bot.conversations.handle(person, UserInput.text(message.text), telegram_lang)
    finally:
        typing.cancel()
    # the answered question keeps its buttons: taking them off was a third call per step, and
    # a press on them is answered "this question has moved on" (on_option)
    await send_turn(context, chat_id, turn)


def typing_later(context: BotContext, chat_id: int, delay: float) -> TimerHandle:
    """Show "typing..." if the answer is not ready ``delay`` seconds from now; cancel the
    returned timer once it is. Most answers take milliseconds, and an indicator for those
    would only double the requests to Telegram. (A timer, not a sleeping task: a timer is
    far cheaper to cancel, and nearly every one is cancelled.)"""
    return asyncio.get_running_loop().call_later(delay, _start_typing, context.bot, chat_id)


def _start_typing(bot: Bot, chat_id: int) -> None:
    task = asyncio.ensure_future(_send_typing(bot, chat_id))
    _INDICATORS.add(task)  # a reference, so that it is not collected half-way
    task.add_done_callback(_INDICATORS.discard)


async def _send_typing(bot: Bot, chat_id: int) -> None:
    with contextlib.suppress(TelegramError):
        await bot.send_chat_action(chat_id, ChatAction.TYPING)


_INDICATORS: set[asyncio.Task[None]] = set()


# -- buttons --------------------------------------------------------------------------


# One handler per kind of button (``bot.callback_data``), each registered with its kind's
# ``pattern=``: ``context.match`` holds the button's parts. A press on an old question's
# button is answered "this question has moved on".


def button_parts(context: BotContext) -> tuple[str, ...] | None:
    """The pressed button's parts (``context.match``: its handler's ``pattern=``); None for a
    press without data, which python-telegram-bot gives to every handler with a pattern
    (and a ``True`` for a match)."""
    match = context.match
    return match.groups() if isinstance(match, re.Match) else None


async def on_option(update: Update, context: BotContext) -> None:
    bot = services(context)
    query = update.callback_query
    assert query is not None and update.effective_chat is not None
    person, lang, session = await person_and_language(update, context)
    parts = button_parts(context)
    if parts is None:
        await on_unknown_button(update, context)
        return
    node, option = parts
    if session is None or session.node != node or not bot.conversations.accepts(session, option):
        await answer_query(query, text(context, lang, "stale"))
        return
    await answer_query(query)
    if bot.conversations.toggles(session, option):
        # a tick in a checklist: the same message, its buttons redrawn in place
        turn = await bot.conversations.handle(person, UserInput.option(option), lang)
        redraw_buttons(context, query, turn)
        return
    await mark_chosen(context, query, option_label(query, query.data))
    turn = await bot.conversations.handle(person, UserInput.option(option), lang)
    await send_turn(context, update.effective_chat.id, turn)


async def on_language_chosen(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None and update.effective_chat is not None
    person, _, _ = await person_and_language(update, context)
    parts = button_parts(context)
    if parts is None:
        await on_unknown_button(update, context)
        return
    await answer_query(query)
    turn = await services(context).conversations.show(person, parts[0])
    await mark_chosen(context, query, option_label(query, query.data))
    await send_turn(context, update.effective_chat.id, turn)


async def on_forget_answer(update: Update, context: BotContext) -> None:
    bot = services(context)
    query = update.callback_query
    assert query is not None
    person, lang, _ = await person_and_language(update, context)
    parts = button_parts(context)
    if parts is None:
        await on_unknown_button(update, context)
        return
    await answer_query(query)
    if parts == ("yes",):
        deleted = await bot.conversations.forget(person)
        if context.chat_data is not None:
            context.chat_data.clear()
        done = text(
            context,
            lang,
            "forgotten",
            sessions=str(deleted["sessions"]),
            events=str(deleted["events"]),
        )
    else:
        done = text(context, lang, "forget_cancelled")
    await edit(context, query, escape(done))


async def on_booking(update: Update, context: BotContext) -> None:
    bot = services(context)
    query = update.callback_query
    assert query is not None and update.effective_chat is not None
    person, lang, session = await person_and_language(update, context)
    if button_parts(context) is None:
        await on_unknown_button(update, context)
        return
    if session is None or not bot.conversations.offers_booking(session):
        # only advice that offers to book can be booked from (not emergency advice, not
        # a forged press mid-dialogue)
        await answer_query(query, text(context, lang, "stale"))
        return
    await answer_query(query)
    await bot.conversations.log(person, EventKind.BOOKING)
    clinic = bot.content.clinic
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton(text(context, lang, "book_online"), url=str(clinic["booking_url"]))]]
    )
    await send_text(
        context, update.effective_chat.id, text(context, lang, "booking_details"), keyboard
    )


async def on_unknown_button(update: Update, context: BotContext) -> None:
    """A button no handler above took: forged, or from an older version of the bot."""
    query = update.callback_query
    assert query is not None
    _, lang, _ = await person_and_language(update, context)
    await answer_query(query, text(context, lang, "stale"))


BUTTON_HANDLERS = {
    OPTION: on_option, LANGUAGE: on_language_chosen, FORGET: on_forget_answer, BOOKING: on_booking,
}  # fmt: skip


def option_label(query: CallbackQuery, data: str | None) -> str:
    markup = getattr(query.message, "reply_markup", None)
    for row in getattr(markup, "inline_keyboard", ()):
        for button in row:
            if button.callback_data == data:
                return str(button.text)
    return ""


def redraw_buttons(context: BotContext, query: CallbackQuery, turn: Turn) -> None:
    """A checklist's tick shown on its own message: only the keyboard changes (a message too
    old to edit is refused by Telegram and dropped; the tick still counted)."""
    message = query.message
    keyboard = reply_messages(turn.reply, services(context).content, turn.session.lang)[-1].keyboard
    if message is None or keyboard is None:
        return
    chat_id = message.chat.id
    person = chat_person(context, chat_id)
    conversations = services(context).conversations
    delivery.queue_keyboard(conversations, chat_id, person, message.message_id, keyboard)


async def mark_chosen(context: BotContext, query: CallbackQuery, label: str) -> None:
    """Show the chosen answer under the question and take its keyboard away."""
    question = getattr(query.message, "text", None) or ""  # none if the message is too old
    await edit(context, query, answered_text(question, label) if label else escape(question))


async def edit(context: BotContext, query: CallbackQuery, html_text: str) -> None:
    message = query.message
    if message is None:  # only buttons of inline messages come without one; the bot has none
        return
    chat_id = message.chat.id
    person = chat_person(context, chat_id)
    conversations = services(context).conversations
    # (a message too old to edit, or unchanged, is refused by Telegram and dropped)
    if message.is_accessible:
        delivery.queue_edit(conversations, chat_id, person, message.message_id, html_text)
    else:  # Telegram no longer shows its text to the bot: only the buttons can go
        delivery.queue_remove_keyboard(conversations, chat_id, person, message.message_id)


# -- everything else ------------------------------------------------------------------


# Stickers, photos, voice...: nothing of it is stored; the person is asked to write instead.
on_not_text = reply_with("text_only", watch=True)
# An edit of a message already answered cannot be taken back into the conversation.
on_edited = reply_with("edited", watch=True)


async def on_group_command(update: Update, context: BotContext) -> None:
    """In groups the bot talks to nobody: health questions belong in a private chat."""
    assert update.effective_chat is not None
    lang = telegram_language(update, services(context).content)
    await send_text(context, update.effective_chat.id, text(context, lang, "private_only"))


async def on_error(update: object, context: BotContext) -> None:
    """Log what failed without what was said or who said it; tell the person how to go on."""
    update_id = update.update_id if isinstance(update, Update) else None
    error = context.error
    if isinstance(error, TelegramError) and not isinstance(error, BadRequest):
        # Telegram busy, unreachable or in conflict (getUpdates 409/502): expected, and
        # retried by python-telegram-bot or by the sender; one line, no stack
        warn_throttled(logger, f"telegram {type(error).__name__}", "Telegram: %s (update %s)",
                       type(error).__name__, update_id)  # fmt: skip
        return
    # the bot's own fault: where it failed (code only), not the exception's message (a
    # message can quote data)
    where = "".join(traceback.format_tb(error.__traceback__)) if error else ""
    kind = update_type(update) if isinstance(update, Update) else "unknown"
    logger.error("update %s (%s) failed: %s\n%s", update_id, kind, type(error).__name__, where)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != ChatType.PRIVATE:
        return
    bot = services(context)
    lang = telegram_language(update, bot.content)
    try:
        bot.conversations.discard_update()  # a step half done is not stored, nor its replies
        await send_text(context, update.effective_chat.id, text(context, lang, "error"))
    except Exception as second:  # the error handler must never raise
        logger.error(
            "could not tell update %s about the error: %s", update_id, type(second).__name__
        )


# -- start-up -------------------------------------------------------------------------


async def set_commands(application: Application) -> None:
    services = application.bot_data.services
    assert services is not None  # set just before, in post_init
    content = services.content
    for lang in content.languages:
        commands = [
            BotCommand(name, content.text(lang, "commands", name)) for name in MENU_COMMANDS
        ]
        await application.bot.set_my_commands(commands, language_code=lang)
    default = [
        BotCommand(name, content.text(content.default_language, "commands", name))
        for name in MENU_COMMANDS
    ]
    await application.bot.set_my_commands(default)
