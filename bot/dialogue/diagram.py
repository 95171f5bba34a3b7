"""The dialogue graph as text for Mermaid or Graphviz, so authors can see what they wrote."""

from __future__ import annotations

import json
from collections.abc import Iterator

from bot.dialogue.model import Condition, Dialogue, Node


def describe(condition: Condition | None) -> str:
    """A short human reading of a condition, for edge labels."""
    if condition is None:
        return ""
    if "all" in condition:
        return " and ".join(f"({describe(c)})" for c in condition["all"])
    if "any" in condition:
        return " or ".join(f"({describe(c)})" for c in condition["any"])
    if "not" in condition:
        return f"not {describe(condition['not'])}"
    if "answered" in condition:
        ((node_id, wanted),) = condition["answered"].items()
        return f"{node_id} = {wanted if isinstance(wanted, str) else '|'.join(wanted)}"
    if "at_least" in condition:
        return f"{condition['score']} >= {condition['at_least']}"
    if "below" in condition:
        return f"{condition['score']} < {condition['below']}"
    ((key, value),) = condition.items()
    return f"{key} {value}"


def edges(dialogue: Dialogue) -> Iterator[tuple[str, str, str, bool]]:
    """(source, target, label, is_rule) for every arrow of the diagram."""
    for node in dialogue.nodes.values():
        for transition in node.next:
            label = describe(transition.when)
            if node.type == "checklist":  # left with "None of these" / "Done"
                label = "done" + (f" & {label}" if label else "")
            yield node.id, transition.goto, label, False
        for transition in node.skip:
            yield node.id, transition.goto, "skip if " + describe(transition.when), False
        for option in node.options:
            for transition in option.next:
                label = option.id + (f" & {describe(transition.when)}" if transition.when else "")
                yield node.id, transition.goto, label, False
    for rule in dialogue.rules:
        yield "any_input", rule.goto, describe(rule.when), True


def _verdict(node: Node) -> str:
    return node.urgency or "safety net, no verdict"


def _mermaid_node(node: Node) -> str:
    label = json.dumps(f"{node.id}: {_verdict(node)}" if node.type == "outcome" else node.id)
    shape = {
        "info": "[{}]", "question": "{{{}}}", "checklist": "[[{}]]", "text": "[/{}/]",
        "outcome": "([{}])",
    }[node.type]  # fmt: skip
    return f"    {node.id}{shape.format(label)}"


def to_mermaid(dialogue: Dialogue) -> str:
    lines = ["flowchart TD", '    any_input(("any message"))']
    lines += [_mermaid_node(node) for node in dialogue.nodes.values()]
    for source, target, label, is_rule in edges(dialogue):
        arrow = "-.->" if is_rule else "-->"
        text = f"|{json.dumps(label)}|" if label else ""
        lines.append(f"    {source} {arrow}{text} {target}")
    return "\n".join(lines)


def to_dot(dialogue: Dialogue) -> str:
    shapes = {
        "info": "box",
        "question": "diamond",
        "checklist": "box3d",
        "text": "parallelogram",
        "outcome": "doubleoctagon",
    }
    lines = [
        f"digraph {json.dumps(dialogue.id)} {{",
        "    rankdir=TB;",
        '    any_input [shape=circle, label="any message"];',
    ]
    for node in dialogue.nodes.values():
        label = f"{node.id}\\n{_verdict(node)}" if node.type == "outcome" else node.id
        lines.append(f'    {node.id} [shape={shapes[node.type]}, label="{label}"];')
    for source, target, label, is_rule in edges(dialogue):
        style = ", style=dashed" if is_rule else ""
        lines.append(f"    {source} -> {target} [label={json.dumps(label)}{style}];")
    lines.append("}")
    return "\n".join(lines)
