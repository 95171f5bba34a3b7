"""JSON text in and out of both backends - session state, event data, the outbox - by orjson:
a session (3-4 KB after 20 turns, with its /back steps) is written on every turn, and
orjson writes it about 5 times and reads it about 1.7 times as fast as the json module
(benchmarks/README.md, "Storage backends"). Non-ASCII text is kept as it is, as
``json.dumps(..., ensure_ascii=False)`` kept it; keys that are not strings become strings,
as with the json module."""

from __future__ import annotations

from typing import Any

import orjson


def dumps(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def loads(text: str | bytes) -> Any:
    """The value of JSON ``text``; ``ValueError`` if it is not JSON."""
    return orjson.loads(text)


async def use_for_json_columns(db: Any) -> None:
    """An asyncpg connection's JSONB and JSON columns in and out as Python values (asyncpg
    gives text otherwise)."""
    for type_name in ("jsonb", "json"):
        await db.set_type_codec(type_name, encoder=dumps, decoder=loads, schema="pg_catalog")
