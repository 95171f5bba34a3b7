"""Operator accounts: a slow salted hash, never the password; clear refusals. On SQLite and
on a real PostgreSQL (the backend fixtures of tests/storage)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.operators import accounts
from bot.storage import open_storage
from bot.storage.readside import ConsoleRecords, open_console_records
from tests.storage.conftest import database, postgres_server  # noqa: F401 - the fixtures

PASSWORD = "correct horse battery staple"


@pytest.fixture
async def created(database: str) -> str:  # noqa: F811 - the fixture imported above
    async with open_storage(database):
        pass
    return database


@pytest.fixture
def db(created: str) -> Iterator[ConsoleRecords]:
    with open_console_records(created) as records:
        yield records


def test_the_password_is_kept_as_an_argon2_hash(db: ConsoleRecords) -> None:
    accounts.add(db, "anna", PASSWORD)
    stored = db.password_hash("anna")
    assert stored is not None
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.verify(db, "anna", PASSWORD)
    assert not accounts.verify(db, "anna", PASSWORD + "!")
    assert not accounts.verify(db, "nobody", PASSWORD)
    assert [o.name for o in accounts.list_all(db)] == ["anna"]


def test_bad_names_short_passwords_and_duplicates_are_refused(db: ConsoleRecords) -> None:
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
