"""Dictionary answers the matcher relies on (bot/matcher/morphology.py)."""

import pytest

from bot.matcher.morphology import (
    is_predicate,
    is_real_word,
    lemma,
    lemmas,
    to_cyrillic,
    verb_normal_form,
)


def test_every_person_of_a_verb_has_one_lemma() -> None:
    assert {lemma(w) for w in ("могу", "может", "могут", "могла")} == {"мочь"}
    assert "мочь" in lemmas("мог")


def test_verb_normal_form_is_for_verbs_only() -> None:
    assert verb_normal_form("пописать") == "пописать"
    assert verb_normal_form("могу") == "мочь"
    assert verb_normal_form("промежность") is None


def test_real_words_are_not_typos() -> None:
    for word in ("понял", "поняла", "never", "stopped", "lifting"):
        assert is_real_word(word), word
    for typo in ("анемели", "ягадицы", "numbnes", "wieght"):
        assert not is_real_word(typo), typo


def test_predicates_open_clauses() -> None:
    assert is_predicate("немеет") and is_predicate("онемела") and is_predicate("могу")
    assert not is_predicate("промежность") and not is_predicate("нет")
    assert not is_predicate("мочи")  # imperative of мочить, but here the noun


def test_latin_script_russian() -> None:
    assert to_cyrillic("onemela") == "онемела"
    # the soft sign left out is put back where that makes a word
    assert to_cyrillic("promezhnost") == "промежность"
    # informal spellings: j between vowels is the й-series, kh is х, a lone j stays ж
    assert to_cyrillic("chuvstvuju") == "чувствую"
    assert to_cyrillic("holodnaja") == "холодная"
    assert to_cyrillic("kholodnaya") == "холодная"
    assert to_cyrillic("jivot") == "живот"
    assert to_cyrillic("jopa") == "жопа"


def test_person_nouns_by_grammeme_not_by_list() -> None:
    from bot.matcher.morphology import is_person_noun

    assert all(is_person_noun(w) for w in ("внука", "соседки", "племянника", "малыша"))
    assert not any(is_person_noun(w) for w in ("колена", "меня", "спины", "boy"))


@pytest.mark.parametrize(
    "latin, cyrillic",
    [
        ("zadnica", "задница"),  # c is ц
        ("ulitsa", "улица"),  # ts is ц
        ("otsizhennaya", "отсиженная"),  # ... or т and с
        ("vyhodit", "выходит"),  # y after a consonant is ы
        ("oshushenie", "ощущение"),  # sh is щ
        ("pisat", "писать"),
        ("ceplyayus", "цепляюсь"),
    ],
)
def test_informal_transliteration_reads_the_word_a_dictionary_knows(
    latin: str, cyrillic: str
) -> None:
    assert to_cyrillic(latin) == cyrillic


def test_every_reading_a_dictionary_knows_is_offered() -> None:
    from bot.matcher.morphology import cyrillic_readings

    assert set(cyrillic_readings("chashe")) == {"чаше", "чаще"}  # the lexicon picks «чаще»


@pytest.mark.parametrize(
    ("word", "known"),
    [
        ("draging", False), ("weting", False), ("geting", False),  # "dragging", "wetting"
        ("dragging", True), ("hoping", True), ("opened", True), ("feeling", True),
        ("fixing", True), ("visited", True), ("aching", True),
    ],
)  # fmt: skip
def test_a_short_word_without_its_doubled_letter_is_a_typo(word: str, known: bool) -> None:
    """English doubles the last consonant of a one-syllable word before -ing / -ed: without
    it the word is misspelt, so the matcher may read it as the word meant."""
    assert is_real_word(word) is known
