"""Front ends reach the core only through ``Conversations``: none of them reaches into an
object's ``.storage`` or ``.engine`` (what they may import is ``lint-imports``' contract in
pyproject.toml, which CI runs)."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.settings import PROJECT_ROOT

FRONT_ENDS = ["bot/telegram", "bot/terminal", "bot/console", "bot/cli", "bot/simulate.py"]
BEHIND_THE_DOOR = {"storage", "engine"}


def reaches_behind_the_door(source: str) -> list[str]:
    """Every ``something.storage`` or ``something.engine`` in ``source``, as written."""
    reached = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute) and node.attr in BEHIND_THE_DOOR
    ]
    return [
        f"line {node.lineno}: {ast.unparse(node)}"
        for node in sorted(reached, key=lambda n: n.lineno)
    ]


def front_end_files() -> list[Path]:
    files: list[Path] = []
    for name in FRONT_ENDS:
        path = PROJECT_ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


def test_no_front_end_reaches_into_storage_or_the_engine() -> None:
    files = front_end_files()
    assert len(files) > 20, "the front ends' files were not found: the test would prove nothing"
    found = {
        str(path.relative_to(PROJECT_ROOT)): reached
        for path in files
        if (reached := reaches_behind_the_door(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "use (or add) a Conversations method instead"


def test_the_check_sees_a_reach_behind_the_door() -> None:
    source = (
        "async def on_forget(bot, person):\n"
        "    await bot.conversations.storage.delete_person(person)\n"
        "    return bot.conversations.engine.content\n"
    )
    assert reaches_behind_the_door(source) == [
        "line 2: bot.conversations.storage",
        "line 3: bot.conversations.engine",
    ]
    assert reaches_behind_the_door("await bot.conversations.forget(person)") == []
