from __future__ import annotations

import pytest

from bot.callback_data import PARTS, callback, parse_callback, pattern


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


@pytest.mark.parametrize(
    "data",
    ["o|saddle|yes", "o|saddle", "o|a|b|c", "l|ru", "l|", "f|yes", "b", "b|x", "zz|1", "",
     "o|" + "x" * 80 + "|yes", "l|ru\n"],
)  # fmt: skip
def test_each_kinds_pattern_accepts_what_parse_callback_reads_as_that_kind(data: str) -> None:
    kind, parts = parse_callback(data)
    matched = {k: pattern(k).match(data) for k in PARTS}
    assert [k for k, m in matched.items() if m] == ([kind] if kind else [])
    if kind:
        assert list(matched[kind].groups()) == parts  # type: ignore[union-attr]
