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
from bot.settings import PROJECT_ROOT, Settings, database_path

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
    database = PurePosixPath(str(database_path(environment["BOT_DATABASE"])))
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
    assert service["Environment"] == ["BOT_DATABASE=%S/backpain-bot/bot.sqlite3"]
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
    assert backup["Environment"] == service["Environment"]
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
    assert Path(shown) == Settings.shipped(database_path("")).database
