"""deploy/: the Containerfile, the example environment, the systemd units and the lock file
agree with each other and with the code (no container tool can build here: this test reads
them as an administrator would, and catches what made the old image fail)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path, PurePosixPath

import pytest

from bot.cli import COMMANDS
from bot.settings import PROJECT_ROOT, Settings, read_database

DEPLOY = PROJECT_ROOT / "deploy"


def instructions(containerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Containerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", containerfile.read_text())
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, arguments = line.partition(" ")
            found.append((keyword.upper(), arguments.strip()))
    return found


def image_env(steps: list[tuple[str, str]]) -> dict[str, str]:
    env: dict[str, str] = {}
    for keyword, arguments in steps:
        if keyword == "ENV":
            env |= dict(word.split("=", 1) for word in shlex.split(arguments))
    return env


def env_file(path: Path) -> tuple[dict[str, str], set[str]]:
    """The variables an env file sets, and those it only mentions (commented out)."""
    active, mentioned = {}, set()
    for line in path.read_text().splitlines():
        if match := re.match(r"^([A-Z][A-Z0-9_]*)=(.*)$", line):
            active[match[1]] = match[2]
        elif match := re.match(r"^#\s*([A-Z][A-Z0-9_]*)=", line):
            mentioned.add(match[1])
    return active, mentioned


def unit(path: Path) -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


STEPS = instructions(DEPLOY / "Containerfile")
IMAGE_ENV = image_env(STEPS)
EXAMPLE_SET, EXAMPLE_MENTIONED = env_file(DEPLOY / "backpain-bot.env.example")


def test_the_env_example_leaves_the_database_on_the_volume() -> None:
    """``--env-file`` overrides the image's ENV: the example must not move the database off
    the volume (the old example put it in /var/lib, which the image's user cannot create)."""
    volumes = [PurePosixPath(a.strip('[]" ')) for k, a in STEPS if k == "VOLUME"]
    assert volumes == [PurePosixPath("/data")]
    environment = IMAGE_ENV | EXAMPLE_SET
    database = PurePosixPath(str(read_database(environment["BOT_DATABASE"])))
    assert database.parent == volumes[0]
    for name, value in EXAMPLE_SET.items():  # nothing the example sets is a path elsewhere
        assert not value.startswith("/"), f"{name}={value} overrides the image's layout"


def test_the_image_runs_as_its_own_user_who_owns_the_volume() -> None:
    users = [arguments for keyword, arguments in STEPS if keyword == "USER"]
    assert users == ["bot"]
    created = [a for k, a in STEPS if k == "RUN" and "useradd" in a]
    assert created and created[0].split()[-1] == "bot"
    assert any(k == "RUN" and "mkdir -m 0700 /data" in a and "chown bot" in a for k, a in STEPS)
    # the user is set after every RUN that needs root, and before the command
    keywords = [keyword for keyword, _ in STEPS]
    assert keywords.index("USER") > max(i for i, k in enumerate(keywords) if k == "RUN")


def test_the_image_is_pinned_and_installs_the_lock_file_with_hashes() -> None:
    (base,) = [arguments for keyword, arguments in STEPS if keyword == "FROM"]
    assert re.fullmatch(r"\S+:3\.11-slim@sha256:[0-9a-f]{64}", base), base
    copied = [a.split() for k, a in STEPS if k == "COPY"]
    assert ["requirements.lock", "./"] in copied
    assert any("pip install" in a and "--require-hashes -r requirements.lock" in a
               for k, a in STEPS if k == "RUN")  # fmt: skip
    for folder in ("bot", "content", "dialogues"):  # what `python -m bot run` reads
        assert [folder, f"./{folder}"] in copied
        assert (PROJECT_ROOT / folder).is_dir()
    # the image's content paths are the copied ones
    assert IMAGE_ENV["BOT_CONTENT_DIR"] == "/app/content"
    assert IMAGE_ENV["BOT_DIALOGUE"] == "/app/dialogues/back_pain.yaml"
    assert (PROJECT_ROOT / "dialogues" / "back_pain.yaml").is_file()


def test_healthcheck_and_command_are_commands_of_the_bot() -> None:
    health = [a for k, a in STEPS if k == "HEALTHCHECK"]
    assert len(health) == 1 and 'CMD ["python", "-m", "bot", "health"]' in health[0]
    assert "health" in COMMANDS
    assert [a for k, a in STEPS if k == "CMD"] == ['["python", "-m", "bot", "run"]']


def test_every_variable_the_code_reads_is_in_the_env_example() -> None:
    read = set()
    for source in (PROJECT_ROOT / "bot").rglob("*.py"):
        read |= set(re.findall(
            r"""(?:env\.get|environ\.get|env_int|secret_from_env|getenv)\(\s*"([A-Z][A-Z0-9_]+)\"""",
            source.read_text(),
        ))  # fmt: skip
    assert {"TELEGRAM_BOT_TOKEN", "BOT_DATABASE", "BOT_RETENTION_DAYS"} <= read
    documented = set(EXAMPLE_SET) | EXAMPLE_MENTIONED
    assert read - {"CREDENTIALS_DIRECTORY"} <= documented, read - documented
    assert documented <= read, documented - read  # and nothing it names is ignored


def test_the_lock_pins_every_runtime_dependency_with_hashes() -> None:
    """Regenerate after changing dependencies (README, "Deployment"):
    pip-compile --generate-hashes --allow-unsafe --strip-extras -o requirements.lock"""
    lock = (PROJECT_ROOT / "requirements.lock").read_text()
    pinned = {
        re.sub(r"[-_.]+", "-", match[1]).lower(): match[2]
        for match in re.finditer(r"^([A-Za-z0-9._-]+)==(\S+) \\$", lock, re.MULTILINE)
    }
    blocks = re.split(r"\n(?=[A-Za-z])", lock.split("\n", 6)[-1])
    for block in blocks:
        if "==" in block:
            assert "--hash=sha256:" in block, block.splitlines()[0]
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"]:
        name = re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement)[0]).lower()
        assert name in pinned, f"{name} is not in requirements.lock: regenerate it"


def test_the_service_unit_starts_the_bot_with_its_database_in_the_state_folder() -> None:
    service = unit(DEPLOY / "backpain-bot.service")
    assert service["StateDirectory"] == ["backpain-bot"]
    assert service["Environment"] == [
        "BOT_DATABASE=%S/backpain-bot/bot.sqlite3",
        "BOT_CACHE_DIR=%C/backpain-bot",  # ProtectHome=yes: no ~/.cache; systemd makes this one
    ]
    assert service["CacheDirectory"] == ["backpain-bot"]
    assert "BOT_DATABASE" not in EXAMPLE_SET  # EnvironmentFile= would override it
    assert service["LoadCredential"] == ["telegram_bot_token:/etc/backpain-bot/telegram_bot_token"]
    # exit codes 1 (content) and 2 (configuration) are not retried; 3 (no network) is
    assert service["Restart"] == ["on-failure"]
    assert service["RestartPreventExitStatus"] == ["1 2"]
    assert int(service["TimeoutStopSec"][0]) >= 30
    _executable, *command = service["ExecStart"][0].split()
    assert command == ["-m", "bot", "run"]
    backup = unit(DEPLOY / "backpain-bot-backup.service")
    assert backup["ExecStart"][0].split()[1:4] == ["-m", "bot", "backup"]
    assert backup["Environment"] == service["Environment"][:1]  # the same database; no models
    timer = unit(DEPLOY / "backpain-bot-backup.timer")
    assert timer["OnCalendar"] and timer["Persistent"] == ["true"]


@pytest.mark.parametrize("name", ["backpain-bot.service", "backpain-bot-backup.service"])
def test_units_are_hardened_to_ok(name: str) -> None:
    """``systemd-analyze security`` rates the units at 3.0 or less ("OK")."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed (Debian: apt-get install systemd)")
    result = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", str(DEPLOY / name)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    match = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout)
    assert match, result.stdout + result.stderr
    assert float(match[1]) <= 3.0, result.stdout


def test_the_env_example_names_the_real_default_database() -> None:
    example = (DEPLOY / "backpain-bot.env.example").read_text()
    (shown,) = re.findall(r"^# BOT_DATABASE=(\S+)$", example, re.MULTILINE)
    assert Path(shown) == Settings.shipped(read_database("")).database


async def test_the_operators_group_reads_the_database_while_the_bot_runs() -> None:
    """What the unit promises operators (`StateDirectoryMode=0750`, `UMask=0027`, the bot's
    group): with the bot's umask its files are group-readable, an operator in the group lists
    the conversations while the bot writes, cannot write, and cannot read the pseudonym key."""
    import asyncio
    import os
    import sys
    import tempfile

    from bot.privacy.pseudonyms import load_secret
    from bot.storage import SqliteStorage

    service = unit(DEPLOY / "backpain-bot.service")
    assert service["StateDirectoryMode"] == ["0750"] and service["UMask"] == ["0027"]
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to play the bot's and an operator's users")
    group = 65534  # the operators' group here: nobody's own (nogroup)
    operator = ["setpriv", "--reuid=65534", f"--regid={group}", "--clear-groups"]
    probe = subprocess.run([*operator, sys.executable, "-c", "import bot.cli"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("nobody cannot run this checkout's Python (a checkout under /root?)")
    base = Path(tempfile.mkdtemp(prefix="bot-state-"))
    base.chmod(0o755)
    state = base / "backpain-bot"
    state.mkdir(mode=0o750)
    os.chown(state, 0, group)  # as systemd makes the state folder: the bot's user and group
    os.chmod(state, 0o750)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    env |= {"BOT_DATABASE": str(state / "bot.sqlite3"), "PYTHONPATH": str(PROJECT_ROOT)}
    previous = os.umask(0o027)
    try:
        load_secret(state)
        async with SqliteStorage(state / "bot.sqlite3") as storage:
            await storage.save_session("p1", {"node": "consent"}, conversation="c1",
                                       event={"channel": "telegram", "kind": "start"})  # fmt: skip
            for path in state.iterdir():
                os.chown(path, 0, group)  # files get the folder's group (the bot's own)

            def as_operator(*args: str) -> subprocess.CompletedProcess[str]:
                return subprocess.run([*operator, sys.executable, *args], env=env,
                                      capture_output=True, text=True, timeout=60)  # fmt: skip

            listed = await asyncio.to_thread(as_operator, "-m", "bot", "logs", "list")
            write = await asyncio.to_thread(
                as_operator, "-c",
                f"import sqlite3; sqlite3.connect({str(state / 'bot.sqlite3')!r})"
                ".execute('DELETE FROM events')",
            )  # fmt: skip
            key = await asyncio.to_thread(
                as_operator, "-c", f"open({str(state / 'log_secret')!r}).read()"
            )
    finally:
        os.umask(previous)
        shutil.rmtree(base)
    assert listed.returncode == 0, listed.stderr
    assert "c1" in listed.stdout and "telegram" in listed.stdout
    assert write.returncode != 0 and "readonly database" in write.stderr
    assert key.returncode != 0 and "Permission denied" in key.stderr
