"""What every handler is given: python-telegram-bot's ``CallbackContext`` with the bot's own
``bot_data`` (``ContextTypes``), so that handlers reach the services by attribute, typed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.content import Content
from bot.conversation import Conversations
from bot.privacy.pseudonyms import Pseudonyms
from bot.telegram.flood import FloodGuard

if TYPE_CHECKING:
    from aiohttp import web

    from bot.telegram.delivery import Sender
    from bot.telegram.webhook import HandledUpdates


@dataclass
class BotServices:
    conversations: Conversations
    pseudonyms: Pseudonyms
    flood: FloodGuard
    retention_days: int
    typing_delay: float  # seconds of work before "typing..." is shown

    @property
    def content(self) -> Content:
        return self.conversations.content


@dataclass
class BotData:
    """The application's ``bot_data``. python-telegram-bot creates it empty, before the
    database is open: ``build_application`` sets the sender and the webhook's record of
    handled updates, ``post_init`` the services and the console."""

    services: BotServices | None = None
    sender: Sender | None = None
    handled: HandledUpdates | None = None
    console: web.AppRunner | None = None


BotContext = CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]
# (the bot and the job queue as Any: ApplicationBuilder's types keep the default context's
# job queue after ``context_types``, and the bot is ``bot.telegram.polling.DeliveryBot``)
BotApplication = Application[Any, BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)


def services(context: BotContext) -> BotServices:
    """The services, which every handler can count on: python-telegram-bot handles no
    update before ``post_init`` has run."""
    assert context.bot_data.services is not None
    return context.bot_data.services
