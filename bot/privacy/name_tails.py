"""Names the first pass half-found or could not see: the surname after a masked first name
("Chidi eze", «Олег кравцов») and a signature alone at the end of a message ("...helps. nia").
Mixed into ``Scrubber``; it asks ``NameDetector``'s dictionaries and lists."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.privacy.dictionaries import _bare
from bot.privacy.names import _KISSES, NameDetector
from bot.privacy.patterns import _CYRILLIC, Span, _inside, _tokens

# between a name and its surname: a space, or a comma and a space ("Marek, wojcik")
_TAIL_GAP = re.compile(r",?[ \t]{1,2}$")
# the last word of a message, alone after its last sentence: "...helps. nia", "thanks!\n- gaz"
_SIGNATURE = re.compile(r"(?:[.!?]\s+|\n\s*)[-–—~]?\s*([^\W\d_]{2,20})\s*[.!]?\s*$")


class NameTails(NameDetector):
    """The second pass over names, once every other detector has run."""

    def _name_tails(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """The word right after a masked name (after a space or a comma) that is a surname no
        rule saw: a half-found name is masked whole. "Rukhsana begum", "Chidi eze", "Marek,
        wojcik", «Айгерим нурланкызы», «Пётр носков»: in Latin script a word no English
        dictionary knows, in Cyrillic one the Russian dictionary reads as a surname."""
        name_ends = {span.end for span in taken if span.kind == "name"}
        if not name_ends:
            return
        for token in _tokens(text):
            if not token.alpha or token.cap:
                continue
            gap = _TAIL_GAP.search(text, max(0, token.start - 3), token.start)
            if not gap or gap.start() not in name_ends or _inside(token.start, token.end, taken):
                continue
            if self._is_clinical(token.low):  # type: ignore[attr-defined]
                continue
            if token.cyrillic:
                if token.low not in self.not_names_ru and self._russian_name_part(token.low):
                    info = self._morph(token.low)
                    if info.any_person or not info.known:
                        yield Span(token.start, token.end, "name")
            elif token.low not in self.not_names_en and (
                self._latin_surname(_bare(token.low))
                or self._unknown_word(token.low)
                # three letters ("Chidi eze"): no word, no cue word
                or (
                    len(token.low) == 3
                    and token.low not in self.cue_index
                    and not self._english_word(token.low)
                )
            ):
                yield Span(token.start, token.end, "name")

    def _signature(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """A lower-case word standing alone after the last sentence, as a signature does:
        "the heat pad helps. nia", «спасибо!\nайка». Any script; a word no dictionary knows."""
        found = _SIGNATURE.search(text)
        if not found or _inside(found.start(1), found.end(1), taken):
            return
        low = found.group(1).lower()
        if (
            low in self.cue_index
            or self._is_clinical(low)  # type: ignore[attr-defined]
            or _KISSES.fullmatch(low)
            or low.endswith((*self.drug_endings_en, *self.drug_endings_ru))  # "...ибупрофен"
        ):
            return
        if _CYRILLIC.search(low):
            # a name by the dictionary or the list: an unknown Russian word is more often a
            # drug or a typo than a signature
            if low in self.not_names_ru or not (
                self._morph(low).any_person or low in self.first_names
            ):
                return
        elif low in self.not_names_en or not (
            low in self.first_names
            or self._unknown_word(low)
            or (len(low) == 3 and not self._english_word(low))
        ):
            return
        yield Span(found.start(1), found.end(1), "name")
