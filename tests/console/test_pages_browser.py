"""The console in a real browser: headless Chromium, signed in as an operator would, over a
database filled by real conversations through the bot (see ``seeding.py``)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from bot.engine import Engine
from bot.operators import export
from bot.operators.dashboard import duration, percentile
from bot.operators.inbox import normalise

from ..conftest import CONTENT_DIR, chromium
from .browser import OPERATOR, PASSWORD, add_operator, serving, sign_in
from .seeding import PERSONAL, UNMATCHED, UNMATCHED_AGAIN, Seeded, seed

pytestmark = pytest.mark.asyncio(loop_scope="module")
# BOT_SCREENSHOTS=docs writes the README's screenshots there
SCREENSHOTS = os.environ.get("BOT_SCREENSHOTS")


@pytest.fixture(scope="module")
def seeded(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    database = tmp_path_factory.mktemp("console") / "bot.sqlite3"
    found = asyncio.run(seed(engine, database))
    add_operator(database, OPERATOR, PASSWORD)
    return found


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def base(seeded: Seeded) -> AsyncIterator[str]:
    async with serving(seeded.database) as (url, _console):
        yield url


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def browser() -> AsyncIterator[Browser]:
    executable = chromium("the console")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        await launched.close()


@pytest_asyncio.fixture(loop_scope="module")
async def context(browser: Browser) -> AsyncIterator[BrowserContext]:
    made = await browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    yield made
    await made.close()


@pytest_asyncio.fixture(loop_scope="module")
async def page(context: BrowserContext, base: str) -> Page:
    opened = await context.new_page()
    await sign_in(opened, base)
    assert opened.url == f"{base}/", await opened.content()
    return opened


def stored(database: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database) as db:
        return db.execute(sql, params).fetchall()


async def figure(page: Page, key: str) -> str:
    return (await page.inner_text(f"#summary-{key} b")).strip()


async def chart(page: Page, chart_id: str) -> dict[str, str]:
    bars = await page.query_selector_all(f"#{chart_id} g.bar")
    return {
        str(await bar.get_attribute("data-label")): str(await bar.get_attribute("data-value"))
        for bar in bars
    }


# --- signing in -----------------------------------------------------------------------------


async def test_sign_in_shows_the_dashboard_with_the_operator_named(page: Page) -> None:
    assert await page.inner_text("h1") == "Dashboard"
    assert await page.inner_text("header .who") == OPERATOR
    cookie = next(c for c in await page.context.cookies() if c["name"] == "console_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert cookie["expires"] > 0  # a session that ends, not one for ever


async def test_no_page_works_without_signing_in(
    context: BrowserContext, base: str, seeded: Seeded
) -> None:
    conversation = seeded.conversations["advised"]
    page = await context.new_page()
    paths = ["/", "/conversations", f"/conversations/{conversation}", "/inbox", "/audit",
             "/export?format=csv", "/export?format=jsonl&campaign=spring"]  # fmt: skip
    for path in paths:
        await page.goto(base + path)
        assert page.url.startswith(f"{base}/login"), path
        assert await page.inner_text("h1") == "Sign in", path
        shown = await page.inner_text("body")
        assert conversation[:12] not in shown and "[NAME]" not in shown and "spring" not in shown
    # forms need a session too: nothing is suggested, nobody is signed out
    for path in ("/inbox/suggest", "/logout"):
        response = await context.request.post(base + path, max_redirects=0, form={"x": "1"})
        assert response.status == 303 and response.headers["location"].startswith("/login")
    assert not (seeded.database.parent / "lexicon_suggestions.yaml").exists()


async def test_a_wrong_password_is_refused_and_the_rate_limit_holds(
    browser: Browser, seeded: Seeded
) -> None:
    # a console of its own: its limiter must not lock the other tests out
    async with serving(seeded.database) as (url, _console):
        context = await browser.new_context()
        page = await context.new_page()
        await sign_in(page, url, password="wrong password")
        assert page.url.startswith(f"{url}/login")
        assert "Wrong name or password" in await page.inner_text("#login-error")
        for _ in range(4):
            await sign_in(page, url, password="still wrong!!")
        # the right password now is refused too, until the window has passed
        await sign_in(page, url)
        assert page.url.startswith(f"{url}/login")
        assert "Too many failed sign-ins" in await page.inner_text("#login-error")
        assert not [c for c in await context.cookies() if c["name"] == "console_session"]
        response = await context.request.get(f"{url}/", max_redirects=0)
        assert response.status == 303
        await context.close()
    refused = stored(seeded.database, "SELECT COUNT(*) FROM audit_log WHERE action = 'refused'")
    assert refused[0][0] >= 6


# --- the dashboard ------------------------------------------------------------------------


def _expected_advice_times(database: Path, channel: str = "telegram") -> list[float]:
    """Seconds from first message to first outcome, worked out here in Python."""
    firsts: dict[str, float] = {}
    advised: dict[str, float] = {}
    rows = stored(
        database, "SELECT conversation, at, outcome FROM events WHERE channel = ? ORDER BY id",
        channel,
    )  # fmt: skip
    for conversation, at, outcome in rows:
        firsts.setdefault(conversation, at)
        if outcome is not None:
            advised.setdefault(conversation, at)
    return sorted(advised[c] - firsts[c] for c in advised)


async def test_dashboard_figures_of_the_seeded_conversations(page: Page, seeded: Seeded) -> None:
    # five people talked to the bot on Telegram; the terminal test chat is left out
    assert await figure(page, "conversations") == "5"
    assert await figure(page, "reached") == "2"  # the advice, and the emergency
    assert await figure(page, "booked") == "1"
    times = _expected_advice_times(seeded.database)
    assert len(times) == 2
    assert await figure(page, "median") == duration(percentile(times, 50))
    assert await figure(page, "p90") == duration(percentile(times, 90))
    assert duration(times[0]) == "40 s"  # the emergency: agree, then the warning sign typed
    urgencies = [
        json.loads(o)["urgency"]
        for (o,) in stored(seeded.database, "SELECT outcome FROM events WHERE channel = "
                           "'telegram' AND outcome IS NOT NULL")
    ]  # fmt: skip
    assert await chart(page, "urgency-mix") == {u: "1" for u in urgencies}
    assert "emergency" in urgencies
    funnel = await chart(page, "funnel-overall")
    assert funnel == {
        "started": "5", "answered the first question": "4", "reached an outcome": "2",
        "pressed booking": "1",
    }  # fmt: skip
    campaigns = await page.eval_on_selector_all(
        ".campaign", "els => els.map(e => e.dataset.campaign)"
    )
    assert sorted(campaigns) == ["(no campaign)", "flyer", "spring"]


async def test_drop_off_is_a_rate_per_question_named_by_its_text(
    page: Page, base: str, engine: Engine
) -> None:
    rows = {
        await row.get_attribute("data-node"): [
            (await cell.inner_text()).strip() for cell in await row.query_selector_all("td")
        ]
        for row in await page.query_selector_all("#drop-off-table tbody tr")
    }
    first_check = engine.dialogue.nodes["describe"].next[0].goto
    # asked of 5, one left there (opened the bot and went); 3 reached the first checks and
    # two of them left there (one typed what the bot did not understand, one stopped)
    assert rows["consent"][1:] == ["5", "1", "20 %", "0"]
    assert rows[first_check][1:] == ["3", "2", "67 %", "0"]
    english = engine.content.text("en", "nodes", "consent").split()[:4]
    assert rows["consent"][0].split()[:4] == english
    # the operator's language for the questions' wording
    await page.goto(f"{base}/?qlang=ru")
    russian = await page.inner_text("#drop-off-table tr[data-node='consent'] td")
    assert russian.split()[:3] == engine.content.text("ru", "nodes", "consent").split()[:3]


async def test_filters_change_the_figures(page: Page, base: str) -> None:
    # chosen in the form, as an operator does
    await page.select_option("select[name=campaign]", "spring")
    await page.click("#apply-filters")
    assert "campaign=spring" in page.url
    assert await figure(page, "conversations") == "2"
    assert await figure(page, "reached") == "1"
    assert await figure(page, "booked") == "1"
    await page.fill("input[name=since]", "2026-11-15")
    await page.click("#apply-filters")
    assert await figure(page, "conversations") == "1"  # the one ten days earlier is out
    expected = {
        "": ("5", "2"),
        "lang=ru": ("1", "0"),
        "campaign=flyer": ("2", "1"),
        "campaign=-": ("1", "0"),
        "until=2026-11-15": ("1", "0"),
        "since=2026-11-15": ("4", "2"),
        "channel=terminal": ("1", "1"),
        "channel=all": ("6", "3"),
    }
    for query, (conversations, reached) in expected.items():
        await page.goto(f"{base}/?{query}")
        assert await figure(page, "conversations") == conversations, query
        assert await figure(page, "reached") == reached, query


# --- conversations and transcripts ----------------------------------------------------------


async def test_conversation_list_and_transcript(page: Page, base: str, seeded: Seeded) -> None:
    await page.goto(f"{base}/conversations")
    listed = await page.eval_on_selector_all(
        "#conversations tbody tr", "rows => rows.map(r => r.dataset.conversation)"
    )
    ids = seeded.conversations
    assert sorted(listed) == sorted(v for k, v in ids.items() if k != "terminal")
    assert listed[-1] == ids["earlier"]  # the most recent first
    await page.click(f"tr[data-conversation='{ids['advised']}'] a")
    assert page.url.startswith(f"{base}/conversations/{ids['advised']}")
    turns = await page.query_selector_all("#transcript tbody tr")
    kinds = [await t.get_attribute("data-kind") for t in turns]
    assert kinds[0] == "start" and kinds[-1] == "booking"
    # typed text as stored: scrubbed
    typed = await page.inner_text("#transcript tr[data-kind='text'] .typed")
    assert "[NAME]" in typed and "[PHONE]" in typed and "[EMAIL]" in typed
    assert "back hurts" in typed
    # how it was read: symptoms affirmed, fever negated; a typed "no" taken as a button
    readings = await page.eval_on_selector_all(
        "#transcript .chip[data-concept]",
        "chips => chips.map(c => c.dataset.concept + ':' + c.dataset.reading)",
    )
    assert {"low_back_pain:affirmed", "radiating_leg_pain:affirmed", "fever:negated"} <= set(
        readings
    )
    buttons = await page.inner_text("#transcript")
    assert "taken as button “No”" in buttons
    assert "pressed" in buttons
    assert (await page.inner_text("#outcome")).startswith("Outcome:")
    # a text the bot did not understand is marked so
    await page.goto(f"{base}/conversations/{ids['earlier']}")
    marks = await page.eval_on_selector_all(
        "#transcript [data-reading='not_understood']", "els => els.length"
    )
    assert marks == 2


# --- the inbox ----------------------------------------------------------------------------


async def test_inbox_groups_what_was_not_understood_without_button_answers(
    page: Page, base: str, seeded: Seeded
) -> None:
    await page.goto(f"{base}/inbox?since=2026-11-01")
    rows = await page.eval_on_selector_all(
        "#inbox tbody tr", "rows => rows.map(r => [r.dataset.phrase, r.dataset.count])"
    )
    # the two ways of saying it are one group; the typed "no" answers are not in the inbox
    assert len(rows) == 1 and rows[0][1] == "2"
    assert rows[0][0] in (normalise(UNMATCHED), normalise(UNMATCHED_AGAIN))
    variants = await page.inner_text("#inbox tbody tr")
    assert normalise(UNMATCHED) in variants and normalise(UNMATCHED_AGAIN) in variants
    typed_no = stored(seeded.database, "SELECT COUNT(*) FROM events WHERE value = 'no' AND "
                      "kind = 'text'")[0][0]  # fmt: skip
    assert typed_no >= 2  # typed "no" answers exist, and none of them is in the inbox
    # a content author suggests it for the lexicon: written to a file, not applied
    await page.select_option("#inbox tbody tr select[name=concept]", "numbness_tingling")
    await page.select_option("#inbox tbody tr select[name=lang]", "en")
    await page.click("#inbox tbody tr button")
    assert "suggested=numbness_tingling" in page.url
    suggestions = (seeded.database.parent / "lexicon_suggestions.yaml").read_text("utf-8")
    assert f"phrase: {rows[0][0]}" in suggestions and "concept: numbness_tingling" in suggestions
    assert UNMATCHED not in (CONTENT_DIR / "lexicon" / "en.yaml").read_text("utf-8")


async def test_a_form_without_its_csrf_token_is_refused(page: Page, base: str) -> None:
    response = await page.context.request.post(
        f"{base}/inbox/suggest",
        form={"csrf": "forged", "phrase": "x y z", "concept": "fever", "lang": "en"},
        max_redirects=0,
    )
    assert response.status == 403


# --- export -------------------------------------------------------------------------------


async def test_export_downloads_the_selected_rows(page: Page, base: str, seeded: Seeded) -> None:
    await page.goto(f"{base}/?campaign=flyer")
    async with page.expect_download() as waiting:
        await page.click("#export-csv")
    download = await waiting.value
    assert download.suggested_filename.endswith(".csv")
    text = Path(await download.path()).read_text(encoding="utf-8")
    events = list(export.read_csv(io.StringIO(text)))
    flyer = {seeded.conversations["russian"], seeded.conversations["emergency"]}
    assert {e["conversation"] for e in events} == flyer
    expected = stored(
        seeded.database,
        "SELECT id FROM events WHERE conversation IN (?, ?) ORDER BY at, id", *sorted(flyer),
    )  # fmt: skip
    assert [e["id"] for e in events] == [row[0] for row in expected]
    assert next(csv.reader(io.StringIO(text))) == list(export.COLUMNS)
    # JSON lines, with a date filter
    async with page.expect_download() as waiting:
        await page.goto(f"{base}/?until=2026-11-15")
        await page.click("#export-jsonl")
    lines = Path(await (await waiting.value).path()).read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["conversation"] for line in lines} == {seeded.conversations["earlier"]}
    audit = stored(seeded.database, "SELECT operator, target FROM audit_log WHERE action = "
                   "'export' ORDER BY id")  # fmt: skip
    assert audit[-2][0] == OPERATOR and "campaign=flyer" in audit[-2][1]


# --- privacy, headers, audit ----------------------------------------------------------------


async def test_no_page_contains_personal_data_fed_in(page: Page, base: str, seeded: Seeded) -> None:
    paths = ["/?channel=all", "/conversations?channel=all", "/inbox?channel=all", "/audit",
             "/?qlang=ru"]  # fmt: skip
    paths += [f"/conversations/{c}" for c in seeded.conversations.values()]
    shown = []
    for path in paths:
        await page.goto(base + path)
        shown.append(await page.content())
    for fmt in ("csv", "jsonl"):
        response = await page.context.request.get(f"{base}/export?format={fmt}&channel=all")
        shown.append(await response.text())
    everything = "\n".join(shown).casefold()
    assert "[phone]" in everything and "[email]" in everything  # the text is there, scrubbed
    leaked = [p for p in PERSONAL if p.casefold() in everything]
    assert leaked == []


async def test_pages_carry_a_strict_policy_and_break_none_of_it(
    page: Page, base: str, seeded: Seeded
) -> None:
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text))
    response = await page.goto(f"{base}/conversations/{seeded.conversations['advised']}")
    assert response is not None
    headers = response.headers
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert "script-src" not in policy  # default-src 'none': no script at all
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"
    # the page's one style is allowed by its hash: it applied, and nothing was refused
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(246, 247, 249)"
    assert not [v for v in violations if "Content Security Policy" in v]
    if SCREENSHOTS:
        await page.screenshot(path=f"{SCREENSHOTS}/console-transcript.png", full_page=True)
        await page.goto(f"{base}/")
        await page.screenshot(path=f"{SCREENSHOTS}/console-dashboard.png", full_page=True)


async def test_every_view_is_in_the_audit_log(page: Page, base: str, seeded: Seeded) -> None:
    conversation = seeded.conversations["russian"]
    await page.goto(f"{base}/conversations/{conversation}")
    await page.goto(f"{base}/audit")
    text = await page.inner_text("#audit")
    assert f"/conversations/{conversation}" in text and OPERATOR in text
    with sqlite3.connect(seeded.database) as db, pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM audit_log")
    with sqlite3.connect(seeded.database) as db, pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE audit_log SET operator = 'someone else'")


async def test_signing_out_ends_the_session(page: Page, base: str) -> None:
    await page.click("header form button")
    assert page.url.startswith(f"{base}/login")
    await page.goto(f"{base}/conversations")
    assert page.url.startswith(f"{base}/login")
