"""The repository stands alone: nothing in it points at files outside it (the project's brief,
clinical notes and development sets were copied in: docs/product.md, docs/clinical-rules.md,
content/concepts.yaml, tests/data/)."""

from __future__ import annotations

import re
from pathlib import Path

from bot.settings import PROJECT_ROOT

# what used to be cited from a folder beside the repository, and where it is now
OUTSIDE = {
    r"\.\./shared\b|(?<![\w.-])/?shared/": "a folder outside the repository",
    r"(?<![\w/-])PRODUCT\.md": "docs/product.md",
    r"(?<![\w/-])clinical\.md": "docs/clinical-rules.md",
    r"(?<![\w/\"'-])dev_phrases\.yaml": "tests/data/dev_phrases.yaml",
}
TEXT_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".toml", ".json", ".txt", ".service", ".timer",
                 ".example", ".cfg", ".ini", ".html", ".j2"}  # fmt: skip
SKIPPED_FOLDERS = {".git", ".venv", "venv", "__pycache__", ".pytest_cache", ".ruff_cache",
                   "node_modules", "build", "dist"}  # fmt: skip


def project_files() -> list[Path]:
    found = []
    for path in PROJECT_ROOT.rglob("*"):
        parts = path.relative_to(PROJECT_ROOT).parts
        if any(part in SKIPPED_FOLDERS or part.endswith(".egg-info") for part in parts):
            continue
        if parts[0] == "data":  # the bot's runtime data folder, not part of the project
            continue
        if path.is_file() and (
            path.suffix in TEXT_SUFFIXES or path.name in {"Containerfile", "run"}
        ):
            found.append(path)
    return found


def test_nothing_refers_to_files_outside_the_repository() -> None:
    files = project_files()
    assert PROJECT_ROOT / "docs" / "clinical-rules.md" in files
    assert Path(__file__) in files
    wrong = []
    for path in files:
        if path == Path(__file__):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for pattern, instead in OUTSIDE.items():
                if re.search(pattern, line):
                    where = path.relative_to(PROJECT_ROOT)
                    wrong.append(f"{where}:{number}: point at {instead}: {line.strip()}")
    assert not wrong, "\n".join(wrong)


def test_the_copied_references_are_there() -> None:
    for copied in ("docs/product.md", "docs/clinical-rules.md", "content/concepts.yaml",
                   "tests/data/dev_phrases.yaml", "tests/data/pii_dev.yaml"):  # fmt: skip
        assert (PROJECT_ROOT / copied).is_file(), copied
