"""The console's routes: sign-in, dashboard, conversations, transcript, inbox, export, audit,
health and metrics."""

from __future__ import annotations

import asyncio
import datetime
import io
import tempfile
import time
from typing import Any

from aiohttp import web
from markupsafe import Markup
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.console import filters as page_filters
from bot.console.app import (
    Console,
    client_address,
    console_of,
    is_https,
    render,
    session_of,
)
from bot.console.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    SESSION_SECONDS,
    new_token,
    same,
)
from bot.console.metrics import registry_for
from bot.events import EventKind
from bot.operators import accounts, audit, dashboard, export, inbox
from bot.operators.charts import Bar, column_chart, hbar_chart
from bot.operators.dashboard import duration
from bot.operators.periods import when
from bot.operators.report import campaign_funnels, funnel_bars, urgency_bars
from bot.operators.selection import ALL, CHANNELS, WITHOUT_CAMPAIGN
from bot.operators.transcript import outcome_text
from bot.storage.readside import EventLog

PAGE_SIZE = 100


def add_routes(app: web.Application) -> None:
    app.router.add_get("/login", login_page)
    app.router.add_post("/login", login)
    app.router.add_post("/logout", logout)
    app.router.add_get("/", dashboard_page)
    app.router.add_get("/conversations", conversations_page)
    app.router.add_get("/conversations/{conversation}", transcript_page)
    app.router.add_get("/inbox", inbox_page)
    app.router.add_post("/inbox/suggest", suggest)
    app.router.add_get("/export", export_events)
    app.router.add_get("/audit", audit_page)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)


# --- signing in and out ------------------------------------------------------------------


def _safe_next(target: str | None) -> str:
    """Only a path of this site: never ``//elsewhere`` or ``https://elsewhere``."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def _login_form(
    request: web.Request, error: str = "", status: int = 200, name: str = ""
) -> web.Response:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or new_token()
    response = render(
        request, "login.html", status=status, csrf=token, error=error, name=name,
        next=_safe_next(request.query.get("next")),
    )  # fmt: skip
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="Strict", secure=is_https(request),
        max_age=3600, path="/login",
    )  # fmt: skip
    return response


async def login_page(request: web.Request) -> web.StreamResponse:
    console = console_of(request)
    if console.sessions.get(request.cookies.get(SESSION_COOKIE)) is not None:
        raise web.HTTPSeeOther(_safe_next(request.query.get("next")))
    return _login_form(request)


async def login(request: web.Request) -> web.StreamResponse:
    console = console_of(request)
    form = await request.post()
    name = str(form.get("name", "")).strip()[:64]
    password = str(form.get("password", ""))[:1024]
    if not same(str(form.get("csrf", "")), request.cookies.get(LOGIN_CSRF_COOKIE)):
        return _login_form(request, "The form expired: please sign in again.", 403, name)
    keys = (f"name:{name.casefold()}", f"address:{client_address(request)}")
    wait = console.limiter.wait_seconds(*keys)
    if wait > 0:
        await console.record(name or "?", "refused", "/login (rate limit)")
        minutes = max(1, round(wait / 60))
        return _login_form(
            request, f"Too many failed sign-ins. Try again in {minutes} min.", 429, name
        )
    valid = await console.accounts(lambda db: accounts.verify(db, name, password))
    if not valid:
        console.limiter.failed(*keys)
        await console.record(name or "?", "refused", "/login")
        return _login_form(request, "Wrong name or password.", 401, name)
    console.limiter.succeeded(*keys)
    token, _ = console.sessions.open(name)
    await console.record(name, "sign_in", "/login")
    response = web.HTTPSeeOther(_safe_next(str(form.get("next", "/"))))
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="Strict", secure=is_https(request),
        max_age=SESSION_SECONDS, path="/",
    )  # fmt: skip
    response.del_cookie(LOGIN_CSRF_COOKIE, path="/login")
    raise response


async def _checked_form(request: web.Request) -> Any:
    """The posted form, if its CSRF token is the session's; 403 otherwise."""
    form = await request.post()
    if not same(str(form.get("csrf", "")), session_of(request).csrf):
        raise web.HTTPForbidden(text="The form expired: reload the page and try again.")
    return form


async def logout(request: web.Request) -> web.StreamResponse:
    await _checked_form(request)
    console = console_of(request)
    await console.record(session_of(request).operator, "sign_out", "/logout")
    console.sessions.close(request.cookies.get(SESSION_COOKIE))
    response = web.HTTPSeeOther("/login")
    response.del_cookie(SESSION_COOKIE, path="/")
    raise response


# --- pages -------------------------------------------------------------------------------


async def _viewed(request: web.Request) -> None:
    await console_of(request).record(session_of(request).operator, "view", request.path_qs)


async def _choices(console: Console) -> dict[str, list[str]]:
    return await console.read(lambda log: log.selection_choices())


def _question_lang(request: web.Request, console: Console) -> str:
    return console.texts.language(request.query.get("qlang") or console.question_lang)


async def _page(request: web.Request, template: str, **values: Any) -> web.Response:
    """A page with the filter form: the filters, the menus' choices, the audit entry."""
    console = console_of(request)
    filters = values.pop("filters", None) or page_filters.parse(request.query)
    await _viewed(request)
    return render(
        request, template, filters=filters, choices=await _choices(console),
        channels=(*CHANNELS, ALL), without_campaign=WITHOUT_CAMPAIGN,
        languages=console.texts.content.languages, qlang=_question_lang(request, console),
        csrf=session_of(request).csrf, operator=session_of(request).operator, **values,
    )  # fmt: skip


async def dashboard_page(request: web.Request) -> web.StreamResponse:
    console = console_of(request)
    filters = page_filters.parse(request.query)
    qlang = _question_lang(request, console)
    data = await console.read(
        lambda db: dashboard.collect(db, filters.selection, console.texts, qlang)
    )
    return await _page(
        request, "dashboard.html", filters=filters, data=data, duration=duration,
        campaigns=campaign_funnels(data.funnels, width=480),
        funnel_chart=Markup(hbar_chart("funnel-overall", "Funnel", funnel_bars(data.funnel))),
        urgency_chart=Markup(
            hbar_chart("urgency-mix", "Urgency mix", urgency_bars(data.urgency), width=460)
        ),
        per_day_chart=Markup(column_chart(
            "per-day", "Conversations per day", [Bar(d, n) for d, n in data.per_day]
        )),
    )  # fmt: skip


async def conversations_page(request: web.Request) -> web.StreamResponse:
    console = console_of(request)
    filters = page_filters.parse(request.query)
    try:
        page = max(1, int(request.query.get("page", "1")))
    except ValueError:
        page = 1
    rows = await console.read(
        lambda log: log.conversations(
            filters.selection.scope(), PAGE_SIZE + 1, (page - 1) * PAGE_SIZE
        )
    )
    return await _page(
        request, "conversations.html", filters=filters, rows=rows[:PAGE_SIZE], page=page,
        more=len(rows) > PAGE_SIZE, when=when, outcome_text=outcome_text,
    )  # fmt: skip


async def transcript_page(request: web.Request) -> web.StreamResponse:
    console = console_of(request)
    conversation = request.match_info["conversation"]
    events = await console.read(lambda log: log.conversation_events(conversation))
    if not events:
        raise web.HTTPNotFound(text="No such conversation (it may have been deleted).")
    qlang = _question_lang(request, console)
    texts = console.texts
    rows = []
    outcome = None
    for event in events:
        reading = texts.read(event, qlang) if event["kind"] == EventKind.TEXT else None
        rows.append(
            {
                "event": event,
                "at": when(event["at"], "%H:%M:%S"),
                "question": texts.question(event["node"], qlang) if event["node"] else "",
                "option": texts.option(event["node"], event["value"], qlang)
                if event["kind"] == EventKind.OPTION
                else "",
                "reading": reading,
                "went_to": texts.question(event["reply_node"], qlang)
                if event["reply_node"]
                else "",
            }
        )
        outcome = event["outcome"] or outcome
    return await _page(
        request, "transcript.html", conversation=conversation, first=events[0], rows=rows,
        outcome=outcome_text(outcome), started=when(events[0]["at"]),
    )  # fmt: skip


async def inbox_page(request: web.Request) -> web.StreamResponse:
    console = console_of(request)
    filters = page_filters.parse(request.query)
    groups = await console.read(lambda db: inbox.collect(db, filters.selection, console.texts))
    concepts = sorted(console.texts.content.concepts)
    return await _page(
        request, "inbox.html", filters=filters, groups=groups, concepts=concepts,
        suggested=request.query.get("suggested", ""),
        suggestions_file=console.suggestions_file.name,
    )  # fmt: skip


async def suggest(request: web.Request) -> web.StreamResponse:
    form = await _checked_form(request)
    console = console_of(request)
    phrase = inbox.normalise(str(form.get("phrase", "")))[:300]
    concept = str(form.get("concept", ""))
    lang = str(form.get("lang", ""))
    if not phrase or concept not in console.texts.content.concepts:
        raise web.HTTPBadRequest(text="Choose a phrase and a concept.")
    if lang not in console.texts.content.languages:
        raise web.HTTPBadRequest(text="Choose the phrase's language.")
    operator = session_of(request).operator
    inbox.suggest(console.suggestions_file, phrase, concept, lang, operator, time.time())
    await console.record(operator, "suggest", f"/inbox/suggest concept={concept} lang={lang}")
    raise web.HTTPSeeOther("/inbox?suggested=" + concept)


async def audit_page(request: web.Request) -> web.StreamResponse:
    entries = await console_of(request).accounts(audit.recent)
    return await _page(request, "audit.html", entries=entries, when=when)


# --- export ------------------------------------------------------------------------------


async def export_events(request: web.Request) -> web.StreamResponse:
    console = console_of(request)
    fmt = request.query.get("format", "csv")
    if fmt not in export.FORMATS:
        raise web.HTTPBadRequest(text=f"format must be one of {', '.join(export.FORMATS)}")
    filters = page_filters.parse(request.query)

    def write(log: EventLog) -> tuple[Any, int]:
        # on disk beyond a few MB: memory stays flat whatever the size of the export
        spool = tempfile.SpooledTemporaryFile(max_size=4_000_000)  # noqa: SIM115
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
        with log.summary(filters.selection.scope()) as summary:
            count = export.write(summary.events(), text, fmt)
        text.flush()
        text.detach()
        spool.seek(0)
        return spool, count

    spool, count = await console.read(write)
    operator = session_of(request).operator
    await console.record(operator, "export", f"{request.path_qs} ({count} events)")
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M")
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/csv; charset=utf-8" if fmt == "csv"
            else "application/x-ndjson; charset=utf-8",
            "Content-Disposition": f'attachment; filename="events-{stamp}.{fmt}"',
        }
    )  # fmt: skip
    await response.prepare(request)
    try:
        while chunk := spool.read(64 * 1024):
            await response.write(chunk)
    finally:
        spool.close()
    await response.write_eof()
    return response


# --- for the machines ----------------------------------------------------------------------


async def healthz(request: web.Request) -> web.StreamResponse:
    console = console_of(request)
    status = {"database": "ok", "bot_api": "not checked (console runs alone)"}
    healthy = True
    try:
        await console.read(lambda log: log.schema_version())
    except Exception:
        status["database"] = "unreachable"
        healthy = False
    if console.bot_check is not None:
        try:
            await console.bot_check()
            status["bot_api"] = "ok"
        except Exception:
            status["bot_api"] = "unreachable"
            healthy = False
    return web.json_response(status, status=200 if healthy else 503)


async def metrics(request: web.Request) -> web.StreamResponse:
    console = console_of(request)
    body = await asyncio.to_thread(generate_latest, registry_for(console.database))
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})
