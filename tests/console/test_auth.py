"""Sessions expire; the sign-in limit holds per name and per address, then lets go."""

from __future__ import annotations

from bot.console.auth import (
    ATTEMPT_WINDOW,
    ATTEMPTS,
    IDLE_SECONDS,
    SESSION_SECONDS,
    Sessions,
    SignInLimiter,
    same,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_session_ends_when_idle_and_after_a_working_day() -> None:
    clock = Clock()
    sessions = Sessions(clock)
    token, session = sessions.open("anna")
    assert sessions.get(token) is session
    clock.now += IDLE_SECONDS - 1
    assert sessions.get(token) is session  # in use: kept alive
    clock.now += IDLE_SECONDS + 1
    assert sessions.get(token) is None  # idle too long
    token, _ = sessions.open("anna")
    for _ in range(SESSION_SECONDS // (IDLE_SECONDS // 2) + 1):
        clock.now += IDLE_SECONDS // 2
        found = sessions.get(token)
    assert found is None  # busy all day, still signed out at the end of it


def test_the_token_is_not_kept_and_sessions_can_be_closed() -> None:
    sessions = Sessions(Clock())
    token, _ = sessions.open("anna")
    assert token not in repr(vars(sessions))  # only its hash
    other, _ = sessions.open("bob")
    sessions.close(token)
    assert sessions.get(token) is None and sessions.get(other) is not None
    sessions.close_all("bob")
    assert sessions.get(other) is None
    assert sessions.get(None) is None and sessions.get("made-up") is None


def test_failed_sign_ins_lock_the_name_and_the_address_for_a_while() -> None:
    clock = Clock()
    limiter = SignInLimiter(clock)
    keys = ("name:anna", "address:10.0.0.1")
    for _ in range(ATTEMPTS - 1):
        limiter.failed(*keys)
    assert limiter.wait_seconds(*keys) == 0
    limiter.failed(*keys)
    assert limiter.wait_seconds(*keys) > 0
    # another name from the same address, the same name from elsewhere: locked too
    assert limiter.wait_seconds("name:bob", "address:10.0.0.1") > 0
    assert limiter.wait_seconds("name:anna", "address:10.0.0.2") > 0
    assert limiter.wait_seconds("name:bob", "address:10.0.0.2") == 0
    clock.now += ATTEMPT_WINDOW + 1
    assert limiter.wait_seconds(*keys) == 0


def test_tokens_compare_only_when_both_are_there() -> None:
    assert same("abc", "abc")
    assert not same("abc", "abd")
    assert not same("", "") and not same(None, None)


def test_abandoned_sessions_do_not_pile_up() -> None:
    clock = Clock()
    sessions = Sessions(clock)
    for _ in range(50):
        sessions.open("anna")  # a browser closed each time, never signed out
    clock.now += IDLE_SECONDS + 1
    sessions.open("anna")
    assert len(sessions._by_digest) == 1
