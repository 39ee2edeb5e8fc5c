"""SQLite's group commit: writes that queue meanwhile share one transaction, and each fails alone."""

from __future__ import annotations

import asyncio
import queue
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, event, insert, select
from sqlalchemy.exc import IntegrityError

from gateway.store import group_commit
from gateway.store.driver import DriverStatement, DriverTransaction
from gateway.store.engine import make_engine, write_lock
from gateway.store.group_commit import GroupCommit

from .conftest import on_one_loop, traced_statements

notes = Table("notes", MetaData(), Column("id", Integer, primary_key=True), Column("text", String(20)))


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'notes.db'}")
    notes.metadata.create_all(engine)
    yield engine
    engine.dispose()


def _stored(engine: Engine) -> list[int]:
    with engine.connect() as connection:
        return [row.id for row in connection.execute(select(notes.c.id).order_by(notes.c.id))]


class Writes:
    """Runs writes on their own threads, as requests do; collects what each got back."""

    def __init__(self, writer: GroupCommit) -> None:
        self.writer = writer
        self.answers: dict[int, Any] = {}
        self._threads: list[threading.Thread] = []

    def start(self, number: int, work: Callable[[DriverTransaction], Any]) -> None:
        def run() -> None:
            try:
                self.answers[number] = self.writer.write(work)
            except Exception as exc:
                self.answers[number] = exc

        thread = threading.Thread(target=run)
        thread.start()
        self._threads.append(thread)

    def join(self) -> None:
        for thread in self._threads:
            thread.join(10)


class CountingQueue(queue.SimpleQueue):  # type: ignore[type-arg]
    """The writer's queue, counting what was ever put in it (the writer may have taken it out)."""

    def __init__(self) -> None:
        super().__init__()
        self.puts = 0

    def put(self, item: Any, block: bool = True, timeout: float | None = None) -> None:
        self.puts += 1
        super().put(item, block, timeout)


def _group_commit(engine: Engine, lock: AbstractContextManager[Any] | None = None) -> GroupCommit:
    writer = GroupCommit(engine, write_lock(engine) if lock is None else lock)
    writer._queue = CountingQueue()  # the queue is the only sign that a write waits
    return writer


class HeldWrite:
    """Write 0, alone and so written by its own thread, kept open until released: later writes queue."""

    def __init__(self, writes: Writes) -> None:
        self.transaction: DriverTransaction | None = None
        self._holding, self._release = threading.Event(), threading.Event()
        writes.start(0, self._hold)
        assert self._holding.wait(5)

    def _hold(self, transaction: DriverTransaction) -> None:
        self.transaction = transaction
        self._holding.set()
        assert self._release.wait(5)

    def release(self) -> None:
        self._release.set()


class _Holder:
    """A write lock that knows which thread holds it."""

    def __init__(self, lock: Any) -> None:
        self._lock = lock
        self.holder: int | None = None

    def __enter__(self) -> None:
        self._lock.__enter__()
        self.holder = threading.get_ident()

    def try_enter(self) -> bool:
        taken = bool(self._lock.try_enter())
        if taken:
            self.holder = threading.get_ident()
        return taken

    def __exit__(self, *exc: object) -> None:
        self.holder = None
        self._lock.__exit__(*exc)


def _queued_behind(writer: GroupCommit, count: int) -> None:
    """Wait until `count` writes have queued."""
    deadline = time.monotonic() + 5
    assert isinstance(writer._queue, CountingQueue)
    while writer._queue.puts < count:
        assert time.monotonic() < deadline, "the writes never queued"
        time.sleep(0.01)


def test_a_write_alone_is_written_by_its_own_thread(engine: Engine) -> None:
    writer = _group_commit(engine)
    add = DriverStatement(insert(notes), engine.dialect, ["id", "text"])
    threads = []

    def note(number: int, transaction: DriverTransaction) -> None:
        threads.append(threading.get_ident())
        transaction.execute(add, {"id": number, "text": "x"})

    for number in (1, 2):
        writer.write(partial(note, number))
    assert threads == [threading.get_ident()] * 2
    assert writer._thread is None  # no hand-off to the writer thread, which never started
    assert _stored(engine) == [1, 2]


def test_writes_that_queue_meanwhile_share_one_transaction(engine: Engine) -> None:
    writer = _group_commit(engine)
    add = DriverStatement(insert(notes), engine.dialect, ["id", "text"])
    transactions: dict[int, int] = {}
    threads: dict[int, int] = {}

    def note(number: int) -> Callable[[DriverTransaction], int]:
        def work(transaction: DriverTransaction) -> int:
            transactions[number] = id(transaction)
            threads[number] = threading.get_ident()
            transaction.execute(add, {"id": number, "text": f"n{number}"})
            return number * 10

        return work

    writes = Writes(writer)
    held = HeldWrite(writes)
    for number in range(1, 6):
        writes.start(number, note(number))
    _queued_behind(writer, 5)
    held.release()
    writes.join()
    assert writes.answers == {0: None, 1: 10, 2: 20, 3: 30, 4: 40, 5: 50}
    assert len({transactions[n] for n in range(1, 6)}) == 1  # one batch, one commit
    assert transactions[1] != id(held.transaction)
    assert writer._thread is not None and set(threads.values()) == {writer._thread.ident}
    assert _stored(engine) == [1, 2, 3, 4, 5]


def test_a_blocking_write_called_on_an_event_loop_waits_for_the_writer_thread(engine: Engine) -> None:
    # Written with the loop's own pass, it would wait for a pass its own wait holds up: forever.
    writer = _group_commit(engine)
    add = DriverStatement(insert(notes), engine.dialect, ["id", "text"])
    writes = Writes(writer)
    held = HeldWrite(writes)  # so the write cannot be written by its caller at once
    threading.Timer(0.1, held.release).start()

    async def on_the_loop() -> None:
        writer.write(lambda t: t.execute(add, {"id": 1, "text": "blocking"}))

    loop_thread = threading.Thread(target=asyncio.run, args=(on_the_loop(),), daemon=True)
    loop_thread.start()
    loop_thread.join(5)
    writes.join()
    assert not loop_thread.is_alive()
    assert _stored(engine) == [1]


def test_a_failed_write_is_undone_alone(engine: Engine) -> None:
    writer = _group_commit(engine)
    add = DriverStatement(insert(notes), engine.dialect, ["id", "text"])

    def half_then_fail(transaction: DriverTransaction) -> None:
        transaction.execute(add, {"id": 2, "text": "undone"})
        raise ValueError("changed its mind")

    writes = Writes(writer)
    held = HeldWrite(writes)
    writes.start(1, lambda t: t.execute(add, {"id": 1, "text": "kept"}))
    _queued_behind(writer, 1)
    writes.start(2, half_then_fail)
    _queued_behind(writer, 2)
    writes.start(3, lambda t: t.execute(add, {"id": 1, "text": "same id"}))
    _queued_behind(writer, 3)
    writes.start(4, lambda t: t.execute(add, {"id": 4, "text": "kept too"}))
    _queued_behind(writer, 4)
    held.release()
    writes.join()
    assert isinstance(writes.answers[2], ValueError)
    assert isinstance(writes.answers[3], IntegrityError)
    assert writes.answers[1] is None and writes.answers[4] is None
    assert _stored(engine) == [1, 4]


class BreakableLock:
    """The write lock, until `broken` is set: then taking it fails."""

    def __init__(self, inner: AbstractContextManager[Any]) -> None:
        self.inner = inner
        self.broken = False

    def __enter__(self) -> None:
        if self.broken:
            raise OSError("no lock file")
        self.inner.__enter__()

    def __exit__(self, *exc: Any) -> None:
        self.inner.__exit__(*exc)


def test_a_batch_that_cannot_commit_fails_every_write_in_it(engine: Engine) -> None:
    lock = BreakableLock(write_lock(engine))
    writer = _group_commit(engine, lock)
    add = DriverStatement(insert(notes), engine.dialect, ["id", "text"])
    lock.broken = True
    with pytest.raises(OSError, match="no lock file"):  # a write alone
        writer.write(lambda t: t.execute(add, {"id": 1, "text": "lost"}))
    lock.broken = False
    writes = Writes(writer)
    held = HeldWrite(writes)
    for number in (2, 3):
        writes.start(number, lambda t, n=number: t.execute(add, {"id": n, "text": "lost"}))
    _queued_behind(writer, 2)
    lock.broken = True  # for the batch the writer thread takes next
    held.release()
    writes.join()
    for number in (2, 3):
        assert isinstance(writes.answers[number], OSError) and str(writes.answers[number]) == "no lock file"
    assert _stored(engine) == []


def test_a_write_is_durable_when_it_returns(engine: Engine) -> None:
    writer = GroupCommit(engine, write_lock(engine))
    add = DriverStatement(insert(notes), engine.dialect, ["id", "text"])
    for number in range(1, 4):
        writer.write(lambda t, n=number: t.execute(add, {"id": n, "text": "x"}))
        assert _stored(engine)[-1] == number  # committed: another connection sees it at once


def test_closing_stops_the_writer_after_what_is_queued(engine: Engine) -> None:
    writer = _group_commit(engine)
    add = DriverStatement(insert(notes), engine.dialect, ["id", "text"])
    writes = Writes(writer)
    held = HeldWrite(writes)
    writes.start(1, lambda t: t.execute(add, {"id": 1, "text": "queued"}))
    _queued_behind(writer, 1)
    (thread,) = [t for t in threading.enumerate() if t.name == "registry-writer" and t is writer._thread]
    held.release()
    writes.join()
    writer.close()
    assert not thread.is_alive()
    writer.write(lambda t: t.execute(add, {"id": 2, "text": "after"}))  # alone: written by its caller
    writer.close()
    assert _stored(engine) == [1, 2]


def test_writes_together_share_their_statements_and_are_refused_alone(engine: Engine) -> None:
    writer = _group_commit(engine)
    add = DriverStatement(insert(notes), engine.dialect, ["id", "text"])
    calls: list[list[int]] = []

    def together(transaction: DriverTransaction, items: list[int]) -> list[BaseException | None]:
        calls.append(items)
        refusals: list[BaseException | None] = [ValueError("three") if item == 3 else None for item in items]
        kept = [{"id": item, "text": "t"} for item, refusal in zip(items, refusals, strict=True) if refusal is None]
        transaction.insert_rows(add, kept)
        return refusals

    statements = traced_statements(engine)
    *answers, own = on_one_loop(
        *(writer.commit_together(together, item) for item in (1, 2, 3, 4)),
        writer.commit(lambda t: t.execute(add, {"id": 9, "text": "own"}), one_statement=True),
    )
    assert answers[:2] == [None, None] and answers[3] is None
    assert isinstance(answers[2], ValueError) and str(answers[2]) == "three"
    assert own is None
    assert calls == [[1, 2, 3, 4]]  # one call for the batch
    assert _stored(engine) == [1, 2, 4, 9]
    inserts = [sql for sql in statements if sql.startswith("INSERT INTO notes")]
    assert len(inserts) == 2  # the three together in one statement, the write of its own in another
    assert sum(sql.startswith("SAVEPOINT") for sql in statements) == 1  # the group's; none for one statement


def test_writes_together_fail_together_and_alone(engine: Engine) -> None:
    writer = _group_commit(engine)
    add = DriverStatement(insert(notes), engine.dialect, ["id", "text"])

    def together(transaction: DriverTransaction, items: list[int]) -> list[BaseException | None]:
        transaction.insert_rows(add, [{"id": item, "text": "undone"} for item in items])
        raise RuntimeError("broken")

    first, second, kept, duplicate = on_one_loop(
        *(writer.commit_together(together, item) for item in (1, 2)),
        writer.commit(lambda t: t.execute(add, {"id": 9, "text": "kept"}), one_statement=True),
        writer.commit(lambda t: t.execute(add, {"id": 9, "text": "again"}), one_statement=True),
    )
    assert isinstance(first, RuntimeError) and isinstance(second, RuntimeError)
    assert kept is None
    assert isinstance(duplicate, IntegrityError)  # SQLite undid the statement alone
    assert _stored(engine) == [9]


def test_many_rows_are_inserted_in_statements_within_the_parameter_limit(engine: Engine) -> None:
    writer = _group_commit(engine)
    add = DriverStatement(insert(notes), engine.dialect, ["id", "text"])
    statements = traced_statements(engine)
    writer.write(lambda t: t.insert_rows(add, [{"id": n, "text": "x"} for n in range(1, 1201)]))
    assert _stored(engine) == list(range(1, 1201))
    inserts = [sql for sql in statements if sql.startswith("INSERT INTO notes")]
    assert [sql.count("'x'") for sql in inserts] == [499, 499, 202]  # 999 parameters at most, 2 a row


def test_connections_leave_checkpoints_to_the_checkpointer_thread(engine: Engine) -> None:
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0


def test_the_checkpointer_thread_checkpoints_the_wal_once_a_checkpoint_is_due(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(group_commit, "CHECKPOINT_EVERY_S", 0.05)
    database = tmp_path / "notes.db"
    writer = _group_commit(engine)
    add = DriverStatement(insert(notes), engine.dialect, ["id", "text"])
    checkpointers: list[tuple[str, bool]] = []  # (thread, holding the write lock)

    def trace(sql: str) -> None:
        if "wal_checkpoint" in sql:
            checkpointers.append((threading.current_thread().name, writer._lock._threads.locked()))

    event.listen(engine, "connect", lambda connection, _record: connection.set_trace_callback(trace))
    engine.dispose()
    try:
        writer.write(lambda t: t.insert_rows(add, [{"id": n, "text": "x" * 20} for n in range(1, 2001)]))
        size_before = database.stat().st_size  # nothing copied from the WAL yet
        writer.write(lambda t: t.execute(add, {"id": 2001, "text": "too soon"}))
        assert checkpointers == []
        time.sleep(0.06)
        writer.write(lambda t: t.execute(add, {"id": 2002, "text": "due"}))
        deadline = time.monotonic() + 5
        while not checkpointers and time.monotonic() < deadline:
            time.sleep(0.01)
        writer.close()  # the queued checkpoint has run
        # Beside the writes, never inside a write's commit; a WAL this small needs no lock to start over.
        assert checkpointers == [("registry-checkpointer", False)]
        assert database.stat().st_size > size_before + 2000 * 20  # the rows reached the database file
    finally:
        writer.close()


def _checkpoint_passes(engine: Engine, lock: _Holder) -> list[bool]:
    """From now on, for each checkpoint pass: whether the thread running it held the write lock."""
    passes: list[bool] = []

    def trace(sql: str) -> None:
        if "wal_checkpoint" in sql:
            passes.append(lock.holder == threading.get_ident())

    event.listen(engine, "connect", lambda connection, _record: connection.set_trace_callback(trace))
    engine.dispose()  # the connections open from now on are traced
    return passes


def test_a_checkpoint_copies_beside_the_writes_until_little_is_left_for_the_locked_step(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(group_commit, "CHECKPOINT_EVERY_S", 0.0)
    monkeypatch.setattr(group_commit, "_WAL_BOUND_PAGES", 0)  # every WAL is past it
    lock = _Holder(write_lock(engine))
    writer = _group_commit(engine, lock)
    add = DriverStatement(insert(notes), engine.dialect, ["id", "text"])
    passes = _checkpoint_passes(engine, lock)
    reader = engine.raw_connection()
    try:
        writer.write(lambda t: t.execute(add, {"id": 1, "text": "x"}))
        writer.close()
        passes.clear()
        # A reader's snapshot keeps a checkpoint from copying what was written after it: much is left.
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM notes").fetchall()
        writer.write(lambda t: t.insert_rows(add, [{"id": n, "text": "x" * 200} for n in range(2, 2002)]))
        writer.write(lambda t: t.execute(add, {"id": 2002, "text": "due"}))
        writer.close()
        assert passes == [False] * group_commit._UNLOCKED_PASSES + [True]  # then the lock, however much is left
        reader.execute("COMMIT")
        passes.clear()
        writer.write(lambda t: t.execute(add, {"id": 2003, "text": "x"}))
        writer.write(lambda t: t.execute(add, {"id": 2004, "text": "due"}))
        writer.close()
        assert passes == [False, True]  # all copied beside the writes: the locked step has nothing left
    finally:
        reader.close()
        writer.close()


def _wal_restarts(database: Path) -> int:
    """How many times the WAL has started over: the checkpoint sequence number in its header."""
    return int.from_bytes(database.with_name(database.name + "-wal").read_bytes()[12:16], "big")


def test_a_checkpoint_holds_the_write_lock_once_the_wal_is_past_its_bound_and_the_wal_then_starts_over(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(group_commit, "CHECKPOINT_EVERY_S", 0.0)
    monkeypatch.setattr(group_commit, "_WAL_BOUND_PAGES", 50)
    database = tmp_path / "notes.db"
    lock = _Holder(write_lock(engine))
    writer = _group_commit(engine, lock)
    add = DriverStatement(insert(notes), engine.dialect, ["id", "text"])
    passes = _checkpoint_passes(engine, lock)
    try:
        writer.write(lambda t: t.execute(add, {"id": 1, "text": "x"}))
        writer.write(lambda t: t.execute(add, {"id": 2, "text": "due"}))
        writer.close()
        assert passes == [False]  # a few pages: copied beside the writes, and the next write starts the WAL over
        passes.clear()
        writer.write(lambda t: t.insert_rows(add, [{"id": n, "text": "x" * 200} for n in range(3, 2003)]))
        writer.write(lambda t: t.execute(add, {"id": 2003, "text": "due"}))
        writer.close()
        assert passes == [False, True]  # past the bound: then the last pages holding the lock
        restarts = _wal_restarts(database)
        writer.write(lambda t: t.execute(add, {"id": 2004, "text": "next"}))
        assert _wal_restarts(database) > restarts  # the next write started the WAL over
        assert _stored(engine) == list(range(1, 2005))
    finally:
        writer.close()


def test_writes_go_on_while_a_checkpoint_copies_the_wal(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(group_commit, "CHECKPOINT_EVERY_S", 0.0)
    writer = _group_commit(engine)
    add = DriverStatement(insert(notes), engine.dialect, ["id", "text"])
    copying, go_on = threading.Event(), threading.Event()

    def trace(sql: str) -> None:
        if "wal_checkpoint" in sql and not writer._lock._threads.locked():
            copying.set()
            go_on.wait(10)  # the checkpoint's copy, beside the writes, takes its time

    event.listen(engine, "connect", lambda connection, _record: connection.set_trace_callback(trace))
    engine.dispose()
    try:
        writer.write(lambda t: t.execute(add, {"id": 1, "text": "first"}))
        writer.write(lambda t: t.execute(add, {"id": 2, "text": "checkpoint due"}))
        assert copying.wait(5)
        writes = Writes(writer)
        held = HeldWrite(writes)  # this write holds the lock, so the next goes to the writer thread
        writes.start(3, lambda t: t.execute(add, {"id": 3, "text": "queued"}))
        _queued_behind(writer, 1)
        held.release()
        deadline = time.monotonic() + 5
        while _stored(engine)[-1:] != [3] and time.monotonic() < deadline:
            time.sleep(0.01)
        assert _stored(engine)[-1:] == [3]  # written while the checkpoint is still copying
        assert not go_on.is_set()
    finally:
        go_on.set()
        writes.join()
        writer.close()
