"""Building and running the Telegram application.

Modelled on python-telegram-bot's examples: one ``Application``, handlers registered in
``build_application``, resources opened in ``post_init`` and closed in ``post_shutdown``.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from typing import Any

from telegram import Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.app import build_conversations
from bot.callback_data import pattern
from bot.console import port_in_bot
from bot.engine import Engine
from bot.privacy.pseudonyms import Pseudonyms, load_secret
from bot.settings import Settings
from bot.telegram import handlers, logs, sending
from bot.telegram.config import TelegramSettings
from bot.telegram.context import CONTEXT_TYPES, BotApplication, BotContext, BotServices, services
from bot.telegram.delivery import Sender
from bot.telegram.flood import FloodGuard
from bot.telegram.ordering import PerChatUpdateProcessor
from bot.telegram.polling import DEFAULT_FETCH_LIMIT, DeliveryBot
from bot.telegram.request import JsonBodyRequest
from bot.telegram.updates import UpdateHandling
from bot.telegram.webhook import HandledUpdates, serve_webhook

logger = logging.getLogger(__name__)

PURGE_EVERY_SECONDS = 24 * 3600
# A reply that could not be delivered for this long is replaced by the current question.
DEFAULT_STALE_SECONDS = 600.0
# The pause after each getUpdates answer: none. The bot's getUpdates waits until the updates
# in hand are handled (``bot.telegram.polling``), so what arrives meanwhile comes in one
# answer anyway (closed loop: 0.03 getUpdates per update with a 10 ms pause and without),
# and a pause only holds a new update back: with 10 ms no reply could come within 10 ms.
# (python-telegram-bot's default; after a failed call it waits 1 s, growing, by itself.)
POLL_INTERVAL_SECONDS = 0.0
# what the handlers use; anything else (reactions, polls, member changes) is not even fetched
ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]


def build_application(
    token: str,
    base_url: str,
    *,
    settings: Settings | None = None,
    engine: Engine | None = None,
    concurrent_updates: int = 8,
    connection_pool_size: int = 8,
    max_messages_per_second: float = 30.0,
    flood: FloodGuard | None = None,
    typing_delay: float = 0.3,
    stale_after: float = DEFAULT_STALE_SECONDS,
    fetch_limit: int = DEFAULT_FETCH_LIMIT,
    read_timeout: float = 5.0,
) -> BotApplication:
    """The bot as a python-telegram-bot ``Application``, not yet started.

    A small pool and a small number of concurrent updates on purpose: httpcore rescans its
    whole pool on every request, so 256 pooled connections cost more CPU than they save.
    """
    settings = settings or Settings.from_env()
    sending.expect_direct_calls()
    conversations = build_conversations(settings, "telegram", engine, bot_token=token)
    bot = DeliveryBot(
        token,
        base_url=base_url,
        request=JsonBodyRequest(
            connection_pool_size=connection_pool_size, read_timeout=read_timeout
        ),
        get_updates_request=JsonBodyRequest(connection_pool_size=1),
        fetch_limit=fetch_limit,
    )
    sender = Sender(
        bot, conversations, max_per_second=max_messages_per_second, stale_after=stale_after,
        concurrency=connection_pool_size,
    )  # fmt: skip
    handling = UpdateHandling(conversations, sender)

    async def on_startup(application: BotApplication) -> None:
        await conversations.open()
        secret = load_secret(settings.data_dir)
        conversations.prepare()  # the scrubber: not while the first person waits for an answer
        services = application.bot_data.services = BotServices(
            conversations=conversations,
            pseudonyms=Pseudonyms(secret),
            flood=flood or FloodGuard(),
            retention_days=settings.retention_days,
            typing_delay=typing_delay,
        )

        async def replace_stale(chat_id: int, person: str | None, more: bool) -> list[Any]:
            return await handlers.current_question(services, chat_id, person, more)

        sender.replace_stale = replace_stale
        await sender.start()  # what a crash or a stop left in the outbox
        await handlers.set_commands(application)
        # the operators' console in this process, when BOT_CONSOLE_PORT is set; its aiohttp
        # and Jinja2 (about 12 MiB resident) are imported only then
        if port_in_bot():
            from bot.console.app import start_in_bot

            application.bot_data.console = await start_in_bot(settings, application.bot.get_me)
        if application.job_queue is not None:
            application.job_queue.run_repeating(purge_old_data, PURGE_EVERY_SECONDS, first=60)
        # The dialogue, lexicon and dictionaries live as long as the process: the collector
        # need not scan them again on every full collection (about 90,000 objects).
        gc.collect()
        gc.freeze()

    async def on_stop(application: BotApplication) -> None:
        await sender.stop()  # what is not delivered by then stays in the outbox

    async def on_shutdown(application: BotApplication) -> None:
        if (console := application.bot_data.console) is not None:
            application.bot_data.console = None
            await console.cleanup()
        await conversations.close()

    handled = HandledUpdates()

    def on_done(update_id: int) -> None:  # Telegram may now be told: by polling or webhook
        bot.offsets.handled(update_id)
        handled.handled(update_id)

    processor = PerChatUpdateProcessor(
        concurrent_updates,
        first_seen=conversations.first_sight,
        around=handling.run,
        on_done=on_done,
    )
    application = (
        ApplicationBuilder()
        .bot(bot)
        # bounded: polling puts one fetched batch (``fetch_limit``) and a webhook at most as
        # many at once (its ``max_connections``), so a burst waits at Telegram, not in memory
        .update_queue(asyncio.Queue(maxsize=fetch_limit))
        .concurrent_updates(processor)
        .context_types(CONTEXT_TYPES)
        .post_init(on_startup)
        .post_stop(on_stop)
        .post_shutdown(on_shutdown)
        .build()
    )
    application.bot_data.sender = sender
    application.bot_data.handled = handled
    add_handlers(application)
    return application


def add_handlers(application: BotApplication) -> None:
    # a message without a sender (an anonymous admin, a channel) is nobody to answer: ignored
    private = filters.ChatType.PRIVATE & filters.USER
    application.add_handler(CommandHandler("start", handlers.on_start, filters=private))
    application.add_handler(
        CommandHandler(["restart", "back"], handlers.on_dialogue_command, filters=private)
    )
    application.add_handler(CommandHandler("help", handlers.on_help, filters=private))
    application.add_handler(CommandHandler("privacy", handlers.on_privacy, filters=private))
    application.add_handler(CommandHandler("language", handlers.on_language, filters=private))
    application.add_handler(CommandHandler("forget", handlers.on_forget, filters=private))
    for kind, on_press in handlers.BUTTON_HANDLERS.items():
        application.add_handler(CallbackQueryHandler(on_press, pattern=pattern(kind)))
    application.add_handler(CallbackQueryHandler(handlers.on_unknown_button))
    application.add_handler(
        MessageHandler(private & filters.UpdateType.EDITED_MESSAGE, handlers.on_edited)
    )
    # an unknown /command is typed text like any other: the engine re-asks politely
    application.add_handler(
        MessageHandler(private & filters.UpdateType.MESSAGE & filters.TEXT, handlers.on_text)
    )
    application.add_handler(
        MessageHandler(private & filters.UpdateType.MESSAGE & ~filters.TEXT, handlers.on_not_text)
    )
    application.add_handler(
        MessageHandler(filters.ChatType.GROUPS & filters.COMMAND, handlers.on_group_command)
    )
    application.add_error_handler(handlers.on_error)


async def purge_old_data(context: BotContext) -> None:
    bot = services(context)
    deleted = await bot.conversations.purge_expired(bot.retention_days)
    logger.info("retention: deleted %(sessions)s sessions and %(events)s events", deleted)


async def connect(application: BotApplication) -> None:
    """Initialize the application's bot: its one ``getMe``, which raises ``InvalidToken`` or
    ``NetworkError``. Done before python-telegram-bot's start-up, which would log either with
    a traceback (and retry nothing: ``bootstrap_retries`` is 0); that start-up then finds the
    bot initialized and asks Telegram nothing more."""
    try:
        await application.bot.initialize()
    except BaseException:
        await application.bot.shutdown()  # its HTTP connections
        raise


def configure_logging(secrets: tuple[str, ...] = ()) -> None:
    """Every log line without a person's text or the token; JSON lines with
    ``BOT_LOG_FORMAT=json`` (see ``bot.telegram.logs``)."""
    logs.configure_logging(secrets)


def run(telegram: TelegramSettings, settings: Settings, webhook: bool = False) -> None:
    """Run until SIGINT/SIGTERM; python-telegram-bot finishes in-flight updates, the sender
    what it can, then ``post_shutdown`` closes the database. A token Telegram refuses raises
    ``InvalidToken``, no connection ``NetworkError``, before anything is opened."""
    application = build_application(
        telegram.token, telegram.base_url, settings=settings,
        max_messages_per_second=telegram.max_messages_per_second,
        stale_after=telegram.reply_stale_seconds, fetch_limit=telegram.updates_per_fetch,
    )  # fmt: skip
    # one event loop for the check and the run: the bot's HTTP client belongs to it
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(connect(application))
    except BaseException:
        loop.close()
        raise
    if webhook:
        assert telegram.webhook_url is not None
        handled_updates = application.bot_data.handled
        assert handled_updates is not None  # set by build_application
        with contextlib.closing(loop):
            loop.run_until_complete(
                serve_webhook(
                    application,
                    handled_updates,
                    listen=telegram.webhook_listen,
                    port=telegram.webhook_port,
                    url=telegram.webhook_url.rstrip("/") + "/telegram",
                    secret=telegram.webhook_secret,
                    allowed_updates=ALLOWED_UPDATES,
                    max_connections=telegram.updates_per_fetch,
                )
            )
    else:  # (closes the loop when it returns)
        application.run_polling(
            poll_interval=POLL_INTERVAL_SECONDS, allowed_updates=ALLOWED_UPDATES
        )
