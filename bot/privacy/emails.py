"""E-mails spelt out to dodge filters or by habit: spaces around "@" and the dots
("kolya.1979 @ gmail . com"), the at-sign and the dots as words or in brackets ("ivan dot
petrov at mail dot ru", «anna_k собака mail точка ру», "ivan ( at ) mail ( dot ) ru"), a space
for the last dot ("vasya77 at gmail com"), no ending after a mail provider's name ("sam.r77 at
hotmail"), or the provider said in Cyrillic letters («kolya собака гмейл», «на яндексе»).

Such a spelling is an address only if its domain ends with a domain ending (com, ru, co . uk)
or names a mail provider, so "meet @ 5pm" and "I was at work. Then" stay. After a bare " at ",
the plainest of the spellings, a provider alone is enough only for a user name that has a digit,
a dot or an underscore in it, after an e-mail cue ("email me vasya at gmail"), or for one that
is no English word ("ivanova at yandex"; "I was at yahoo" stays). "on" / «на» stand for the
at-sign only before a provider, on the same terms («petrov на мейл ру»). Mixed into
``Scrubber``; the words come from ``content/privacy/scrubber.yaml`` (``emails``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from bot.privacy.patterns import Span, _alternation

_ATOM = r"[\w+-]+"
_ATOM_AT = re.compile(_ATOM)
_SPACE = re.compile(r"[ \t]+")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


class SpeltEmails:
    """Mixed into ``Scrubber``: compiled from the YAML once, then pure."""

    config: dict[str, Any]
    first_names: frozenset[str]

    if TYPE_CHECKING:  # from NameDetector (names.py), mixed into the same ``Scrubber``

        def _unknown_word(self, low: str) -> bool: ...
        def _latin_surname(self, low: str) -> bool: ...

    def _compile_spelt_emails(self) -> None:
        emails = self.config.get("emails") or {}
        at_words = _alternation(emails.get("at_words", ())) or "(?!)"
        weak_words = _alternation(emails.get("at_words_before_provider", ())) or "(?!)"
        said = [str(w).lower() for w in emails.get("providers_said", ())]
        said_not_alone = {str(w).lower() for w in emails.get("providers_said_not_alone", ())}
        # a message with none of these has no e-mail to spell: skip the regex ("on" and «на»
        # are at-signs only before a provider)
        self.email_at_marks = (
            "@",
            *(str(w).lower() for w in emails.get("at_words", ())),
            *(str(w).lower() for w in emails.get("providers", ())),
            *(_said_stem(w) for w in said),
        )
        dot_words = _alternation(emails.get("dot_words", ())) or "(?!)"
        self.email_endings = frozenset(str(w).lower() for w in emails.get("endings", ()))
        self.email_providers = frozenset(str(w).lower() for w in emails.get("providers", ()))
        self.email_bare_providers = self.email_providers - frozenset(
            str(w).lower() for w in emails.get("providers_not_alone", ())
        )
        # a provider said in Cyrillic letters, in any case form, then perhaps its ending: «гмейл
        # ком», «на мыле», «мейл точка ру»; a space stands for the dot only before a said ending
        endings = _alternation(emails.get("endings", ())) or "(?!)"
        said_endings = _alternation(emails.get("said_endings", ())) or "(?!)"
        tail = (
            rf"(?:(?:[ \t]*\.[ \t]*|[ \t]+(?:{dot_words})[ \t]+)(?:{endings})"
            rf"|[ \t]+(?:{said_endings}))?(?![\w])"
        )
        self.email_said = re.compile(rf"(?:{_said_forms(said)}){tail}", re.IGNORECASE)
        self.email_said_alone = re.compile(
            rf"(?:{_said_forms([w for w in said if w not in said_not_alone])}){tail}",
            re.IGNORECASE,
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
            rf"|[ \t]+(?P<word>{at_words})[ \t]+|[ \t]+(?P<weak>{weak_words})[ \t]+)",
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
        weak = head.group("weak") is not None
        bare = weak or (head.group("word") is not None and head.group("word").lower() == "at")
        position = head.end()
        said = self.email_said.match(text, position)
        if said is not None:
            if not bare:  # «kolya собака гмейл»
                return said.end()
            alone = self.email_said_alone.match(text, position) is not None
            return said.end() if self._user_name_reads(text, head, alone) else None
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
        if weak and labels[0][0] not in self.email_providers:
            return None  # "on" is an at-sign only before a provider: not "worked on site.com"
        for label, end in reversed(labels[1:]):
            if label in self.email_endings:
                return end
        provider, end = labels[0]
        if bare:
            # "sam.r77 at hotmail", "email me: vasya at gmail"; not "I was at yahoo for years"
            if provider not in self.email_bare_providers:  # "at mail", "at list"
                return None
            return end if self._user_name_reads(text, head, True) else None
        return end if provider in self.email_providers else None

    def _user_name_reads(self, text: str, head: re.Match[str], alone: bool) -> bool:
        """After the plainest at-signs (" at ", " on ", «на») the words before a provider are a
        user name if shaped like one ("sam.r77"), after an e-mail cue ("email me vasya at"), or,
        for a provider that is no word too, if a first name or no English word ("sara on hotmail",
        "ivanova at yandex", "petrov на мейл ру"; not "I was at yahoo", "my brother on gmail")."""
        local = head.group("local")
        if any(c.isdigit() or c in "._" for c in local):
            return True
        if self.email_cue.search(text, max(0, head.start() - 30), head.start()):
            return True
        low = local.lower()
        return alone and (
            low in self.first_names or self._latin_surname(low) or self._unknown_word(low)
        )

    @staticmethod
    def _sentence_end(dot: str, text: str, after: int, bare: bool) -> bool:
        """Is this dot a full stop? "back at work. It hurts": after a bare " at " a dot with
        spaces always is; elsewhere a dot with a space after it only and a capital next."""
        if dot.strip() != ".":
            return False  # " dot ", «точка», "(dot)"
        if bare:
            return dot != "."
        return not dot.startswith((" ", "\t")) and dot != "." and text[after : after + 1].isupper()


def _said_stem(word: str) -> str:
    """The part of a said provider its case forms share: "мыло" -> "мыл", "яндекс" -> itself."""
    word = str(word).lower()
    return word[:-1] if word.endswith(("а", "о")) else word


def _said_forms(words: list[str]) -> str:
    """An alternation of said providers with the case endings of their last word: «яндекс»,
    «яндексе», «яндексом»; «мыло», «мыле»; «гугл почта», «гугл почте»."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        stem = _said_stem(word)
        endings = "(?:а|о|ы|е|у|ой|ом)" if stem != word else "(?:а|е|у|ом)?"
        parts.append(r"[ \t]+".join(re.escape(w) for w in stem.split()) + endings)
    return "|".join(parts) or "(?!)"
