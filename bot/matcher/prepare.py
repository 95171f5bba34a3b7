"""A message's words read as meant before phrases are matched: chat spellings ("cnt",
«нимагу», «-юца»: ``respell`` in content/lexicon), Russian typed in Latin letters turned back
into Cyrillic, «ни» before a verb read as «не»; one cached look-up per distinct word."""

from __future__ import annotations

from collections.abc import Callable

from bot.matcher.language import word_language
from bot.matcher.lexicon import Lexicon, SlotKind
from bot.matcher.morphology import (
    cyrillic_readings,
    is_real_word,
    plain_cyrillic,
    to_cyrillic,
    verb_normal_form,
)
from bot.matcher.normalize import CACHE_LIMIT, Kind, Token, fold_word, sound_key
from bot.matcher.rewrite import ni_before_verb
from bot.matcher.words import WordIndex

# Russian chat spelling of reflexive verbs: "подкашиваюца" -> "подкашиваются"
_CHAT_ENDING_MAP = (
    ("ютца", "ются"),
    ("ятца", "ятся"),
    ("юца", "ются"),
    ("етца", "ется"),
    ("итца", "ится"),
)
_CHAT_ENDINGS = tuple(ending for ending, _ in _CHAT_ENDING_MAP)


# "mocha" -> «моча»: an English word this long may be a Russian lexicon word typed in Latin
MIN_LATIN_RUSSIAN = 4


def _in_cyrillic(
    tokens: list[Token], convert: set[str], knows: Callable[[str], bool]
) -> list[Token]:
    """Latin-script words in Cyrillic: of the readings a dictionary knows, one the lexicon
    knows ("chashe": «чаще», not «чаше»), else the likeliest."""
    out = []
    for token in tokens:
        if token.text in convert:
            readings = [fold_word(r) for r in cyrillic_readings(token.text)]
            token = token._replace(text=next((r for r in readings if knows(r)), readings[0]))
        out.append(token)
    return out


class Preparer:
    """Per distinct word: its respelling, its script and whether English knows it; cached."""

    def __init__(self, lexicon: Lexicon, words: WordIndex) -> None:
        self._words = words
        self._respell = dict(lexicon.respell)
        self._facts: dict[str, tuple[tuple[str, ...] | None, str | None, bool]] = {}
        # the Russian verb forms the phrases use, by sound: «магу» after «ни» is «могу»
        self._verb_sounds = {
            sound_key(option.source or option.value): option.source or option.value
            for phrase in lexicon.phrases
            if phrase.lang == "ru"
            for slot in phrase.slots
            for option in slot.options
            if option.kind in (SlotKind.STEM, SlotKind.EXACT)
            and len(option.source or option.value) >= 4
            and verb_normal_form(option.source or option.value) is not None
        }

    def script(self, word: str) -> str | None:
        """ "ru", "en" or None: the script a word is written in; cached."""
        return (self._facts.get(word) or self.word_facts(word))[1]

    def prepared(self, tokens: list[Token]) -> tuple[list[Token], list[Token] | None]:
        """The tokens with chat spellings read as meant ("cnt" -> "cant", "нимагу" -> "не
        могу", "-юца" -> "-ются": ``respell`` in content/lexicon) and Russian typed in Latin
        letters turned back into Cyrillic ("ne mogu pisat", "noga холодная"); one pass, one
        cached look-up per word. The second item is a Cyrillic reading to try as well, when
        the message may be either ("nemeet pah").

        A whole message is taken for transliterated Russian when at least half of its Latin
        words are words no English dictionary (nor the lexicon) knows and one of them is a
        Russian word once in Cyrillic; in a mostly Cyrillic message each unknown Latin word
        is."""
        out: list[Token] = []
        latin = 0
        cyrillic = 0
        unknown: set[str] = set()
        known = self._facts.get
        word_kind = Kind.WORD
        for token in tokens:
            if token.kind is not word_kind:
                out.append(token)
                continue
            replacement, script, english = known(token.text) or self.word_facts(token.text)
            if replacement is not None:
                for word in replacement:
                    out.append(token._replace(text=word))
                    word_script = self.word_facts(word)[1]
                    latin += word_script == "en"
                    cyrillic += word_script == "ru"
                continue
            out.append(token)
            if script == "en":
                latin += 1
                if not english:
                    unknown.add(token.text)
            elif script == "ru":
                cyrillic += 1
        ni_before_verb(out, self._verb_sounds)
        if not unknown:
            return out, None
        russian = sum(1 for w in unknown if is_real_word(fold_word(to_cyrillic(w))))
        every_latin = {
            t.text
            for t in out
            if t.kind is word_kind and (known(t.text) or self.word_facts(t.text))[1] == "en"
        }
        if russian and len(unknown) >= 2 and len(unknown) * 2 > latin:
            return _in_cyrillic(out, every_latin, self._words.knows), None
        if cyrillic > latin:
            return _in_cyrillic(out, unknown, self._words.knows), None
        if russian and len(unknown) * 2 >= latin:
            return out, _in_cyrillic(out, every_latin, self._words.knows)
        return out, None

    def word_facts(self, word: str) -> tuple[tuple[str, ...] | None, str | None, bool]:
        """(its respelling or None, its script, whether it is a known English word); cached."""
        facts = self._facts.get(word)
        if facts is None:
            replacement = self._respell.get(word)
            if replacement is None and word.endswith(_CHAT_ENDINGS):
                for ending, proper in _CHAT_ENDING_MAP:
                    if word.endswith(ending) and len(word) > len(ending) + 2:
                        replacement = (word[: -len(ending)] + proper,)
                        break
            script = word_language(word)
            english = (
                script == "en"
                and (self._words.knows(word) or (len(word) > 1 and is_real_word(word)))
                # "mocha ne idet": an English word that is a lexicon word in Cyrillic
                # («моча») may be Russian typed in Latin letters
                and not (
                    len(word) >= MIN_LATIN_RUSSIAN
                    and not self._words.knows(word)
                    and self._words.knows(fold_word(plain_cyrillic(word)))
                )
            )
            facts = (replacement, script, english)
            if len(self._facts) < CACHE_LIMIT:
                self._facts[word] = facts
        return facts
