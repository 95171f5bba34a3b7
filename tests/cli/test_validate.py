"""``python -m bot validate``: exit codes and the file:line output authors read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..conftest import FIXTURES


def run_validate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "validate", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_shipped_files_pass_with_exit_0() -> None:
    result = run_validate()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok:")


def test_broken_file_fails_with_exit_1_and_file_line() -> None:
    broken = FIXTURES / "dialogues" / "unknown_target.yaml"
    result = run_validate(broken)
    assert result.returncode == 1
    assert f"{broken}:9: unknown node 'bladdder'" in result.stdout.splitlines()


def test_a_python_without_the_bots_packages_gets_one_line(tmp_path: Path) -> None:
    # a package the bot needs, hidden: as in a Python the bot was never installed into
    (tmp_path / "aiosqlite.py").write_text("raise ModuleNotFoundError(name='aiosqlite')\n")
    result = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
         "from bot.cli import main; sys.exit(main(['validate']))", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: the package 'aiosqlite' is not installed in this Python ({sys.executable}); "
        "install the bot first: pip install -e . (README)"
    ]
