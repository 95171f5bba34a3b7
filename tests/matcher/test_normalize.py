from bot.matcher.normalize import Kind, fold_word, normalize, tokenize


def test_normalize_keeps_the_engine_contract() -> None:
    assert normalize("  Ёлки-Палки!! ") == "елки палки"
    assert normalize("Да, болит") == "да болит"
    assert normalize("") == ""


def test_repeated_letters_collapse() -> None:
    assert fold_word("болииииит") == "болит"
    assert fold_word("noooo") == "no"
    assert fold_word("feel") == "feel"  # a real double letter stays


def test_lookalike_letters_follow_the_word_script() -> None:
    assert fold_word("бoль") == "боль"  # Latin "o" in a Russian word
    assert fold_word("spinе") == "spine"  # Cyrillic "е" in an English word
    assert fold_word("НОГА") == "нога"


def test_apostrophes_join_negations() -> None:
    assert normalize("I can't feel it") == "i cant feel it"
    assert fold_word("didn’t") == "didnt"


def test_tokenize_keeps_offsets_numbers_and_boundaries() -> None:
    text = "t 38,9, но нога 🦵 немеет"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["t", "38.9", ",", "но", "нога", "немеет"]
    assert tokens[1].kind is Kind.NUMBER
    assert tokens[2].kind is Kind.BOUNDARY
    assert text[tokens[4].start : tokens[4].end] == "нога"


def test_tokenize_survives_odd_input() -> None:
    assert tokenize("🙂🙂🙂") == []
    assert tokenize("12345") and tokenize("12345")[0].kind is Kind.NUMBER
    assert all(t.text for t in tokenize("ab\u0301c ½ ∞ 𝔸"))


def test_sound_key_forgives_what_the_ear_cannot_tell_apart() -> None:
    from bot.matcher.normalize import sound_key

    assert sound_key("промешности") == sound_key("промежности")  # ж/ш
    assert sound_key("ягадиц") == sound_key("ягодиц")  # о/а
    assert sound_key("чуствую") == sound_key("чувствую")  # silent в
    assert sound_key("подкашиваюца") == sound_key("подкашиваются")
    assert sound_key("bottm") == sound_key("bottom")
    assert sound_key("privats") == sound_key("privates")
    assert sound_key("промежность") != sound_key("поясница")
    assert sound_key("groin") != sound_key("brain")
