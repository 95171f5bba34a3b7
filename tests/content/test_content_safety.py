"""Everything the bot can say must not name a drug or a dose, recommend bed rest, corsets or
folk remedies, or state a diagnosis as certain (docs/product.md rule 3, docs/clinical-rules.md).

Scanned: every string of content/texts/<language>/*.yaml (questions, buttons, synonyms,
advice, interface texts), content/clinic.yaml and content/concepts.yaml. Not scanned:
content/lexicon and content/privacy - word lists the matcher and the scrubber read in what
people type (the scrubber must know drug names to keep them), never shown to anyone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.settings import PROJECT_ROOT

CONTENT = PROJECT_ROOT / "content"

# analgesics, NSAIDs, muscle relaxants, steroids, opioids, anticonvulsants, antidepressants,
# "chondroprotectors" and vitamins sold for back pain; brand names common in Russia
DRUGS_EN = [
    "ibuprofen", "diclofenac", "naproxen", "ketorolac", "ketoprofen", "meloxicam", "nimesulide",
    "celecoxib", "etoricoxib", "aceclofenac", "indomethacin", "aspirin", "paracetamol",
    "acetaminophen", "metamizole", "analgin", "tolperisone", "tizanidine", "baclofen",
    "cyclobenzaprine", "diazepam", "prednisolone", "prednisone", "dexamethasone",
    "methylprednisolone", "betamethasone", "hydrocortisone", "tramadol", "codeine", "morphine",
    "oxycodone", "tapentadol", "fentanyl", "gabapentin", "pregabalin", "carbamazepine",
    "amitriptyline", "duloxetine", "lidocaine", "novocaine", "procaine", "glucosamine",
    "chondroitin", "milgamma", "combilipen", "neuromultivit", "mydocalm", "sirdalud",
    "voltaren", "nurofen", "movalis", "nise", "ketorol", "ketonal", "arcoxia", "lyrica",
    "diprospan", "tylenol", "advil", "co-codamol", "alflutop", "teraflex", "arthra",
]  # fmt: skip
DRUGS_RU = [
    "ибупрофен", "диклофенак", "напроксен", "кеторолак", "кетопрофен", "мелоксикам",
    "нимесулид", "целекоксиб", "эторикоксиб", "ацеклофенак", "индометацин", "аспирин",
    "ацетилсалицил", "парацетамол", "метамизол", "анальгин", "толперизон", "тизанидин",
    "баклофен", "диазепам", "преднизолон", "дексаметазон", "метилпреднизолон", "бетаметазон",
    "гидрокортизон", "трамадол", "трамал", "кодеин", "морфин", "оксикодон", "фентанил",
    "габапентин", "прегабалин", "карбамазепин", "амитриптилин", "дулоксетин", "лидокаин",
    "новокаин", "глюкозамин", "хондроитин", "мильгамма", "комбилипен", "нейромультивит",
    "мидокалм", "сирдалуд", "вольтарен", "нурофен", "мовалис", "найз", "кеторол", "кетонал",
    "аркоксиа", "лирика", "дипроспан", "алфлутоп", "терафлекс", "артра", "финалгон",
    "капсикам", "диклак", "долобене", "нимесил", "ксефокам", "витамины группы b",
]  # fmt: skip
DOSE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ml|мг|мкг|мл)\b|\b(?:mg|мг|мкг)\b", re.I)
BED_REST = re.compile(
    r"bed[- ]rest|lie in bed|stay in bed|постельн\w* режим|лежать в постели", re.I
)
NEGATION = re.compile(
    r"\b(?:not|no|does not|doesn't|don't|never)\b|(?<!\w)(?:не|нет|ни)(?!\w)", re.I
)
DIAGNOSES_EN = (
    r"sciatica|(?:a |an )?(?:spinal |disc )?hernia(?:tion)?|(?:a )?herniated disc|"
    r"(?:a )?slipped disc|"
    r"osteochondrosis|radiculopathy|radiculitis|lumbago|lumboischialgia|cauda equina(?: syndrome)?|"
    r"(?:a )?kidney stones?|appendicitis|pyelonephritis|cystitis|(?:a )?fracture|"
    r"(?:a )?tumou?r|cancer|(?:an )?aneurysm|spinal stenosis|arthritis|arthrosis|scoliosis"
)
CERTAIN_EN = re.compile(
    # the advice about someone else ("they have...") no less than to the person
    rf"\b(?:you|they|he|she) (?:have|has|have got|has got|'ve got|are suffering from|"
    rf"is suffering from|suffers? from) (?:{DIAGNOSES_EN})\b|"
    rf"\b(?:this|it|that) (?:is|means) (?:definitely |certainly |clearly |"
    rf"surely )?(?:{DIAGNOSES_EN})\b|"
    rf"\byour diagnosis is\b",
    re.I,
)
DIAGNOSES_RU = (
    r"ишиас|грыж\w*|остеохондроз\w*|радикулит\w*|радикулопати\w*|люмбаго|люмбоишиалги\w*|"
    r"протрузи\w*|синдром конского хвоста|мочекаменн\w*|почечн\w* колик\w*|аппендицит\w*|"
    r"пиелонефрит\w*|цистит\w*|перелом\w*|опухол\w*|рак\w*|аневризм\w*|стеноз\w*|артрит\w*|"
    r"артроз\w*|сколиоз\w*|защемлени\w* нерва"
)
CERTAIN_RU = re.compile(
    rf"(?<!\w)у (?:вас|него|нее|неё) (?:точно |явно |определённо |скорее всего )?"
    rf"(?:{DIAGNOSES_RU})(?!\w)|"
    rf"(?<!\w)это (?:точно |явно |определённо |несомненно )?(?:{DIAGNOSES_RU})(?!\w)|"
    rf"(?<!\w)ваш диагноз(?!\w)",
    re.I,
)
NOT_ALLOWED = re.compile(
    r"corset|back belt|support belt|lumbar belt|brace|bandage|warming belt|folk remed|"
    r"folk medicine|"
    r"herbal|herbs|home remed|корсет|бандаж|(?<!\w)пояс(?!\w)|согревающ\w* пояс|"
    r"народн\w* (?:средств|рецепт|медицин)|"
    r"травяно\w*|отвар\w*|настойк\w*|растирани\w*|мазь|мази|укол\w*|таблетк\w* от боли|"
    r"обезболивающ\w*|"
    r"painkiller|pain killer|anti-inflammator|противовоспалительн\w*|miorelaks|миорелаксант\w*",
    re.I,
)


def texts_files() -> list[Path]:
    files = sorted((CONTENT / "texts").glob("*/*.yaml"))
    return [*files, CONTENT / "clinic.yaml", CONTENT / "concepts.yaml"]


def strings(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from strings(inner, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from strings(inner, f"{path}[{index}]")


def all_texts() -> list[tuple[str, str]]:
    found = []
    for file in texts_files():
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        rel = file.relative_to(PROJECT_ROOT)
        found += [(f"{rel}:{path}", text) for path, text in strings(data)]
    return found


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]


def problems(text: str) -> list[str]:
    """Every rule ``text`` breaks (empty when it is safe)."""
    found = []
    lowered = text.casefold()
    for drug in [*DRUGS_EN, *DRUGS_RU]:
        if re.search(rf"(?<!\w){re.escape(drug)}", lowered):
            found.append(f"drug name {drug!r}")
    if DOSE.search(text):
        found.append(f"dose {DOSE.search(text).group(0)!r}")  # type: ignore[union-attr]
    for sentence in sentences(text):
        if BED_REST.search(sentence) and not NEGATION.search(sentence):
            found.append(f"bed rest recommended: {sentence!r}")
    for pattern in (CERTAIN_EN, CERTAIN_RU, NOT_ALLOWED):
        match = pattern.search(text)
        if match:
            found.append(f"not allowed: {match.group(0)!r}")
    return found


def test_the_lists_are_long_enough() -> None:
    assert len(set(DRUGS_EN)) >= 25 and len(set(DRUGS_RU)) >= 25


def test_every_text_is_scanned() -> None:
    texts = all_texts()
    files = {where.split(":")[0] for where, _ in texts}
    for lang in ("en", "ru"):
        assert f"content/texts/{lang}/dialogue.yaml" in files
        assert f"content/texts/{lang}/bot.yaml" in files
    assert len(texts) > 300


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_drug_dose_bed_rest_or_certain_diagnosis(lang: str) -> None:
    bad = [
        (where, problem)
        for where, text in all_texts()
        if f"/texts/{lang}/" in where or not where.startswith("content/texts/")
        for problem in problems(text)
    ]
    assert bad == []


@pytest.mark.parametrize(
    "text",
    [
        "Take ibuprofen 400 mg three times a day.",
        "Примите диклофенак.",
        "Можно принять Мидокалм.",
        "Stay in bed for a few days.",
        "Соблюдайте постельный режим три дня.",
        "You have sciatica.",
        "This is a herniated disc.",
        "У вас грыжа диска.",
        "Это радикулит.",
        "Wear a corset.",
        "Носите согревающий пояс.",
        "Помогут народные средства.",
        "По 2 таблетки 50 мг.",
    ],
)
def test_the_scanner_catches_what_it_must(text: str) -> None:
    assert problems(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Bed rest does not help.",
        "Short walks help, bed rest does not.",
        "Постельный режим не помогает.",
        "Короткие прогулки помогают, а постельный режим — нет.",
        "Pain below the knee often comes from an irritated nerve root.",
        "Боль в пояснице, отдаёт в ногу.",
        "You have had cancer.",
        "После травмы.",
    ],
)
def test_the_scanner_lets_safe_wording_through(text: str) -> None:
    assert problems(text) == [], text
