"""Run a python-telegram-bot :class:`~telegram.ext.Application` against a fake server in a test.

.. code:: python

    async with running_application(application):
        await user.send("hello")
        assert (await user.next_reply()).text == "hello"

The application goes through the life cycle of ``run_polling`` (``post_init``, ``post_stop``,
``post_shutdown`` included). Errors raised in handlers are collected and raised when the block
ends, so a failing handler fails the test instead of only being logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
from collections.abc import AsyncIterator
from typing import Any

from telegram.ext import Application, ContextTypes

__all__ = ["running_application"]


@contextlib.asynccontextmanager
async def running_application(
    application: Application[Any, Any, Any, Any, Any, Any],
    *,
    poll_timeout: float = 1.0,
    poll_interval: float = 0.0,
    stop_timeout: float = 5.0,
    raise_handler_errors: bool = True,
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """Initialize, start and long-poll ``application``; stop and shut it down afterwards.

    Args:
        application: The application, built with ``.base_url(server.base_url)``.
        poll_timeout: The ``getUpdates`` long-polling timeout in seconds. Stopping does not
            wait for it: python-telegram-bot cancels the pending request.
        poll_interval: Seconds between two ``getUpdates`` calls (as in ``run_polling``).
        stop_timeout: Upper bound for stopping; a hang becomes :class:`TimeoutError`.
        raise_handler_errors: Re-raise the first exception a handler raised when the block
            ends (other error handlers still run).
    """
    errors: list[BaseException] = []

    async def collect(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.error is not None:
            errors.append(context.error)

    if raise_handler_errors:
        application.add_error_handler(collect)
    # the same life cycle as Application.run_polling: post_init after initialize, post_stop
    # after stop, post_shutdown after shutdown - so resources opened there exist in tests too
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        assert application.updater is not None, "build the application with an updater"
        await application.updater.start_polling(
            poll_interval=poll_interval,
            timeout=dtm.timedelta(seconds=poll_timeout),
            # as run_polling: a failed getUpdates goes to the application's error handlers
            error_callback=lambda error: _to_error_handlers(application, error),
        )
        try:
            yield application
        finally:
            async with asyncio.timeout(stop_timeout):
                if application.updater.running:
                    await application.updater.stop()
                if application.running:
                    await application.stop()
                if application.post_stop is not None:
                    await application.post_stop(application)
    finally:
        async with asyncio.timeout(stop_timeout):
            await application.shutdown()
            if application.post_shutdown is not None:
                await application.post_shutdown(application)
        if raise_handler_errors:
            application.remove_error_handler(collect)
    if errors:
        raise AssertionError(f"a handler raised {errors[0]!r}") from errors[0]


def _to_error_handlers(
    application: Application[Any, Any, Any, Any, Any, Any], error: Exception
) -> None:
    application.create_task(application.process_error(error=error, update=None))
