"""E-mails spelt out to dodge filters or by habit: spaces around "@" and the dots
("kolya.1979 @ gmail . com"), the at-sign and the dots as words or in brackets ("ivan dot
petrov at mail dot ru", «anna_k собака mail точка ру», "ivan ( at ) mail ( dot ) ru"), a space
for the last dot ("vasya77 at gmail com"), or no ending after a mail provider's name
("sam.r77 at hotmail").

Such a spelling is an address only if its domain ends with a domain ending (com, ru, co . uk)
or names a mail provider, so "meet @ 5pm" and "I was at work. Then" stay. After a bare " at ",
the plainest of the spellings, a provider alone is enough only for a user name that has a digit,
a dot or an underscore in it, or after an e-mail cue ("email me vasya at gmail"). Mixed into
``Scrubber``; the words come from ``content/privacy/scrubber.yaml`` (``emails``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.privacy.patterns import Span, _alternation

_ATOM = r"[\w+-]+"
_ATOM_AT = re.compile(_ATOM)
_SPACE = re.compile(r"[ \t]+")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


class SpeltEmails:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    config: dict[str, Any]

    def _compile_spelt_emails(self) -> None:
        emails = self.config.get("emails") or {}
        at_words = _alternation(emails.get("at_words", ())) or "(?!)"
        # a message with none of these has no e-mail to spell: skip the regex
        self.email_at_marks = ("@", *(str(w).lower() for w in emails.get("at_words", ())))
        dot_words = _alternation(emails.get("dot_words", ())) or "(?!)"
        self.email_endings = frozenset(str(w).lower() for w in emails.get("endings", ()))
        self.email_providers = frozenset(str(w).lower() for w in emails.get("providers", ()))
        self.email_bare_providers = self.email_providers - frozenset(
            str(w).lower() for w in emails.get("providers_not_alone", ())
        )
        self.email_cue = re.compile(
            rf"(?<![\w])(?:{_alternation(emails.get('cues', ())) or '(?!)'})(?![\w])",
            re.IGNORECASE,
        )
        brackets = r"[ \t]*[\[({<][ \t]*(?:WORDS)[ \t]*[\])}>][ \t]*"
        self.email_dot = re.compile(
            rf"[ \t]*\.[ \t]*|{brackets.replace('WORDS', dot_words)}|[ \t]+(?:{dot_words})[ \t]+",
            re.IGNORECASE,
        )
        # in the user name a dot is written close or as a word: "back. kolya.1979 @ ..." is a
        # sentence, then the user name
        dot = rf"\.|{brackets.replace('WORDS', dot_words)}|[ \t]+(?:{dot_words})[ \t]+"
        # the user name and the at-sign; the domain after it is read by ``_email_end``
        self.spelt_email_head = re.compile(
            rf"(?<![\w.@])(?P<local>{_ATOM}(?:(?:{dot}){_ATOM})*)"
            rf"(?:[ \t]*@[ \t]*|{brackets.replace('WORDS', at_words + '|@')}"
            rf"|[ \t]+(?P<word>{at_words})[ \t]+)",
            re.IGNORECASE,
        )

    def _spelt_emails(self, text: str, taken: list[Span]) -> Iterator[Span]:
        low = text.lower()
        if not any(mark in low for mark in self.email_at_marks):
            return
        for m in self.spelt_email_head.finditer(text):
            if _CYRILLIC.search(m.group("local")):
                continue
            end = self._email_end(text, m)
            if end is not None:
                yield Span(m.start("local"), end, "email")

    def _email_end(self, text: str, head: re.Match[str]) -> int | None:
        """Where the domain after ``head`` ends: after its last domain ending ("yahoo . co .
        uk"), or after a mail provider's name ("at hotmail"); None if it is no e-mail."""
        labels: list[tuple[str, int]] = []  # each label of the domain, and where it ends
        bare = head.group("word") is not None and head.group("word").lower() == "at"
        position = head.end()
        while len(labels) < 5:
            atom = _ATOM_AT.match(text, position)
            if not atom:
                break
            labels.append((atom.group().lower(), atom.end()))
            dot = self.email_dot.match(text, atom.end())
            if dot is not None and not self._sentence_end(dot.group(), text, dot.end(), bare):
                position = dot.end()
                continue
            # a space for the last dot only after a provider: "gmail com", not "work by june"
            space = _SPACE.match(text, atom.end())
            after = _ATOM_AT.match(text, space.end()) if space else None
            if (
                after is None
                or len(labels) > 1
                or labels[0][0] not in self.email_providers
                or after.group().lower() not in self.email_endings
            ):
                break
            position = after.start()
        if not labels or _CYRILLIC.search(labels[0][0]):
            return None
        for label, end in reversed(labels[1:]):
            if label in self.email_endings:
                return end
        provider, end = labels[0]
        if bare:
            # "sam.r77 at hotmail", "email me: vasya at gmail"; not "I was at yahoo for years"
            local = head.group("local")
            shaped = any(c.isdigit() or c in "._" for c in local)
            cued = self.email_cue.search(text, max(0, head.start() - 30), head.start())
            if provider in self.email_bare_providers and (shaped or cued):
                return end
            return None
        return end if provider in self.email_providers else None

    @staticmethod
    def _sentence_end(dot: str, text: str, after: int, bare: bool) -> bool:
        """Is this dot a full stop? "back at work. It hurts": after a bare " at " a dot with
        spaces always is; elsewhere a dot with a space after it only and a capital next."""
        if dot.strip() != ".":
            return False  # " dot ", «точка», "(dot)"
        if bare:
            return dot != "."
        return not dot.startswith((" ", "\t")) and dot != "." and text[after : after + 1].isupper()
