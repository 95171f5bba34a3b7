"""The pure dialogue engine: no Telegram, no database, no files after loading."""

from bot.engine.engine import Engine, Reply, ReplyOption, Turn, UserInput
from bot.engine.session import Session

__all__ = ["Engine", "Reply", "ReplyOption", "Session", "Turn", "UserInput"]
