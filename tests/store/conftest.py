"""Helpers for the store's tests."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any


def on_one_loop(*writes: Awaitable[Any]) -> list[Any]:
    """Await `writes` together on a new event loop, so they queue in one pass; each answer or error."""

    async def together() -> list[Any]:
        return await asyncio.gather(*writes, return_exceptions=True)

    return asyncio.run(together())
