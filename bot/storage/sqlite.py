"""SQLite storage through aiosqlite: one connection for the application's lifetime, WAL mode,
schema versioned by ``PRAGMA user_version`` and upgraded by the migrations below."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import aiosqlite

from bot.storage.base import StoredSession

# Each entry upgrades the schema by one version; never edit an entry that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE sessions (
        key        TEXT PRIMARY KEY,
        state      TEXT NOT NULL,
        campaign   TEXT,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    );
    """,
)


class SqliteStorage:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db: aiosqlite.Connection | None = None

    async def __aenter__(self) -> SqliteStorage:
        await self.open()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("storage is not open")
        return self._db

    async def open(self) -> None:
        if self._db is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = await aiosqlite.connect(self.path)
        await self._db.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: a crash can lose the last transaction at worst, never corrupt the file
        await self._db.execute("PRAGMA synchronous=NORMAL")
        await self._db.execute("PRAGMA foreign_keys=ON")
        await self._migrate()

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

    async def schema_version(self) -> int:
        async with self.db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def _migrate(self) -> None:
        version = await self.schema_version()
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            await self.db.executescript(f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;")

    async def load_session(self, key: str) -> StoredSession | None:
        async with self.db.execute(
            "SELECT state, campaign FROM sessions WHERE key = ?", (key,)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        return StoredSession(key=key, state=json.loads(row[0]), campaign=row[1])

    async def save_session(
        self, key: str, state: dict[str, Any], campaign: str | None = None
    ) -> None:
        now = time.time()
        await self.db.execute(
            """
            INSERT INTO sessions (key, state, campaign, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET
                state = excluded.state,
                campaign = COALESCE(excluded.campaign, sessions.campaign),
                updated_at = excluded.updated_at
            """,
            (key, json.dumps(state, ensure_ascii=False), campaign, now, now),
        )
        await self.db.commit()

    async def delete_session(self, key: str) -> int:
        cursor = await self.db.execute("DELETE FROM sessions WHERE key = ?", (key,))
        await self.db.commit()
        return cursor.rowcount
