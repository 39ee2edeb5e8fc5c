"""What the background loops (the status sync, webhook delivery) share: running one alone, stopping it in time."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Callable, Coroutine
from typing import Any

__all__ = ["run_until_signalled", "stop_background"]


async def stop_background(task: asyncio.Task[None], stop: asyncio.Event, grace_s: float) -> None:
    """Ask a loop running as `task` to stop; cancel it if its pass outlasts `grace_s`.

    A pass cut short leaves its leases to run out, so what it held comes due again elsewhere.
    """
    stop.set()
    try:
        await asyncio.wait_for(asyncio.shield(task), grace_s)
    except TimeoutError:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def run_until_signalled(
    run: Callable[[asyncio.Event], Coroutine[Any, Any, None]], grace_s: float, *, parent: int | None = None
) -> None:
    """Run a loop as its own process's work (`campaign-gateway sync`, `deliver`) until SIGINT or SIGTERM.

    Then the pass under way gets `grace_s` to finish (`stop_background`). With `parent` (a
    process id), also when that process is gone: a child of `serve` does not outlive it.
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    watching = None if parent is None else asyncio.create_task(_stop_when_orphaned(parent, stop))
    try:
        task = asyncio.create_task(run(stop))
        signalled = asyncio.ensure_future(stop.wait())
        await asyncio.wait([task, signalled], return_when=asyncio.FIRST_COMPLETED)
        signalled.cancel()
        await stop_background(task, stop, grace_s)
    finally:
        if watching is not None:
            watching.cancel()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)


async def _stop_when_orphaned(parent: int, stop: asyncio.Event, every_s: float = 1.0) -> None:
    """Set `stop` once this process's parent is no longer `parent` (it died; the process was re-parented)."""
    while os.getppid() == parent:
        await asyncio.sleep(every_s)
    stop.set()
