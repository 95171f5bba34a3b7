"""The operators' tools: read the anonymised event log, export it, report on it, purge it.

Everything here reads the database through a read-only connection (``database.py``), so the
tools can run beside the bot (WAL mode) and can never change what the bot wrote. The one
exception is ``retention.py``, which deletes through the storage's own ``purge``.
"""
