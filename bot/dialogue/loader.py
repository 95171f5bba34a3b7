"""Reading dialogue YAML into the model; schema errors come back as ``file:line`` problems."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from bot.dialogue.model import Dialogue, Node, Option, Transition
from bot.problems import Problem, ProblemsError
from bot.schemas import schema_problems
from bot.yamlfile import YamlError, YamlFile, load_yaml


class DialogueError(ProblemsError):
    """The dialogue files have problems."""


def read_dialogue(path: Path | str) -> tuple[YamlFile | None, list[Problem]]:
    """Load and schema-check one dialogue file."""
    try:
        file = load_yaml(path)
    except YamlError as error:
        return None, [error.problem]
    return file, schema_problems(file, "dialogue.schema.json")


def load_dialogue(path: Path | str) -> Dialogue:
    """The dialogue of a file that passes the schema (the graph checks are the validator's)."""
    file, problems = read_dialogue(path)
    if problems or file is None:
        raise DialogueError(problems)
    return build_dialogue(file)


def build_dialogue(file: YamlFile) -> Dialogue:
    data = file.data
    nodes = {
        node_id: _node(node_id, raw, file.line_of("nodes", node_id))
        for node_id, raw in data["nodes"].items()
    }
    rules = tuple(Transition(r["goto"], r["if"]) for r in data.get("rules", []))
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    version = hashlib.sha256(canonical).hexdigest()[:16]
    consent = data.get("consent")
    consent_pair = (consent["question"], tuple(consent["given"])) if consent else None
    return Dialogue(
        data["id"],
        data["start"],
        nodes,
        rules,
        str(file.path),
        version,
        consent_pair,
        dict(data.get("slots", {})),
    )


def _transitions(raw: str | list[dict[str, Any]]) -> tuple[Transition, ...]:
    if isinstance(raw, str):
        return (Transition(raw),)
    return tuple(Transition(item["goto"], item.get("if")) for item in raw)


def _option(option_id: str, raw: str | dict[str, Any]) -> Option:
    if isinstance(raw, str):
        return Option(option_id, _transitions(raw))
    return Option(
        option_id,
        _transitions(raw["next"]) if "next" in raw else (),
        sets=tuple(raw.get("sets", ())),
        clears=tuple(raw.get("clears", ())),
        score=dict(raw.get("score", {})),
    )


def _node(node_id: str, raw: dict[str, Any], line: int) -> Node:
    return Node(
        id=node_id,
        type=raw["type"],
        line=line,
        next=_transitions(raw["next"]) if "next" in raw else (),
        options=tuple(_option(k, v) for k, v in raw.get("options", {}).items()),
        asks=raw.get("asks"),
        skip=tuple(Transition(s["goto"], s["if"]) for s in raw.get("skip", [])),
        urgency=raw.get("urgency"),
        specialists=tuple(raw.get("specialists", ())),
        safety_net=bool(raw.get("safety_net", False)),
    )
