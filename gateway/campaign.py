"""The vendor-neutral campaign (the contract of POST /v1/campaigns) and its rules; no I/O.

The request model is generated from specs/gateway.yaml, so the schema is written once. This
module adds the rules a JSON schema cannot state: phone numbers must be valid (not just
possible) and are normalised to ASCII E.164, time zones must exist, windows must end after
they start, a date-time given in `options` must be an instant the gateway can convert (the
schema checks `start_at`; the vendor's model reads options later), and a campaign must not
start more than START_SLACK in the past.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers

from gateway.errors import FieldError, Unprocessable
from gateway.instants import looks_like_date_time, parse_instant
from gateway.lifecycle import CampaignStatus
from generated.models.gateway import CampaignRequest, Recipient, Retry, Schedule, Window

__all__ = [
    "START_SLACK",
    "CampaignRequest",
    "CampaignStatus",
    "Receipt",
    "Recipient",
    "Retry",
    "Schedule",
    "Window",
    "check_campaign",
    "normalise_phone",
]

# A start up to this far in the past is taken as "now" (clocks differ, requests take time).
# Further back, a vendor would send at once or never: the client's mistake, at every vendor.
START_SLACK = timedelta(minutes=1)


@dataclass(frozen=True)
class Receipt:
    """What an adapter reads back from the vendor's answer."""

    vendor_campaign_id: str | None
    vendor_status: str | None
    status: CampaignStatus
    recipients_count: int | None
    scheduled_at: datetime | None


# "+" and digits only; full-width digits (and other Unicode decimals) count as digits and are
# normalised to ASCII. Spaces, dashes, letters, newlines, CSV formula characters: refused.
_E164_SHAPE = re.compile(r"\+[1-9]\d{1,14}")
# C0 control characters and DEL; text meant for people may keep tab, CR and LF.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_EXCEPT_WHITESPACE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# phonenumbers compiles its metadata's patterns with re.compile at every use, relying on the re
# module's cache of 512: numbers of many countries overflow it, and every pattern is compiled
# again. Kept for good (a few thousand patterns at most), a number of each of the 245 regions
# took 16.5 us to check instead of 369 us; a campaign of French numbers, 13.2 instead of 14.9.
phonenumbers.enable_pattern_cache()


def normalise_phone(raw: str) -> str | None:
    """ASCII E.164 for a valid number written as E.164 (`+` and country code), else None."""
    ascii_form = raw if raw.isascii() else "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in raw)
    if not _E164_SHAPE.fullmatch(ascii_form):
        return None
    try:
        number = phonenumbers.parse(ascii_form, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def check_campaign(
    campaign: CampaignRequest, *, now: datetime | None = None
) -> tuple[CampaignRequest, list[FieldError]]:
    """Apply the rules beyond the schema; return the campaign with phones normalised, and errors.

    Args:
        campaign: A campaign that passed the schema.
        now: The instant a start is compared with (the current time if None).

    Raises:
        Unprocessable: The campaign breaks no other rule but starts more than START_SLACK in
            the past (422 at every vendor; without a start it is sent to start at once).
    """
    errors: list[FieldError] = []
    recipients = []
    for index, recipient in enumerate(campaign.recipients or []):
        phone = normalise_phone(recipient.phone)
        if phone is None:
            errors.append(
                FieldError(f"recipients[{index}].phone", "must be a valid phone number in E.164 (+ and country code)")
            )
            recipients.append(recipient)
        elif phone == recipient.phone:
            recipients.append(recipient)  # already ASCII E.164: no copy (10,000 copies cost ~100 ms)
        else:
            recipients.append(recipient.model_copy(update={"phone": phone}))
    for field, value in _texts(campaign):
        pattern = _CONTROL_EXCEPT_WHITESPACE if field == "message" else _CONTROL
        if value is not None and pattern.search(value):
            errors.append(FieldError(field, "must not contain control characters"))
    schedule = campaign.schedule
    if schedule is not None:
        if schedule.timezone is not None:
            try:
                ZoneInfo(schedule.timezone)
            except (ZoneInfoNotFoundError, ValueError):
                errors.append(FieldError("schedule.timezone", "must be an IANA time zone such as Europe/Paris"))
        for index, window in enumerate(schedule.windows or []):
            if window.start >= window.end:
                errors.append(FieldError(f"schedule.windows[{index}]", "end must be after start"))
    for field, text in _strings(campaign.options, "options"):
        if looks_like_date_time(text):
            try:
                parse_instant(text)
            except ValueError as exc:
                errors.append(FieldError(field, str(exc)))
    if not errors:
        _refuse_past_start(campaign, now or datetime.now(UTC))
    if campaign.recipients is None:
        return campaign, errors
    return campaign.model_copy(update={"recipients": recipients}), errors


def _refuse_past_start(campaign: CampaignRequest, now: datetime) -> None:
    start_at = campaign.schedule.start_at if campaign.schedule else None
    if start_at is not None and start_at < now - START_SLACK:
        raise Unprocessable(
            "The campaign would start in the past: a vendor would send it at once or never.",
            vendor=campaign.vendor,
            errors=[
                FieldError(
                    "schedule.start_at", "is more than a minute in the past; leave start_at out to start at once"
                )
            ],
        )


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string in parsed JSON, with its path (the parser bounds the nesting)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, f"{path}.{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, f"{path}[{index}]")


def _texts(campaign: CampaignRequest) -> list[tuple[str, str | None]]:
    texts = [(name, getattr(campaign, name)) for name in ("name", "sender", "message", "agent_id", "audience")]
    for index, recipient in enumerate(campaign.recipients or []):
        texts += [(f"recipients[{index}].first_name", recipient.first_name)]
        texts += [(f"recipients[{index}].last_name", recipient.last_name)]
    return texts
