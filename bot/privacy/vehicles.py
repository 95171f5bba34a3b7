"""Vehicles: the make or model a person drives is the job's load ("I drive a Volvo artic",
«водитель Камаза», «таксую на Ладе Весте»), which the doctor needs, not an employer nor a person
(«Лада», «Веста» are also women's names; a model takes "Volvo" for a firm). A make after an
employer's preposition is the firm again ("I work for Volvo", «в КамАЗе»). Not a detector: it
says which words the detectors must leave. Mixed into ``Scrubber``; the words come from
``content/privacy/places.yaml`` (``vehicles``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.privacy.patterns import _by_first_word, _norm, _phrase_at, _Token, _tokens

# Russian case endings of a noun's dictionary form: «газель» -> «газели», «лада» -> «ладе»,
# «камаз» -> «камаза», «камазом»
_SOFT = "(?:ь|й|и|я|е|ю|ью|ем|ей|ям|ями|ях)"
_HARD = "(?:а|я|о|ы|и|е|у|ю|ой|ей|ою|ом|ам|ами|ах)"
_CONSONANT = "(?:а|у|е|ом|ы|ов|ам|ами|ах|ик|ика|ике|иком)?"
_LETTERS = re.compile(r"[а-яё]")
# a model's code after its make: "Volvo FH16", "Scania R450", «МАЗ-5440»
_MODEL_CODE = re.compile(r"[ \t-]?[A-Za-zА-Яа-я]{0,3}\d{2,4}[A-Za-z]?(?![\w])")


def case_forms(words: list[str]) -> str:
    """A regex alternation of words, each Russian one with its case endings."""
    parts = []
    for word in sorted({_norm(w) for w in words}, key=len, reverse=True):
        pieces = [re.escape(p) for p in word.split()]
        head, last = pieces[:-1], word.split()[-1]
        if not _LETTERS.search(last):
            parts.append(r"[ \t]+".join(pieces))
            continue
        if last.endswith(("ь", "й")):
            last = re.escape(last[:-1]) + _SOFT
        elif last.endswith(("а", "я", "о")):
            last = re.escape(last[:-1]) + _HARD
        else:
            last = re.escape(last) + _CONSONANT
        parts.append(r"[ \t]+".join([*head, last]))
    return "|".join(parts) or "(?!)"


class Vehicles:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    def _compile_vehicles(self, vehicles: dict[str, Any]) -> None:
        words = [str(w) for w in vehicles.get("words", ())]
        self.vehicle_word = re.compile(rf"(?<![\w])(?:{case_forms(words)})(?![\w])", re.IGNORECASE)
        self.vehicle_marks = tuple(sorted({_norm(w)[:3] for w in words}))
        self.vehicle_cues = _by_first_word(vehicles.get("cues", ()))
        self.vehicle_right_before = _by_first_word(vehicles.get("right_before", ()))
        self.vehicle_employer_before = frozenset(
            _norm(str(w)) for w in vehicles.get("employer_before", ())
        )

    def _vehicle_loads(self, text: str) -> list[tuple[int, int]]:
        """Where ``text`` names a vehicle driven: (start, end) of each make and model."""
        low = _norm(text)
        if not any(mark in low for mark in self.vehicle_marks):
            return []
        loads: list[tuple[int, int]] = []
        tokens: list[_Token] | None = None
        for start, end in self._vehicle_runs(text):
            tokens = tokens if tokens is not None else _tokens(text)
            before = [t for t in tokens if t.end <= start][-4:]
            if before and before[-1].low in self.vehicle_employer_before:
                continue  # "I work for Volvo", «работаю в КамАЗе»: the firm
            if any(
                _phrase_at(before, k, phrase, text)
                for k in range(len(before))
                for phrase in self.vehicle_cues.get(before[k].low, ())
            ) or any(
                k + len(phrase) == len(before) and _phrase_at(before, k, phrase, text)
                for k in range(len(before))
                for phrase in self.vehicle_right_before.get(before[k].low, ())
            ):
                loads.append((start, end))
        return loads

    def _vehicle_runs(self, text: str) -> Iterator[tuple[int, int]]:
        """Makes and models next to each other, and a model's code: "Ford Transit", «Ладе Весте»,
        "Volvo FH16" - one vehicle."""
        runs: list[tuple[int, int]] = []
        for m in self.vehicle_word.finditer(text):
            if runs and re.fullmatch(r"[ \t-]{1,2}", text[runs[-1][1] : m.start()]):
                runs[-1] = (runs[-1][0], m.end())
            else:
                runs.append((m.start(), m.end()))
        for start, end in runs:
            code = _MODEL_CODE.match(text, end)
            yield start, code.end() if code else end
