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
    -- one row per person: where their conversation stands (engine state as JSON)
    CREATE TABLE sessions (
        key          TEXT PRIMARY KEY,  -- pseudonymous person id
        state        TEXT NOT NULL,
        campaign     TEXT,
        conversation TEXT,              -- pseudonymous id of the current conversation
        created_at   REAL NOT NULL,
        updated_at   REAL NOT NULL
    );
    -- one row per turn, for the operators; free text is stored scrubbed, never raw
    CREATE TABLE events (
        id           INTEGER PRIMARY KEY,
        conversation TEXT NOT NULL,
        person       TEXT NOT NULL,
        at           REAL NOT NULL,
        channel      TEXT NOT NULL,     -- telegram | terminal
        lang         TEXT,
        campaign     TEXT,
        node         TEXT,              -- the step the input answered
        kind         TEXT NOT NULL,     -- start | option | text | command | booking
        value        TEXT,              -- option id, command, or scrubbed text
        concepts     TEXT,              -- JSON list of {id, score, negated}
        reply_node   TEXT,              -- the step the bot went to
        event        TEXT,              -- asked | reask | outcome | emergency_rule | ...
        outcome      TEXT               -- JSON {urgency, specialists, red_flags} on the last turn
    );
    CREATE INDEX events_person ON events (person);
    CREATE INDEX events_conversation ON events (conversation, id);
    CREATE INDEX events_at ON events (at);
    -- Telegram update ids already handled, so that a re-delivered update is not handled twice
    CREATE TABLE processed_updates (
        update_id INTEGER PRIMARY KEY,
        at        REAL NOT NULL
    );
    """,
)

EVENT_COLUMNS = (
    "conversation", "person", "at", "channel", "lang", "campaign", "node", "kind", "value",
    "concepts", "reply_node", "event", "outcome",
)  # fmt: skip
# Update ids are kept this long: Telegram re-delivers unconfirmed updates within a day.
PROCESSED_UPDATES_SECONDS = 2 * 24 * 3600


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
        # deleted rows are overwritten with zeros, not left readable in free pages
        await self._db.execute("PRAGMA secure_delete=ON")
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
        found = await self.db.execute_fetchall(
            "SELECT state, campaign, conversation FROM sessions WHERE key = ?", (key,)
        )
        if not found:
            return None
        row = next(iter(found))
        try:
            state = json.loads(row[0])
        except ValueError:
            state = {}  # an unreadable state starts a new conversation; it never crashes one
        return StoredSession(key=key, state=state, campaign=row[1], conversation=row[2])

    async def save_session(
        self,
        key: str,
        state: dict[str, Any],
        campaign: str | None = None,
        conversation: str | None = None,
        event: dict[str, Any] | None = None,
    ) -> None:
        """Store the session and, in the same transaction, the event of the turn."""
        now = time.time()
        await self.db.execute(
            """
            INSERT INTO sessions (key, state, campaign, conversation, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET
                state = excluded.state,
                campaign = COALESCE(excluded.campaign, sessions.campaign),
                conversation = COALESCE(excluded.conversation, sessions.conversation),
                updated_at = excluded.updated_at
            """,
            (key, json.dumps(state, ensure_ascii=False), campaign, conversation, now, now),
        )
        if event is not None:
            await self._insert_event(event | {"at": event.get("at", now)})
        await self.db.commit()

    async def append_event(self, event: dict[str, Any]) -> None:
        await self._insert_event(event | {"at": event.get("at", time.time())})
        await self.db.commit()

    async def _insert_event(self, event: dict[str, Any]) -> None:
        values = [event.get(column) for column in EVENT_COLUMNS]
        for index, column in enumerate(EVENT_COLUMNS):
            if column in ("concepts", "outcome") and values[index] is not None:
                values[index] = json.dumps(values[index], ensure_ascii=False)
        placeholders = ", ".join("?" * len(EVENT_COLUMNS))
        await self.db.execute(
            f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({placeholders})", values
        )

    async def delete_session(self, key: str) -> int:
        cursor = await self.db.execute("DELETE FROM sessions WHERE key = ?", (key,))
        await self.db.commit()
        return cursor.rowcount

    async def delete_person(self, person: str) -> dict[str, int]:
        """Everything kept about one person: their session and every event of theirs."""
        sessions = await self.db.execute("DELETE FROM sessions WHERE key = ?", (person,))
        events = await self.db.execute("DELETE FROM events WHERE person = ?", (person,))
        await self.db.commit()
        await self._scrub_wal()
        return {"sessions": sessions.rowcount, "events": events.rowcount}

    async def purge(self, older_than: float) -> dict[str, int]:
        """Delete events and untouched sessions from before ``older_than`` (a Unix time)."""
        events = await self.db.execute("DELETE FROM events WHERE at < ?", (older_than,))
        sessions = await self.db.execute("DELETE FROM sessions WHERE updated_at < ?", (older_than,))
        await self.db.commit()
        await self._scrub_wal()
        return {"sessions": sessions.rowcount, "events": events.rowcount}

    async def _scrub_wal(self) -> None:
        """Copy the WAL into the database and empty it: until then the WAL still holds the
        pages as they were before a deletion, with what was deleted in them."""
        await self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def mark_update(self, update_id: int) -> bool:
        """True the first time an update id is seen, False for a re-delivery."""
        now = time.time()
        cursor = await self.db.execute(
            "INSERT OR IGNORE INTO processed_updates (update_id, at) VALUES (?, ?)",
            (update_id, now),
        )
        if cursor.rowcount and update_id % 1000 == 0:  # now and then, forget old ids
            await self.db.execute(
                "DELETE FROM processed_updates WHERE at < ?", (now - PROCESSED_UPDATES_SECONDS,)
            )
        # No commit of its own: the turn's save commits it a moment later (one write instead
        # of two per message). Should the process die before that, a re-delivered update is
        # answered once more - the lesser evil.
        return cursor.rowcount == 1
