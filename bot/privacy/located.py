"""Places named with ordinary English words, found by where they stand: "I live near Kings
Heath", "we're at the Green", "round the corner from the Old Mill", "I live by Elephant and
Castle". After a location cue, a run of capitalised words in mid-sentence is a proper name, so
it is masked even when each of its words is also a common or a clinical word ("Stone Cross",
"Moss Side"); what the run may not be is a month, a weekday, a drug, an eponym or an acronym.

Also the surroundings of a workplace that tell which branch it is ("the Costa on the high
street"), the article before a place's name ("the [ADDRESS]"), which labels take as part of
it, and the day and month after a birth year ("born 1978, on the ninth of June"). Mixed into
``Scrubber``; cue words come from ``content/privacy/places.yaml`` (``located``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.privacy.patterns import Span, _by_first_word, _free_tokens, _norm, _phrase_at, _Token

# between the words of one place's name: a space or a hyphen
_IN_NAME = re.compile(r"[ \t]{1,2}|-|[ \t]?-[ \t]?")
# a branch of a firm told by where it stands: "on the high street", "in the retail park"
_BRANCH = re.compile(
    r"[ \t]+(?:on|in|at|by|near|off)[ \t]+the[ \t]+(?:[a-z]+[ \t]+)?"
    r"(?:high street|street|road|parade|precinct|market|retail park|shopping centre|"
    r"shopping center|estate|square|station|roundabout|corner)\b"
)
_ARTICLE_BEFORE = re.compile(r"(?:(?<=\W)|^)[Tt]he[ \t]+$")


class LocatedPlaces:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    config: dict[str, Any]

    def _compile_located(self, located: dict[str, Any]) -> None:
        self.located_strong = _by_first_word(located.get("strong", ()))
        self.located_weak = _by_first_word(located.get("weak", ()))
        self.located_links = frozenset(_norm(str(w)) for w in located.get("links", ()))
        self.located_max_words = int(located.get("max_words", 4))
        self.located_heads = frozenset(_norm(str(w)) for w in located.get("heads", ()))
        # the day and month that go on a birth date after its year: "1978, on the ninth of
        # June", «в восемьдесят первом году, пятого марта», "1966, March the third"
        dates = self.config.get("dates", {})
        months = (
            "|".join(
                re.escape(str(m))
                for m in sorted(
                    (*dates.get("months_en", ()), *dates.get("months_ru", ())),
                    key=len,
                    reverse=True,
                )
            )
            or "(?!)"
        )
        day = (
            r"(?:\d{1,2}(?:st|nd|rd|th|-?го|-?е)?|[a-z]+(?:st|nd|rd|th)|first|second|third"
            r"|[а-яё]+(?:ого|его|ое|ье))"
        )
        self.date_rest = re.compile(
            rf"(?i)(?:[ \t]+год[ау]?)?[ \t]*,?[ \t]*(?:(?:on|в)[ \t]+)?(?:the[ \t]+)?"
            rf"(?:{day}[ \t]+(?:of[ \t]+)?(?:{months})|(?:{months})[ \t]+(?:the[ \t]+)?{day})\b"
        )

    def _located(self, text: str, taken: list[Span]) -> Iterator[Span]:
        """Capitalised runs after a location cue. After a strong cue ("live near", "I'm at",
        "opposite") one word will do, and so will words that are also clinical ("the Green");
        after a weak one (a bare "in", "from") it takes two words, not all clinical."""
        tokens = _free_tokens(text, taken)
        for i, token in enumerate(tokens):
            for strong, index in ((True, self.located_strong), (False, self.located_weak)):
                for phrase in index.get(token.low, ()):
                    if not _phrase_at(tokens, i, phrase, text):
                        continue
                    span = self._located_run(text, tokens, i + len(phrase), strong)
                    if span:
                        yield span
                        break

    def _located_run(self, text: str, tokens: list[_Token], j: int, strong: bool) -> Span | None:
        if j >= len(tokens) or not re.fullmatch(
            r"[ \t]{1,2}", text[tokens[j - 1].end : tokens[j].start]
        ):
            return None
        start_at = j
        article = tokens[j].low == "the" and not tokens[j].cap
        if article:
            j += 1
        words: list[_Token] = []
        k = j
        while k < len(tokens) and len(words) < self.located_max_words:
            token = tokens[k]
            gap = text[tokens[k - 1].end : token.start]
            if words and not _IN_NAME.fullmatch(gap):
                break
            if not words and k > start_at and not re.fullmatch(r"[ \t]{1,2}", gap):
                break
            if words and token.low in self.located_links and not token.cap:
                following = tokens[k + 1] if k + 1 < len(tokens) else None
                if (
                    following
                    and self._located_word(following)
                    and _IN_NAME.fullmatch(text[token.end : following.start])
                ):
                    words.extend((token, following))
                    k += 2
                    continue
                break
            if not self._located_word(token):
                break
            words.append(token)
            k += 1
        # "the Old Mill", "New Cross": a word never a name by itself goes on a place's name,
        # but does not end one ("near Christmas", "by Friday Morning")
        while words and (
            words[-1].low in self.not_names_en  # type: ignore[attr-defined]
            or words[-1].low in self.located_links
        ):
            words.pop()
        names = [w for w in words if w.low not in self.located_links]
        if not names:
            return None if article or not strong else self._lower_case_place(text, tokens, j)
        lows = [w.low.removesuffix("'s") for w in names]
        if all(low in self.cities_kept for low in lows):  # type: ignore[attr-defined]
            return None  # "in New York", "near Leeds": a city is not personal data
        clinical = [self._is_clinical(low) for low in lows]  # type: ignore[attr-defined]
        if len(names) == 1 and not (strong and (article or not clinical[0])):
            return None
        if not strong and all(clinical):
            return None  # "Pain In Lower Back": a title-cased complaint
        if len(names) >= 2 and not (
            lows[-1] in self.located_heads
            or any(
                not self._english_word(low) and not is_clinical  # type: ignore[attr-defined]
                for low, is_clinical in zip(lows, clinical, strict=True)
            )
        ):
            return None  # "in Intensive Care", "on Universal Credit", "to Pain Management"
        start = tokens[start_at].start
        return Span(start, words[-1].end, "address")

    def _lower_case_place(self, text: str, tokens: list[_Token], j: int) -> Span | None:
        """ "i live near kings heath", "we're off mare street": after a strong cue, two or three
        lower-case words ending in a place's head word, with no article (not "near the park")
        and not starting with a clinical word ("i'm in pain down my leg")."""
        run: list[_Token] = []
        k = j
        while k < len(tokens) and len(run) < 3:
            token = tokens[k]
            if run and not re.fullmatch(r"[ \t]{1,2}", text[run[-1].end : token.start]):
                break
            if token.cap or token.cyrillic or not token.alpha:
                break
            if token.low in self.not_names_en:  # type: ignore[attr-defined]
                break
            run.append(token)
            k += 1
            if len(run) >= 2 and token.low in self.located_heads:
                first = run[0].low
                if self._is_clinical(first) or first in self.not_place_words:  # type: ignore[attr-defined]
                    return None
                return Span(run[0].start, token.end, "address")
        return None

    def _located_word(self, token: _Token) -> bool:
        """May this word be part of a place's name in mid-sentence?"""
        if token.cyrillic or not token.cap or not token.alpha or len(token.low) < 2:
            return False
        if token.all_caps and len(token.low) <= 3:
            return False  # "A&E", "GP": no place of the person's own
        low = token.low.removesuffix("'s")
        return not (
            low in ("i", "i'm", "i've", "i'd", "i'll")
            or low in self.not_place_words  # type: ignore[attr-defined]
            # "in Junes past", "on Tuesdays and Fridays": a month or a weekday in the plural
            or low.removesuffix("s") in self.not_place_words  # type: ignore[attr-defined]
            or (low.endswith("days") and low[:-1] in self.not_names_en)  # type: ignore[attr-defined]
            or low in self.eponyms_latin  # type: ignore[attr-defined]
            or low in self.cue_index  # type: ignore[attr-defined]
            or low.endswith(self.drug_endings_en)  # type: ignore[attr-defined]
        )

    def _described(self, text: str, spans: list[Span]) -> list[Span]:
        """A place or a workplace with what tells it apart: "the Costa on the high street" is
        masked whole, the article included."""
        result: list[Span] = []
        for n, span in enumerate(spans):
            start, end = span.start, span.end
            limit = spans[n + 1].start if n + 1 < len(spans) else len(text)
            if span.kind == "date":
                rest = self.date_rest.match(text, end)
                if rest and rest.end() <= limit:
                    end = rest.end()
            if span.kind in ("address", "workplace"):
                limit = spans[n + 1].start if n + 1 < len(spans) else len(text)
                branch = _BRANCH.match(text, end)
                if branch and span.kind == "workplace" and branch.end() <= limit:
                    end = branch.end()
                floor = result[-1].end if result else 0
                # the article of a proper name only: "the [ADDRESS]" for "the Aylesbury
                # Estate", but "the [ADDRESS]" stays for "the 6th floor"
                article = text[start : start + 1].isupper() and _ARTICLE_BEFORE.search(
                    text, max(floor, start - 6), start
                )
                if article:
                    start = article.start()
            result.append(Span(start, end, span.kind))
        return result
