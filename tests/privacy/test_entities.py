"""The named-entity models (bot/privacy/entities.py): names and places no list or cue finds,
in both languages; clinical words, drugs and eponyms a model marks are kept; without the
models the rules still scrub."""

from __future__ import annotations

import pytest

from bot.privacy import entities
from bot.privacy.scrubber import Scrubber
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    scrubber = Scrubber.load(PROJECT_ROOT / "content")
    assert scrubber.prepare() == {"ru": True, "en": True}  # both ship in their wheels
    return scrubber


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tamar Gelashvili asked me to book, her back locks up",
         "[NAME] asked me to book, her back locks up"),
        ("im dmytro kovalenko, lower back pain for two weeks",
         "im [NAME], lower back pain for two weeks"),
        ("Пишет Ахмед Исмаилов, поясница болит после смены",
         "Пишет [NAME], поясница болит после смены"),
        ("Гульнара Сапарова, боль отдаёт в правую ногу", "[NAME], боль отдаёт в правую ногу"),
        ("warehouse picker at Amazon, lifting boxes all shift",
         "warehouse picker at [WORKPLACE], lifting boxes all shift"),
        ("в Тольятти 20 лет на конвейере на АвтоВАЗе",
         "в Тольятти 20 лет на конвейере на [WORKPLACE]"),
        # the model runs «Сбере операционистом» together: the job in lower case is kept
        ("работаю в Сбере операционистом, сидячая работа",
         "работаю в [WORKPLACE] операционистом, сидячая работа"),
    ],
)  # fmt: skip
def test_names_and_firms_without_a_cue_are_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sciatica after a fall, Paget's disease in the family, Ibuprofen 400 mg helps",
        "Numbness in the Saddle area and I can't pee since Tuesday",
        "Принимаю Мидокалм и Нурофен, помогает плохо",
        "пью Найз, ЛФК по Бубновскому",
        "she thinks it's SI joint, the MRI and the DOB form are done",
        "Живу с болью третий месяц, СНИЛС не помню",
        "I text on WhatsApp, my back hurts",
        # a product named by its form: the model's person or firm is a remedy here
        "мазь Капсикам или Финалгон лучше? Долобене гель не помог",
    ],
)
def test_clinical_words_drugs_and_acronyms_a_model_marks_are_kept(
    scrubber: Scrubber, text: str
) -> None:
    assert scrubber.scrub(text) == text


def test_the_models_run_only_where_words_are_left_to_judge(
    scrubber: Scrubber, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = entities.find_entities

    def counting(text: str, russian: bool, english: bool) -> list[entities.Entity]:
        calls.append(text)
        return real(text, russian, english)

    monkeypatch.setattr(entities, "find_entities", counting)
    scrubber.scrub("my lower back hurts when I sit, worse in the morning")
    scrubber.scrub("болит поясница, отдаёт в ногу")
    assert calls == []
    scrubber.scrub("My back hurts. Nanuli Gelashvili wrote this.")
    # one call, on the sentence that needs it, not the one before
    assert len(calls) == 1
    assert "Nanuli Gelashvili" in calls[0] and "hurts" not in calls[0]


def test_without_a_model_the_rules_still_scrub(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise OSError("model files missing")

    monkeypatch.setattr(entities, "_models", {})
    monkeypatch.setitem(entities._LOADERS, "en", broken)
    scrubber = Scrubber.load(PROJECT_ROOT / "content")
    assert scrubber.prepare() == {"ru": True, "en": False}
    assert (
        scrubber.scrub("my name is Tamar, call 07700 900461") == "my name is [NAME], call [PHONE]"
    )


def test_the_english_model_forgets_the_new_words_it_met(scrubber: Scrubber) -> None:
    """spaCy would keep every new word's strings for good (+90 MiB after 40,000 messages of
    new names, measured); what a message brought is freed once its entities are read."""
    english = entities._models["en"]
    entities.find_entities("Quentavius Brummelstrand asked me to book", False, True)
    before = len(english.vocab.strings)
    made_up = ["".join("bcdfghklmnprstvz"[int(d)] for d in f"{n:03d}") for n in range(200)]
    found = [
        entities.find_entities(f"Then Zo{word}ath Quil{word}ore from London asked me", False, True)
        for word in made_up
    ]
    assert len(english.vocab.strings) == before
    assert sum(any(entity.label == "PER" for entity in item) for item in found) > 100
