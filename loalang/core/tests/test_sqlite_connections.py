"""SQLite connections are kept between requests, one per thread, with their pragmas (issue 20)."""

from __future__ import annotations

import threading
from typing import Any

from django.db import connections

from config.settings.base import database


def _pragmas(conn: Any) -> tuple[str, int, int]:
    with conn.cursor() as cursor:
        return tuple(  # type: ignore[return-value]
            cursor.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("journal_mode", "busy_timeout", "foreign_keys")
        )


def test_a_worker_thread_keeps_its_sqlite_connection_and_its_pragmas(tmp_path, django_db_blocker):
    settings_dict = database(f"sqlite:///{tmp_path / 'app.sqlite3'}")
    assert settings_dict["CONN_MAX_AGE"] > 0
    assert settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    alias = "kept_sqlite"
    connections.settings[alias] = {**connections.settings["default"], **settings_dict, "TEST": {}}
    try:
        with django_db_blocker.unblock():
            conn = connections[alias]
            conn.ensure_connection()
            first = conn.connection
            # What Django does at the end of one request and the start of the next.
            conn.close_if_unusable_or_obsolete()
            conn.close_if_unusable_or_obsolete()
            conn.ensure_connection()
            assert conn.connection is first
            assert _pragmas(conn) == ("wal", 20000, 1)

            seen: dict[str, Any] = {}

            def other_thread() -> None:
                own = connections[alias]
                own.ensure_connection()
                seen["same"] = own.connection is first
                seen["pragmas"] = _pragmas(own)
                own.close()

            worker = threading.Thread(target=other_thread)
            worker.start()
            worker.join(timeout=60)
            assert seen == {"same": False, "pragmas": ("wal", 20000, 1)}
    finally:
        connections[alias].close()
        del connections.settings[alias]
