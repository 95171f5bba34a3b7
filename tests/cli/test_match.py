"""`python -m bot match` prints each concept's "uncertain" and the message's "subject"."""

import json
import subprocess
import sys

from bot.settings import PROJECT_ROOT


def _match(*args: str, stdin: str | None = None) -> list[dict]:
    run = subprocess.run(
        [sys.executable, "-m", "bot", "match", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=60,
        check=True,
    )
    return [json.loads(line) for line in run.stdout.splitlines()]


def test_match_shows_uncertain_and_subject() -> None:
    [result] = _match("no fever and numbness in the groin")
    concepts = {c["id"]: c for c in result["concepts"]}
    assert result["subject"] == "self"
    assert concepts["fever"]["negated"] is True and concepts["fever"]["uncertain"] is False
    assert concepts["saddle_numbness"]["uncertain"] is True
    assert concepts["saddle_numbness"]["negated"] is False


def test_match_stdin_tells_whose_symptoms() -> None:
    lines = _match("--stdin", stdin="папа не может пописать\nI can't pee\n")
    assert [r["subject"] for r in lines] == ["other", "self"]
    assert all(r["concepts"][0]["id"] == "bladder_dysfunction" for r in lines)
