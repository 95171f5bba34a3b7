"""YAML loading that remembers the line of every value, so errors can say ``file:line``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

from bot.problems import Problem

PathKey = tuple[str | int, ...]

_BOOL = "tag:yaml.org,2002:bool"


class _Loader(_BaseLoader):
    """YAML 1.2 booleans: only true/false. Authors write options ``yes:`` and ``no:`` (and
    Norway, ``no``) as words, which YAML 1.1 would silently turn into True and False."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class YamlFile:
    """Parsed data plus the 1-based line of each value, keyed by its path in the data."""

    path: Path
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, *keys: str | int) -> int:
        """The line of the value at ``keys``, or of its nearest existing parent."""
        path: PathKey = tuple(keys)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, message: str, *keys: str | int) -> Problem:
        return Problem(str(self.path), self.line_of(*keys), message)


class YamlError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def load_yaml(path: Path | str) -> YamlFile:
    """Load one YAML file with line marks; a syntax error raises ``YamlError`` with its line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise YamlError(Problem(str(path), 1, f"cannot read file: {error}")) from None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(Problem(str(path), line, f"YAML syntax: {error.problem}")) from None
    result = YamlFile(path=path, data=None)
    if root is not None:
        result.data = _Builder(path, result.lines).build(root, ())
    return result


class _Builder:
    """Turns a composed node tree into plain data, noting each value's line on the way."""

    def __init__(self, path: Path, lines: dict[PathKey, int]) -> None:
        self.path = path
        self.lines = lines
        self.scalars = yaml.constructor.SafeConstructor()

    def scalar(self, node: yaml.Node) -> Any:
        try:
            return self.scalars.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            raise YamlError(self.problem(node, f"YAML value: {error.problem}")) from None

    def problem(self, node: yaml.Node, message: str) -> Problem:
        return Problem(str(self.path), node.start_mark.line + 1, message)

    def build(self, node: yaml.Node, key: PathKey) -> Any:
        self.lines[key] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlError(self.problem(key_node, "a key must be plain text"))
                name = self.scalar(key_node)
                if name in mapping:
                    raise YamlError(self.problem(key_node, f"duplicate key {name!r}"))
                mapping[name] = self.build(value_node, (*key, name))
                # a key's own line is where authors look, even when its value starts below
                self.lines[(*key, name)] = key_node.start_mark.line + 1
            return mapping
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*key, i)) for i, item in enumerate(node.value)]
        return self.scalar(node)
