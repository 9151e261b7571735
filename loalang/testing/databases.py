"""Race tests on SQLite: the default test database is in memory, where concurrent writers get
"database table is locked" at once instead of waiting their turn as they do on the file
database production runs. `on_sqlite_file()` moves the default alias, with every row the test
has made so far, to a file for the duration of the test."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, connections


@contextmanager
def on_sqlite_file(folder: Path) -> Iterator[None]:
    """On in-memory SQLite: copy the test database to `folder` (SQLite's backup API: schema
    and rows) and point the default alias at the copy, so each thread's connection opens the
    file with the production options (WAL, IMMEDIATE transactions, busy timeout). Restored on
    exit; the in-memory database is kept open meanwhile (closing it would drop it). Any other
    database: nothing to do (PostgreSQL is already shared between threads)."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = folder / "race.sqlite3"
    connection.ensure_connection()
    memory = connection.connection
    target = sqlite3.connect(path)
    memory.backup(target)
    target.close()
    settings_dict = connections.settings["default"]
    name = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    connection.connection = None  # the next query opens the file
    try:
        assert not connection.is_in_memory_db()
        yield
    finally:
        connection.close()  # the file connection (a real close: the name is a file now)
        settings_dict["NAME"] = name
        connection.connection = memory
