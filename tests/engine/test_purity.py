"""The engine imports nothing from Telegram, the database or the command line."""

from __future__ import annotations

import subprocess
import sys


def test_engine_imports_no_io_layer() -> None:
    code = (
        "import sys, bot.engine, bot.dialogue.loader, bot.content, bot.matcher; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('telegram', 'aiosqlite', 'httpx')"
        " or m.startswith(('bot.cli', 'bot.storage', 'bot.telegram', 'bot.terminal'))]; "
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
