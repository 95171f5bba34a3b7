"""What the bot does with each kind of update. Every handler is a few lines over
``Conversations``; nothing here decides anything medical."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import traceback
from asyncio import TimerHandle
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import (
    Bot,
    BotCommand,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, ContextTypes

from bot.content import MENU_COMMANDS, Content
from bot.conversation import Conversations
from bot.engine import Session, Turn, UserInput
from bot.privacy.pseudonyms import Pseudonyms
from bot.telegram import sending
from bot.telegram.callbacks import BOOKING, FORGET, LANGUAGE, OPTION, callback, parse_callback
from bot.telegram.flood import FloodGuard
from bot.telegram.render import Outgoing, answered_text, buttons, escape, reply_messages

logger = logging.getLogger(__name__)

# Telegram's rule for /start payloads (deep links): anything else is ignored, not stored.
CAMPAIGN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass
class BotServices:
    conversations: Conversations
    pseudonyms: Pseudonyms
    flood: FloodGuard
    retention_days: int
    typing_delay: float  # seconds of work before "typing..." is shown

    @property
    def content(self) -> Content:
        return self.conversations.engine.content


def services(context: ContextTypes.DEFAULT_TYPE) -> BotServices:
    return context.application.bot_data["services"]


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
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> tuple[str, str, Session | None]:
    """The person's pseudonym, the language to talk in (theirs if chosen, else Telegram's)
    and their stored session, if any."""
    bot = services(context)
    assert update.effective_user is not None
    person = bot.pseudonyms.person(update.effective_user.id)
    found = await bot.conversations.current(person)
    session = found[0] if found else None
    lang = session.lang if session else telegram_language(update, bot.content)
    return person, lang, session


def text(context: ContextTypes.DEFAULT_TYPE, lang: str, key: str, **values: str) -> str:
    return services(context).content.text(lang, "ui", key, **values)


# -- sending --------------------------------------------------------------------------


async def send(context: ContextTypes.DEFAULT_TYPE, chat_id: int, messages: list[Outgoing]) -> None:
    for message in messages:
        message_id = await sending.send_message(context.bot, chat_id, message)
        if message.keyboard is not None and context.chat_data is not None:
            context.chat_data["keyboard_message"] = message_id


async def send_turn(context: ContextTypes.DEFAULT_TYPE, chat_id: int, turn: Turn) -> None:
    content = services(context).content
    await send(context, chat_id, reply_messages(turn.reply, content, turn.session.lang))


async def send_text(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    body: str,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    await send(context, chat_id, [Outgoing(escape(body), keyboard)])


async def drop_old_keyboard(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    """A typed answer moves on: the previous question's buttons must not stay pressable."""
    message_id = context.chat_data.pop("keyboard_message", None) if context.chat_data else None
    if message_id is None:
        return
    with contextlib.suppress(BadRequest):  # already without keyboard, or too old to edit
        await sending.remove_keyboard(context.bot, chat_id, message_id)


# -- commands -------------------------------------------------------------------------


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
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


async def on_dialogue_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/restart and /back."""
    assert update.effective_chat is not None and update.effective_message is not None
    name = (update.effective_message.text or "/").split()[0][1:].split("@")[0]
    person, lang, _ = await person_and_language(update, context)
    turn = await services(context).conversations.handle(person, UserInput.command(name), lang)
    await send_turn(context, update.effective_chat.id, turn)


def reply_with(
    key: str, watch: bool = False
) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]:
    """A handler that answers with one interface text, in the person's language; with
    ``watch``, unless the words that came with the update (a caption, an edited text) name a
    warning sign."""

    async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None
        if watch and await answered_warning_sign(update, context):
            return
        _, lang, _ = await person_and_language(update, context)
        await send_text(context, update.effective_chat.id, text(context, lang, key))

    reply.__name__ = f"reply_{key}"
    return reply


on_help = reply_with("help")


async def answered_warning_sign(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
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
    await drop_old_keyboard(context, update.effective_chat.id)
    await send_turn(context, update.effective_chat.id, turn)
    return True


async def on_privacy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    _, lang, _ = await person_and_language(update, context)
    days = str(services(context).retention_days)
    await send_text(
        context, update.effective_chat.id, text(context, lang, "privacy", retention_days=days)
    )


async def on_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
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


async def on_forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
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


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
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
    if turn.reply.event not in ("reask", "ended"):  # moved on: the old buttons are stale
        await drop_old_keyboard(context, chat_id)
    await send_turn(context, chat_id, turn)


def typing_later(context: ContextTypes.DEFAULT_TYPE, chat_id: int, delay: float) -> TimerHandle:
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


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    bot = services(context)
    query = update.callback_query
    assert query is not None and update.effective_chat is not None
    chat_id = update.effective_chat.id
    person, lang, session = await person_and_language(update, context)
    kind, parts = parse_callback(query.data)
    if kind == OPTION:
        node, option = parts
        if (
            session is None
            or session.node != node
            or not bot.conversations.engine.accepts(session, option)
        ):
            await query.answer(text(context, lang, "stale"))
            return
        await query.answer()
        if bot.conversations.engine.toggles(session, option):
            # a tick in a checklist: the same message, its buttons redrawn in place
            turn = await bot.conversations.handle(person, UserInput.option(option), lang)
            await redraw_buttons(query, turn, bot.content)
            return
        await mark_chosen(query, option_label(query, query.data))
        turn = await bot.conversations.handle(person, UserInput.option(option), lang)
        await send_turn(context, chat_id, turn)
    elif kind == LANGUAGE:
        await query.answer()
        turn = await bot.conversations.show(person, parts[0])
        await mark_chosen(query, option_label(query, query.data))
        await send_turn(context, chat_id, turn)
    elif kind == FORGET:
        await query.answer()
        if parts[0] == "yes":
            deleted = await bot.conversations.storage.delete_person(person)
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
        await edit(query, escape(done))
    elif kind == BOOKING:
        if session is None or not bot.conversations.engine.offers_booking(session):
            # only advice that offers to book can be booked from (not emergency advice, not
            # a forged press mid-dialogue)
            await query.answer(text(context, lang, "stale"))
            return
        await query.answer()
        await bot.conversations.log(person, "booking")
        clinic = bot.content.clinic
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        text(context, lang, "book_online"), url=str(clinic["booking_url"])
                    )
                ]
            ]
        )
        await send_text(context, chat_id, text(context, lang, "booking_details"), keyboard)
    else:  # forged or from an older version of the bot
        await query.answer(text(context, lang, "stale"))


def option_label(query: CallbackQuery, data: str | None) -> str:
    markup = getattr(query.message, "reply_markup", None)
    for row in getattr(markup, "inline_keyboard", ()):
        for button in row:
            if button.callback_data == data:
                return str(button.text)
    return ""


async def redraw_buttons(query: CallbackQuery, turn: Turn, content: Content) -> None:
    """A checklist's tick shown on its own message: only the keyboard changes."""
    keyboard = reply_messages(turn.reply, content, turn.session.lang)[-1].keyboard
    with contextlib.suppress(BadRequest):  # too old to edit: the press still counted
        await query.edit_message_reply_markup(reply_markup=keyboard)


async def mark_chosen(query: CallbackQuery, label: str) -> None:
    """Show the chosen answer under the question and take its keyboard away."""
    question = getattr(query.message, "text", None) or ""  # none if the message is too old
    await edit(query, answered_text(question, label) if label else escape(question))


async def edit(query: CallbackQuery, html_text: str) -> None:
    message = query.message
    if message is None:  # only buttons of inline messages come without one; the bot has none
        return
    bot, chat_id = query.get_bot(), message.chat.id
    # a message too old to edit, or unchanged, is no reason not to answer
    with contextlib.suppress(BadRequest):
        if message.is_accessible:
            await sending.edit_message_text(bot, chat_id, message.message_id, html_text)
        else:  # Telegram no longer shows its text to the bot: only the buttons can go
            await sending.remove_keyboard(bot, chat_id, message.message_id)


# -- everything else ------------------------------------------------------------------


# Stickers, photos, voice...: nothing of it is stored; the person is asked to write instead.
on_not_text = reply_with("text_only", watch=True)
# An edit of a message already answered cannot be taken back into the conversation.
on_edited = reply_with("edited", watch=True)


async def on_group_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups the bot talks to nobody: health questions belong in a private chat."""
    assert update.effective_chat is not None
    lang = telegram_language(update, services(context).content)
    await send_text(context, update.effective_chat.id, text(context, lang, "private_only"))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log what failed without what was said or who said it; tell the person how to go on."""
    update_id = update.update_id if isinstance(update, Update) else None
    error = context.error
    # where it failed (code only), not the exception's message: a message can quote data
    where = "".join(traceback.format_tb(error.__traceback__)) if error else ""
    logger.error("update %s failed: %s\n%s", update_id, type(error).__name__, where)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != ChatType.PRIVATE or isinstance(error, Forbidden):
        return
    lang = telegram_language(update, services(context).content)
    try:
        await send_text(context, update.effective_chat.id, text(context, lang, "error"))
    except Exception as second:  # the error handler must never raise
        logger.error(
            "could not tell update %s about the error: %s", update_id, type(second).__name__
        )


# -- start-up -------------------------------------------------------------------------


async def set_commands(application: Application) -> None:
    content: Content = application.bot_data["services"].content
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
