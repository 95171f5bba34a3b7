"""The console's HTTP behaviour without a browser: cookies behind an HTTPS proxy, where a
sign-in may send the operator, bad requests."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from aiohttp.test_utils import TestClient, TestServer

from bot.console.app import build_app, make_console, prepare_database
from bot.operators import accounts
from bot.storage.readside import open_console_records
from bot.storage.url import parse_database
from tests.storage.conftest import postgres_server  # noqa: F401 - the fixture

from ..conftest import CONTENT_DIR, DIALOGUE_FILE

PASSWORD = "a long enough password"


@pytest_asyncio.fixture
async def client(tmp_path: Path) -> AsyncIterator[TestClient]:
    database = tmp_path / "bot.sqlite3"
    sqlite3.connect(database).close()
    await prepare_database(database)
    with open_console_records(database) as db:
        accounts.add(db, "anna", PASSWORD)
    console = make_console(database, CONTENT_DIR, DIALOGUE_FILE)
    async with TestClient(TestServer(build_app(console))) as test_client:
        yield test_client


async def _login_form(client: TestClient, headers: dict[str, str] | None = None) -> str:
    response = await client.get("/login", headers=headers)
    found = re.search(r'name="csrf" value="([^"]+)"', await response.text())
    assert found
    return found.group(1)


async def test_behind_https_the_cookies_are_secure(client: TestClient) -> None:
    https = {"X-Forwarded-Proto": "https"}
    csrf = await _login_form(client, https)
    # the test client talks plain HTTP, so its jar keeps the Secure cookie back: send it as a
    # browser would over HTTPS
    https["Cookie"] = f"console_login_csrf={csrf}"
    response = await client.post(
        "/login", data={"name": "anna", "password": PASSWORD, "csrf": csrf, "next": "/inbox"},
        headers=https, allow_redirects=False,
    )  # fmt: skip
    assert response.status == 303 and response.headers["Location"] == "/inbox"
    cookie = response.headers["Set-Cookie"]
    assert "console_session=" in cookie
    for attribute in ("HttpOnly", "Secure", "SameSite=Strict", "Max-Age=28800", "Path=/"):
        assert attribute in cookie, cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


async def test_over_plain_http_on_localhost_the_cookie_is_not_secure(client: TestClient) -> None:
    csrf = await _login_form(client)
    response = await client.post(
        "/login", data={"name": "anna", "password": PASSWORD, "csrf": csrf},
        allow_redirects=False,
    )  # fmt: skip
    assert response.status == 303
    assert "Secure" not in response.headers["Set-Cookie"]


async def test_sign_in_never_sends_the_operator_to_another_site(client: TestClient) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        client.session.cookie_jar.clear()  # signed out again
        csrf = await _login_form(client)
        response = await client.post(
            "/login", data={"name": "anna", "password": PASSWORD, "csrf": csrf, "next": target},
            allow_redirects=False,
        )  # fmt: skip
        assert response.headers["Location"] == "/", target


async def test_a_sign_in_without_the_forms_token_is_refused(client: TestClient) -> None:
    await _login_form(client)
    response = await client.post(
        "/login", data={"name": "anna", "password": PASSWORD, "csrf": "forged"},
        allow_redirects=False,
    )  # fmt: skip
    assert response.status == 403
    assert "console_session=" not in response.headers.get("Set-Cookie", "")


async def test_an_unknown_export_format_is_a_clear_error(client: TestClient) -> None:
    csrf = await _login_form(client)
    await client.post("/login", data={"name": "anna", "password": PASSWORD, "csrf": csrf})
    response = await client.get("/export?format=xlsx")
    assert response.status == 400
    assert "csv" in await response.text()
    response = await client.get("/?since=yesterday")
    assert response.status == 200
    assert "since: not a date" in await response.text()
    response = await client.get("/conversations/0123456789abcdef")
    assert response.status == 404


async def test_removing_an_account_signs_its_operator_out(
    client: TestClient, tmp_path: Path
) -> None:
    csrf = await _login_form(client)
    await client.post("/login", data={"name": "anna", "password": PASSWORD, "csrf": csrf})
    assert (await client.get("/conversations", allow_redirects=False)).status == 200
    with open_console_records(tmp_path / "bot.sqlite3") as db:
        accounts.remove(db, "anna")
    response = await client.get("/conversations", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"].startswith("/login")


async def test_health_says_when_the_database_cannot_be_read(
    client: TestClient, tmp_path: Path
) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    assert (await response.json())["database"] == "ok"
    (tmp_path / "bot.sqlite3").rename(tmp_path / "moved.sqlite3")
    response = await client.get("/healthz")
    assert response.status == 503
    assert (await response.json())["database"] == "unreachable"


async def test_an_export_cannot_plant_a_spreadsheet_formula(
    client: TestClient, tmp_path: Path
) -> None:
    from bot.storage import SqliteStorage

    async with SqliteStorage(tmp_path / "bot.sqlite3") as storage:
        await storage.append_event({
            "conversation": "c1", "person": "p", "at": 1_800_000_000.0, "channel": "telegram",
            "node": "describe", "kind": "text", "value": '=HYPERLINK("http://x.example","hi")',
        })  # fmt: skip
    csrf = await _login_form(client)
    await client.post("/login", data={"name": "anna", "password": PASSWORD, "csrf": csrf})
    response = await client.get("/export?format=csv")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    rows = (await response.text()).splitlines()
    assert len(rows) == 2
    assert ",\"'=HYPERLINK(" in rows[1] and ',"=HYPERLINK' not in rows[1]
    empty = await client.get("/export?format=csv&since=2030-01-01")
    assert (await empty.text()).splitlines() == [rows[0]]  # the header alone


async def test_text_typed_by_strangers_never_becomes_markup(
    client: TestClient, tmp_path: Path
) -> None:
    from bot.storage import SqliteStorage

    hostile = "<img src=x onerror=alert(1)> hurts"
    async with SqliteStorage(tmp_path / "bot.sqlite3") as storage:
        await storage.append_event({
            "conversation": "c0ffee", "person": "p", "at": 1_800_000_000.0,
            "channel": "telegram", "campaign": '"><script>alert(1)</script>',
            "node": "describe", "kind": "text", "value": hostile, "concepts": [],
        })  # fmt: skip
    csrf = await _login_form(client)
    await client.post("/login", data={"name": "anna", "password": PASSWORD, "csrf": csrf})
    for path in ("/", "/conversations", "/conversations/c0ffee", "/inbox"):
        html = await (await client.get(path)).text()
        assert "<script>alert" not in html and "<img src=x" not in html, path
    assert "&lt;img src=x onerror=alert(1)&gt; hurts" in html  # shown, as text


async def test_the_console_reads_and_audits_a_postgresql_database(
    postgres_server: str,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    """Every page on PostgreSQL: accounts, figures, a transcript, the export, the audit log."""
    from tests.operators.seeding import EVENT_COUNT, seed_database
    from tests.storage.conftest import fresh_postgres_database

    url = await fresh_postgres_database(postgres_server)
    await seed_database(url)
    database = parse_database(url)
    with open_console_records(database) as db:
        accounts.add(db, "anna", PASSWORD)
    console = make_console(database, CONTENT_DIR, DIALOGUE_FILE, data_dir=tmp_path)
    async with TestClient(TestServer(build_app(console))) as client:
        csrf = await _login_form(client)
        await client.post("/login", data={"name": "anna", "password": PASSWORD, "csrf": csrf})
        dashboard = await (await client.get("/?channel=all")).text()
        assert '<div id="summary-conversations"><b>11</b>' in dashboard and "spring" in dashboard
        listing = await (await client.get("/conversations?channel=all")).text()
        assert "aaaa0001" in listing and "dddd0001" in listing
        transcript = await (await client.get("/conversations/aaaa0002")).text()
        assert "It feels like electric eels!" in transcript
        inbox = await (await client.get("/inbox?channel=all")).text()
        assert "it feels like electric eels" in inbox
        exported = await (await client.get("/export?format=csv&channel=all")).text()
        assert exported.count("\n") == EVENT_COUNT + 1
        audit_page = await (await client.get("/audit")).text()
        assert "export" in audit_page and "sign_in" in audit_page
        assert (await client.get("/healthz")).status == 200
        metrics = await (await client.get("/metrics")).text()
        assert "bot_outbox_depth 0.0" in metrics
    with open_console_records(database) as db:
        actions = [action for _, _, action, _ in db.audit(50)]
    # the dashboard after signing in, then the five pages above
    assert actions.count("view") == 6 and actions.count("export") == 1
