from bot.matcher import Matcher
from bot.matcher.normalize import Kind, tokenize
from bot.matcher.rewrite import Ellipsis, ni_before_verb


def _texts(text: str, verb_sounds: dict[str, str] | None = None) -> list[str]:
    tokens = tokenize(text)
    ni_before_verb(tokens, verb_sounds or {})
    return [t.text for t in tokens if t.kind is Kind.WORD]


def test_ni_before_a_verb_is_ne() -> None:
    assert _texts("ни могу пописать")[:2] == ["не", "могу"]
    assert _texts("ни чуствую ягадиц")[0] == "не"


def test_ni_before_nouns_and_adverbs_stays() -> None:
    assert _texts("ни разу")[0] == "ни"
    assert _texts("ни с того ни с сего")[0] == "ни"


def test_a_sound_alike_of_a_lexicon_verb_after_the_particle_is_that_verb() -> None:
    assert _texts("ни магу", {"маку": "могу"}) == ["не", "могу"]
    assert _texts("ни магу") == ["ни", "магу"]  # no such verb in the lexicon: left alone


def test_ellipsis_copies_the_denied_words(matcher: Matcher) -> None:
    ellipsis = Ellipsis(matcher.lexicon.negation)
    filled = ellipsis.fill(tokenize("no numbness in my legs, only in my groin"))
    words = [t.text for t in filled if t.kind is Kind.WORD]
    assert words == ["no", "numbness", "in", "my", "legs", "only", "numbness", "in", "my", "groin"]
    kept = ellipsis.fill(tokenize("no fever, but my back hurts"))
    assert [t.text for t in kept if t.kind is Kind.WORD] == [
        "no",
        "fever",
        "but",
        "my",
        "back",
        "hurts",
    ]
