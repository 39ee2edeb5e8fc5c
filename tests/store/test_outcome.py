"""Outcomes fitted to the registry's columns (the app-level forms are in tests/gateway/test_ledger.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from gateway.store.outcome import RAW_ANSWER_CHARS, fit_content_type, fit_outcome, raw_answer
from gateway.store.registry import Finish


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("application/json; charset=utf-8", "application/json; charset=utf-8"),
        ("application/json; profile=" + "p" * 300, "application/json"),
        ("text/plain; name=caf\u00e9", "text/plain"),
        ("application/json\x00; x=1", "application/octet-stream"),
        ("", "application/octet-stream"),
        ("x" * 300, "application/octet-stream"),
    ],
)
def test_a_content_type_is_kept_whole_or_as_its_media_type(given: str, kept: str) -> None:
    assert fit_content_type(given) == kept


def test_every_vendor_value_is_made_storable() -> None:
    late = datetime(9999, 12, 31, 23, 59, tzinfo=timezone(-timedelta(hours=23, minutes=59)))
    fitted = fit_outcome(
        Finish(
            "accepted",
            201,
            b"",
            "application/json",
            status="running",
            vendor_status="a\x00b" + "c" * 300,
            vendor_campaign_id="id\x00",
            recipients_count=2**31,
            scheduled_at=late,
            problem={"detail": "nul\x00", "nested": [{"k\x00": "v\x00"}]},
            vendor_response={"body": "x\x00y"},
        )
    )
    assert fitted.vendor_status is not None and len(fitted.vendor_status) == 200
    assert fitted.vendor_status.startswith("a\ufffdb") and fitted.vendor_status.endswith("…")
    assert (fitted.vendor_campaign_id, fitted.recipients_count, fitted.scheduled_at) == (None, None, None)
    assert fitted.problem == {"detail": "nul\ufffd", "nested": [{"k\ufffd": "v\ufffd"}]}
    assert fitted.vendor_response == {"body": "x\ufffdy"}
    assert fit_outcome(fitted) == fitted  # fitting twice changes nothing


def test_an_instant_is_kept_in_utc_and_a_fitting_count_as_it_is() -> None:
    moment = datetime(2030, 1, 1, 9, tzinfo=timezone(timedelta(hours=1)))
    fitted = fit_outcome(Finish("accepted", 201, b"", "application/json", scheduled_at=moment, recipients_count=7))
    assert (fitted.scheduled_at, fitted.recipients_count) == (datetime(2030, 1, 1, 8, tzinfo=UTC), 7)


def test_the_raw_answer_is_bounded_and_says_so() -> None:
    kept = raw_answer(201, b"a" * (RAW_ANSWER_CHARS + 5), "text/plain")
    assert len(kept["body"]) == RAW_ANSWER_CHARS and kept["truncated_from"] == RAW_ANSWER_CHARS + 5
    assert "truncated_from" not in raw_answer(201, b"{}", "application/json")


def test_values_of_another_type_than_declared_are_kept_as_far_as_they_mean_the_same() -> None:
    # The generated clients take the vendor's JSON as it comes: an id may arrive as a number.
    odd: dict[str, object] = {
        "vendor_campaign_id": 12345,
        "vendor_status": ["running"],
        "recipients_count": "7",
        "scheduled_at": "2030-01-01T00:00:00Z",
    }
    fitted = fit_outcome(Finish("accepted", 201, b"", "application/json", **odd))  # type: ignore[arg-type]
    assert (fitted.vendor_campaign_id, fitted.vendor_status) == ("12345", None)
    assert (fitted.recipients_count, fitted.scheduled_at) == (None, None)
