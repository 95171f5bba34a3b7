"""Pseudonymous ids: a person is known to the logs only as an HMAC of their Telegram id.

The key is ``BOT_LOG_SECRET``; when it is unset, one is generated once into the data folder
(mode 0600) so that the same person keeps the same pseudonym across restarts, and nobody
without the file can link a pseudonym back to a Telegram account.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from bot.settings import SettingsError, secret_from_env

SECRET_FILE_NAME = "log_secret"
# An empty or short key would let anyone recompute a pseudonym from a Telegram id by trying.
MIN_SECRET_LENGTH = 32


class SecretError(SettingsError):
    """The pseudonym key is missing or too short; the message never shows the key."""


def load_secret(data_dir: Path, from_env: str | None = None) -> bytes:
    from_env = from_env if from_env is not None else secret_from_env("BOT_LOG_SECRET")
    if from_env:
        if len(from_env) < MIN_SECRET_LENGTH:
            raise SecretError(f"BOT_LOG_SECRET must be at least {MIN_SECRET_LENGTH} characters")
        return from_env.encode()
    path = data_dir / SECRET_FILE_NAME
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two processes starting at once cannot both write a different key
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "w") as file:
                file.write(secrets.token_hex(32))
    secret = path.read_text().strip()
    if len(secret) < MIN_SECRET_LENGTH:
        raise SecretError(
            f"{path} holds no usable key (under {MIN_SECRET_LENGTH} characters): "
            "delete it to have a new one made, or set BOT_LOG_SECRET"
        )
    return secret.encode()


class Pseudonyms:
    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def person(self, user_id: int | str) -> str:
        digest = hmac.new(self._secret, f"person:{user_id}".encode(), hashlib.sha256)
        return digest.hexdigest()[:32]

    def __repr__(self) -> str:  # never show the key, even in a traceback
        return "Pseudonyms(<secret>)"
