"""The outcome of a vendor call as the registry records it, fitted to its columns.

What a vendor answers is not ours to trust: an id or status longer than its column, a NUL
character (PostgreSQL refuses it in text), a count beyond the column's integer, an instant that
overflows on its way to UTC. Once the vendor has acted, its answer must still be recorded: a
write that fails leaves the campaign `in_flight` although the vendor created it. So every
outcome is fitted before it is written (and before the client's answer is built from it, so
the two agree): what cannot be kept as it is becomes None, or is cut and cleaned where a
shortened text still tells the truth (a vendor's status word, a content type), and the raw
answer is kept, bounded, beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Integer, String

from gateway.store.schema import campaigns

__all__ = ["RAW_ANSWER_CHARS", "Finish", "fit_content_type", "fit_outcome", "raw_answer"]

# The vendor's raw answer kept with a campaign, in characters: enough for any campaign answer
# the vendors document, bounded so a huge one cannot bloat the registry.
RAW_ANSWER_CHARS = 64 * 1024
# NUL and the other C0 controls but tab, LF and CR, and DEL: nothing a database or a reader needs.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INT_RANGE = (-(2**31), 2**31 - 1)  # Integer is 32 bits on PostgreSQL


def _length(column: str) -> int:
    kind = campaigns.c[column].type
    assert isinstance(kind, String) and kind.length is not None, column
    return kind.length


_VENDOR_ID_LENGTH = _length("vendor_campaign_id")
_VENDOR_STATUS_LENGTH = _length("vendor_status")
_STATUS_LENGTH = _length("status")
_TYPE_LENGTH = _length("response_type")
assert isinstance(campaigns.c.recipients_count.type, Integer)


@dataclass(frozen=True)
class Finish:
    """The outcome of a vendor call, as recorded (`fit_outcome` makes it storable)."""

    dispatch: str
    response_status: int
    response_body: bytes
    response_type: str
    status: str | None = None
    vendor_status: str | None = None
    vendor_campaign_id: str | None = None
    recipients_count: int | None = None
    scheduled_at: datetime | None = None
    problem: dict[str, Any] | None = None
    vendor_response: dict[str, Any] | None = None
    progress: dict[str, int | None] | None = None
    sync_due_at: datetime | None = None  # when the status sync should first read the vendor


def fit_outcome(outcome: Finish) -> Finish:
    """`outcome` with every value storable on SQLite and PostgreSQL alike.

    The values an adapter read need not have the types they are declared with: the generated
    clients take a vendor's JSON as it comes (an id given as a number stays a number). An
    outcome that fits already is returned as it is: the vendor-neutral route fits its outcome
    to answer from it, and the registry fits what it writes.
    """
    vendor_id = _as_text(outcome.vendor_campaign_id)
    if vendor_id is not None and (len(vendor_id) > _VENDOR_ID_LENGTH or _CONTROL.search(vendor_id)):
        vendor_id = None  # an id cut or cleaned would name another campaign, or none
    fitted = {
        "status": _text(outcome.status, _STATUS_LENGTH),
        "vendor_status": _text(outcome.vendor_status, _VENDOR_STATUS_LENGTH),
        "vendor_campaign_id": vendor_id,
        "recipients_count": _integer(outcome.recipients_count),
        "scheduled_at": _utc(outcome.scheduled_at),
        "response_type": fit_content_type(outcome.response_type),
        "problem": _json(outcome.problem),
        "vendor_response": _json(outcome.vendor_response),
    }
    changed = {name: value for name, value in fitted.items() if value is not getattr(outcome, name)}
    return replace(outcome, **changed) if changed else outcome


def fit_content_type(value: str) -> str:
    """A content type a replay can send again: as it is, or its media type alone, or octet-stream.

    It is a header: cut short or cleaned it would be another, malformed one.
    """
    for candidate in (value, value.partition(";")[0].strip()):
        if candidate and len(candidate) <= _TYPE_LENGTH and candidate.isascii() and not _CONTROL.search(candidate):
            return candidate
    return "application/octet-stream"


def raw_answer(status: int, content: bytes, content_type: str) -> dict[str, Any]:
    """The vendor's raw answer as a JSON document: text, cleaned and bounded, and what was cut."""
    text = content.decode("utf-8", "replace")
    kept = {"status": status, "content_type": content_type, "body": text[:RAW_ANSWER_CHARS]}
    if len(text) > RAW_ANSWER_CHARS:
        kept["truncated_from"] = len(text)
    return kept


def _as_text(value: object) -> str | None:
    """A text as it is, a number as its digits, anything else (a list, an object) None."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _text(value: object, length: int) -> str | None:
    text = _as_text(value)
    if text is None:
        return None
    cleaned = _CONTROL.sub("\ufffd", text)
    return cleaned if len(cleaned) <= length else cleaned[: length - 1] + "…"


def _integer(value: object) -> int | None:
    if not isinstance(value, int) or isinstance(value, bool) or not _INT_RANGE[0] <= value <= _INT_RANGE[1]:
        return None
    return value


def _utc(value: object) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        return value
    try:
        return value.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:59-01:00 is past the last instant a datetime holds
        return None


def _json(value: Any) -> Any:
    """A JSON value whose strings carry no NUL (PostgreSQL's text refuses it, escaped or not).

    Each helper here returns the very value it was given when it fits, so `fit_outcome` can
    tell a fitting outcome by identity.
    """
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, dict):
        cleaned: Any = {_json(key): _json(item) for key, item in value.items()}
    elif isinstance(value, list):
        cleaned = [_json(item) for item in value]
    else:
        return value
    return value if cleaned == value else cleaned  # the same object when nothing was cleaned
