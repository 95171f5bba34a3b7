from __future__ import annotations

import subprocess
import sys

from bot.dialogue.diagram import to_dot, to_mermaid
from bot.engine import Engine


def test_mermaid_shows_every_node_every_answer_and_the_rules(engine: Engine) -> None:
    text = to_mermaid(engine.dialogue)
    assert text.startswith("flowchart TD")
    for node in engine.dialogue.nodes.values():
        assert f"    {node.id}" in text
        for option in node.options:
            for transition in option.next:
                if transition.when is None:
                    assert f'    {node.id} -->|"{option.id}"| {transition.goto}' in text
    assert 'any_input -.->|"level emergency"| emergency' in text


def test_dot_matches_the_command_and_labels_conditions(engine: Engine) -> None:
    dot = to_dot(engine.dialogue)
    assert dot.startswith('digraph "back_pain" {') and dot.endswith("}")
    checked = 0
    for node in engine.dialogue.nodes.values():
        for transition in node.next:
            if transition.when is not None and set(transition.when) == {"concept"}:
                label = f"concept {transition.when['concept']}"
                assert f'{node.id} -> {transition.goto} [label="{label}"];' in dot
                checked += 1
    assert checked > 0
    result = subprocess.run(
        [sys.executable, "-m", "bot", "graph", "--format", "dot"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.strip() == dot
