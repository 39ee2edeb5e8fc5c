"""Smallest AI Atoms: AI voice calls to an audience that exists at Smallest."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar

from gateway.campaign import CampaignRequest, CampaignStatus, Receipt
from gateway.errors import FieldError, Unprocessable
from gateway.lifecycle import Progress
from gateway.vendors._answers import count, dig, word
from gateway.vendors._base import (
    Adapter,
    Capabilities,
    VendorCall,
    VendorState,
    parsed_as,
    refuse_fields,
    require_fields,
)
from gateway.vendors._hooks import HookReading, MappedEvent, WebhookScheme, instant, members, seconds, text
from generated.models import smallest
from generated.smallest_client import AuthenticatedClient
from generated.smallest_client.api.campaigns import get_a_campaign, pause_a_campaign, start_or_resume_a_campaign
from generated.smallest_client.api.logs import get_all_conversation_logs
from generated.smallest_client.api.subpackage_campaigns import create_a_campaign
from generated.smallest_client.models import (
    CampaignsCreateACampaignResponse201,
)
from generated.smallest_client.types import Unset

__all__ = ["SmallestAdapter"]

STATUSES: dict[str, CampaignStatus] = {
    "draft": "draft",
    "scheduled": "scheduled",
    "processing": "starting",  # queued by start, before running (our reading: the vendor defines it nowhere)
    "running": "running",
    "paused": "paused",
    "completed": "completed",
    "failed": "failed",
}
# Webhook events ([WH] in vendor-docs/smallest-atoms.after-create.md); post-conversation is
# call.completed or call.failed by its call's status (CALL_OUTCOMES), the others stay raw.
HOOK_EVENTS: dict[str, str] = {
    "pre-conversation": "vendor.event",
    "post-conversation": "call.completed",
    "analytics-completed": "vendor.event",
}
# callData.callStatus: the guide writes no-answer/busy/canceled, the OpenAPI enum no_answer/cancelled.
CALL_OUTCOMES: dict[str, str] = {
    "completed": "call.completed",
    "no-answer": "call.failed",
    "no_answer": "call.failed",
    "busy": "call.failed",
    "failed": "call.failed",
    "canceled": "call.failed",
    "cancelled": "call.failed",
}


class SmallestAdapter(Adapter):
    """Maps the vendor-neutral campaign to Smallest's create-a-campaign body."""

    slug = "smallest"
    statuses = STATUSES
    client_class = AuthenticatedClient
    operation = staticmethod(create_a_campaign.asyncio_detailed)
    capabilities = Capabilities(
        channels=("voice",),
        inline_recipients=False,
        audience=True,
        scheduling=True,
        windows=False,
        retries=True,
        notes=(
            "without start_at the campaign is created as a draft and does not dial until started at Smallest",
            "start_at must be in the future",
            "retry.on is refused: Smallest retries every failed call",
        ),
    )

    cannot: ClassVar[Mapping[str, str]] = {
        "cancel": "Smallest documents no cancel (its SDK helper's /stop is not in its API reference); "
        "pause stops dialling, and DELETE /campaign/{id} is served natively",
    }
    lifecycle_notes: ClassVar[Mapping[str, str]] = {
        "get": "GET /campaign/{id}",
        "start": "POST /campaign/{id}/start queues the start (202)",
        "pause": "POST /campaign/{id}/pause queues the pause",
        "resume": "the start endpoint resumes a paused campaign",
        "progress": "the get's metrics: participants, contacts called, contacts connected",
    }
    native: ClassVar[Mapping[str, str]] = {
        "create-a-campaign": "create",
        "retrieve-all-campaigns": "campaigns",
        "get-a-campaign": "campaign",
        "start-or-resume-a-campaign": "start",
        "pause-a-campaign": "pause",
        "delete-a-campaign": "delete",
        "get-all-conversation-logs": "account",
        "get-conversation-log-by-id": "account",
    }
    _CALLS: ClassVar[dict[str, Callable[..., Any]]] = {
        "get": get_a_campaign.asyncio_detailed,
        "start": start_or_resume_a_campaign.asyncio_detailed,
        "resume": start_or_resume_a_campaign.asyncio_detailed,
        "pause": pause_a_campaign.asyncio_detailed,
    }

    webhooks = WebhookScheme("hmac_hex", header="X-Signature")
    ties_calls = True

    @classmethod
    def read_hook(cls, payload: Any) -> HookReading:
        """`{id, event: "<agentId>.<eventType>", metadata}`: the envelope's id dedupes.

        The hooks carry a call id and no campaign id (the vendor's docs): the event keeps
        `vendor_call_id` and is held until the campaign's list of calls names it
        (`calls_call`; gateway/events/tie.py).
        """
        metadata = members(payload, "metadata")
        event = text(payload.get("event")) if isinstance(payload, dict) else None
        name = text(metadata.get("eventType")) or (event.rpartition(".")[2] if event else None) or ""
        kind = HOOK_EVENTS.get(name, "vendor.event")
        call = members(metadata, "callData")
        status = text(call.get("callStatus"))
        data: dict[str, Any] = {"name": name, "vendor_call_id": text(metadata.get("callId"))}
        if name == "post-conversation":
            kind = CALL_OUTCOMES.get(status or "", "vendor.event")
        if kind.startswith("call."):
            data |= {
                "phone": text(call.get("toNumber")),
                "outcome": status,
                "duration_s": seconds(call.get("callDuration")),
            }
        elif name == "pre-conversation":
            data["phone"] = text(metadata.get("toPhone"))
        data["vendor_payload"] = payload
        occurred = instant(call.get("endTime")) if call else None
        event_id = text(payload.get("id")) if isinstance(payload, dict) else None
        call_id = text(metadata.get("callId"))
        return HookReading(event_id, [MappedEvent(kind, data, occurred, call_id=call_id)])

    # One page of a campaign's calls; the vendor allows up to 500 (its spec's `limit` maximum).
    CALLS_PAGE = 500

    def calls_call(self, vendor_id: str, page: int) -> VendorCall:
        """`GET /conversation?campaignIds=<id>`: the calls of one campaign (its logs carry no campaign id)."""
        arguments = {"campaign_ids": vendor_id, "page": page, "limit": self.CALLS_PAGE}
        return VendorCall(get_all_conversation_logs.asyncio_detailed, arguments)

    def read_call_ids(self, answer: Any) -> tuple[list[str], bool]:
        """`data.logs[].callId`; more follow while a page is full."""
        logs = dig(answer, "data", "logs")
        if not isinstance(logs, list):
            return [], False
        ids = [call_id for log in logs if isinstance(log, dict) and (call_id := text(log.get("callId")))]
        return ids, len(logs) >= self.CALLS_PAGE

    def __init__(self, *, clock: Callable[[], datetime] = lambda: datetime.now(UTC), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._clock = clock

    def to_vendor(self, campaign: CampaignRequest) -> smallest.CampaignPostRequest:
        """Pure translation (given the clock); unset values stay unset, so no default leaks."""
        refuse_fields(
            self.slug,
            campaign,
            {
                "recipients": "Smallest calls an audience that exists there: use audience",
                "retry.on": "Smallest retries every failed call",
                "message": "Smallest voice agents take no message text",
                "media_urls": "Smallest places voice calls",
                "schedule.windows": "Smallest has no calling windows",
                "schedule.days": "Smallest has no calling days",
                "schedule.daily_limit": "Smallest has no daily limit",
            },
        )
        require_fields(self.slug, {"agent_id": campaign.agent_id, "audience": campaign.audience})
        fields: dict[str, Any] = {"name": campaign.name, "agentId": campaign.agent_id, "audienceId": campaign.audience}
        if campaign.sender:
            fields["phoneNumberIds"] = [campaign.sender]
        start_at = campaign.schedule.start_at if campaign.schedule else None
        if start_at is not None:
            # Stricter than the gateway's rule, which lets a start a minute past through (clocks
            # differ): Smallest's spec says scheduledAt must be in the future.
            if start_at <= self._clock():
                raise Unprocessable(
                    "smallest needs a future start",
                    vendor=self.slug,
                    errors=[FieldError("schedule.start_at", "must be in the future for smallest")],
                )
            fields["scheduledAt"] = start_at
        if campaign.retry is not None:
            if campaign.retry.max_retries is not None:
                fields["maxRetries"] = campaign.retry.max_retries
            if campaign.retry.delay_minutes is not None:
                fields["retryDelay"] = campaign.retry.delay_minutes
        return smallest.CampaignPostRequest.model_validate(fields)

    def from_vendor(self, parsed: Any) -> Receipt:
        """Read the 201 body's data."""
        data = parsed_as(parsed, CampaignsCreateACampaignResponse201).data
        if isinstance(data, Unset):
            raise ValueError("the answer has no data")
        status = None if isinstance(data.status, Unset) else str(data.status)
        return Receipt(
            vendor_campaign_id=None if isinstance(data.field_id, Unset) else data.field_id,
            vendor_status=status,
            status=self.campaign_status(status),
            recipients_count=None if isinstance(data.participants_count, Unset) else data.participants_count,
            scheduled_at=None if isinstance(data.scheduled_at, Unset) else data.scheduled_at,
        )

    def lifecycle_call(self, what: str, vendor_id: str) -> VendorCall:
        """Every call takes the campaign's id in the path, and no body."""
        return VendorCall(self._CALLS[what], {"id": vendor_id})

    def read_state(self, answer: Any) -> VendorState | None:
        """A get's `data.campaign.status` and `data.metrics`; start and pause only queue (no state)."""
        vendor_status = word(dig(answer, "data", "campaign", "status"))
        if vendor_status is None:
            return None
        metrics = dig(answer, "data", "metrics")
        total, called = count(dig(metrics, "total_participants")), count(dig(metrics, "contacts_called"))
        progress = Progress(
            total=total,
            attempted=called,
            succeeded=count(dig(metrics, "contacts_connected")),
            pending=total - called if total is not None and called is not None and total >= called else None,
        )
        return VendorState(vendor_status, self.campaign_status(vendor_status), progress)

    def campaign_list(self, answer: Any) -> list[Any] | None:
        """`data.campaigns` of GET /campaign."""
        found = dig(answer, "data", "campaigns")
        return found if isinstance(found, list) else None
