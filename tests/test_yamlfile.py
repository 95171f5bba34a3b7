from __future__ import annotations

from pathlib import Path

import pytest

from bot.yamlfile import YamlError, load_yaml


def test_lines_of_nested_values(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("# comment\nnodes:\n  a:\n    type: info\n  b: {type: outcome}\n")
    file = load_yaml(path)
    assert file.line_of("nodes", "a", "type") == 4
    assert file.line_of("nodes", "b") == 5
    assert file.line_of("nodes", "b", "missing") == 5  # nearest existing parent


def test_yes_no_on_off_stay_strings(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("yes: no\non: off\nflag: true\n")
    assert load_yaml(path).data == {"yes": "no", "on": "off", "flag": True}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [("a: 1\na: 2\n", 2, "duplicate key 'a'"), ("a: 1\n  b: 2\n", 2, "YAML syntax")],
)
def test_errors_name_the_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(YamlError) as error:
        load_yaml(path)
    assert error.value.problem.line == line
    assert message in error.value.problem.message
