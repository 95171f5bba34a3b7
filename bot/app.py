"""Building the engine from the files: the one place every front end gets it from."""

from __future__ import annotations

from bot.content import load_content
from bot.dialogue.loader import load_dialogue
from bot.engine import Engine
from bot.settings import Settings


def load_engine(settings: Settings | None = None) -> Engine:
    """The engine for the configured dialogue, content and symptom matcher.

    Raises ``DialogueError`` / ``ContentError`` (with ``file:line`` problems) on broken files.
    """
    settings = settings or Settings.from_env()
    content = load_content(settings.content_dir)
    dialogue = load_dialogue(settings.dialogue_file)
    return Engine(dialogue, content, _matcher(settings))


def _matcher(settings: Settings):  # -> Matcher | None
    try:
        from bot.matcher import Matcher  # type: ignore[attr-defined]
    except ImportError:  # the matcher is not in this build yet
        return None
    return Matcher.load(settings.content_dir)
