"""Every backend test runs against SQLite and against a real PostgreSQL server that the
tests start themselves (skipped, with the reason, where no PostgreSQL binaries exist; a
failure instead with ``BOT_TEST_POSTGRES=required``, as CI sets it)."""

from __future__ import annotations

import itertools
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.storage.postgres_server import SKIP_REASON, binaries, running_server

_DATABASE_NUMBERS = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    if binaries() is None:
        if os.environ.get("BOT_TEST_POSTGRES") == "required":  # CI: a skip would hide it
            pytest.fail(SKIP_REASON)
        pytest.skip(SKIP_REASON)
    with running_server() as url:
        yield url


async def fresh_postgres_database(server_url: str) -> str:
    """A new empty database on the test server; its URL."""
    import asyncpg

    name = f"test_{next(_DATABASE_NUMBERS)}"
    admin = await asyncpg.connect(server_url)
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {name}")
        await admin.execute(f"CREATE DATABASE {name}")
    finally:
        await admin.close()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A ``BOT_DATABASE`` value for an empty database of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    else:
        server_url = request.getfixturevalue("postgres_server")
        yield await fresh_postgres_database(server_url)
