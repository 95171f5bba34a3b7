"""Landmarks and buildings named after a location cue, which say where a person lives as well as
a street does: "the house behind St Mary's church", "near St. Anne's hospital", "opposite the
Odeon", "above the Red Lion"; «живу у Дворца спорта «Юбилейный»», «напротив кинотеатра
«Родина»», «возле собора Святого Николая», «за Домом культуры имени Ленина».

English: after the cue, the landmark's capitalised name (a saint's "St"/"St."/"Saint" and
"and"/"of" inside it too), then perhaps its kind ("church", "school", "pub"), masked with its
article ("behind [ADDRESS]"). A name of words that are never names alone ("near
Christmas", "by the Friday") is no landmark unless a building's kind follows it.
Russian: after the cue, the building's kind (any case of «дворец», «кинотеатр», «собор», «ДК»...),
its complement («спорта», «культуры»), then its name: quoted, after «имени», or capitalised
words. A building with no name («возле школы», «у рынка») says little and stays.
Mixed into ``Scrubber``; the words come from ``content/privacy/places.yaml`` (``landmarks``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.privacy.patterns import Span, _by_first_word, _norm, _phrase_at, _Token, _tokens

# a quoted name right after a building's kind: «Юбилейный», "Odeon"
_QUOTED_NAME = re.compile(r"[ \t]*[«\"“„]([^»\"”“\n]{2,40})[»\"”“]")
# between the words of one landmark's name: a space, or a saint's dot ("St. Anne's")
_NAME_GAP = re.compile(r"[ \t]{1,2}|\.[ \t]{1,2}")


class Landmarks:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    def _compile_landmarks(self, landmarks: dict[str, Any]) -> None:
        self.landmark_cues = _by_first_word(landmarks.get("cues", ()))
        self.landmark_saints = frozenset(_norm(str(w)) for w in landmarks.get("saints", ()))
        self.landmark_links = frozenset(_norm(str(w)) for w in landmarks.get("links", ()))
        self.landmark_kinds_en = frozenset(_norm(str(w)) for w in landmarks.get("kinds_en", ()))
        self.landmark_kinds_ru = frozenset(_norm(str(w)) for w in landmarks.get("kinds_ru", ()))
        self.landmark_complements = frozenset(
            _norm(str(w)) for w in landmarks.get("complements_ru", ())
        )

    def _landmarks(self, text: str, taken: list[Span]) -> Iterator[Span]:
        # all the words, not only those left free: the cue may be masked with half the name
        # ("behind St [Mary's church]"), and place spans that overlap are joined into one
        tokens = _tokens(text)
        for i, token in enumerate(tokens):
            for phrase in self.landmark_cues.get(token.low, ()):
                if not _phrase_at(tokens, i, phrase, text):
                    continue
                j = i + len(phrase)
                start = tokens[j].start if j < len(tokens) else 0  # "the Odeon": with its article
                if j < len(tokens) and tokens[j].low == "the":
                    j += 1
                if j >= len(tokens) or text[tokens[j - 1].end : tokens[j].start].strip(" \t"):
                    continue
                if tokens[j].cyrillic:
                    end = self._russian_landmark(text, tokens, j)
                    if end is not None:
                        yield Span(tokens[j].start, end, "address")
                else:
                    end = self._english_landmark(text, tokens, j)
                    if end is not None:
                        yield Span(start, end, "address")

    def _english_landmark(self, text: str, tokens: list[_Token], j: int) -> int | None:
        """Where the landmark's name (and kind) starting at ``tokens[j]`` ends, if it is one."""
        names: list[_Token] = []
        end = None
        kind = False
        saint = False
        k = j
        while k < len(tokens) and k - j < 6:
            token = tokens[k]
            if k > j and not _NAME_GAP.fullmatch(text[tokens[k - 1].end : token.start]):
                break
            if "." in text[tokens[k - 1].end : token.start] and tokens[k - 1].low not in (
                self.landmark_saints
            ):
                break  # a full stop ends the name; "St." does not
            if token.low in self.landmark_saints and token.cap:
                saint = True
            elif names and token.low in self.landmark_kinds_en:
                end, kind = token.end, True
                break
            elif token.cap and token.alpha and not token.all_caps:
                if (
                    token.low in self.not_place_words  # type: ignore[attr-defined]
                    or token.low.removesuffix("'s") in self.eponyms_latin  # type: ignore[attr-defined]
                ):
                    break  # "near March", "above the Achilles tendon"
                names.append(token)
            elif not (names and token.low in self.landmark_links):
                break
            if token.low not in self.landmark_links:
                end = token.end
            k += 1
        if not names or end is None:
            return None
        if kind or saint:
            return end
        # "near Christmas", "by the Friday", "behind the Knee": words that are never a name
        if all(
            t.low.removesuffix("'s") in self.not_names_en  # type: ignore[attr-defined]
            or self._is_clinical(t.low)  # type: ignore[attr-defined]
            for t in names
        ):
            return None
        return end

    def _russian_landmark(self, text: str, tokens: list[_Token], j: int) -> int | None:
        """«Дворца спорта «Юбилейный»», «кинотеатра «Родина»», «собора Святого Николая»: the
        building's kind, its complement and its name; None if it has no name."""
        kind = tokens[j]
        if not kind.alpha:
            return None
        lemma = self._lemma(kind)  # type: ignore[attr-defined]
        if kind.low not in self.landmark_kinds_ru and lemma not in self.landmark_kinds_ru:
            return None
        k = j + 1
        # «Дворца спорта», «Дома культуры и отдыха»
        while k < len(tokens) and k - j <= 3 and tokens[k].low in self.landmark_complements:
            k += 1
        last = tokens[k - 1]
        quoted = _QUOTED_NAME.match(text, last.end)
        if quoted:
            return quoted.end()
        if k < len(tokens) and tokens[k].low == "имени":
            k += 1
        names = 0
        end = None
        while k < len(tokens) and names < 3:
            token = tokens[k]
            if text[tokens[k - 1].end : token.start] not in (" ", "\t"):
                break
            if not (token.cap and token.cyrillic and token.alpha):
                break
            if self._is_clinical(token.low) or token.low in self.not_place_words:  # type: ignore[attr-defined]
                break
            end = token.end
            names += 1
            k += 1
        return end
