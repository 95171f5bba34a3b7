"""The terminal front end: the whole dialogue in a console, no Telegram needed."""
