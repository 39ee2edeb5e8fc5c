"""Recording an outcome once the vendor has answered: retried while the database is out of reach,
written bare when the database refuses the vendor's values, never silently left in flight."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.exc import DataError, OperationalError

from gateway.api import dispatch
from gateway.store.registry import Begun, Finish


class FlakyRegistry:
    """A ledger whose first writes fail with the given errors."""

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.written: list[tuple[Finish, Any]] = []

    async def settle_async(self, begun: Begun, outcome: Finish, *, release: bool) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.written.append((outcome, begun if release else None))


BEGUN = Begun("c1", datetime(2030, 1, 1, tzinfo=UTC), "tenant", "key")
OUTCOME = Finish(
    "accepted", 201, b"{}", "application/json", status="running", vendor_campaign_id="v1", vendor_response={"a": 1}
)


def _record(registry: FlakyRegistry, *, release: bool = False) -> None:
    asyncio.run(dispatch._record(registry, BEGUN, OUTCOME, "clerk", release=release))


def _unreachable() -> OperationalError:
    return OperationalError("UPDATE", {}, Exception("connection refused"))


def test_an_unreachable_database_is_tried_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dispatch, "_RECORD_PAUSES", (0.0, 0.0, 0.0))
    registry = FlakyRegistry(_unreachable(), _unreachable())
    _record(registry, release=True)
    assert registry.written == [(OUTCOME, BEGUN)]


def test_values_the_database_refuses_are_written_bare(caplog: pytest.LogCaptureFixture) -> None:
    registry = FlakyRegistry(DataError("UPDATE", {}, Exception("value too long")))
    with caplog.at_level(logging.ERROR, logger="gateway.api.dispatch"):
        _record(registry)
    [(written, _release)] = registry.written
    assert (written.dispatch, written.response_status, written.response_body) == ("accepted", 201, b"{}")
    assert (written.vendor_campaign_id, written.status, written.vendor_response) == (None, None, {"unstorable": True})
    assert "recorded without the vendor's answer" in caplog.text


def test_a_database_that_stays_away_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(dispatch, "_RECORD_PAUSES", (0.0,))
    registry = FlakyRegistry(_unreachable(), _unreachable())
    with caplog.at_level(logging.ERROR, logger="gateway.api.dispatch"):
        _record(registry)  # the client still gets the vendor's answer
    assert registry.written == []
    assert "stays in_flight" in caplog.text
