"""JSON Schemas of the authors' YAML files, and checking a loaded file against one."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, cast

import jsonschema
from jsonschema.exceptions import best_match

from bot.problems import Problem
from bot.yamlfile import YamlFile


@cache
def _validator(schema_file: str, definition: str | None) -> jsonschema.protocols.Validator:
    text = resources.files("bot.schemas").joinpath(schema_file).read_text(encoding="utf-8")
    schema = json.loads(text)
    if definition is not None:
        schema = {"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    return jsonschema.Draft202012Validator(schema)


def schema_problems(
    file: YamlFile, schema_file: str, definition: str | None = None
) -> list[Problem]:
    """Every schema error of ``file``, each at the line of the value it is about."""
    problems = set()
    for error in _validator(schema_file, definition).iter_errors(file.data):
        # for oneOf the top error is vague ("not valid under any"); the best inner one says why
        specific = best_match([error, *error.context]) if error.context else error
        path = list(specific.absolute_path)
        if specific.validator == "additionalProperties" and isinstance(specific.instance, dict):
            # point at the unexpected key itself, not at the mapping that holds it
            allowed = cast("Mapping[str, Any]", specific.schema).get("properties", {})
            path += [next(k for k in specific.instance if k not in allowed)]
        where = ".".join(str(k) for k in specific.absolute_path) or "top level"
        message = specific.message
        if specific.schema is False:  # "False schema does not allow 'routine'" says too little
            message = f"{specific.instance!r} is not allowed here"
        problems.add(file.problem(f"{where}: {message}", *path))
    return sorted(problems)
