"""SQLite writers queue on the gateway's write lock instead of sleeping in SQLite's busy handler."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from gateway.store.engine import SQLiteWriteLock, make_engine, write_lock, write_transaction


def _holds_back(first: SQLiteWriteLock, second: SQLiteWriteLock) -> list[str]:
    """Enter `first`, start a thread entering `second`, then leave `first`: the order of events."""
    events: list[str] = []
    entered = threading.Event()

    def other() -> None:
        with second:
            events.append("second entered")
            entered.set()

    with first:
        thread = threading.Thread(target=other)
        thread.start()
        assert not entered.wait(0.3), "the second writer got in while the first held the lock"
        events.append("first left")
    thread.join(5)
    assert entered.is_set()
    return events


def test_another_process_waits_for_the_file_lock(tmp_path: Path) -> None:
    # Two open descriptions of the lock file conflict under flock as two processes' would.
    database = str(tmp_path / "registry.db")
    assert _holds_back(SQLiteWriteLock(database), SQLiteWriteLock(database)) == ["first left", "second entered"]
    assert Path(f"{database}.write-lock").exists()


def test_threads_of_one_process_wait_for_each_other(tmp_path: Path) -> None:
    lock = SQLiteWriteLock(str(tmp_path / "registry.db"))
    assert _holds_back(lock, lock) == ["first left", "second entered"]


def test_an_in_memory_database_locks_threads_only() -> None:
    lock = SQLiteWriteLock(":memory:")
    assert _holds_back(lock, lock) == ["first left", "second entered"]


def test_a_failed_write_releases_the_lock(tmp_path: Path) -> None:
    lock = SQLiteWriteLock(str(tmp_path / "registry.db"))
    with pytest.raises(RuntimeError), lock:
        raise RuntimeError("the transaction failed")
    with lock:  # would hang if the failure had kept it
        pass


def test_postgresql_takes_no_lock_of_ours() -> None:
    engine = make_engine("postgresql://root@127.0.0.1:5432/test")
    try:
        assert not isinstance(write_lock(engine), SQLiteWriteLock)
    finally:
        engine.dispose()


def _writer_gets_in(database: Path) -> bool:
    """Whether another connection can begin a write at once (no wait in SQLite's busy handler)."""
    other = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def test_a_read_leaves_sqlites_write_lock_free_and_a_write_takes_it_at_once(tmp_path: Path) -> None:
    database = tmp_path / "registry.db"
    engine = make_engine(f"sqlite:///{database}")
    try:
        with write_transaction(engine, write_lock(engine)) as connection:
            connection.exec_driver_sql("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
        with engine.connect() as reading:
            assert reading.exec_driver_sql("SELECT count(*) FROM notes").scalar() == 0
            assert _writer_gets_in(database)  # a read in progress does not keep a create waiting
        with write_transaction(engine, write_lock(engine)) as writing:
            assert not _writer_gets_in(database)  # held from the start, before any statement
            writing.exec_driver_sql("INSERT INTO notes (id) VALUES (1)")
        with engine.connect() as reading:
            assert reading.exec_driver_sql("SELECT count(*) FROM notes").scalar() == 1  # committed
    finally:
        engine.dispose()
