"""Headless Chromium (Debian's ``chromium``) driven by playwright, and a console to drive.

Playwright only drives the browser: nothing is downloaded (``executable_path`` points at the
system's chromium). In CI (``CI=true``) a missing browser fails the test with a clear message;
on a developer's machine without Chromium the browser tests are skipped.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import AsyncIterator
from pathlib import Path
from unittest import mock

from aiohttp import web
from playwright.async_api import Page

from bot.cli import main
from bot.console.app import Console, make_console, start

from ..conftest import CONTENT_DIR, DIALOGUE_FILE

OPERATOR = "anna"
PASSWORD = "correct horse battery staple"


def add_operator(database: Path, name: str, password: str) -> None:
    """``python -m bot operators add NAME`` with the password piped in, as a script does."""
    with mock.patch("sys.stdin", io.StringIO(f"{password}\n{password}\n")):
        assert main(["operators", "add", name, "--database", str(database)]) == 0


@contextlib.asynccontextmanager
async def serving(database: Path) -> AsyncIterator[tuple[str, Console]]:
    """The console on a free port of 127.0.0.1, for the ``with`` block."""
    console = make_console(database, CONTENT_DIR, DIALOGUE_FILE)
    runner: web.AppRunner = await start(console, "127.0.0.1", 0)
    try:
        host, port = runner.addresses[0][:2]
        yield f"http://{host}:{port}", console
    finally:
        await runner.cleanup()


async def sign_in(page: Page, base: str, name: str = OPERATOR, password: str = PASSWORD) -> None:
    await page.goto(f"{base}/login")
    await page.fill("#name", name)
    await page.fill("#password", password)
    await page.click("#sign-in")
