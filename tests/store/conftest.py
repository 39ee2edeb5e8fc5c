"""Helpers for the store's tests."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from sqlalchemy import Engine, event


def on_one_loop(*writes: Awaitable[Any]) -> list[Any]:
    """Await `writes` together on a new event loop, so they queue in one pass; each answer or error."""

    async def together() -> list[Any]:
        return await asyncio.gather(*writes, return_exceptions=True)

    return asyncio.run(together())


def traced_statements(engine: Engine) -> list[str]:
    """Every statement the engine's new connections run from now on (the driver's trace)."""
    seen: list[str] = []
    event.listen(engine, "connect", lambda connection, _record: connection.set_trace_callback(seen.append))
    engine.dispose()  # connections opened before would not trace
    return seen
