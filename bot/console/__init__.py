"""The operators' web console (``python -m bot console``): aiohttp, Jinja2 templates.

Pages read the database through ``bot/operators`` (every SQL query lives there), one read-only
connection per request in a worker thread, so a slow page never holds up the bot when the
console runs inside the bot's process (``BOT_CONSOLE_PORT``).
"""

# Here, not in app.py, so that the command line can name them without importing aiohttp.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8081


def port_in_bot() -> int:
    """``BOT_CONSOLE_PORT``: the console's port inside the bot's process; 0 when it has none.
    Here too, so that the bot imports aiohttp and Jinja2 (about 12 MiB) only to run it."""
    from bot.settings import env_int

    return env_int("BOT_CONSOLE_PORT", 0, minimum=1)
