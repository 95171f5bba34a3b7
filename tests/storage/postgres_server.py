"""A real PostgreSQL server for the tests, started in a temporary folder from Debian's
``postgresql`` package binaries (``apt-get install -y postgresql``) and stopped after."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SKIP_REASON = (
    "no PostgreSQL binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or on PATH: "
    "apt-get install -y postgresql to run the PostgreSQL backend tests"
)


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl, newest version first; None if there is none."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    # initdb refuses to run as root: the server runs as the postgres user then
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def running_server(durable: bool = False) -> Iterator[str]:
    """A fresh server on a free port of 127.0.0.1; yields the URL of its ``postgres``
    database (trust authentication: the server is reachable from this machine only).
    ``durable``: fsync and synchronous commits on, as in production (for benchmarks)."""
    folder = binaries()
    if folder is None:
        raise RuntimeError(SKIP_REASON)
    root = Path(tempfile.mkdtemp(prefix="bot-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data = root / "data"
    port = _free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
    subprocess.run(
        _as_server_user([str(folder / "initdb"), "-D", str(data), "-U", "postgres",
                         "-A", "trust", "--no-sync", "-E", "UTF8"]),
        **quiet,
    )  # fmt: skip
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=200"
    if not durable:  # tests: a crash of the test server loses nothing anyone needs
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    pg_ctl = [str(folder / "pg_ctl"), "-D", str(data), "-l", str(root / "log")]
    subprocess.run(_as_server_user([*pg_ctl, "-o", options, "-w", "start"]), **quiet)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([*pg_ctl, "-m", "immediate", "-w", "stop"]), **quiet)
        shutil.rmtree(root, ignore_errors=True)
