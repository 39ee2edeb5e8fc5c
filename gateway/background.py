"""What the background loops (the status sync, webhook delivery) share: stopping one in time."""

from __future__ import annotations

import asyncio
import contextlib

__all__ = ["stop_background"]


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
