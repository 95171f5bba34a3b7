"""Shared fixtures: the real dialogue, the real content and the real matcher, loaded once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.app import load_engine
from bot.content import Content, load_content
from bot.engine import Engine, Turn, UserInput
from bot.settings import PROJECT_ROOT, Settings

pytest_plugins = ["bot.testing.pytest_plugin"]

CONTENT_DIR = PROJECT_ROOT / "content"
DIALOGUE_FILE = PROJECT_ROOT / "dialogues" / "back_pain.yaml"


def chromium(what: str) -> str:
    """Debian's chromium, for the tests that check ``what`` in a real browser. In CI
    (``CI=true``) a missing browser fails the test with a clear message; elsewhere it is
    skipped."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(
            f"chromium is not installed: {what} must be checked in a real browser in CI "
            "(apt-get install -y chromium; .ci/run does it)"
        )
    pytest.skip("chromium is not installed (install Debian's chromium to run this test)")
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content(CONTENT_DIR)


@pytest.fixture(scope="session")
def engine() -> Engine:
    return load_engine(Settings(CONTENT_DIR, DIALOGUE_FILE, Path("unused.sqlite3")))


def talk(engine: Engine, *inputs: str | UserInput, lang: str = "en") -> Turn:
    """Run a conversation from the start; a plain string is typed text."""
    turn = engine.start(lang)
    for item in inputs:
        user_input = UserInput.text(item) if isinstance(item, str) else item
        turn = engine.step(turn.session, user_input)
    return turn
