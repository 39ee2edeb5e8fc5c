"""Volubile: AI voice calls to inline recipients, within at most two daily UTC time slots."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from gateway.campaign import CampaignRequest, CampaignStatus, Receipt, Window
from gateway.errors import FieldError, Unprocessable
from gateway.vendors._answers import dig, word
from gateway.vendors._base import (
    Adapter,
    AuthStyle,
    Capabilities,
    VendorCall,
    VendorState,
    parsed_as,
    refuse_fields,
    require_fields,
)
from gateway.vendors._hooks import HookReading, MappedEvent, WebhookScheme, instant, seconds, text
from generated.models import volubile
from generated.volubile_client import AuthenticatedClient
from generated.volubile_client.api.campaigns import create, get_campaign, update_status
from generated.volubile_client.models import CampaignResponse, UpdateStatusBody

__all__ = ["VolubileAdapter"]

STATUSES: dict[str, CampaignStatus] = {"ACTIVE": "running", "PAUSED": "paused", "CANCELLED": "cancelled"}
# Volubile only calls within these slots; sent when the campaign names no windows.
DEFAULT_SLOTS = (("10:00", "13:00"), ("14:00", "20:00"))
ALL_DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
MAX_BATCH = 1000
# Every action is a status change: POST /v1/campaigns/{id}/status with the new status as a bare string.
STATUS_FOR = {
    "start": UpdateStatusBody.ACTIVE,
    "resume": UpdateStatusBody.ACTIVE,
    "pause": UpdateStatusBody.PAUSED,
    "cancel": UpdateStatusBody.CANCELLED,
}
# The webhook is the call object of GET /v1/calls/{id} with no event name: its `status` names
# the event (Call.status in the vendor's spec); a status not here stays raw (vendor.event).
HOOK_EVENTS: dict[str, str] = {
    "COMPLETED": "call.completed",
    "TRANSFERRED": "call.completed",
    "VOICE_BOX": "call.failed",
    "NO_ANSWER": "call.failed",
    "UNREACHABLE": "call.failed",
    "FAILED": "call.failed",
    "REJECTED": "call.failed",
    "CANCELED": "call.failed",
}


class VolubileAdapter(Adapter):
    """Maps the vendor-neutral campaign to Volubile's CreateCampaignRequest."""

    slug = "volubile"
    statuses = STATUSES
    client_class = AuthenticatedClient
    operation = staticmethod(create.asyncio_detailed)
    auth = AuthStyle(header="X-Api-Key", prefix="")
    capabilities = Capabilities(
        channels=("voice",),
        inline_recipients=True,
        audience=False,
        scheduling=True,
        windows=True,
        retries=True,
        max_recipients=1000,
        notes=(
            "windows are converted to UTC with the offset in force on the start date; "
            "a later DST change is not re-applied",
            "at most 2 windows, none crossing midnight in UTC; without windows Volubile's own "
            "10:00-13:00 and 14:00-20:00",
            "retry delay must be whole hours (delay_minutes a multiple of 60, at least 60)",
            "agent_id must be a UUID",
        ),
    )

    # Our copy of the docs names X-Webhook-Signature (HMAC) but not its algorithm nor what it
    # signs: accepted on the path token, the header kept with the event. Once the scheme is
    # known: webhooks = WebhookScheme("hmac_hex", header="X-Webhook-Signature").
    webhooks = WebhookScheme(
        "token_only", header="X-Webhook-Signature", reason="signature not verified (scheme not documented)"
    )

    @classmethod
    def read_hook(cls, payload: Any) -> HookReading:
        """One call, completed or failed; no event id (the body's hash dedupes)."""
        call = payload if isinstance(payload, dict) else {}
        status = text(call.get("status")) or ""
        kind = HOOK_EVENTS.get(status, "vendor.event")
        data: dict[str, Any] = {"name": status or None, "vendor_call_id": text(call.get("id"))}
        if kind.startswith("call."):
            data |= {
                "phone": text(call.get("phone")),
                "outcome": status.lower(),
                "duration_s": seconds(call.get("duration")),
            }
        data["vendor_payload"] = payload
        # Its spec says the call has no campaignId; kept if a delivery carries one.
        campaign = text(call.get("campaignId"))
        return HookReading(None, [MappedEvent(kind, data, instant(call.get("endTime")), campaign)])

    cannot: ClassVar[Mapping[str, str]] = {
        "progress": "Volubile reports no campaign counts; its webhooks arrive as call.* events, one per call",
    }
    lifecycle_notes: ClassVar[Mapping[str, str]] = {
        "get": "GET /v1/campaigns/{id} (listed by Volubile; its answer is taken to be the CampaignResponse)",
        "start": 'POST /v1/campaigns/{id}/status "ACTIVE"',
        "pause": 'POST /v1/campaigns/{id}/status "PAUSED" (also before the start date)',
        "resume": 'POST /v1/campaigns/{id}/status "ACTIVE"',
        "cancel": 'POST /v1/campaigns/{id}/status "CANCELLED"',
    }

    native: ClassVar[Mapping[str, str]] = {
        "create": "create",
        "getCampaign": "campaign",
        "updateStatus": "status",
        "listCalls": "account",
        "getCall": "account",
    }

    def __init__(self, *, clock: Callable[[], datetime] = lambda: datetime.now(UTC), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._clock = clock

    def to_vendor(self, campaign: CampaignRequest) -> volubile.CreateCampaignRequest:
        """Pure translation (given the clock); refuses what Volubile cannot express."""
        refuse_fields(
            self.slug,
            campaign,
            {
                "audience": "Volubile takes inline recipients only",
                "sender": "Volubile calls from the agent's own number",
                "message": "Volubile voice agents take no message text: use recipients[].variables",
                "media_urls": "Volubile places voice calls",
            },
        )
        require_fields(self.slug, {"agent_id": campaign.agent_id, "recipients": campaign.recipients})
        recipients = campaign.recipients or []
        schedule = campaign.schedule
        zone_name = (schedule.timezone if schedule else None) or "UTC"
        zone = ZoneInfo(zone_name)
        start_at = schedule.start_at if schedule else None
        start_date = (start_at or self._clock()).astimezone(zone).date()
        windows = (schedule.windows if schedule else None) or []
        slots = [_utc_slot(window, start_date, zone, index) for index, window in enumerate(windows)] or [
            {"startTime": start, "endTime": end} for start, end in DEFAULT_SLOTS
        ]
        days = [day.upper() for day in (schedule.days if schedule and schedule.days else ALL_DAYS)]
        fields: dict[str, Any] = {
            "name": campaign.name,
            "agentId": campaign.agent_id,
            "startDate": start_date,
            "timeSlots": slots,
            "batchSize": (schedule.daily_limit if schedule and schedule.daily_limit else None)
            or min(len(recipients), MAX_BATCH),
            "days": days,
            "timezone": zone_name,
            "recipients": [
                {
                    "phone": recipient.phone,
                    "context": _context(recipient.first_name, recipient.last_name, recipient.variables),
                }
                for recipient in recipients
            ],
        }
        if campaign.retry is not None:
            fields["retry"] = _retry(campaign.retry.max_retries, campaign.retry.delay_minutes, campaign.retry.on)
        return volubile.CreateCampaignRequest.model_validate(fields)

    def from_vendor(self, parsed: Any) -> Receipt:
        """Read the CampaignResponse."""
        answer = parsed_as(parsed, CampaignResponse)
        status = str(answer.status) if answer.status else None
        return Receipt(
            vendor_campaign_id=str(answer.id) if answer.id else None,
            vendor_status=status,
            status=self.campaign_status(status),
            recipients_count=None,
            scheduled_at=None,
        )

    def lifecycle_call(self, what: str, vendor_id: str) -> VendorCall:
        """The get, or the status change; the id is Volubile's UUID (sent as the text it gave)."""
        if what == "get":
            return VendorCall(get_campaign.asyncio_detailed, {"id": vendor_id})
        return VendorCall(update_status.asyncio_detailed, {"id": vendor_id, "body": STATUS_FOR[what]})

    def native_action(self, role: str, body: Any, status: str | None) -> str:
        """The status change a native POST .../status asks for, as an action."""
        if role != "status":
            return role
        if body == "ACTIVE":
            return "resume" if status in ("paused", "pausing") else "start"
        return {"PAUSED": "pause", "CANCELLED": "cancel"}.get(str(body), "update")

    def read_state(self, answer: Any) -> VendorState | None:
        """The CampaignResponse's `status`, in the get's answer and the status change's alike."""
        vendor_status = word(dig(answer, "status"))
        return None if vendor_status is None else VendorState(vendor_status, self.campaign_status(vendor_status))


def _utc_slot(window: Window, day: date, zone: ZoneInfo, index: int) -> dict[str, str]:
    start = datetime.combine(day, time.fromisoformat(window.start), zone).astimezone(UTC)
    end = datetime.combine(day, time.fromisoformat(window.end), zone).astimezone(UTC)
    if start.date() != end.date():
        raise Unprocessable(
            "volubile time slots are UTC and cannot cross midnight",
            vendor="volubile",
            errors=[FieldError(f"schedule.windows[{index}]", "crosses midnight in UTC; split it in two")],
        )
    return {"startTime": start.strftime("%H:%M"), "endTime": end.strftime("%H:%M")}


def _context(first: str | None, last: str | None, variables: dict[str, Any] | None) -> dict[str, str]:
    context = {"firstName": first, "lastName": last}
    # Volubile's context values are prompt text: numbers and booleans go as their JSON text.
    context.update({key: _text(value) for key, value in (variables or {}).items()})
    return {key: value for key, value in context.items() if value is not None}


def _text(value: Any) -> str:
    if hasattr(value, "root"):
        return str(value.root)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 5 arrives as 5.0 through the float branch of the model
    return json.dumps(value)


def _retry(max_retries: int | None, delay_minutes: int | None, on: list[Any] | None) -> dict[str, Any]:
    errors = []
    retry: dict[str, Any] = {}
    if max_retries is not None:
        retry["max"] = max_retries
    if delay_minutes is not None:
        if delay_minutes < 60 or delay_minutes % 60:
            errors.append(
                FieldError("retry.delay_minutes", "volubile needs whole hours: a multiple of 60, at least 60")
            )
        retry["delay"] = delay_minutes // 60
    if on:
        retry["retryOn"] = [item.root if hasattr(item, "root") else item for item in on]
    elif max_retries:
        errors.append(FieldError("retry.on", "required by volubile when max_retries > 0"))
    if errors:
        raise Unprocessable("volubile cannot take this retry policy", vendor="volubile", errors=errors)
    return retry
