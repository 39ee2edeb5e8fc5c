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

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from gateway import jsoncodec

__all__ = ["SQLITE_BEGIN", "SQLiteWriteLock", "make_engine", "write_lock", "write_transaction"]

# How a write transaction starts on SQLite: taking the write lock at once, so that SELECT ...
# then INSERT in one transaction is serialised.
SQLITE_BEGIN = "BEGIN IMMEDIATE"
# The execution option that marks a connection's transactions as writes (`write_transaction`).
_WRITES = "gateway_writes"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url`; `postgresql://user@host:port/db` works as written (psycopg 3)."""
    parsed = make_url(url)
    kwargs = {"json_serializer": jsoncodec.dumps_text, **kwargs}
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN; issue it ourselves.
        event.listen(engine, "begin", _sqlite_begin)
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
    # The registry's checkpointer thread checkpoints, off the event loop (gateway/store/group_commit.py).
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """A write transaction takes SQLite's write lock at once; any other reads a snapshot and takes no lock.

    Reads once began as writes do. Each held SQLite's write lock, outside the gateway's own
    (`SQLiteWriteLock`), so a create that came meanwhile slept in SQLite's busy handler: 1, 2, 5,
    10, 15, 20 ms and on, for a read of a fraction of a millisecond (the status sync's, the
    event deliverer's, a GET's).
    """
    writes = connection.get_execution_options().get(_WRITES, False)
    connection.exec_driver_sql(SQLITE_BEGIN if writes else "BEGIN")


@contextmanager
def write_transaction(engine: Engine, lock: AbstractContextManager[Any]) -> Iterator[Connection]:
    """A write transaction through SQLAlchemy, committed on success: `lock`, then on SQLite its write lock at once."""
    with lock, engine.connect() as connection:
        connection.execution_options(**{_WRITES: True})
        with connection.begin():
            yield connection


def _postgres_settings(dbapi_connection: Any, _record: Any) -> None:
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO on")
    dbapi_connection.commit()


class SQLiteWriteLock:
    """Lets one write transaction at a time into an SQLite file: threads queue, processes too.

    SQLite has one writer at a time, and a connection that finds the file locked retries in
    sleeps of up to 100 ms (its busy handler), which made the p99 latency at 16 concurrent
    requests over a second. Writers of this process wait on a thread lock, and the gateway's
    worker processes on an flock of `<database>.write-lock`, both woken as soon as it is free.
    Other programs writing the file still meet SQLite's own locking, so nothing depends on this.
    """

    def __init__(self, database: str | None) -> None:
        self._threads = threading.Lock()
        self._path = f"{database}.write-lock" if database and database != ":memory:" else None
        self._fd: int | None = None

    def __enter__(self) -> None:
        self._threads.acquire()
        try:
            if self._path is not None:
                fcntl.flock(self._descriptor(), fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise

    def try_enter(self) -> bool:
        """Take the lock if it is free, without waiting: True if taken (leave it with `__exit__`)."""
        if not self._threads.acquire(blocking=False):
            return False
        try:
            if self._path is not None:
                fcntl.flock(self._descriptor(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # another process holds it
            self._threads.release()
            return False
        except BaseException:
            self._threads.release()
            raise
        return True

    def _descriptor(self) -> int:
        assert self._path is not None
        if self._fd is None:
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        return self._fd

    def __exit__(
        self, _type: type[BaseException] | None, _value: BaseException | None, _traceback: TracebackType | None
    ) -> None:
        try:
            if self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()


def write_lock(engine: Engine) -> AbstractContextManager[Any]:
    """What a write transaction on `engine` holds first (nothing on PostgreSQL)."""
    if engine.dialect.name != "sqlite":
        return nullcontext()
    return SQLiteWriteLock(engine.url.database)
