"""Webhook mode that answers Telegram's POST only once the update is handled - its step,
events, replies and id stored in one transaction - so that an update whose answer never
came (a crash) is delivered again by Telegram, and one that was handled is not handled
twice (its id is the de-duplication key).

python-telegram-bot's own webhook server answers 200 as soon as the update is queued, so
this is the "custom webhook" set-up its documentation describes: the application runs
without its ``Updater``, and this small tornado server (tornado is python-telegram-bot's
webhook dependency) puts each update into ``application.update_queue`` and waits.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from typing import Any

import tornado.httpserver
import tornado.web
from telegram import Update
from telegram.ext import Application

logger = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
# Telegram waits about a minute for an answer; a handled update answers in milliseconds.
HANDLED_WITHIN_SECONDS = 50.0


class HandledUpdates:
    """Futures that resolve once an update is handled (``bot.telegram.ordering``'s
    ``on_done``)."""

    def __init__(self) -> None:
        self._waiting: dict[int, list[asyncio.Future[None]]] = {}

    def expect(self, update_id: int) -> asyncio.Future[None]:
        future = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(update_id, []).append(future)
        return future

    def handled(self, update_id: int) -> None:
        for future in self._waiting.pop(update_id, ()):
            if not future.done():
                future.set_result(None)


class UpdateReceiver(tornado.web.RequestHandler):
    def initialize(
        self, bot_application: AnyApplication, secret: str | None, handled: HandledUpdates
    ) -> None:
        self.application_ = bot_application
        self.secret = secret
        self.handled = handled

    async def post(self) -> None:
        given = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if self.secret is not None and not hmac.compare_digest(given, self.secret):
            self.set_status(403)  # not Telegram
            return
        data: Any = None
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.application_.bot)
        except Exception as error:
            # answered 200 all the same: Telegram would otherwise send it again and again
            update_id = data.get("update_id") if isinstance(data, dict) else None
            kinds = [k for k in data if k != "update_id"] if isinstance(data, dict) else []
            logger.warning(
                "skipped update %s (%s): it cannot be read (%s)",
                update_id, kinds[0] if kinds else "unknown", type(error).__name__,
            )  # fmt: skip
            return
        done = self.handled.expect(update.update_id)
        await self.application_.update_queue.put(update)
        try:
            await asyncio.wait_for(done, HANDLED_WITHIN_SECONDS)
        except TimeoutError:
            self.set_status(503)  # not known to be stored: Telegram delivers it again

    def log_exception(self, *args: Any) -> None:
        """tornado's own would print the request, body included."""
        logger.warning("the webhook could not answer a request")


async def serve_webhook(
    application: AnyApplication,
    handled: HandledUpdates,
    *,
    listen: str,
    port: int,
    url: str,
    secret: str | None,
    allowed_updates: list[str],
    max_connections: int = 40,
) -> None:
    """Run until SIGINT or SIGTERM: python-telegram-bot's life cycle (as ``run_webhook``),
    with the server above."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopping.set)
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    # as many updates at once as polling fetches: the update queue is sized for that
    await application.bot.set_webhook(
        url, secret_token=secret, allowed_updates=allowed_updates, max_connections=max_connections
    )
    await application.start()
    routes = [(r"/telegram", UpdateReceiver, {"bot_application": application, "secret": secret,
                                              "handled": handled})]  # fmt: skip
    server = tornado.httpserver.HTTPServer(tornado.web.Application(routes))
    server.listen(port, address=listen)
    try:
        await stopping.wait()
    finally:
        server.stop()  # no new requests; those being handled finish below
        await application.stop()
        await server.close_all_connections()
        if application.post_stop is not None:
            await application.post_stop(application)
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
