"""Cold start of ``python -m bot run``, and where it goes; and the drain at SIGTERM.

Three measurements, each in fresh processes (a cold start is a new interpreter):

* **first answer**: a ``/start`` is waiting at :class:`bot.testing.FakeBotApi` when
  ``python -m bot run`` is spawned; the time from the spawn to the bot's greeting reaching the
  fake server. Everything a restart costs a person who is waiting, but Telegram's round trips
  (on 127.0.0.1 a Bot API call is well under a millisecond; against Telegram each of the
  start-up calls - getMe (once since issue 20, twice before), deleteWebhook, setMyCommands
  for each language, getUpdates - adds one round trip, about 0.1-0.3 s each from Europe).
* **phases**: the same work, timed step by step in one fresh process: the interpreter, the
  imports, the checks of the dialogue and content files (``python -m bot validate``'s work),
  the matcher's lexicon, the scrubber's dictionaries, the database, ``getMe``.
* **drain** (``--drain N``): N people press /start at once; once the bot has fetched all
  their updates it gets SIGTERM; the time until it has exited, having answered the updates it
  had taken. With the default 30 messages/s (Telegram's limit, ``BOT_MAX_MESSAGES_PER_SECOND``)
  the drain is about N / 30 s: what ``TimeoutStopSec`` in deploy/backpain-bot.service must
  exceed.

Usage::

    python benchmarks/bench_startup.py [--runs 5] [--drain 300]

Only 127.0.0.1 is used; each run's database is in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import describe  # benchmarks/machine.py, beside this script

from bot.testing import FakeBotApi

ROOT = Path(__file__).resolve().parent.parent

# Timed in a child process: one line of JSON with the seconds of each phase.
PHASES = r"""
import time, json, os, sys
began = time.perf_counter()
phases = {}
def lap(name):
    global began
    now = time.perf_counter(); phases[name] = now - began; began = now
import bot.cli, bot.settings
lap("import bot.cli, bot.settings")
import telegram, telegram.ext
lap("import python-telegram-bot")
import bot.telegram.app
lap("import the rest of the bot")
from pathlib import Path
from bot.settings import Settings
settings = Settings.shipped(Path(sys.argv[1]))
settings.prepare_data_folder()
from bot.validator import load_checked
dialogue, content = load_checked(settings.dialogue_file, settings.content_dir)
lap("check dialogue and content files")
from bot.matcher import Matcher
matcher = Matcher.load(settings.content_dir)
lap("load the matcher's lexicon")
from bot.app import load_scrubber
scrubber = load_scrubber(settings); scrubber.prepare()
lap("load and prepare the scrubber")
import asyncio
from bot.storage import SqliteStorage
from bot.privacy.pseudonyms import load_secret
async def storage():
    async with SqliteStorage(settings.database):
        load_secret(settings.data_dir)
asyncio.run(storage())
lap("open the database, the pseudonym key")
from telegram import Bot
from bot.telegram.config import TelegramSettings
async def get_me():
    telegram = TelegramSettings.from_env()
    async with Bot(telegram.token, base_url=telegram.base_url):  # initialize: getMe
        pass
asyncio.run(get_me())
lap("getMe (fake Bot API, 127.0.0.1)")
print(json.dumps(phases))
"""


def bot_env(server: FakeBotApi, database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    return env | {
        "TELEGRAM_BOT_TOKEN": server.token,
        "TELEGRAM_API_BASE_URL": server.base_url,
        "BOT_DATABASE": str(database),
        "PYTHONPATH": str(ROOT),
    }


async def interpreter_seconds() -> float:
    began = time.perf_counter()
    process = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await process.wait()
    return time.perf_counter() - began


def cpu_seconds(pid: int) -> float:
    """The CPU time (user + system) a process has used so far: unlike the wall time, it does
    not grow when other work shares the cores."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    """A process's resident memory: the bot as deployed (bench_memory.py's bot shares its
    process with the test server's aiohttp, which `python -m bot run` does not import)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def first_answer(folder: Path, bytecode: bool = True) -> tuple[float, float, float, float]:
    """(seconds from spawn to the first greeting, CPU seconds the bot used until then,
    seconds from SIGTERM to exit, the bot's RSS in MiB at its first answer).

    ``bytecode=False``: as if no module had ever been compiled (an install made with
    ``--no-compile``, or a read-only tree without ``__pycache__``): every ``.py`` is compiled.
    """
    async with FakeBotApi() as server:
        user = server.user(user_id=1001, language_code="en")
        await user.send_command("start")
        env = bot_env(server, folder / "bot.sqlite3")
        if not bytecode:  # an empty cache folder of its own, and nothing written to it
            env |= {"PYTHONPYCACHEPREFIX": str(folder / "pycache"), "PYTHONDONTWRITEBYTECODE": "1"}
        began = time.perf_counter()
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        try:
            await user.next_reply(timeout=60)
            answered = time.perf_counter() - began
            cpu = cpu_seconds(process.pid)
            rss = rss_mib(process.pid)
            process.send_signal(signal.SIGTERM)
            stopping = time.perf_counter()
            await asyncio.wait_for(process.wait(), 120)
            return answered, cpu, time.perf_counter() - stopping, rss
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()


async def phases(folder: Path) -> dict[str, float]:
    async with FakeBotApi() as server:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", PHASES, str(folder / "bot.sqlite3"), cwd=ROOT,
            env=bot_env(server, folder / "bot.sqlite3"), stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, _ = await asyncio.wait_for(process.communicate(), 120)
    return dict(json.loads(out))


async def drain(folder: Path, people: int) -> tuple[float, int, int]:
    """(seconds from SIGTERM to exit, greetings before SIGTERM, greetings in all)."""
    async with FakeBotApi() as server:
        users = [server.user(user_id=5000 + n, language_code="en") for n in range(people)]
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=ROOT,
            env=bot_env(server, folder / "bot.sqlite3"),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        try:
            await server.wait_for_call("getUpdates", timeout=60)
            for user in users:
                await user.send_command("start")
            last = server.last_update_id
            # every update fetched by the bot (its offset confirmed them): all in its hands
            assert await server.wait_until(lambda: not server.is_pending(last), 120)
            before = sum(server.message_count(user.chat_id) for user in users)
            process.send_signal(signal.SIGTERM)
            stopping = time.perf_counter()
            await asyncio.wait_for(process.wait(), 300)
            seconds = time.perf_counter() - stopping
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        answered = sum(server.message_count(user.chat_id) for user in users)
    return seconds, before, answered


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold starts (default 5)")
    parser.add_argument("--drain", type=int, default=0, metavar="N",
                        help="also measure the SIGTERM drain with N people waiting")  # fmt: skip
    args = parser.parse_args()
    print(describe())
    subprocess.run(
        [sys.executable, "-m", "bot", "validate"], cwd=ROOT, check=True, capture_output=True
    )  # fmt: skip  (a first run may write caches)
    interpreter = [await interpreter_seconds() for _ in range(args.runs)]
    answers, cpus, stops, rss, laps = [], [], [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            answered, cpu, stopped, resident = await first_answer(Path(folder))
        answers.append(answered)
        rss.append(resident)
        cpus.append(cpu)
        stops.append(stopped)
        with tempfile.TemporaryDirectory() as folder:
            laps.append(await phases(Path(folder)))
    print(f"bare interpreter (python -c pass): median {statistics.median(interpreter):.2f} s")
    print(f"spawn -> first answered update: median {statistics.median(answers):.2f} s, "
          f"runs {', '.join(f'{a:.2f}' for a in answers)}")  # fmt: skip
    print(
        f"  CPU time of the bot until then: median {statistics.median(cpus):.2f} s, "
        f"runs {', '.join(f'{c:.2f}' for c in cpus)}"
    )
    print(f"  RSS of the bot then: median {statistics.median(rss):.1f} MiB")
    print(f"SIGTERM -> exit, idle: median {statistics.median(stops):.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        uncompiled, cpu, _, _ = await first_answer(Path(folder), bytecode=False)
    print(f"spawn -> first answered update with no bytecode at all: {uncompiled:.2f} s "
          f"({cpu:.2f} s CPU)")  # fmt: skip
    print("phases in one fresh process (median s):")
    for name in laps[0]:
        print(f"  {statistics.median(lap[name] for lap in laps):6.2f}  {name}")
    total = statistics.median(sum(lap.values()) for lap in laps)
    print(f"  {total:6.2f}  in all (after the interpreter's own start)")
    if args.drain:
        with tempfile.TemporaryDirectory() as folder:
            seconds, before, answered = await drain(Path(folder), args.drain)
        print(
            f"drain: {args.drain} people waiting, SIGTERM once all were fetched ({before} "
            f"answered): exit after {seconds:.1f} s, {answered} answered in all"
        )


if __name__ == "__main__":
    asyncio.run(main())
