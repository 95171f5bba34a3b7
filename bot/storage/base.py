"""The one small interface every storage backend implements (one backend per file)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass
class StoredSession:
    key: str
    state: dict[str, Any]  # ``Session.to_json()``
    campaign: str | None = None


class Storage(Protocol):
    """Sessions by key. Keys are pseudonymous ids; states hold no raw personal data."""

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def load_session(self, key: str) -> StoredSession | None: ...

    async def save_session(
        self, key: str, state: dict[str, Any], campaign: str | None = None
    ) -> None: ...

    async def delete_session(self, key: str) -> int: ...
