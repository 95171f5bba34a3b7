"""``bench_telegram.py`` (same arguments) with the trips to aiosqlite's thread counted: every
statement, commit or fetch the SQLite storage hands to that thread is one, and each makes
the event loop's thread wait for the GIL about twice. Use ``--same-process``, so that the
bot runs in this process.

    PYTHONPATH=. python benchmarks/sqlite_trips.py --same-process --app bot --config tuned \\
        --chats 50 --messages 20
"""

from __future__ import annotations

import sys
from typing import Any

import aiosqlite.core
import bench_telegram  # benchmarks/, beside this script

_trips = 0
_execute = aiosqlite.core.Connection._execute


async def _counted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
    global _trips
    _trips += 1
    return await _execute(self, fn, *args, **kwargs)


if __name__ == "__main__":
    aiosqlite.core.Connection._execute = _counted  # type: ignore[method-assign]
    code = bench_telegram.main(sys.argv[1:])
    print(f"# trips to aiosqlite's thread: {_trips}")
    sys.exit(code)
