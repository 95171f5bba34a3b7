"""Building and running the Telegram application.

Modelled on python-telegram-bot's examples: one ``Application``, handlers registered in
``build_application``, resources opened in ``post_init`` and closed in ``post_shutdown``.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from typing import Any

from telegram import Bot, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.app import load_engine, load_scrubber
from bot.console.app import start_in_bot
from bot.conversation import Conversations
from bot.engine import Engine
from bot.operators.retention import cutoff
from bot.privacy.pseudonyms import Pseudonyms, load_secret
from bot.settings import Settings
from bot.storage.deferred import DeferredStorage
from bot.storage.factory import bot_id, open_storage
from bot.telegram import handlers, logs, sending
from bot.telegram.config import TelegramSettings
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
# The pause between two getUpdates calls. Long polling still answers at once when the bot is
# idle; under load, the updates that arrive meanwhile come in one response instead of one
# request each (measured: 1.4 updates per call without a pause, 9 with 10 ms).
POLL_INTERVAL_SECONDS = 0.01
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
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The bot as a python-telegram-bot ``Application``, not yet started.

    A small pool and a small number of concurrent updates on purpose: httpcore rescans its
    whole pool on every request, so 256 pooled connections cost more CPU than they save.
    """
    settings = settings or Settings.from_env()
    engine = engine or load_engine(settings)
    sending.expect_direct_calls()
    # an update's writes are kept back until it is handled, then written in one go
    storage = DeferredStorage(open_storage(settings.database, bot=bot_id(token)))
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
        bot, storage, max_per_second=max_messages_per_second, stale_after=stale_after,
        concurrency=connection_pool_size,
    )  # fmt: skip
    handling = UpdateHandling(storage, sender)

    async def on_startup(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        await storage.open()
        secret = load_secret(settings.data_dir)
        scrubber = load_scrubber(settings)
        scrubber.prepare()  # not while the first person waits for an answer
        application.bot_data["services"] = handlers.BotServices(
            conversations=Conversations(engine, storage, scrubber, "telegram"),
            pseudonyms=Pseudonyms(secret),
            flood=flood or FloodGuard(),
            retention_days=settings.retention_days,
            typing_delay=typing_delay,
        )
        services = application.bot_data["services"]

        async def replace_stale(chat_id: int, person: str | None, more: bool) -> list[Any]:
            return await handlers.current_question(services, chat_id, person, more)

        sender.replace_stale = replace_stale
        await sender.start()  # what a crash or a stop left in the outbox
        await handlers.set_commands(application)
        # the operators' console in this process, when BOT_CONSOLE_PORT is set
        application.bot_data["console"] = await start_in_bot(settings, application.bot.get_me)
        if application.job_queue is not None:
            application.job_queue.run_repeating(purge_old_data, PURGE_EVERY_SECONDS, first=60)
        # The dialogue, lexicon and dictionaries live as long as the process: the collector
        # need not scan them again on every full collection (about 90,000 objects).
        gc.collect()
        gc.freeze()

    async def on_stop(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        await sender.stop()  # what is not delivered by then stays in the outbox

    async def on_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        if (console := application.bot_data.pop("console", None)) is not None:
            await console.cleanup()
        await storage.close()

    handled = HandledUpdates()

    def on_done(update_id: int) -> None:  # Telegram may now be told: by polling or webhook
        bot.offsets.handled(update_id)
        handled.handled(update_id)

    processor = PerChatUpdateProcessor(
        concurrent_updates, first_seen=storage.mark_update, around=handling.run, on_done=on_done
    )
    application = (
        ApplicationBuilder()
        .bot(bot)
        # bounded: polling puts one fetched batch (``fetch_limit``) and a webhook at most as
        # many at once (its ``max_connections``), so a burst waits at Telegram, not in memory
        .update_queue(asyncio.Queue(maxsize=fetch_limit))
        .concurrent_updates(processor)
        .post_init(on_startup)
        .post_stop(on_stop)
        .post_shutdown(on_shutdown)
        .build()
    )
    application.bot_data["sender"] = sender
    application.bot_data["handled"] = handled
    add_handlers(application)
    return application


def add_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
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
    application.add_handler(CallbackQueryHandler(handlers.on_button))
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


async def purge_old_data(context: ContextTypes.DEFAULT_TYPE) -> None:
    bot: handlers.BotServices = context.application.bot_data["services"]
    deleted = await bot.conversations.storage.purge(cutoff(bot.retention_days))
    logger.info("retention: deleted %(sessions)s sessions and %(events)s events", deleted)


async def check_connection(telegram: TelegramSettings) -> None:
    """Ask the Bot API who we are; raises ``InvalidToken`` or ``NetworkError``."""
    async with Bot(telegram.token, base_url=telegram.base_url) as bot:
        await bot.get_me()


def configure_logging(secrets: tuple[str, ...] = ()) -> None:
    """Every log line without a person's text or the token; JSON lines with
    ``BOT_LOG_FORMAT=json`` (see ``bot.telegram.logs``)."""
    logs.configure_logging(secrets)


def run(telegram: TelegramSettings, settings: Settings, webhook: bool = False) -> None:
    """Run until SIGINT/SIGTERM; python-telegram-bot finishes in-flight updates, the sender
    what it can, then ``post_shutdown`` closes the database."""
    application = build_application(
        telegram.token, telegram.base_url, settings=settings,
        max_messages_per_second=telegram.max_messages_per_second,
        stale_after=telegram.reply_stale_seconds, fetch_limit=telegram.updates_per_fetch,
    )  # fmt: skip
    if webhook:
        assert telegram.webhook_url is not None
        asyncio.run(
            serve_webhook(
                application,
                application.bot_data["handled"],
                listen=telegram.webhook_listen,
                port=telegram.webhook_port,
                url=telegram.webhook_url.rstrip("/") + "/telegram",
                secret=telegram.webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
                max_connections=telegram.updates_per_fetch,
            )
        )
    else:
        application.run_polling(
            poll_interval=POLL_INTERVAL_SECONDS, allowed_updates=ALLOWED_UPDATES
        )
