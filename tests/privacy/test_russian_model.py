"""natasha's NER loaded lean (bot/privacy/russian_model.py): the compact vocabulary gives every
word the id slovnet's own gives it, the model finds the spans natasha's finds, and the cache
is rebuilt when it is missing, broken or cannot be written."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.privacy import russian_model

TEXTS = [
    "Добрый вечер, это Марина Козлова, прострел в пояснице после уборки",
    "Пишет Ахмед Исмаилов из Казани, поясница болит после смены",
    "в Тольятти 20 лет на конвейере на АвтоВАЗе, а до того в Сбербанке",
    "Меня зовут Пётр Ильич, живу на улице Ленина в Подольске.",
    "Болит спина третью неделю, больше ничего не скажу.",
]


@pytest.fixture(scope="module")
def vocabulary() -> tuple[bytes, list[str]]:
    """The wheel's gzipped vocabulary and slovnet's own ``Vocab`` items from it."""
    from slovnet.exec.pack import Pack, bytes_vocab

    with Pack(str(russian_model._natasha_file(russian_model._NER))) as pack:
        gzipped = pack.read(russian_model._WORDS)
    return gzipped, bytes_vocab(gzipped).items


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BOT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_sample_of_words_gets_slovnet_s_own_ids(
    vocabulary: tuple[bytes, list[str]], cache: Path
) -> None:
    from slovnet.vocab import Vocab

    gzipped, items = vocabulary
    original = Vocab(items)
    compact = russian_model.load_word_ids(gzipped)
    sample = items[::499] + items[-3:] + ["ёлка", "поясница", "not-a-word-zz", "", "Москва"]
    assert len(sample) > 500
    assert [compact.encode(word) for word in sample] == [original.encode(w) for w in sample]
    assert (compact.unk_id, compact.pad_id) == (original.unk_id, original.pad_id)
    assert compact.encode("not-a-word-zz") == original.unk_id  # unknown words stay unknown


def test_the_cache_is_written_once_and_a_broken_one_is_rebuilt(
    vocabulary: tuple[bytes, list[str]], cache: Path
) -> None:
    gzipped, items = vocabulary
    russian_model.load_word_ids(gzipped)
    (built,) = cache.glob("slovnet-words-*.dawg")
    built.write_bytes(built.read_bytes()[:1000])  # a start killed while another wrote it
    assert russian_model.load_word_ids(gzipped).encode(items[1234]) == 1234
    assert built.stat().st_size > 1_000_000  # written again whole


def test_an_unwritable_cache_only_means_building_it_each_time(
    vocabulary: tuple[bytes, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("BOT_CACHE_DIR", str(blocker / "cache"))  # its parent is a file
    gzipped, items = vocabulary
    assert russian_model.load_word_ids(gzipped).encode(items[4321]) == 4321


def test_the_lean_model_finds_what_natasha_s_finds(cache: Path) -> None:
    from natasha import NewsEmbedding, NewsNERTagger

    natasha = NewsNERTagger(NewsEmbedding())
    lean = russian_model.load_russian_ner()
    for text in TEXTS:
        expected = [(s.start, s.stop, s.type) for s in natasha(text).spans]
        assert [(s.start, s.stop, s.type) for s in lean(text).spans] == expected
    assert any(natasha(text).spans for text in TEXTS)  # the comparison compared something
