"""Race tests on SQLite: the default test database is in memory, where concurrent writers get
"database table is locked" at once instead of waiting their turn as they do on the file
database production runs. `on_sqlite_file()` moves the default alias, with every row the test
has made so far, to a file for the duration of the test."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper


@contextmanager
def on_sqlite_file(folder: Path) -> Iterator[None]:
    """On in-memory SQLite: copy the test database to `folder` (SQLite's backup API: schema
    and rows) and point the default alias at the copy, so each thread's connection opens the
    file with the production options (WAL, IMMEDIATE transactions, busy timeout). Restored on
    exit; the in-memory database is kept open meanwhile (closing it would drop it). Any other
    database: nothing to do (PostgreSQL is already shared between threads)."""
    db = connections["default"]  # the wrapper itself (django.db.connection is a proxy)
    if not isinstance(db, SQLiteWrapper) or not db.is_in_memory_db():
        yield
        return
    path = folder / "race.sqlite3"
    db.ensure_connection()
    memory = db.connection
    target = sqlite3.connect(path)
    memory.backup(target)
    target.close()
    settings_dict = connections.settings["default"]
    name = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    db.connection = None  # the next query opens the file
    try:
        yield
    finally:
        db.close()  # the file connection (a real close: the name is a file now)
        settings_dict["NAME"] = name
        db.connection = memory
