"""POST /v1/campaigns: the vendor-neutral route."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import flask

from gateway.api.context import current
from gateway.api.responses import json_response
from gateway.campaign import CampaignRequest, check_campaign
from gateway.errors import RequestInvalid, Unprocessable
from generated.models.gateway import Campaign, DryRun, FieldError, VendorRequest

__all__ = ["create"]


def create(campaign: dict[str, Any], dry_run: bool = False) -> flask.Response:
    """Validate, translate and send (or, with dry_run, show what would be sent)."""
    gateway = current()
    request, errors = check_campaign(CampaignRequest.model_validate(campaign))
    if errors:
        raise RequestInvalid("The campaign breaks the gateway's rules.", errors=errors)
    if dry_run:
        return json_response(_dry_run(request), 200)
    adapter = gateway.live_adapter(request.vendor)
    receipt = adapter.dispatch(request)
    scheduled_at = receipt.scheduled_at or (request.schedule.start_at if request.schedule else None)
    body = Campaign(
        id=uuid.uuid4(),
        vendor=request.vendor,
        vendor_campaign_id=receipt.vendor_campaign_id,
        name=request.name,
        status=receipt.status,
        vendor_status=receipt.vendor_status,
        recipients_count=receipt.recipients_count,
        scheduled_at=scheduled_at,
        created_at=datetime.now(UTC),
    )
    return json_response(body.model_dump(mode="json"), 201)


def _dry_run(request: CampaignRequest) -> dict[str, Any]:
    adapter = current().adapters[request.vendor]
    try:
        prepared = adapter.prepare(adapter.payload(request))
    except Unprocessable as refusal:
        violations = refusal.errors or []
        result = DryRun(
            vendor=request.vendor,
            would_send=False,
            request=None,
            violations=[FieldError(field=v.field, message=v.message) for v in violations]
            or [FieldError(field="", message=refusal.detail)],
        )
        return result.model_dump(mode="json")
    vendor_request = VendorRequest.model_validate(
        {
            "method": prepared.method,
            "path": prepared.path,
            "headers": prepared.headers,
            "body": prepared.body,
            "files": prepared.files or None,
        }
    )
    return DryRun(vendor=request.vendor, would_send=True, request=vendor_request, violations=[]).model_dump(
        mode="json", exclude_none=True
    )
