"""RFC 3339 date-times as the gateway takes them: exactly the format, and an instant it can convert.

The registry stores instants in UTC and the adapters show them in the campaign's time zone, so
an instant must convert to any offset (offsets stay within a day): 0001-01-01T00:00:00+23:59
and 9999-12-31T23:59:59-23:59 are valid RFC 3339 text that Python cannot convert. This module
imports nothing of the gateway, so the request validators and the campaign's rules share it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from rfc3339_validator import validate_rfc3339  # type: ignore[import-untyped]

__all__ = ["looks_like_date_time", "parse_instant"]

_EARLIEST = datetime.min.replace(tzinfo=UTC) + timedelta(days=1)
_LATEST = datetime.max.replace(tzinfo=UTC) - timedelta(days=1)


def looks_like_date_time(text: str) -> bool:
    """Whether `text` has the shape of an RFC 3339 date-time (perhaps with a final newline)."""
    return bool(validate_rfc3339(text))


def parse_instant(text: str) -> datetime:
    """An RFC 3339 date-time (offset required) as an aware datetime that converts to any offset.

    Raises:
        ValueError: `text` is not exactly an RFC 3339 date-time (a trailing newline included),
            or names an instant too near year 1 or 9999 to convert to UTC and local times.
    """
    # The validator's regex ends in `$`, which also matches before a final newline.
    if not validate_rfc3339(text) or text.endswith("\n"):
        raise ValueError("must be an RFC 3339 date-time with an offset, such as 2030-01-15T09:00:00+01:00")
    instant = datetime.fromisoformat(text)
    try:
        in_range = _EARLIEST <= instant.astimezone(UTC) <= _LATEST
    except OverflowError:
        in_range = False
    if not in_range:
        raise ValueError("must be an instant between years 1 and 9999 in every time zone")
    return instant
