"""The content folder: concepts, clinic settings and the texts of every language.

Everything a person reads comes from here; Python only decides which text to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.problems import Problem
from bot.yamlfile import YamlError, YamlFile, load_yaml

CONCEPT_LEVELS = ("emergency", "urgent", "routing", "symptom")


class ContentError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    level: str  # emergency | urgent | routing | symptom
    route: tuple[str, ...]


class _Placeholders(dict[str, str]):
    """Leaves an unknown ``{name}`` as written instead of failing on it."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass
class Content:
    folder: Path
    concepts: dict[str, Concept]
    clinic: dict[str, Any]
    texts: dict[str, dict[str, Any]]  # language -> the tree of texts/<language>.yaml
    files: dict[str, YamlFile] = field(default_factory=dict)  # for line numbers in checks

    @property
    def languages(self) -> list[str]:
        return list(self.clinic.get("languages", sorted(self.texts)))

    @property
    def default_language(self) -> str:
        return str(self.clinic.get("default_language", self.languages[0]))

    def lookup(self, lang: str, *keys: str) -> Any:
        """The raw value at ``keys`` in the texts of ``lang``, or None."""
        value: Any = self.texts.get(lang, {})
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return value

    def placeholders(self, lang: str) -> dict[str, str]:
        values: dict[str, str] = {}
        for key, value in self.clinic.items():
            if isinstance(value, dict) and lang in value:
                value = value[lang]
            if isinstance(value, str | int):
                values[key] = str(value)
        return values

    def text(self, lang: str, *keys: str, **values: str) -> str:
        """The text at ``keys`` with the clinic's details and ``values`` filled in.

        A missing text raises ``KeyError``: the validator makes sure none is missing.
        """
        value = self.lookup(lang, *keys)
        if isinstance(value, dict):
            value = value.get("text")
        if not isinstance(value, str):
            raise KeyError(f"no text {'.'.join(keys)} in language {lang}")
        return value.strip().format_map(_Placeholders(self.placeholders(lang), **values))


def load_content(folder: Path | str) -> Content:
    """Load the content folder; any unreadable file raises ``ContentError`` with its line."""
    folder = Path(folder)
    problems: list[Problem] = []
    files: dict[str, YamlFile] = {}
    for name in ("concepts.yaml", "clinic.yaml"):
        try:
            files[name] = load_yaml(folder / name)
        except YamlError as error:
            problems.append(error.problem)
    texts: dict[str, dict[str, Any]] = {}
    for path in sorted((folder / "texts").glob("*.yaml")):
        try:
            file = load_yaml(path)
        except YamlError as error:
            problems.append(error.problem)
            continue
        files[f"texts/{path.name}"] = file
        if not isinstance(file.data, dict):
            problems.append(file.problem("a texts file must be a mapping"))
            continue
        texts[path.stem] = file.data
    if problems:
        raise ContentError(problems)
    if not texts:
        raise ContentError([Problem(str(folder / "texts"), 1, "no texts/<language>.yaml files")])
    concepts = {
        c["id"]: Concept(c["id"], c["level"], tuple(c.get("route", ())))
        for c in files["concepts.yaml"].data["concepts"]
    }
    clinic = files["clinic.yaml"].data or {}
    return Content(folder, concepts, clinic, texts, files)
