"""Group commit for SQLite: one thread per process writes, each batch of waiting writes in one transaction.

SQLite has one writer at a time, across every worker process sharing the file. When each
request thread took the file's write lock for its own transaction, the lock holder kept giving
up Python's GIL around every SQLite call and waiting to get it back from the other threads of
its process, while the other process waited for the lock: with 2 workers at 16 concurrent
requests the registry's lock hold grew from 0.5 to 1.5 ms per transaction and the gateway used
1.5 of the machine's 2 cores. Here request threads hand their write to this process's writer
thread and wait; the writer takes whatever has queued meanwhile and writes it under one lock,
one transaction and one commit. Each write runs inside its own savepoint (but see below), so
one that fails (an Idempotency-Key already claimed) is undone alone and raises in its own
request, and no request hears "written" before the commit that makes its write durable. A write
that finds nothing being written and nothing queued is written by its own thread: there is
nothing to batch it with, and the two hand-offs cost 30-75 us a write in-process (about 0.07 ms
off a native request at one request at a time, nothing lost at 16). (Letting the request at the
head of the queue write the whole batch, LevelDB's way, measured about 10% slower under load.)

Every statement the writer thread runs gives Python's GIL away and waits to get it back from
the busy event loop: alone, the registry's writes cost 0.16 ms of CPU a request; beside a thread
that keeps the GIL, nine times that. So a batch's writes of one kind can be written together
(`submit_together`: the registry's keyless begins, one INSERT per table for them all), and a
write of one statement needs no savepoint, since SQLite undoes a failed statement by itself
(`one_statement`: the registry's outcomes). A batch of 8 begins and 8 outcomes went from 66
statements to 22 (2 workers, 16 connections: 958 -> 1,009 req/s, 1.72 -> 1.62 ms of CPU each).

Writes queued from an event loop do better still: those queued during one pass of the loop are
written on the loop thread, in one transaction, at the start of its next pass, when the write
lock is free at once; the loop holds no GIL hand-off then, and a batch takes 0.1-0.3 ms. When
the lock is taken (the other worker, or this process's writer thread, is writing), the batch goes
to the writer thread instead, so the loop never waits for another transaction. Writing on the
loop, the gateway's 2 workers kept the machine's 2 cores 180% busy instead of 160%.

SQLite's own checkpoints (copying the WAL's pages into the database file, which lets the WAL
start over) are off (gateway/store/engine.py): one ran inside every thousandth page's commit,
taking 6-8 ms there, on the loop. The writer thread checkpoints instead, at most every
CHECKPOINT_EVERY_S while there are commits (2 workers, 16 connections, interleaved: p99 19.6 ->
16.9 ms; with no checkpoints at all, 16.0 ms).
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import nullcontext
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Engine

from gateway.store.driver import DriverTransaction, driver_transaction, wrap_driver_error
from gateway.store.engine import SQLiteWriteLock

__all__ = ["GroupCommit", "Together"]

T = TypeVar("T")
Write = Callable[[DriverTransaction], Any]
Together = Callable[[DriverTransaction, list[Any]], list[BaseException | None]]
"""Writes the items of a batch's writes of one kind together; each item's refusal, or None.

A refused item must have changed nothing; an exception fails (and undoes) every item.
"""


class _Queued(NamedTuple):
    work: Any  # a Write, or an item for `together`
    done: Future[Any]
    savepoint: bool = True
    together: Together | None = None


_STOP = _Queued(lambda _transaction: None, Future())
_CHECKPOINT = _Queued(lambda _transaction: None, Future())

# How often the writer thread checkpoints the WAL while writes are committed. At 2,200 native
# requests a second, 2 workers' WAL grows by 300-700 pages in this time, copied in 1-7 ms while
# writes go on, then 1-3 ms holding the write lock. Every 0.25 s: 15-30 ms, then 5-8 ms holding
# it (p99 25 ms); every 0.02 s, the second step's fixed cost (syncing both files) told.
CHECKPOINT_EVERY_S = 0.05

_log = logging.getLogger(__name__)


class GroupCommit:
    """Runs writes in batches: those an event loop queues, on that loop; the others on one thread."""

    def __init__(self, engine: Engine, lock: SQLiteWriteLock) -> None:
        self._engine = engine
        self._lock = lock
        self._queue: queue.SimpleQueue[_Queued] = queue.SimpleQueue()
        # Writes queued from each event loop during its current pass.
        self._on_loop: dict[asyncio.AbstractEventLoop, list[_Queued]] = {}
        self._started = threading.Lock()
        self._thread: threading.Thread | None = None
        # Held by whichever thread is writing: the writer thread, or a request thread alone.
        self._writing = threading.Lock()
        # When the next checkpoint is due (monotonic): 0.0 until a commit follows the last
        # checkpoint, -1.0 once it is queued.
        self._checkpoint_due_at = 0.0

    def write(self, work: Callable[[DriverTransaction], T]) -> T:
        """Run `work` in a transaction; return its result once committed, or raise its error.

        Blocking, so by the calling thread or the writer thread, even if called on an event loop.
        """
        written, result = self._write_here_if_idle(work)
        if written:
            return result  # type: ignore[return-value]
        queued = _Queued(work, Future())
        self._to_writer_thread(queued)
        return queued.done.result()  # type: ignore[no-any-return]

    def _write_here_if_idle(self, work: Callable[[DriverTransaction], T]) -> tuple[bool, T | None]:
        """Write in the calling thread if nothing is being written or queued; (False, None) if not.

        There is nothing to batch such a write with, and it spares the two thread hand-offs.
        """
        if not self._writing.acquire(blocking=False):
            return False, None
        try:
            if not self._queue.empty():
                return False, None
            with driver_transaction(self._engine, self._lock) as transaction:
                result = work(transaction)
        finally:
            self._writing.release()
        self._committed()
        return True, result

    def submit(self, work: Callable[[DriverTransaction], T], *, one_statement: bool = False) -> Future[T]:
        """Queue `work`; the future settles once it is committed (or fails).

        From an event loop's thread, `work` is written with the others queued during this pass of
        the loop, at its next pass; from any other thread, by the writer thread.

        `one_statement`: `work` runs at most one statement, after which it cannot fail. SQLite
        undoes a failed statement by itself, so such a write needs no savepoint of its own.
        """
        return self._put(work, savepoint=not one_statement)

    def submit_together(self, together: Together, item: Any) -> Future[None]:
        """Queue `item` to be written by `together` with the other items queued for it meanwhile.

        A batch's items for one `together` are written in a few statements for them all, not
        a few each: every statement gives Python's GIL away and waits to get it back from the
        busy event loop.
        """
        return self._put(item, savepoint=True, together=together)

    def _put(self, work: Any, *, savepoint: bool, together: Together | None = None) -> Future[Any]:
        queued = _Queued(work, Future(), savepoint, together)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._to_writer_thread(queued)
            return queued.done
        waiting = self._on_loop.get(loop)
        if waiting is None:
            waiting = self._on_loop[loop] = []
            loop.call_soon(self._write_on_loop, loop)
        waiting.append(queued)
        return queued.done

    def _write_on_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        batch = self._on_loop.pop(loop)
        try:
            taken = self._lock.try_enter()
        except OSError:
            taken = False  # the writer thread meets the same error, and answers each write with it
        if not taken:
            for queued in batch:
                self._to_writer_thread(queued)
            return
        try:
            self._write_batch(batch, held=True)
        finally:
            self._lock.__exit__(None, None, None)

    def _to_writer_thread(self, queued: _Queued) -> None:
        if self._thread is None:
            self._start()
        self._queue.put(queued)

    def _start(self) -> None:
        with self._started:
            if self._thread is None:
                # A daemon: a process that exits has no request left waiting for a write.
                self._thread = threading.Thread(target=self._run, name="registry-writer", daemon=True)
                self._thread.start()

    def close(self) -> None:
        """Stop the writer thread once what is queued is written (a later write starts it again)."""
        with self._started:
            thread, self._thread = self._thread, None
            if thread is not None:
                self._queue.put(_STOP)
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            with self._writing:
                while True:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                writes = [write for write in batch if write is not _STOP and write is not _CHECKPOINT]
                if writes:
                    self._write_batch(writes)
                if _CHECKPOINT in batch:
                    self._checkpoint()
            if _STOP in batch:
                return

    def _committed(self) -> None:
        """After a commit: queue a checkpoint for the writer thread once one is due."""
        now = time.monotonic()
        if self._checkpoint_due_at == 0.0:
            self._checkpoint_due_at = now + CHECKPOINT_EVERY_S
        elif now >= self._checkpoint_due_at > 0.0:
            self._checkpoint_due_at = -1.0  # queued
            self._to_writer_thread(_CHECKPOINT)

    def _checkpoint(self) -> None:
        """Copy the WAL into the database file: while writes go on, then what they added meanwhile.

        The second step holds the write lock, so the checkpoint completes and the next write
        starts the WAL over (a WAL that is never complete at a write's start grows for good). It
        copies little: in one step under the lock, a checkpoint held up every write for 20-40 ms.
        """
        self._checkpoint_due_at = 0.0
        try:
            connection = self._engine.raw_connection()
            try:
                cursor = connection.cursor()
                cursor.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                with self._lock:
                    cursor.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            finally:
                connection.close()
        except Exception:  # the next one may succeed; the writes themselves are committed
            _log.warning("checkpointing the registry's WAL failed", exc_info=True)

    def _write_batch(self, batch: list[_Queued], *, held: bool = False) -> None:
        """Write `batch` in one transaction (`held`: the caller holds the write lock already)."""
        outcomes: dict[int, tuple[Any, BaseException | None]] = {}
        try:
            with driver_transaction(self._engine, nullcontext() if held else self._lock) as transaction:
                groups: dict[Together, list[int]] = {}
                for index, queued in enumerate(batch):
                    if queued.together is not None:
                        groups.setdefault(queued.together, []).append(index)
                    else:
                        outcomes[index] = self._one(transaction, queued.work, queued.savepoint)
                for together, indexes in groups.items():
                    items = [batch[index].work for index in indexes]
                    outcomes.update(zip(indexes, self._together(transaction, together, items), strict=True))
        except BaseException as exc:  # every waiting request must hear of it
            for queued in batch:
                queued.done.set_exception(exc)
            return
        self._committed()
        for index, queued in enumerate(batch):
            result, error = outcomes[index]
            if error is None:
                queued.done.set_result(result)
            else:
                queued.done.set_exception(error)

    def _together(
        self, transaction: DriverTransaction, together: Together, items: list[Any]
    ) -> list[tuple[Any, BaseException | None]]:
        result, error = self._one(transaction, lambda t: together(t, items), savepoint=True)
        if error is not None:
            return [(None, error)] * len(items)
        return [(None, refusal) for refusal in result]

    def _one(self, transaction: DriverTransaction, work: Write, savepoint: bool) -> tuple[Any, BaseException | None]:
        cursor = transaction.cursor
        if savepoint:
            cursor.execute("SAVEPOINT gateway_write")
        try:
            result = work(transaction)
        except Exception as exc:  # this write's own answer, not the batch's
            # On a connection that died, this raises too and the whole batch fails with it.
            if savepoint:
                cursor.execute("ROLLBACK TO SAVEPOINT gateway_write")
                cursor.execute("RELEASE SAVEPOINT gateway_write")
            if isinstance(exc, self._engine.dialect.loaded_dbapi.Error):
                return None, wrap_driver_error(self._engine, exc)
            return None, exc
        if savepoint:
            cursor.execute("RELEASE SAVEPOINT gateway_write")
        return result, None
