"""Telegram settings from the environment, checked before anything connects.

The token is a secret: it appears in no message of this module, and ``__repr__`` hides it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from bot.settings import SettingsError, env_int, secret_from_env

# What BotFather issues: the bot's numeric id, a colon, and a 35-character secret.
TOKEN_SHAPE = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,64}$")
TELEGRAM_API = "https://api.telegram.org/bot"


class ConfigError(SettingsError):
    """A Telegram setting is missing or wrong; the message is one line, safe to print."""


@dataclass(frozen=True)
class TelegramSettings:
    token: str = field(repr=False)
    base_url: str = TELEGRAM_API
    webhook_url: str | None = None  # the public HTTPS URL Telegram posts updates to
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str | None = field(default=None, repr=False)
    # Telegram allows about 30 messages a second in all; the benchmark lifts it.
    max_messages_per_second: float = 30.0
    # a reply Telegram could not take for this long is replaced by the current question
    reply_stale_seconds: int = 600
    # updates fetched per getUpdates: each batch is handled before the next is confirmed
    updates_per_fetch: int = 32

    @classmethod
    def from_env(cls, webhook: bool = False) -> TelegramSettings:
        env = os.environ
        token = secret_from_env("TELEGRAM_BOT_TOKEN")  # or the systemd credential
        if not token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and export its token"
            )
        if not TOKEN_SHAPE.match(token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then letters)"
            )
        base_url = env.get("TELEGRAM_API_BASE_URL", TELEGRAM_API).rstrip("/")
        if not base_url.endswith("/bot"):
            # python-telegram-bot appends the token right after ".../bot"
            raise ConfigError(
                "TELEGRAM_API_BASE_URL must end with /bot, e.g. http://127.0.0.1:8081/bot"
            )
        settings = cls(
            token=token,
            base_url=base_url,
            webhook_url=env.get("BOT_WEBHOOK_URL") or None,
            webhook_listen=env.get("BOT_WEBHOOK_LISTEN", "127.0.0.1"),
            webhook_port=env_int("BOT_WEBHOOK_PORT", 8443, minimum=1),
            webhook_secret=env.get("BOT_WEBHOOK_SECRET") or None,
            max_messages_per_second=env_int("BOT_MAX_MESSAGES_PER_SECOND", 30, minimum=1),
            reply_stale_seconds=env_int("BOT_REPLY_STALE_SECONDS", 600, minimum=1),
            updates_per_fetch=min(env_int("BOT_UPDATES_PER_FETCH", 32, minimum=1), 100),
        )
        if webhook:
            if not settings.webhook_url:
                raise ConfigError("--webhook needs BOT_WEBHOOK_URL, the public https:// address")
            if not settings.webhook_secret or not re.fullmatch(
                r"[A-Za-z0-9_-]{16,256}", settings.webhook_secret
            ):
                raise ConfigError(
                    "--webhook needs BOT_WEBHOOK_SECRET: 16-256 characters of A-Z a-z 0-9 _ -"
                )
        return settings
