"""A back-pain triage bot: a pure dialogue engine with Telegram and terminal front ends."""

__version__ = "0.1.0"
