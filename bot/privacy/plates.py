"""Car plates in lower case with spaces between all their groups ("ya 65 kfr"), which chat words
can share the shape of ("at 65 yrs", "is 20 min"): a plate only when its last letters are no
word nor unit and its first two no function word (two letters are too often "a word" of the
dictionary: "ya", "lo"). The joined and upper-case forms are plain patterns
(``plates.patterns`` in ``content/privacy/places.yaml``). Mixed into ``Scrubber``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.privacy.patterns import ScrubberConfigError, Span

_LETTERS = re.compile(r"[^\W\d_]+")


class SpacedPlates:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    def _compile_spaced_plates(self, plates: dict[str, Any]) -> None:
        try:
            self.spaced_plate_patterns = [
                re.compile(str(p)) for p in plates.get("spaced_patterns", ())
            ]
        except re.error as error:
            raise ScrubberConfigError(f"places.yaml: bad spaced plate pattern: {error}") from None

    def _spaced_plates(self, text: str, taken: list[Span]) -> Iterator[Span]:
        if not any(c.isdigit() for c in text):
            return
        for pattern in self.spaced_plate_patterns:
            for m in pattern.finditer(text):
                area, *rest = (g.lower() for g in _LETTERS.findall(m.group()))
                if area in self.not_names_en or any(  # type: ignore[attr-defined]
                    self._english_word(g)  # type: ignore[attr-defined]
                    or g.removesuffix("s") in self.units  # type: ignore[attr-defined]
                    or g in self.not_names_en  # type: ignore[attr-defined]
                    for g in rest
                ):
                    continue  # "at 65 yrs", "so 20 min", "up 15 kgs"
                yield Span(m.start(), m.end(), "plate")
