"""The one small interface every storage backend implements (one backend per file)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol


@dataclass
class StoredSession:
    key: str
    state: dict[str, Any]  # ``Session.to_json()``
    campaign: str | None = None
    conversation: str | None = None


class Storage(Protocol):
    """Sessions and events. Keys are pseudonymous ids; nothing stored is raw personal data."""

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def load_session(self, key: str) -> StoredSession | None: ...

    async def save_session(
        self,
        key: str,
        state: dict[str, Any],
        campaign: str | None = None,
        conversation: str | None = None,
        event: dict[str, Any] | None = None,
    ) -> None:
        """Store a session and (atomically) the event of the turn that produced it."""

    async def append_event(self, event: dict[str, Any]) -> None: ...

    async def delete_person(self, person: str) -> dict[str, int]:
        """Delete a person's session and events; the counts of what was deleted."""

    async def purge(self, older_than: float) -> dict[str, int]:
        """Delete what is older than the retention period; the counts deleted."""

    async def mark_update(self, update_id: int) -> bool:
        """True the first time a Telegram update id is seen."""

    async def backup(self, target: Path) -> None:
        """Write a consistent copy of everything stored to the new file ``target``, while
        the bot keeps working (``python -m bot backup``)."""
