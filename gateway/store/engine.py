"""Database engines with the settings that make an acknowledged campaign durable.

The requirement is that a campaign acknowledged with 201 survives a crash of the gateway
process. SQLite (the embedded default) runs in WAL mode with `synchronous=NORMAL`: a commit is
in the WAL, in the operating system's hands, before the 201 goes out, so a killed process loses
nothing (SQLite documents this; only a power cut or kernel crash can lose the last commits,
which `GATEWAY_DATABASE_URL` on PostgreSQL rules out). `busy_timeout` lets several worker
processes share the file. PostgreSQL keeps `synchronous_commit=on` (set per connection, so a
server configured otherwise cannot weaken it): a commit is flushed to the server's WAL before
it returns, so even a crash of the database server loses no acknowledged campaign.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

__all__ = ["make_engine"]


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url`; `postgresql://user@host:port/db` works as written (psycopg 3)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN; issue it ourselves so that
        # SELECT ... then INSERT in one transaction is serialised (BEGIN IMMEDIATE).
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    engine = create_engine(parsed, pool_pre_ping=True, **kwargs)
    event.listen(engine, "connect", _postgres_settings)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # autocommit at the driver; SQLAlchemy's "begin" hook starts transactions
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _postgres_settings(dbapi_connection: Any, _record: Any) -> None:
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO on")
    dbapi_connection.commit()
