from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bot.privacy.pseudonyms import Pseudonyms, SecretError, load_secret


def test_a_key_is_made_once_readable_by_the_owner_only(tmp_path: Path) -> None:
    first = load_secret(tmp_path / "data", from_env="")
    again = load_secret(tmp_path / "data", from_env="")
    assert first == again and len(first) == 64
    mode = stat.S_IMODE((tmp_path / "data" / "log_secret").stat().st_mode)
    assert mode == 0o600


def test_the_same_person_gets_the_same_pseudonym_and_it_reveals_nothing(tmp_path: Path) -> None:
    pseudonyms = Pseudonyms(load_secret(tmp_path, from_env=""))
    assert pseudonyms.person(123456789) == pseudonyms.person("123456789")
    assert pseudonyms.person(123456789) != pseudonyms.person(123456780)
    assert "123456789" not in pseudonyms.person(123456789)
    other_key = Pseudonyms(b"x" * 40)
    assert other_key.person(123456789) != pseudonyms.person(123456789)
    assert "x" * 40 not in repr(other_key)


@pytest.mark.parametrize("value", ["short", "x" * 31])
def test_a_short_key_is_refused_without_showing_it(tmp_path: Path, value: str) -> None:
    with pytest.raises(SecretError) as error:
        load_secret(tmp_path, from_env=value)
    assert value not in str(error.value)


def test_an_empty_key_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "log_secret").write_text("")
    with pytest.raises(SecretError, match="delete it"):
        load_secret(tmp_path, from_env="")


def test_a_long_run_keeps_no_state_per_person_and_the_same_person_the_same_pseudonym(
    tmp_path: Path,
) -> None:
    """The pseudonym is computed, not remembered: a hundred thousand people leave nothing
    behind in the object (no cache to grow without bound), and a person who comes back after
    all of them gets the pseudonym they had at the start."""
    pseudonyms = Pseudonyms(load_secret(tmp_path, from_env=""))
    state_before = dict(vars(pseudonyms))
    first = pseudonyms.person(424242)
    seen = {pseudonyms.person(user_id) for user_id in range(100_000)}
    assert len(seen) == 100_000  # no two people share one
    assert vars(pseudonyms) == state_before
    assert pseudonyms.person(424242) == first
