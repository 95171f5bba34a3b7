"""The PII scrubber: every free-text message passes through it before it is stored.

It replaces personal data with typed placeholders ([PHONE], [NAME], [ADDRESS], [WORKPLACE],
...) in Russian and English text. Detectors run from the most to the least certain, each one
skipping text an earlier one already claimed:

- contacts.py: e-mails and links, user names, cue-led documents and birth dates, cards,
  phone numbers, addresses with a street word, long numbers;
- emails.py: e-mails spelt out, with spaces or words for "@" and the dots;
- spoken.py: phone numbers and birth dates written in words;
- numbered.py: a street named without its street word before house and flat numbers
  («Бутлерова 4-17»), ahead of the dates that "14-2-88" would otherwise be read as;
- places.py: addresses without a street word, stations, districts, estates, plots, where a
  person lives, car plates;
- plates.py: car plates in lower case with spaces, where no group of letters is a word;
- workplaces.py: the employer, named, numbered, quoted or described;
- lower_case.py: places typed in lower case ("sw11 6ht", "41 cedar road", "from crossgates",
  «я в южном бутово живу»), a nickname in brackets after a name, and the eponym exercises
  («упражнения Уильямса») no detector may take for a person;
- branches.py: employers typed in lower case ("for royal mail", "hargreaves & sons"), a
  chain after a job noun («кассир в магнит у дома»), and the branch where one works ("the
  greggs on the high street", «со склада на Промышленной»);
- employers.py: employers typed as ordinary words, by their slot after a work verb or a
  preposition ("for the council", «на почте», «в сбере работаю», "i work for stobarts");
- located.py: places named with ordinary English words after a location cue ("near Kings
  Heath", "at the Green"), and a workplace's branch ("the Costa on the high street");
- landmarks.py: landmarks and buildings named after a location cue ("behind St Mary's
  church", «у Дворца спорта «Юбилейный»»);
- named_places.py: houses and streets named without a number ("willow cottage, mill road"),
  a house after "called" or "we're at", Russian compounds («москва-сити»);
- homes.py: a home told by what stands near it ("the flat above the chippy", «дом напротив
  пятёрочки у школы»);
- common_nouns.py: not a detector: a common noun that is also a first name, where it is a
  verb's object («роман читаю»), is no person;
- counts.py: not a detector: tells the thing a number counts ("20 Lunges", "took 3 Nurofen")
  from a house or a name after a number, and a toy or an appliance handled ("Lego", "the
  Hoover") from a person or a place, for the detectors above and below;
- vehicles.py: not a detector either: the make a person drives ("a Volvo artic", «на Газели»)
  is the job's load, which no detector may take for a firm or a person;
- names.py: names by cue phrases, name lists and dictionaries (dictionaries.py), whether one
  word reads as a name (name_words.py), signatures and "X here" (signatures.py);
- name_tails.py: the rest of a half-found name, and a signature alone at the end;
- latin_russian.py: Russian typed in Latin letters: its ordinary words kept, its names masked
  ("zapishite mamu galinu", but "spina bolit" stays);
- nicknames.py: nicknames and diminutives with no cue word («Сашок», "Bazza", "lyokha");
- entities.py: named-entity models (natasha, spaCy) on the words the rules left undecided.

Leaking a phone number or a name into the operators' log is the worst outcome, so where the rules
are unsure they mask. All word lists, cue phrases and patterns live in ``content/privacy/*.yaml``.
The scrubber never logs and never raises: if a detector fails, ``scrub`` returns a crudely
masked text rather than the original.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.dictionaries import english_words, russian_morphology
from bot.privacy.branches import Branches
from bot.privacy.common_nouns import CommonNouns
from bot.privacy.contacts import ContactDetectors
from bot.privacy.counts import CountedThings
from bot.privacy.emails import SpeltEmails
from bot.privacy.employers import WorkSlots
from bot.privacy.entities import EntityDetector, load_models
from bot.privacy.homes import Homes
from bot.privacy.landmarks import Landmarks
from bot.privacy.latin_russian import LatinRussian
from bot.privacy.located import LocatedPlaces
from bot.privacy.lower_case import LowerCasePlaces
from bot.privacy.name_tails import NameTails
from bot.privacy.named_places import NamedPlaces
from bot.privacy.nicknames import Nicknames
from bot.privacy.numbered import NumberedStreets
from bot.privacy.patterns import ScrubberConfigError, Span, _norm, single_line
from bot.privacy.places import PlaceDetector
from bot.privacy.plates import SpacedPlates
from bot.privacy.spoken import SpokenNumbers
from bot.privacy.vehicles import Vehicles
from bot.privacy.workplaces import WorkplaceDetector
from bot.yamlfile import YamlError, load_yaml

__all__ = ["PLACEHOLDER_KINDS", "Scrubber", "ScrubberConfigError", "Span", "single_line"]


CONFIG_FILE = "scrubber.yaml"
FIRST_NAMES_FILE = "first_names.yaml"
# spans of these kinds that overlap are one place, masked as their union
_PLACE_KINDS = frozenset(("address", "workplace"))
# what a vehicle driven may not be taken for
_LOADS = frozenset(("name", "workplace", "address"))
PLACEHOLDER_KINDS = (
    "phone", "email", "name", "address", "date", "id", "url", "handle", "card",
    "workplace", "plate",
)  # fmt: skip


@dataclass
class Scrubber(
    ContactDetectors,
    SpeltEmails,
    SpokenNumbers,
    PlaceDetector,
    SpacedPlates,
    WorkplaceDetector,
    WorkSlots,
    LocatedPlaces,
    Landmarks,
    Homes,
    NumberedStreets,
    NameTails,
    Nicknames,
    EntityDetector,
    CountedThings,
    Vehicles,
    LowerCasePlaces,
    Branches,
    LatinRussian,
    CommonNouns,
    NamedPlaces,
):
    """Loaded once (``Scrubber.load``), then ``scrub`` is pure and safe to call on every message."""

    placeholders: dict[str, str]
    phone_regions: list[str]
    config: dict[str, Any]
    first_names: frozenset[str]
    today: datetime.date = field(default_factory=datetime.date.today)
    # the named-entity models (bot/privacy/entities.py); off only to measure what they add
    models: bool = True

    # ----------------------------------------------------------------- loading

    @classmethod
    def load(cls, content_dir: Path) -> Scrubber:
        """Read ``content_dir/privacy/*.yaml`` (or the privacy folder itself, if given that)."""
        folder = Path(content_dir)
        if not (folder / CONFIG_FILE).exists():
            folder = folder / "privacy"
        try:
            config_file = load_yaml(folder / CONFIG_FILE)
            names_file = load_yaml(folder / FIRST_NAMES_FILE)
        except YamlError as error:
            raise ScrubberConfigError(str(error)) from None
        config = config_file.data
        if not isinstance(config, dict):
            raise ScrubberConfigError(str(config_file.problem("expected a mapping")))
        placeholders = config.get("placeholders")
        if not isinstance(placeholders, dict) or set(PLACEHOLDER_KINDS) - set(placeholders):
            raise ScrubberConfigError(
                str(
                    config_file.problem(
                        f"placeholders must define {', '.join(PLACEHOLDER_KINDS)}", "placeholders"
                    )
                )
            )
        for section in ("numbers", "ids", "birth", "dates", "addresses", "names"):
            if not isinstance(config.get(section), dict):
                raise ScrubberConfigError(str(config_file.problem(f"missing section {section!r}")))
        groups = (names_file.data or {}).get("first_names")
        if not isinstance(groups, dict):
            raise ScrubberConfigError(str(names_file.problem("expected 'first_names:' with lists")))
        first_names = frozenset(_norm(str(n)) for group in groups.values() for n in group or ())
        scrubber = cls(
            placeholders={k: str(placeholders[k]) for k in PLACEHOLDER_KINDS},
            phone_regions=[str(r) for r in config.get("phone_regions", ["RU", "GB", "US"])],
            config=config,
            first_names=first_names,
        )
        scrubber._compile(folder)
        return scrubber

    def _compile(self, folder: Path) -> None:
        self._compile_contacts()
        self._compile_spelt_emails()
        self._compile_spoken(folder)
        self._compile_places(folder)
        self._compile_names()
        self._compile_nicknames()
        self._compile_latin_russian()  # after the nicknames: it spells as they do
        self._compile_lower_case(folder)  # after the names: it asks for the eponyms' heads
        self._compile_named_places()  # after the lower case: it reads the same file
        self._compile_counts()

    def prepare(self) -> dict[str, bool]:
        """Open the dictionaries and load the named-entity models now (about 2.5 s) rather than
        on the first message that needs them; says which model loaded ({"ru": True, ...})."""
        russian_morphology()
        english_words()
        return load_models() if self.models else {}

    # ----------------------------------------------------------------- scrubbing

    def scrub(self, text: str) -> str:
        """``text`` with personal data replaced by placeholders. Never raises."""
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        if not text:
            return text
        try:
            return self._render(text, self.find(text))
        except Exception:  # a crash here must not store the raw text
            return self._fallback(text)
        finally:
            # the detectors' shared reading of this message holds its text: not kept after
            self._latin_ru_last = None

    def find(self, text: str) -> list[Span]:
        """The personal-data spans of ``text``, sorted, non-overlapping."""
        taken: list[Span] = []
        # words no detector may take: a thing counted ("20 Lunges"), a vehicle driven
        kept = [
            *self._counted_words(text),
            *((s, e, _LOADS) for s, e in self._vehicle_loads(text)),
            *self._eponym_words(text),
            *self._product_words(text),
            *self._latin_russian_kept(text),
            *self._common_nouns(text),
        ]
        for detector in (
            # a link first: "me at facebook.com/shaun.obrien" is a profile, not "me@facebook.com"
            self._urls,
            self._emails,
            self._spelt_emails,
            self._handles,
            self._id_cued,
            self._birth_dates,
            self._numbered_streets,
            self._old_dates,
            self._cards,
            self._phones,
            self._cued_phones,
            self._spoken_numbers,
            self._plates,
            self._spaced_plates,
            self._addresses,
            self._lower_postcodes,
            self._lower_streets,
            self._places,
            self._lower_districts,
            self._workplaces,
            self._lower_employers,
            self._work_slots,
            self._located,
            self._landmarks,
            self._homes,
            self._kinds_before,
            self._unit_numbers,
            self._address_tails,
            self._named_places,
            self._latin_russian_places,
            self._workplace_branches,
            self._long_numbers,
        ):
            self._take(_left(detector(text, taken), kept), taken)
        self._take(_left(self._names(text, taken), kept), taken)
        self._take(_left(self._latin_russian_names(text, taken), kept), taken)
        self._take(_left(self._nicknames(text, taken), kept), taken)
        self._take(_left(self._names_by_shape(text, taken), kept), taken)
        self._take(_left(self._signature(text, taken), kept), taken)
        # the models run only where the rules left capitalised or unknown words; a person they
        # find is masked even where the name is also a city the rules kept ("Королёв")
        entities = self._model_entities(text, taken) if self.models else []
        self._take(_left(self._entity_spans(text, taken, entities), kept), taken)
        # «с автосервиса на [Промышленной]»: a place the model found has its workplace too
        self._take(_left(self._workplace_branches(text, taken), kept), taken)
        # a name half-found, by the rules or the models, is masked whole
        self._take(_left(self._name_tails(text, taken), kept), taken)
        # the other half of a half-found name, even a word: "Mark Jennings", «Волк Игорь»
        self._take(_left(self._name_partners(text, taken), kept), taken)
        # "Agnieszka (Aga)": the nickname in brackets after a name
        self._take(_left(self._bracketed_nicknames(text, taken), kept), taken)
        # "[Bounds Green] tube", «[Садовая] 3»: a station's word or a house number after a place
        self._take(_left(self._address_ends(text, taken), kept), taken)
        taken.sort(key=lambda s: s.start)
        return self._described(text, taken)

    @staticmethod
    def _take(spans: Iterable[Span], taken: list[Span]) -> None:
        for span in spans:
            if span.end <= span.start:
                continue
            clashes = [
                other for other in taken if span.start < other.end and other.start < span.end
            ]
            if not clashes:
                taken.append(span)
            elif span.kind == "id" and all(c.kind == "id" for c in clashes):
                # "AB-12-34-56" after a cue, then "AB-12-34-56-C" whole: one number
                for other in clashes:
                    taken.remove(other)
                start = min(span.start, *(c.start for c in clashes))
                end = max(span.end, *(c.end for c in clashes))
                taken.append(Span(start, end, "id"))
            elif span.kind in _PLACE_KINDS and all(c.kind in _PLACE_KINDS for c in clashes):
                # "behind St Mary's" and "St Mary's church": one place, masked whole
                for other in clashes:
                    taken.remove(other)
                start = min(span.start, *(c.start for c in clashes))
                end = max(span.end, *(c.end for c in clashes))
                kinds = {span.kind, *(c.kind for c in clashes)}
                taken.append(Span(start, end, "address" if "address" in kinds else span.kind))

    def _render(self, text: str, spans: list[Span]) -> str:
        parts: list[str] = []
        position = 0
        last_kind = ""
        for span in spans:
            between = text[position : span.start]
            # "Марина Козлова" -> one [NAME], not two; "Flat 2B, 88 Queen's Road" -> one [ADDRESS]
            if (
                parts
                and span.kind == last_kind
                and (
                    (span.kind in ("name", "workplace") and not between.strip())
                    or (span.kind == "address" and between.strip() in ("", ","))
                )
            ):
                position = span.end
                continue
            parts.append(between)
            parts.append(self.placeholders[span.kind])
            position = span.end
            last_kind = span.kind
        parts.append(text[position:])
        return "".join(parts)

    def _fallback(self, text: str) -> str:
        """Crude but safe: no digits and no capitalised words survive."""
        text = re.sub(r"\d[\d\s().+-]*", self.placeholders["id"], text)
        text = re.sub(r"\S+@\S+", self.placeholders["email"], text)
        return re.sub(
            r"\b[^\W\d_][^\W\d_]+\b",
            lambda m: self.placeholders["name"] if m.group()[0].isupper() else m.group(),
            text,
        )


def _left(spans: Iterable[Span], kept: list[tuple[int, int, frozenset[str]]]) -> Iterator[Span]:
    """The spans that take no kept word as what it is not: "Volvo" in "I drive a Volvo" as a
    firm, "Lunges" in "20 Lunges" as a name."""
    for span in spans:
        if not any(
            span.kind in kinds and start <= span.start and span.end <= end
            for start, end, kinds in kept
        ):
            yield span
