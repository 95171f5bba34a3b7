"""natasha's Russian news NER (slovnet over navec), loaded lean: the same model, the same
answers, about 90 MiB less resident memory.

``NewsNERTagger(NewsEmbedding())`` holds, measured: the 250,002-word vocabulary as a Python
list and dict (about 37 MiB, and loaded twice: navec's copy is freed, but its pages mostly stay
with the process), navec's products table for word similarity (26 MiB, which NER never reads)
and its 25 MiB table of word codes copied out of the wheel's tar. Here:

- the words go into a ``dawg.IntDAWG`` (word -> the same id, 4.5 MiB), built once in a child
  process (so that the lists it reads never enter this one) and cached on disk under
  ``cache_folder()``, in a file named by a hash of the wheel's vocabulary: a new natasha builds
  a new file, and a missing, unreadable or unwritable cache only means building it again;
- the table of word codes is mapped read-only straight from the wheel's uncompressed tar, so
  only the pages of words the bot meets are read in, and they are the kernel's to drop;
- navec's vocabulary and similarity table are never loaded.

The network and the arithmetic are slovnet's own (``slovnet.exec``), so the spans are the same
(``tests/privacy/test_russian_model.py`` compares them, and the ids of a sample of words).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import mmap
import os
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.dictionaries import cache_folder

# inside natasha's wheel; found without importing natasha, whose package imports all its tools
_EMBEDDING = ("data", "emb", "navec_news_v1_1B_250K_300d_100q.tar")
_NER = ("data", "model", "slovnet_ner_news_v1.tar")
_WORDS = "vocabs/word.gz"  # in the NER's tar: one word a line, a word's id is its line
_CODES = "pq.bin"  # in navec's tar: 4 uint32 (words, dim, parts, centroids), codes, centroids
_BATCH = 8  # slovnet's default
_FORMAT = 1  # of the cached file; a new one is built when this changes

# Run in a child interpreter: the IntDAWG of the gzipped vocabulary on stdin, as bytes on stdout.
_BUILD_WORDS = """
import gzip, sys, dawg
words = gzip.decompress(sys.stdin.buffer.read()).decode("utf8").splitlines()
sys.stdout.buffer.write(dawg.IntDAWG((word, id) for id, word in enumerate(words)).tobytes())
"""


def _natasha_file(parts: tuple[str, ...]) -> Path:
    spec = importlib.util.find_spec("natasha")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("natasha")
    return Path(spec.origin).parent.joinpath(*parts)


class WordIds:
    """slovnet's word ``Vocab`` as the NER's encoder uses it (``encode``, ``pad_id``), over an
    ``IntDAWG`` instead of a list and a dict."""

    def __init__(self, ids: Any, unk_id: int, pad_id: int) -> None:
        self.ids = ids
        self.unk_id = unk_id
        self.pad_id = pad_id

    def encode(self, word: str) -> int:
        return int(self.ids.get(word, self.unk_id))

    @classmethod
    def from_dawg(cls, ids: Any) -> WordIds:
        from slovnet.const import PAD, UNK

        return cls(ids, ids[UNK], ids[PAD])


def build_word_ids(gzipped: bytes) -> Any:
    """The vocabulary's ``IntDAWG`` (word -> line number), as bytes built in a child process;
    in this one only if no interpreter can be started."""
    try:
        built = subprocess.run(
            [sys.executable, "-c", _BUILD_WORDS],
            input=gzipped,
            capture_output=True,
            check=True,
            timeout=300,
        )
        return built.stdout
    except (OSError, subprocess.SubprocessError):
        import dawg

        words = gzip.decompress(gzipped).decode("utf8").splitlines()
        return dawg.IntDAWG((word, id) for id, word in enumerate(words)).tobytes()


def load_word_ids(gzipped: bytes) -> WordIds:
    """The vocabulary's ids, from the cache if it holds this vocabulary, else built (and
    cached when the cache folder can be written)."""
    import dawg

    digest = hashlib.sha256(gzipped).hexdigest()[:24]
    folder = cache_folder()
    cached = folder / f"slovnet-words-{_FORMAT}-{digest}.dawg" if folder else None
    if cached is not None and cached.is_file():
        try:
            return WordIds.from_dawg(dawg.IntDAWG().load(str(cached)))
        except Exception:  # truncated or foreign: build it again
            pass
    data = build_word_ids(gzipped)
    ids = WordIds.from_dawg(dawg.IntDAWG().frombytes(data))
    if cached is not None:
        _write_atomically(cached, data)
    return ids


def _write_atomically(path: Path, data: bytes) -> None:
    """``data`` into ``path`` whole or not at all (two processes may build it at once)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
        os.fchmod(handle, 0o644)  # built at install by root, read by the bot's user
    except OSError:  # a read-only home: the next start builds it again
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:  # a full disk
        Path(temporary).unlink(missing_ok=True)


@dataclass(frozen=True)
class _Codes:
    """What slovnet's ``inject_navec`` reads of a ``Navec``: ``meta.id``, ``pq.indexes``,
    ``pq.codes``."""

    id: str
    indexes: Any
    codes: Any

    @property
    def meta(self) -> _Codes:
        return self

    @property
    def pq(self) -> _Codes:
        return self


def map_codes(path: Path) -> _Codes:
    """navec's word codes mapped read-only from its (uncompressed) tar; its centroids read."""
    import numpy as np

    with tarfile.open(path) as tar:
        meta = json.loads(tar.extractfile("meta.json").read())  # type: ignore[union-attr]
        member = tar.getmember(_CODES)
    with open(path, "rb") as file:
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    start = member.offset_data
    words, _dim, parts, centroids = (int(n) for n in np.frombuffer(mapped, np.uint32, 4, start))
    start += 16
    indexes = np.frombuffer(mapped, np.uint8, words * parts, start).reshape(words, parts)
    start += words * parts
    codes = np.frombuffer(
        mapped, np.float32, (member.offset_data + member.size - start) // 4, start
    )
    return _Codes(str(meta["id"]), indexes, np.array(codes.reshape(parts, centroids, -1)))


def load_russian_ner() -> Any:
    """slovnet's NER over natasha's news model: ``model(text).spans`` with ``start``, ``stop``
    and ``type``, as ``natasha.NewsNERTagger`` gives."""
    from slovnet import NER
    from slovnet.const import SHAPE, TAG
    from slovnet.exec.encoders import TagEncoder
    from slovnet.exec.infer import NERInfer, TagDecoder
    from slovnet.exec.model import NER as NERModel
    from slovnet.exec.pack import Pack

    with Pack(str(_natasha_file(_NER))) as pack:
        pack.load_meta().check_protocol()
        model = pack.load_model(NERModel)
        arrays = dict(pack.load_arrays(model.weights))
        shapes = pack.load_vocab(SHAPE)
        tags = pack.load_vocab(TAG)
        gzipped = pack.read(_WORDS)
    words = load_word_ids(gzipped)
    model = model.inject_arrays(arrays).inject_navec(map_codes(_natasha_file(_EMBEDDING)))
    encoder = TagEncoder(words, shapes, _BATCH)
    return NER(NERInfer(model, encoder, TagDecoder(tags)), _BATCH)
