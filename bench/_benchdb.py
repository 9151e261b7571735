"""Throw-away databases for the benchmarks (shared by bench_coverage and bench_reports).

A child process gets production settings with a fresh secret, its own var/ folder and either
a SQLite file in a temp folder or its own PostgreSQL database on DATABASE_URL's server.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench_env(backend: str, tmp: Path, pg_db: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(60),
        LOALANG_VAR_DIR=str(tmp),
        MEDIA_ROOT=str(tmp / "media"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    if backend == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    else:
        server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        env["DATABASE_URL"] = server.rsplit("/", 1)[0] + f"/{pg_db}"
    return env


def recreate_pg(env: dict[str, str], pg_db: str) -> None:
    import psycopg

    admin = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{pg_db}"')
        conn.execute(f'CREATE DATABASE "{pg_db}"')
