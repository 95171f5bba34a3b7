"""Operator accounts for the web console: a name and an argon2id hash of the password.

The hash is argon2-cffi's ``PasswordHasher`` (memory-hard, salted, parameters in the hash),
so a copied database does not give the passwords away. A name is a login, not a person's
details; keep it to initials or a role if the clinic prefers.
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
MIN_PASSWORD = 12

_hasher = PasswordHasher()
# compared against when the name is unknown, so that a wrong name takes as long as a wrong
# password and the timing does not tell which names exist
_DUMMY_HASH = _hasher.hash("no such operator")


class AccountError(ValueError):
    """A name or password that cannot be used; the message is one line, safe to print."""


@dataclass(frozen=True)
class Operator:
    name: str
    created_at: float


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise AccountError(
            "a name is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    return password


def add(db: sqlite3.Connection, name: str, password: str, now: float | None = None) -> None:
    check_name(name)
    digest = _hasher.hash(check_password(password))
    try:
        with db:
            db.execute(
                "INSERT INTO operators (name, password_hash, created_at) VALUES (?, ?, ?)",
                (name, digest, time.time() if now is None else now),
            )
    except sqlite3.IntegrityError:
        raise AccountError(f"an operator named {name} exists already") from None


def remove(db: sqlite3.Connection, name: str) -> bool:
    with db:
        return db.execute("DELETE FROM operators WHERE name = ?", (name,)).rowcount > 0


def list_all(db: sqlite3.Connection) -> list[Operator]:
    rows = db.execute("SELECT name, created_at FROM operators ORDER BY name").fetchall()
    return [Operator(name, created) for name, created in rows]


def exists(db: sqlite3.Connection, name: str) -> bool:
    return db.execute("SELECT 1 FROM operators WHERE name = ?", (name,)).fetchone() is not None


def verify(db: sqlite3.Connection, name: str, password: str) -> bool:
    """Whether ``password`` is ``name``'s; as slow for an unknown name as for a known one."""
    row = db.execute("SELECT password_hash FROM operators WHERE name = ?", (name,)).fetchone()
    try:
        return _hasher.verify(row[0] if row else _DUMMY_HASH, password) and row is not None
    except (VerificationError, InvalidHashError):
        return False
