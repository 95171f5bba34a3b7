"""``python -m bot validate``: exit codes and the file:line output authors read."""

from __future__ import annotations

import subprocess
import sys

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
