"""The console's aiohttp application: configuration, middlewares, start and stop."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import jinja2
from aiohttp import web

from bot.console import DEFAULT_HOST, DEFAULT_PORT, port_in_bot
from bot.console.auth import SESSION_COOKIE, ConsoleSession, Sessions, SignInLimiter
from bot.console.templating import environment
from bot.operators import accounts, audit
from bot.operators.reading import DialogueTexts
from bot.settings import Settings
from bot.storage.readside import ConsoleRecords, EventLog, open_console_records, open_event_log
from bot.storage.url import Database, PostgresDatabase

logger = logging.getLogger(__name__)
T = TypeVar("T")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
# reachable without signing in: the sign-in page itself, and the machine-readable health and
# metrics (no personal data; keep them off the public proxy, see the README)
PUBLIC = frozenset({"/login", "/healthz", "/metrics"})

STYLE = (resources.files("bot.console") / "style.css").read_text(encoding="utf-8")
# the one inline style the pages carry, allowed by its hash: no other style, no script at all
_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
CSP = (
    "default-src 'none'; "
    f"style-src 'sha256-{_STYLE_HASH}'; "
    "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    # pages show anonymised but sensitive data: never keep them in a shared cache
    "Cache-Control": "no-store",
}


@dataclass
class Console:
    """What every page needs: where the data is, the dialogue's words, the sign-in state."""

    database: Database
    texts: DialogueTexts
    suggestions_file: Path
    question_lang: str = "en"
    # the Bot API check for /healthz when the console runs inside the bot; None: standalone
    bot_check: Callable[[], Awaitable[object]] | None = None
    sessions: Sessions = field(default_factory=Sessions)
    limiter: SignInLimiter = field(default_factory=SignInLimiter)
    templates: jinja2.Environment = field(init=False)
    _write_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.templates = environment()

    async def read(self, query: Callable[[EventLog], T]) -> T:
        """``query`` on the event log freshly opened read-only, in a worker thread."""

        def run() -> T:
            with open_event_log(self.database) as log:
                return query(log)

        return await asyncio.to_thread(run)

    async def accounts(self, query: Callable[[ConsoleRecords], T]) -> T:
        """``query`` on the accounts and the audit log, in a worker thread (one at a time)."""

        def run() -> T:
            with self._write_lock, open_console_records(self.database) as records:
                return query(records)

        return await asyncio.to_thread(run)

    async def record(self, operator: str, action: str, target: str) -> None:
        await self.accounts(lambda db: audit.record(db, operator, action, target))


CONSOLE = web.AppKey("console", Console)
SESSION = web.RequestKey("console_session", ConsoleSession)  # the signed-in session


def console_of(request: web.Request) -> Console:
    return request.app[CONSOLE]


def session_of(request: web.Request) -> ConsoleSession:
    return request[SESSION]


def is_https(request: web.Request) -> bool:
    # the console listens on 127.0.0.1 only, so the header can come only from the proxy
    return request.secure or request.headers.get("X-Forwarded-Proto", "").lower() == "https"


def _add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if is_https(request):
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as error:  # redirects and errors carry them too
        _add_security_headers(request, error)
        raise
    _add_security_headers(request, response)
    return response


@web.middleware
async def require_sign_in(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.path in PUBLIC:
        return await handler(request)
    console = console_of(request)
    token = request.cookies.get(SESSION_COOKIE)
    session = console.sessions.get(token)
    operator = session.operator if session is not None else None
    if operator is not None and not await console.accounts(
        lambda db: accounts.exists(db, operator)
    ):
        console.sessions.close_all(operator)  # the account was removed meanwhile
        session = None
    if session is None:
        target = "/login"
        if request.method == "GET" and request.path_qs != "/":
            target += "?next=" + quote(request.path_qs, safe="")
        raise web.HTTPSeeOther(target)
    request[SESSION] = session
    return await handler(request)


def build_app(console: Console) -> web.Application:
    from bot.console import pages

    app = web.Application(middlewares=[security_headers, require_sign_in], client_max_size=64_000)
    app[CONSOLE] = console
    pages.add_routes(app)
    return app


def make_console(
    database: Database,
    content_dir: Path,
    dialogue_file: Path,
    question_lang: str | None = None,
    bot_check: Callable[[], Awaitable[object]] | None = None,
    data_dir: Path | None = None,
) -> Console:
    """``data_dir``: where suggestions go (default: beside a SQLite file; with PostgreSQL,
    the data folder, ``BOT_DATA_DIR``)."""
    from bot.validator import load_checked

    dialogue, content = load_checked(dialogue_file, content_dir)
    texts = DialogueTexts(dialogue, content)
    if data_dir is None:
        data_dir = Settings.from_env().data_dir if isinstance(database, PostgresDatabase) else (
            Path(database).parent
        )
    return Console(
        database=database,
        texts=texts,
        suggestions_file=data_dir / "lexicon_suggestions.yaml",
        question_lang=texts.language(question_lang),
        bot_check=bot_check,
    )


async def prepare_database(database: Database) -> None:
    """Bring the schema up to date (the console's tables), as the bot does on start; a
    SQLite file must exist (a mistyped path is reported, not created)."""
    from bot.operators.database import require_database
    from bot.storage import open_storage

    if not isinstance(database, PostgresDatabase):
        require_database(database)
    async with open_storage(database):
        pass


async def start(
    console: Console, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
) -> web.AppRunner:
    """Serve the console in the running event loop until ``runner.cleanup()``."""
    await prepare_database(console.database)
    runner = web.AppRunner(build_app(console), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


def client_address(request: web.Request) -> str:
    """The client, as the proxy saw it (X-Forwarded-For's last hop) or as we see it."""
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded:
        return forwarded.split(",")[-1].strip()[:64]
    return request.remote or "?"


def render(request: web.Request, template: str, status: int = 200, **values: Any) -> web.Response:
    console = console_of(request)
    session = request.get(SESSION)
    html = console.templates.get_template(template).render(
        style=STYLE, session=session, path=request.path, **values
    )
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")


async def start_in_bot(
    settings: Settings, bot_check: Callable[[], Awaitable[object]]
) -> web.AppRunner | None:
    """The console inside the bot's process when ``BOT_CONSOLE_PORT`` is set (None if not):
    same event loop, its pages read the database in worker threads."""
    port = port_in_bot()
    if not port:
        return None
    console = make_console(
        settings.database, settings.content_dir, settings.dialogue_file, bot_check=bot_check,
        data_dir=settings.data_dir,
    )  # fmt: skip
    try:
        return await start(console, DEFAULT_HOST, port)
    except OSError as error:
        # people in pain come first: the bot runs on without its console
        logger.warning("console not started: cannot listen on port %s (%s)", port, error.strerror)
        return None
