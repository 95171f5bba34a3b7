"""One matcher for all matcher tests: loading the real lexicon once keeps the suite fast."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.matcher import Matcher

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


@pytest.fixture(scope="session")
def matcher() -> Matcher:
    return Matcher.load(CONTENT)
