"""Each backend's schema as numbered ``.sql`` files (``migrations/<backend>/NNNN_name.sql``).

A database records the number of the last one it ran; opening it runs the newer ones, each in
a transaction of its own. Never edit a file that has shipped: add the next number.
"""

from __future__ import annotations

import re
from importlib import resources

_NUMBERED = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations(backend: str) -> tuple[str, ...]:
    """The scripts of ``backend`` (``sqlite`` | ``postgres``) in order; a gap is an error."""
    folder = resources.files(__package__) / backend
    found: dict[int, str] = {}
    for entry in folder.iterdir():
        matched = _NUMBERED.match(entry.name)
        if matched:
            found[int(matched.group(1))] = entry.read_text(encoding="utf-8")
    numbers = sorted(found)
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"{backend} migrations are not numbered 1..n: {numbers}")
    return tuple(found[number] for number in numbers)
