from __future__ import annotations

import pytest

from bot.telegram.callbacks import callback, parse_callback


@pytest.mark.parametrize(
    ("data", "parsed"),
    [
        ("o|saddle|yes", ("o", ["saddle", "yes"])),
        ("l|ru", ("l", ["ru"])),
        ("b", ("b", [])),
        ("o|saddle", ("", [])),  # wrong number of parts
        ("zz|1", ("", [])),
        (None, ("", [])),
        ("o|" + "x" * 80 + "|yes", ("", [])),
    ],
)
def test_parse_callback(data: str | None, parsed: tuple[str, list[str]]) -> None:
    assert parse_callback(data) == parsed


def test_callback_data_over_64_bytes_is_refused() -> None:
    with pytest.raises(ValueError):
        callback("o", "n" * 40, "o" * 40)
