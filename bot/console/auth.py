"""Sign-in state of the console: sessions, the sign-in rate limit, CSRF tokens.

Sessions live in memory: a restart of the console signs everyone out, which is the safe
direction. The cookie carries a random token; the server keeps only its SHA-256, so a memory
dump of the process does not give away a usable cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

SESSION_COOKIE = "console_session"
LOGIN_CSRF_COOKIE = "console_login_csrf"
SESSION_SECONDS = 8 * 3600  # a working day, then sign in again
IDLE_SECONDS = 30 * 60  # ...or after half an hour without a page
ATTEMPTS = 5  # failed sign-ins allowed per name and per address...
ATTEMPT_WINDOW = 15 * 60  # ...in this many seconds


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two tokens (a missing one never matches)."""
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


@dataclass
class ConsoleSession:
    operator: str
    csrf: str
    created: float
    seen: float


@dataclass
class Sessions:
    clock: Callable[[], float] = time.monotonic
    _by_digest: dict[str, ConsoleSession] = field(default_factory=dict)

    def _now(self) -> float:
        return self.clock()

    def open(self, operator: str) -> tuple[str, ConsoleSession]:
        """A new session: the cookie's token (given once) and the session."""
        token = new_token()
        now = self._now()
        self._forget_expired(now)
        session = ConsoleSession(operator, new_token(), now, now)
        self._by_digest[_digest(token)] = session
        return token, session

    def _forget_expired(self, now: float) -> None:
        """Sessions nobody came back to (closed browsers) do not pile up in memory."""
        for key in [k for k, s in self._by_digest.items() if self._expired(s, now)]:
            del self._by_digest[key]

    @staticmethod
    def _expired(session: ConsoleSession, now: float) -> bool:
        return now - session.created > SESSION_SECONDS or now - session.seen > IDLE_SECONDS

    def get(self, token: str | None) -> ConsoleSession | None:
        if not token:
            return None
        key = _digest(token)
        session = self._by_digest.get(key)
        if session is None:
            return None
        now = self._now()
        if self._expired(session, now):
            del self._by_digest[key]
            return None
        session.seen = now
        return session

    def close(self, token: str | None) -> None:
        if token:
            self._by_digest.pop(_digest(token), None)

    def close_all(self, operator: str) -> None:
        """Sign an operator out everywhere (their account was removed)."""
        for key in [k for k, s in self._by_digest.items() if s.operator == operator]:
            del self._by_digest[key]


@dataclass
class SignInLimiter:
    """At most ``ATTEMPTS`` failed sign-ins per name and per client address in
    ``ATTEMPT_WINDOW`` seconds; meanwhile even the right password is refused, so guessing
    gains nothing from going on."""

    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)

    def _recent(self, key: str) -> deque[float]:
        now = self.clock()
        failures = self._failures.setdefault(key, deque())
        while failures and now - failures[0] > ATTEMPT_WINDOW:
            failures.popleft()
        return failures

    def wait_seconds(self, *keys: str) -> float:
        """How long until another attempt is allowed for all of ``keys``; 0 if it is now."""
        now = self.clock()
        waits = [
            failures[0] + ATTEMPT_WINDOW - now
            for key in keys
            if len(failures := self._recent(key)) >= ATTEMPTS
        ]
        return max(waits, default=0.0)

    def failed(self, *keys: str) -> None:
        now = self.clock()
        for key in keys:
            self._recent(key).append(now)
        if len(self._failures) > 10_000:  # a flood of made-up names must not fill memory
            for key in [k for k, v in self._failures.items() if not v]:
                del self._failures[key]

    def succeeded(self, *keys: str) -> None:
        for key in keys:
            self._failures.pop(key, None)
