"""Operator accounts: a slow salted hash, never the password; clear refusals."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.operators import accounts
from bot.storage import SqliteStorage

PASSWORD = "correct horse battery staple"


@pytest.fixture
def db(tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "bot.sqlite3"

    async def create() -> None:
        async with SqliteStorage(path):
            pass

    asyncio.run(create())
    return sqlite3.connect(path)


def test_the_password_is_kept_as_an_argon2_hash(db: sqlite3.Connection) -> None:
    accounts.add(db, "anna", PASSWORD)
    (stored,) = db.execute("SELECT password_hash FROM operators").fetchone()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.verify(db, "anna", PASSWORD)
    assert not accounts.verify(db, "anna", PASSWORD + "!")
    assert not accounts.verify(db, "nobody", PASSWORD)
    assert [o.name for o in accounts.list_all(db)] == ["anna"]


def test_bad_names_short_passwords_and_duplicates_are_refused(db: sqlite3.Connection) -> None:
    for name in ("", "has space", "-dash-first", "x" * 65, "<script>"):
        with pytest.raises(accounts.AccountError):
            accounts.add(db, name, PASSWORD)
    with pytest.raises(accounts.AccountError, match="at least 12"):
        accounts.add(db, "anna", "short")
    accounts.add(db, "anna", PASSWORD)
    with pytest.raises(accounts.AccountError, match="exists"):
        accounts.add(db, "anna", PASSWORD)
    assert accounts.remove(db, "anna")
    assert not accounts.remove(db, "anna")
    assert not accounts.verify(db, "anna", PASSWORD)
