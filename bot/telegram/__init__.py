"""The Telegram front end (python-telegram-bot 22): a thin adapter over the conversation service."""
