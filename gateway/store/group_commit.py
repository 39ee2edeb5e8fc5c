"""Group commit for SQLite: the writes that wait meanwhile go into one transaction, one commit.

SQLite has one writer at a time, across every worker process sharing the file, and the
gateway's processes take turns through its write lock (gateway/store/engine.py). Each write of a
batch runs inside its own savepoint (but see below), so one that fails (an Idempotency-Key
already claimed) is undone alone and raises in its own request, and no request hears "written"
before the commit that makes its write durable.

From an event loop (`commit`, `commit_together`), the writes queued during one pass of the loop
are written at the start of its next pass, on the loop thread itself when the write lock is free
at once. When the lock is taken (the other worker, an operator's command or this process's
writer thread is writing), the batch goes to the writer thread, which waits for the lock instead
of the loop. Blocking writes from other threads (`write`) are written by the calling thread when
nothing is being written or queued, else by the writer thread with whatever has queued
meanwhile. (Letting the request at the head of the queue write the whole batch, LevelDB's way,
measured slower under load.)

Why the loop writes its own batches: every statement the writer thread runs gives Python's GIL
away and waits to get it back from the busy loop, so a write handed to a thread costs several
times its own CPU, and the workers served fewer requests a second with every write handed over.
For the same reason, a batch's writes of one kind can be written together (`commit_together`:
the registry's keyless begins, one INSERT per table for them all), and a write of one statement
needs no savepoint, since SQLite undoes a failed statement by itself (`one_statement`: the
registry's outcomes): a batch of 8 begins and 8 outcomes takes 22 statements, not 66.

SQLite's own checkpoints (copying the WAL's pages into the database file, which lets the WAL
start over) are off (gateway/store/engine.py): one ran inside every thousandth page's commit,
for milliseconds, on the loop. A thread of its own checkpoints instead, at most every
CHECKPOINT_EVERY_S while there are commits; that lowered the p99 of interleaved requests to
nearly what it is with no checkpoints at all. Not the writer thread: a checkpoint copies the WAL
without the write lock, and writes handed to the writer thread (because another process held
the lock, the status sync's say) waited behind that copy.
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
    done: Future[Any] | asyncio.Future[Any]  # the latter settled on its own loop's thread only
    savepoint: bool = True
    together: Together | None = None


_STOP = _Queued(lambda _transaction: None, Future())

# How often the checkpointer thread checkpoints the WAL while writes are committed: often enough
# that each copy is short, seldom enough that the fixed cost of syncing both files does not tell.
CHECKPOINT_EVERY_S = 0.05
# A checkpoint copies beside the writes (a pass at most _UNLOCKED_PASSES times) until at most
# this many pages written meanwhile are left to copy holding the write lock. Another process's
# writes (the status sync's) can add hundreds during one pass, and everything the locked step
# copies, every create waits for.
_LOCKED_PAGES = 32
_UNLOCKED_PASSES = 4
# The WAL may grow to this many pages before a checkpoint takes the write lock to make it start
# over: below it, the copy beside the writes is enough, and a WAL copied to its end between two
# writes starts over by itself.
_WAL_BOUND_PAGES = 1000

_log = logging.getLogger(__name__)


def _relayed_to(loop: asyncio.AbstractEventLoop, waiting: asyncio.Future[Any]) -> Future[Any]:
    """A future for another thread to settle, which then settles `waiting` on its `loop`."""
    relayed: Future[Any] = Future()

    def settle_waiting(done: Future[Any]) -> None:
        error = done.exception()
        if waiting.done():  # shielded from its callers' cancellation, so only if this ran twice
            return
        if error is None:
            waiting.set_result(done.result())
        else:
            waiting.set_exception(error)

    relayed.add_done_callback(lambda done: loop.call_soon_threadsafe(settle_waiting, done))
    return relayed


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
        # True: checkpoint now; False: stop.
        self._checkpoints: queue.SimpleQueue[bool] = queue.SimpleQueue()
        self._checkpointer: threading.Thread | None = None
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

    async def commit(self, work: Callable[[DriverTransaction], T], *, one_statement: bool = False) -> T:
        """From an event loop: `work`'s result once committed, or its error.

        `work` is written with the other writes queued during this pass of the loop, at its next
        pass. A cancelled caller leaves the write queued: it is written all the same.

        `one_statement`: `work` runs at most one statement, after which it cannot fail. SQLite
        undoes a failed statement by itself, so such a write needs no savepoint of its own.
        """
        return await self._queue_on_loop(work, savepoint=not one_statement)  # type: ignore[no-any-return]

    async def commit_together(self, together: Together, item: Any) -> None:
        """`commit` for `item`, written by `together` with the other items queued for it meanwhile.

        A batch's items for one `together` are written in a few statements for them all, not
        a few each: every statement costs a GIL hand-off when the writer thread writes it.
        """
        await self._queue_on_loop(item, savepoint=True, together=together)

    def _queue_on_loop(self, work: Any, *, savepoint: bool, together: Together | None = None) -> asyncio.Future[Any]:
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        waiting = self._on_loop.get(loop)
        if waiting is None:
            waiting = self._on_loop[loop] = []
            loop.call_soon(self._write_on_loop, loop)
        waiting.append(_Queued(work, done, savepoint, together))
        return asyncio.shield(done)

    def _write_on_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        batch = self._on_loop.pop(loop)
        try:
            taken = self._lock.try_enter()
        except OSError:
            taken = False  # the writer thread meets the same error, and answers each write with it
        if not taken:
            for queued in batch:
                assert isinstance(queued.done, asyncio.Future)
                self._to_writer_thread(queued._replace(done=_relayed_to(loop, queued.done)))
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

    def _start_checkpointer(self) -> None:
        with self._started:
            if self._checkpointer is None:
                self._checkpointer = threading.Thread(
                    target=self._run_checkpoints, name="registry-checkpointer", daemon=True
                )
                self._checkpointer.start()

    def close(self) -> None:
        """Stop the writer and checkpointer threads once what is queued is done (later writes start them again)."""
        with self._started:
            thread, self._thread = self._thread, None
            checkpointer, self._checkpointer = self._checkpointer, None
            if thread is not None:
                self._queue.put(_STOP)
            if checkpointer is not None:
                self._checkpoints.put(False)
        for stopping in (thread, checkpointer):
            if stopping is not None:
                stopping.join()

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            with self._writing:
                while True:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                writes = [write for write in batch if write is not _STOP]
                if writes:
                    self._write_batch(writes)
            if _STOP in batch:
                return

    def _run_checkpoints(self) -> None:
        while self._checkpoints.get():
            self._checkpoint()

    def _committed(self) -> None:
        """After a commit: queue a checkpoint for the checkpointer thread once one is due."""
        now = time.monotonic()
        if self._checkpoint_due_at == 0.0:
            self._checkpoint_due_at = now + CHECKPOINT_EVERY_S
        elif now >= self._checkpoint_due_at > 0.0:
            self._checkpoint_due_at = -1.0  # queued
            if self._checkpointer is None:
                self._start_checkpointer()
            self._checkpoints.put(True)

    def _checkpoint(self) -> None:
        """Copy the WAL into the database file: while writes go on, then what they added meanwhile.

        A WAL copied to its end when a write starts starts over. Often one is; but under another
        process's steady writes (the status sync's) a WAL may never be, and grows for good. So
        once it holds more than _WAL_BOUND_PAGES, the last step holds the write lock: the
        checkpoint completes and the next write starts the WAL over. That step copies little
        (copying the whole WAL holding the lock held every write up for tens of milliseconds), but
        it syncs both files while every write waits, so it is taken only when the WAL needs it.
        """
        self._checkpoint_due_at = 0.0
        try:
            connection = self._engine.raw_connection()
            try:
                cursor = connection.cursor()
                for _ in range(_UNLOCKED_PASSES):
                    _busy, pages, copied = cursor.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                    if pages - copied <= _LOCKED_PAGES:
                        break
                if pages > _WAL_BOUND_PAGES:
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
