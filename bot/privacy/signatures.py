"""Names a message signs with or introduces before a cue: "Liam Walsh here", "Kakha here
(...)", "..., Priya", "- Bex x". Mixed into ``NameDetector``, whose dictionaries and lists
it asks."""

from __future__ import annotations

import re

from bot.privacy.patterns import _NAME_GAP, _sentence_start, _Token

# kisses after a signature: "- Bex x", "Лена хх"
_KISSES = re.compile(r"\b[xх]{1,4}\b")


class SignatureMarks:
    """The signature and the "X here" rules of the first pass over names."""

    def _mark_before_suffix(
        self, tokens: list[_Token], i: int, masked: list[bool], protected: list[bool], text: str
    ) -> None:
        """'Liam Walsh here': the capitalised words before the cue, if they look like a name."""
        run: list[int] = []
        j = i - 1
        while j >= 0 and len(run) < 4:
            token = tokens[j]
            gap = text[token.end : tokens[j + 1].start] if j + 1 <= i else ""
            if not _NAME_GAP.fullmatch(gap) or not token.alpha or protected[j]:
                break
            if not token.cap and (token.cyrillic or not self._lower_case_name(token)):  # type: ignore[attr-defined]
                # "farrukh and dilnoza rahimov here": names no list knows, in lower case
                if token.low == "and" and run and j > 0:
                    j -= 1
                    continue
                break
            if (token.cap and token.low in self.not_names_en) or token.low in self.not_names_ru:  # type: ignore[attr-defined]
                break
            run.insert(0, j)
            if _sentence_start(text, token.start):
                break
            j -= 1
        if not run:
            return
        first = tokens[run[0]]
        if not any(tokens[k].cap for k in run) and len(run) < 2:
            return  # one lower-case word before "here" is too little: "back pain here"
        before = text[: first.start].rstrip()
        after_cue = text[tokens[i].end : tokens[i].end + 2].strip()
        plausible = (
            len(run) >= 2
            or after_cue[:1] in (",", "-", "—", "–", "!", ":", ".", "(")
            or any(tokens[k].low in self.first_names for k in run)  # type: ignore[attr-defined]
            or before.endswith((",", "-", "—", ":"))
            or (any(tokens[k].cyrillic for k in run) and self._morph(first.low).any_person)  # type: ignore[attr-defined]
        )
        if plausible:
            for k in run:
                masked[k] = True

    def _mark_signature(
        self, tokens: list[_Token], masked: list[bool], protected: list[bool], text: str
    ) -> None:
        tail: list[int] = []
        k = len(tokens) - 1
        while k > 0 and _KISSES.fullmatch(tokens[k].low):  # "- Bex x"
            k -= 1
        if k < 0 or _KISSES.sub("", text[tokens[k].end :]).strip(" \t\r\n.!)") != "":
            return
        while k >= 0 and len(tail) < 3 and tokens[k].cap and tokens[k].alpha and not protected[k]:
            tail.insert(0, k)
            gap = text[tokens[k - 1].end : tokens[k].start] if k > 0 else ""
            if not _NAME_GAP.fullmatch(gap):
                break
            k -= 1
        if not tail:
            return
        first = tokens[tail[0]]
        lead = text[: first.start].rstrip(" \t")
        # "... twice a day. Bex x": after a full stop, one word that is no English word
        alone = (
            len(tail) == 1
            and not first.cyrillic
            and not (first.all_caps and len(first.low) <= 3)
            and not first.low.endswith(self.drug_endings_en)  # type: ignore[attr-defined]
            and not self._english_word(first.low)  # type: ignore[attr-defined]
        )
        if not lead or (lead[-1] not in ",-—–\n" and not (lead[-1] in ".!" and alone)):
            return
        for idx in tail:
            token = tokens[idx]
            # "help please, Will": a word that is also a name signs after a comma or a dash
            signs = token.low in self.names_after_cue_en and lead[-1] in ",-—–\n"  # type: ignore[attr-defined]
            if lead[-1] == "," and token.low in self.not_place_words:  # type: ignore[attr-defined]
                return  # "pain in March, May": a list of months
            if not (signs or self._is_name_neighbour(token, after=True)):  # type: ignore[attr-defined]
                return
        for idx in tail:
            masked[idx] = True
