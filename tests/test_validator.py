"""The validator over the shipped files and over fixtures that each break one thing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.content import ContentError, load_content
from bot.validator import load_checked, validate

from .conftest import CONTENT_DIR, DIALOGUE_FILE, FIXTURES

BROKEN = sorted(p for p in (FIXTURES / "dialogues").glob("*.yaml") if p.name != "valid.yaml")


def expectation(path: Path) -> tuple[int, str]:
    """The ``# expect: LINE: message`` header of a broken fixture."""
    header = path.read_text(encoding="utf-8").splitlines()[0]
    found = re.fullmatch(r"# expect: (\d+): (.+)", header)
    assert found, f"{path.name} has no '# expect: LINE: message' first line"
    return int(found[1]), found[2]


def test_shipped_dialogue_and_content_pass() -> None:
    assert validate([DIALOGUE_FILE], CONTENT_DIR) == []


def test_valid_fixture_passes() -> None:
    problems = validate([FIXTURES / "dialogues" / "valid.yaml"], CONTENT_DIR)
    assert problems == []


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_fixture_reports_its_error_at_its_line(path: Path) -> None:
    line, message = expectation(path)
    problems = [p for p in validate([path], CONTENT_DIR) if p.file == str(path)]
    assert any(p.line == line and message in p.message for p in problems), (
        f"expected {path.name}:{line}: {message}\ngot:\n" + "\n".join(map(str, problems))
    )


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_ui_text_is_reported(content_copy: Path) -> None:
    texts = content_copy / "texts" / "ru" / "bot.yaml"
    replace_in(texts, "  disclaimer:", "  disclaimer_old:")
    ui_line = texts.read_text(encoding="utf-8").splitlines().index("ui:") + 1
    problems = [str(p) for p in validate([DIALOGUE_FILE], content_copy)]
    assert f"{texts}:{ui_line}: missing text ui.disclaimer" in problems


def test_unknown_placeholder_is_reported_at_its_line(content_copy: Path) -> None:
    texts = content_copy / "texts" / "en" / "bot.yaml"
    replace_in(texts, "To book: call {phone}", "To book: call {telephone}")
    line = next(
        n for n, text in enumerate(texts.read_text().splitlines(), 1) if "{telephone}" in text
    )
    problems = [str(p) for p in validate([DIALOGUE_FILE], content_copy)]
    assert f"{texts}:{line}: unknown placeholder {{telephone}}" in problems


def test_missing_language_file_is_reported(content_copy: Path) -> None:
    shutil.rmtree(content_copy / "texts" / "ru")
    problems = [str(p) for p in validate([DIALOGUE_FILE], content_copy)]
    assert any("language ru has no texts/ru/*.yaml files" in p for p in problems), problems


def test_yes_and_no_stay_words_not_booleans(content_copy: Path) -> None:
    # YAML 1.1 reads `no:` as False; a doctor writing options must get the word
    problems = validate([FIXTURES / "dialogues" / "valid.yaml"], content_copy)
    assert not any("not of type" in p.message for p in problems)


def test_a_missing_clinic_detail_is_refused_when_the_content_is_loaded(
    content_copy: Path,
) -> None:
    clinic = content_copy / "clinic.yaml"
    replace_in(clinic, 'phone: "+7 495 123-45-67"\n', "")
    expected = f"{clinic}:3: top level: 'phone' is a required property"  # at the mapping
    assert [str(p) for p in validate([DIALOGUE_FILE], content_copy)] == [expected]
    # the bot's start-up reads the content the same way: it does not start without the phone
    with pytest.raises(ContentError) as refused:
        load_checked(DIALOGUE_FILE, content_copy)
    assert str(refused.value) == expected
    with pytest.raises(ContentError):
        load_content(content_copy)


def test_the_loaded_clinic_holds_every_detail_of_clinic_yaml() -> None:
    clinic = load_content(CONTENT_DIR).clinic
    assert clinic["phone"] == "+7 495 123-45-67"
    assert clinic["booking_url"] == "https://healthyback.example/booking"
    assert clinic["name"] == {"ru": "Клиника «Здоровая спина»", "en": "Healthy Back Clinic"}
    assert clinic["languages"] == ["en", "ru"] and clinic.get("startback") is True


def test_a_wording_for_a_woman_without_the_one_it_refines_is_reported(
    content_copy: Path,
) -> None:
    """Without the ``other`` beside it, a man or someone unknown would get the writer's own
    «у вас»: each ``other_female`` needs its ``other``, at every level."""
    texts = content_copy / "texts" / "ru" / "bot.yaml"
    replace_in(texts, "  stale:", '  stale_other_female: "Этот вопрос уже позади."\n  stale:')
    dialogue = content_copy / "texts" / "ru" / "dialogue.yaml"
    night_pain = '  night_pain: "у неё болит ночью"\n'
    replace_in(dialogue, '  weight_loss: "она', night_pain + '  weight_loss: "она')
    replace_in(dialogue, '    other: "Сколько ему лет?"\n', "")
    problems = [str(p) for p in validate([DIALOGUE_FILE], content_copy)]

    def line_of(path: Path, start: str) -> int:
        lines = path.read_text(encoding="utf-8").splitlines()
        return next(n for n, text in enumerate(lines, 1) if text.startswith(start))

    assert (
        f"{texts}:{line_of(texts, '  stale_other_female:')}: 'stale_other_female' has no "
        "'stale_other' beside it (the wording it refines)"
    ) in problems
    concept_line = line_of(dialogue, '  night_pain: "у неё')
    assert (
        f"{dialogue}:{concept_line}: concepts_other_female.night_pain has no "
        "concepts_other.night_pain (the wording it refines)"
    ) in problems
    age_line = line_of(dialogue, '    other_female: "Сколько ей')
    assert (
        f"{dialogue}:{age_line}: 'other_female' has no 'other' beside it (the wording it refines)"
    ) in problems
