"""Operator accounts for the web console: a name and an argon2id hash of the password.

The hash is argon2-cffi's ``PasswordHasher`` (memory-hard, salted, parameters in the hash),
so a copied database does not give the passwords away. A name is a login, not a person's
details; keep it to initials or a role if the clinic prefers.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.storage.readside import ConsoleRecords, OperatorExistsError

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


def add(db: ConsoleRecords, name: str, password: str, now: float | None = None) -> None:
    check_name(name)
    digest = _hasher.hash(check_password(password))
    try:
        db.add_operator(name, digest, time.time() if now is None else now)
    except OperatorExistsError:
        raise AccountError(f"an operator named {name} exists already") from None


def remove(db: ConsoleRecords, name: str) -> bool:
    return db.remove_operator(name)


def list_all(db: ConsoleRecords) -> list[Operator]:
    return [Operator(name, created) for name, created in db.operators()]


def exists(db: ConsoleRecords, name: str) -> bool:
    return db.password_hash(name) is not None


def verify(db: ConsoleRecords, name: str, password: str) -> bool:
    """Whether ``password`` is ``name``'s; as slow for an unknown name as for a known one."""
    stored = db.password_hash(name)
    try:
        return _hasher.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False
