from __future__ import annotations

import subprocess
import sys

from bot.dialogue.diagram import to_dot, to_mermaid
from bot.engine import Engine


def test_mermaid_shows_every_node_and_the_rules(engine: Engine) -> None:
    text = to_mermaid(engine.dialogue)
    assert text.startswith("flowchart TD")
    for node_id in engine.dialogue.nodes:
        assert f"    {node_id}" in text
    assert 'any_input -.->|"level emergency"| emergency' in text
    assert 'saddle -->|"yes"| emergency' in text


def test_dot_is_accepted_by_the_command(engine: Engine) -> None:
    dot = to_dot(engine.dialogue)
    assert dot.startswith('digraph "back_pain" {') and dot.endswith("}")
    assert 'triage -> radicular [label="concept pain_below_knee"];' in dot
    result = subprocess.run(
        [sys.executable, "-m", "bot", "graph", "--format", "dot"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.strip() == dot
