"""The proof on disk: personal data told to the bot, in both languages, through the real
Telegram stack (python-telegram-bot's Application against the fake Bot API) and the terminal
chat, is found in no byte of the data folder afterwards: not in the database, its WAL and
shared memory, the log, an export (``logs export``) or the report (``report``); nor in any
page the operators' console (``console``) serves from that database: the dashboard, the
conversations, each transcript, the inbox and the exports.

Every item below is one the scrubber must remove; the test searches for each one's bytes,
and for the digits of every number without their separators.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import open_conversations
from bot.cli import main
from bot.console.app import build_app, make_console, prepare_database
from bot.engine import Engine
from bot.operators import accounts
from bot.settings import Settings
from bot.storage.readside import open_console_records
from bot.telegram.app import build_application, configure_logging
from bot.terminal.chat import chat
from bot.testing import FakeBotApi, running_application
from bot.testing.fake_bot_api import BotMessage

from ..conftest import CONTENT_DIR, DIALOGUE_FILE

# (what the person types, the personal items in it)
TELEGRAM_EN = [
    ("Hi, I'm Oksana Melnyk, my back is killing me", ["Oksana", "Melnyk"]),
    ("call me on +44 7700 900461 or oksana.melnyk@example.com", ["7700 900461", "oksana.melnyk"]),
    ("we live at 27 Harcourt Road, flat 4, near Clapham Junction station", ["Harcourt", "Clapham"]),
    ("I work as a cashier at Sainsbury's in Croydon, my car is AB12 CDE",
     ["Sainsbury", "AB12 CDE"]),
    ("my NHS number is 943 476 5919, born on the third of June 1972",
     ["943 476 5919", "third of June"]),
    ("dr fox said physio first. cheers, Gav", ["fox", "Gav"]),
]  # fmt: skip
TELEGRAM_RU = [
    ("Здравствуйте, это Гульнара Сапарова, болит поясница", ["Гульнара", "Сапарова"]),
    ("мой номер восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь",
     ["девятьсот шестнадцать", "шестьдесят семь"]),
    ("живу на Пионерской 15, возле метро Профсоюзная", ["Пионерской", "Профсоюзная"]),
    ("работаю кассиром в Пятёрочке, машина А123ВС 77", ["Пятёрочке", "А123ВС"]),
    ("СНИЛС 123 456 789 01, пишите на irina.k собака yandex.ru", ["123 456 789 01", "irina.k"]),
    ("родилась пятого марта восемьдесят первого года, мой телеграм @gulya_spb",
     ["пятого марта", "gulya_spb"]),
]  # fmt: skip
TERMINAL = [
    ("my name is Tamar Gelashvili, I live in Hackney", ["Tamar", "Gelashvili", "Hackney"]),
    ("Меня зовут Тимур Нуриев, живём в ЖК Солнечный берег", ["Тимур", "Нуриев", "Солнечный"]),
]
# the Telegram accounts themselves: their ids and names never stored either
ACCOUNTS = [
    {"user_id": 771234567, "first_name": "Oksana", "username": "oksana_m_1972", "lang": "en"},
    {"user_id": 779876543, "first_name": "Гульнара", "username": "gulya_s_spb", "lang": "ru"},
]


def _needles(items: list[str]) -> Iterator[bytes]:
    """Each item as UTF-8, and a number's digits without separators ("7700900461")."""
    for item in items:
        yield item.encode()
        yield item.lower().encode()
        digits = re.sub(r"\D", "", item)
        if len(digits) >= 4:
            yield digits.encode()


def _consent(message: BotMessage) -> str:
    return next(b.data for row in message.keyboard for b in row if b.data.endswith("|agree"))


async def _telegram_conversation(
    fake_bot_api: FakeBotApi, account: dict[str, object], messages: list[tuple[str, list[str]]]
) -> None:
    user = fake_bot_api.user(
        user_id=account["user_id"],
        first_name=account["first_name"],
        username=account["username"],
        language_code=account["lang"],
    )
    await user.send_command("start", payload="spring_campaign")
    await user.press(_consent(await user.next_reply()))
    await user.next_reply()
    for text, _ in messages:
        await user.send(text)
        await user.next_reply()


async def _console_pages(database: Path) -> dict[str, bytes]:
    """Every page an operator can open on the console over ``database``, by its address."""
    await prepare_database(database)
    with open_console_records(database) as db:
        accounts.add(db, "anna", "a long enough password")
    console = make_console(database, CONTENT_DIR, DIALOGUE_FILE)
    pages: dict[str, bytes] = {}
    async with TestClient(TestServer(build_app(console))) as client:
        login = await (await client.get("/login")).text()
        csrf = re.search(r'name="csrf" value="([^"]+)"', login)
        assert csrf
        signed_in = await client.post(
            "/login",
            data={"name": "anna", "password": "a long enough password", "csrf": csrf.group(1)},
        )
        assert signed_in.status == 200
        # every channel, so that the terminal's conversations are shown too
        addresses = ["/", "/conversations", "/inbox", "/export?format=csv", "/export?format=jsonl"]
        addresses = [a + ("&" if "?" in a else "?") + "channel=all" for a in addresses]
        for address in addresses:
            response = await client.get(address)
            assert response.status == 200, address
            pages[address] = await response.read()
        listing = pages["/conversations?channel=all"]
        listed = set(re.findall(rb'href="(/conversations/[0-9a-f]+)', listing))
        for address in sorted(a.decode() + "?channel=all" for a in listed):
            response = await client.get(address)
            assert response.status == 200, address
            pages[address] = await response.read()
    assert len(listed) == len(ACCOUNTS) + len(TERMINAL)  # every conversation has its transcript
    return pages


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The bot's log as an operator would keep it: a file in the data folder."""
    path = tmp_path / "data" / "bot.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    names = ["", "httpx", "httpcore", "telegram", "apscheduler"]
    levels = {name: logging.getLogger(name).level for name in names}
    configure_logging()  # the bot's own levels for the libraries' loggers
    root = logging.getLogger()
    root.setLevel(logging.INFO)  # as `python -m bot run` logs
    root.addHandler(handler)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        handler.close()
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


async def test_no_personal_item_reaches_any_byte_of_the_data_folder(
    fake_bot_api: FakeBotApi, engine: Engine, tmp_path: Path, log_file: Path
) -> None:
    settings = Settings(CONTENT_DIR, DIALOGUE_FILE, tmp_path / "data" / "bot.sqlite3")
    application = build_application(
        fake_bot_api.token, fake_bot_api.base_url, settings=settings, engine=engine
    )
    async with running_application(application, poll_timeout=0.5):
        await _telegram_conversation(fake_bot_api, ACCOUNTS[0], TELEGRAM_EN)
        await _telegram_conversation(fake_bot_api, ACCOUNTS[1], TELEGRAM_RU)
        # checked while the bot runs, so that the WAL and shared memory files exist
        running_files = {p: p.read_bytes() for p in settings.data_dir.rglob("*") if p.is_file()}
    assert any(p.name.endswith("-wal") for p in running_files)

    for person, (text, _) in enumerate(TERMINAL):
        async with open_conversations(settings, "terminal", engine) as conversations:
            answers = iter(["1", text, "/quit"])  # 1) I agree
            await chat(
                conversations, "en", ask=lambda _, lines=answers: next(lines),
                say=lambda _: None, person=f"terminal:{person}",
            )  # fmt: skip

    export = settings.data_dir / "export.jsonl"
    report = settings.data_dir / "report.html"
    database = str(settings.database)
    assert main(["logs", "--database", database, "export", "--out", str(export)]) == 0
    assert main(["report", "--database", database, "--out", str(report)]) == 0

    with sqlite3.connect(settings.database) as db:
        stored = [row[0] for row in db.execute("SELECT value FROM events WHERE kind = 'text'")]
    said = len(TELEGRAM_EN) + len(TELEGRAM_RU) + len(TERMINAL)
    assert len(stored) == said  # every message was stored: scrubbed, not dropped
    assert all("[" in value for value in stored)  # and each lost something to a placeholder

    files = {p: p.read_bytes() for p in settings.data_dir.rglob("*") if p.is_file()}
    assert {export, report, log_file, settings.database} <= set(files)
    assert log_file.stat().st_size > 0  # the bot did log while it ran
    items = [item for _, found in TELEGRAM_EN + TELEGRAM_RU + TERMINAL for item in found]
    items += [str(a["user_id"]) for a in ACCOUNTS] + [str(a["username"]) for a in ACCOUNTS]
    for path, content in [*running_files.items(), *files.items()]:
        for needle in _needles(items):
            assert needle not in content, f"{needle.decode()!r} found in {path.name}"

    pages = await _console_pages(settings.database)
    # the pages do show what was stored: the scrubbed texts, with their placeholders
    assert b"[NAME]" in b"".join(pages.values())
    for address, content in pages.items():
        for needle in _needles(items):
            assert needle not in content, f"{needle.decode()!r} found on the console's {address}"
