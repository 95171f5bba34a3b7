"""The content folder: concepts, clinic settings and the texts of every language.

Everything a person reads comes from here; Python only decides which text to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NotRequired, TypedDict, cast

from bot.problems import Problem, ProblemsError
from bot.schemas import schema_problems
from bot.yamlfile import YamlError, YamlFile, load_yaml

CONCEPT_LEVELS = ("emergency", "urgent", "routing", "symptom")
# The bot's command menu; each needs a description under ``commands:`` in every language.
MENU_COMMANDS = ("start", "restart", "back", "language", "privacy", "forget", "help")


class ContentError(ProblemsError):
    """The content files (or, at start-up, the dialogue checked against them) have problems."""


PerLanguage = str | dict[str, str]  # one value, or one per language (``ru:`` / ``en:``)


class Clinic(TypedDict):
    """content/clinic.yaml as content.schema.json requires it (checked when it is loaded).
    Every key, these and any other an author adds, is a ``{name}`` placeholder in the texts."""

    name: PerLanguage
    phone: str
    booking_url: str
    emergency_number: PerLanguage
    languages: list[str]
    default_language: NotRequired[str]
    startback: NotRequired[bool]  # the STarT Back questions (they need Keele's licence)
    campaigns: NotRequired[list[str]]  # the start parameters recorded as they are


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
    clinic: Clinic
    texts: dict[str, dict[str, Any]]  # language -> the merged texts/<language>/*.yaml
    files: dict[str, YamlFile] = field(default_factory=dict)  # for line numbers in checks
    text_files: dict[str, list[YamlFile]] = field(default_factory=dict)  # language -> its files
    # the clinic's details per language, worked out once: every text a person reads needs them
    _placeholders: dict[str, dict[str, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # texts without values of their own, once filled in: most of what every reply says
    _filled: dict[tuple[str, tuple[str, ...]], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

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

    def text_file(self, lang: str, section: str) -> YamlFile | None:
        """The file of ``lang`` that holds ``section`` (``ui``, ``nodes``...), for line numbers."""
        files = self.text_files.get(lang, [])
        holder = next((f for f in files if section in (f.data or {})), None)
        return holder or (files[0] if files else None)

    def placeholders(self, lang: str) -> dict[str, str]:
        """The clinic's details as ``{name}`` values in ``lang`` (shared: do not change it)."""
        values = self._placeholders.get(lang)
        if values is None:
            values = self._placeholders[lang] = {}
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
        if not values and (filled := self._filled.get((lang, keys))) is not None:
            return filled
        value = self.lookup(lang, *keys)
        if isinstance(value, dict):
            value = value.get("text")
        if not isinstance(value, str):
            raise KeyError(f"no text {'.'.join(keys)} in language {lang}")
        text = value.strip().format_map(_Placeholders(self.placeholders(lang), **values))
        if not values:
            self._filled[(lang, keys)] = text
        return text


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
    text_files: dict[str, list[YamlFile]] = {}
    for language_dir in sorted(p for p in (folder / "texts").glob("*") if p.is_dir()):
        lang = language_dir.name
        texts[lang] = {}
        text_files[lang] = []
        for path in sorted(language_dir.glob("*.yaml")):
            try:
                file = load_yaml(path)
            except YamlError as error:
                problems.append(error.problem)
                continue
            if not isinstance(file.data, dict):
                problems.append(file.problem("a texts file must be a mapping"))
                continue
            files[f"texts/{lang}/{path.name}"] = file
            text_files[lang].append(file)
            for section, value in file.data.items():
                if section in texts[lang]:
                    message = f"section {section!r} is already in another file of texts/{lang}/"
                    problems.append(file.problem(message, section))
                texts[lang][section] = value
    if "clinic.yaml" in files:  # typed from here on: a missing detail is refused at its line
        problems += schema_problems(files["clinic.yaml"], "content.schema.json", "clinic")
    if problems:
        raise ContentError(problems)
    if not texts:
        raise ContentError([Problem(str(folder / "texts"), 1, "no texts/<language>/ folders")])
    concepts = {
        c["id"]: Concept(c["id"], c["level"], tuple(c.get("route", ())))
        for c in files["concepts.yaml"].data["concepts"]
    }
    clinic = cast(Clinic, files["clinic.yaml"].data)
    return Content(folder, concepts, clinic, texts, files, text_files)
