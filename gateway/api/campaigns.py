"""The vendor-neutral route POST /v1/campaigns, and the registry reads GET /v1/campaigns[/{id}]."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

from anyio import to_thread
from connexion import request as current_http_request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from gateway import jsoncodec
from gateway.api.context import current, current_json, current_tenant
from gateway.api.dispatch import Answer, dispatch
from gateway.api.responses import json_response
from gateway.campaign import CampaignRequest, check_campaign
from gateway.errors import FieldError as ProblemField
from gateway.errors import NotFound, RequestInvalid, Unprocessable
from gateway.instants import parse_instant
from gateway.lifecycle import Progress
from gateway.service import Gateway
from gateway.store.outcome import fit_outcome, raw_answer
from gateway.store.registry import Begun, Finish, fingerprint
from gateway.sync import first_sync, refresh_now
from generated.models.gateway import DryRun, FieldError, VendorRequest

__all__ = ["action_view", "campaign_view", "create", "create_campaign", "list_campaigns", "show"]

ROUTE = "campaigns"
ON_LOOP_RECIPIENTS = 100
T = TypeVar("T")


async def create(dry_run: bool = False) -> Response:
    """Validate, translate, record and send (or, with dry_run, show what would be sent)."""
    campaign: dict[str, Any] = current_json()
    if dry_run:  # neither uses nor consumes an Idempotency-Key
        run = _runner(campaign)
        return json_response(await _dry_run(await run(_checked, campaign), run), 200)
    idempotency_key = current_http_request.headers.get("Idempotency-Key")
    return await create_campaign(current(), current_tenant(), ROUTE, idempotency_key, campaign)


async def create_campaign(
    gateway: Gateway, tenant: str, _path: str, idempotency_key: str | None, campaign: dict[str, Any]
) -> Response:
    """Check, translate, record and send a campaign whose JSON passed the schema.

    The signature is the fast lane's (gateway/api/fast_lane.py); the path is always ROUTE.
    """
    run = _runner(campaign)
    request: CampaignRequest = await run(_checked, campaign)
    adapter = await gateway.live_adapter_async(request.vendor, tenant)
    payload = await run(adapter.payload, request)  # refusals (422) before anything is recorded

    async def send(begun: Begun) -> Answer:
        receipt, reply = await adapter.dispatch(payload)
        scheduled_at = receipt.scheduled_at or (request.schedule.start_at if request.schedule else None)
        # Fitted now, so the answer is what the registry keeps and a later GET reads the same.
        outcome = fit_outcome(
            Finish(
                dispatch="accepted",
                response_status=201,
                response_body=b"",
                response_type="application/json",
                status=receipt.status,
                vendor_status=receipt.vendor_status,
                vendor_campaign_id=receipt.vendor_campaign_id,
                recipients_count=receipt.recipients_count,
                scheduled_at=scheduled_at,
                vendor_response=raw_answer(reply.status, reply.content, reply.content_type),
                sync_due_at=first_sync(gateway, adapter, receipt.status),
            )
        )
        view = _view(begun.campaign_id, request.vendor, ROUTE, request.name, begun.created_at, outcome)
        body = jsoncodec.dumps(view)
        return Answer(201, body, "application/json", replace(outcome, response_body=body))

    begin = partial(
        gateway.registry.begin_async,
        tenant=tenant,
        vendor=request.vendor,
        route=ROUTE,
        name=request.name,
        request=campaign,
        request_fingerprint=fingerprint(ROUTE, request.vendor, campaign),
        idempotency_key=idempotency_key,
    )
    registry = gateway.registry
    return await dispatch(
        registry, gateway.breakers[request.vendor], tenant=tenant, vendor=request.vendor, begin=begin, send=send
    )


def _runner(campaign: dict[str, Any]) -> Callable[..., Awaitable[Any]]:
    """Where the campaign is checked and translated: `run_in_threadpool`, or the event loop.

    It is CPU work that grows with the recipients. A large campaign's runs on a worker thread,
    so the event loop gets the GIL back every few milliseconds and its other requests go on. A
    small one's takes less than that, and the hand-offs cost more (50 recipients, 2 workers at
    16 connections: 306 req/s handed off, 363 on the loop).
    """
    recipients = campaign.get("recipients")
    return run_in_threadpool if isinstance(recipients, list) and len(recipients) > ON_LOOP_RECIPIENTS else _here


async def _here(work: Callable[..., T], *args: Any) -> T:
    """`run_in_threadpool`'s signature, running `work` on the event loop."""
    return work(*args)


def _checked(campaign: dict[str, Any]) -> CampaignRequest:
    request, errors = check_campaign(CampaignRequest.model_validate(campaign))
    if errors:
        raise RequestInvalid("The campaign breaks the gateway's rules.", errors=errors)
    return request


async def show(campaign_id: str, refresh: bool = False) -> Response:
    """One campaign of the caller's tenant (another tenant's id is 404, never 403), fresh if asked."""
    gateway, tenant = current(), current_tenant()
    row = await to_thread.run_sync(gateway.registry.get, tenant, campaign_id)
    if row is None:
        raise NotFound(f"No campaign {campaign_id}.")
    if refresh and await refresh_now(gateway, row):
        row = await to_thread.run_sync(gateway.registry.get, tenant, campaign_id) or row
    actions = await to_thread.run_sync(gateway.actions.of, [campaign_id])
    return json_response(campaign_view(row, actions[campaign_id]))


def list_campaigns(limit: int = 20, cursor: str | None = None, **filters: Any) -> Response:
    """The caller's campaigns, newest first."""
    errors: list[ProblemField] = []
    # Connexion's format check lets a trailing newline and instants beyond UTC's range through.
    for bound in ("created_after", "created_before"):
        if isinstance(filters.get(bound), str):
            try:
                filters[bound] = parse_instant(filters[bound])
            except ValueError as exc:
                errors.append(ProblemField(bound, str(exc)))
    if errors:
        raise RequestInvalid("The listing's filters are not valid.", errors=errors)
    gateway = current()
    rows, next_cursor = gateway.registry.page(current_tenant(), filters=filters, limit=limit, cursor=cursor)
    actions = gateway.actions.of(row["id"] for row in rows)
    return json_response(
        {"campaigns": [campaign_view(row, actions[row["id"]]) for row in rows], "next_cursor": next_cursor}
    )


def campaign_view(row: Mapping[str, Any], actions: list[dict[str, Any]]) -> dict[str, Any]:
    """The API's representation of a registry row and its actions."""
    outcome = Finish(
        dispatch=row["dispatch"],
        response_status=0,
        response_body=b"",
        response_type="",
        status=row["status"],
        vendor_status=row["vendor_status"],
        vendor_campaign_id=row["vendor_campaign_id"],
        recipients_count=row["recipients_count"],
        scheduled_at=row["scheduled_at"],
        progress=row.get("progress"),
    )
    view = _view(row["id"], row["vendor"], row["route"], row["name"], row["created_at"], outcome)
    synced_at: datetime | None = row.get("synced_at")
    view["synced_at"] = synced_at.isoformat() if synced_at else None
    view["actions"] = [action_view(action) for action in actions]
    return view


def action_view(action: Mapping[str, Any]) -> dict[str, Any]:
    """One entry of a campaign's `actions`."""
    completed_at: datetime | None = action["completed_at"]
    return {
        "action": action["action"],
        "route": action["route"],
        "dispatch": action["dispatch"],
        "requested_at": action["requested_at"].isoformat(),
        "completed_at": completed_at.isoformat() if completed_at else None,
    }


def _view(
    campaign_id: str, vendor: str, route: str, name: str | None, created_at: datetime, outcome: Finish
) -> dict[str, Any]:
    return {
        "id": campaign_id,
        "vendor": vendor,
        "route": route,
        "vendor_campaign_id": outcome.vendor_campaign_id,
        "name": name,
        "status": outcome.status,
        "vendor_status": outcome.vendor_status,
        "recipients_count": outcome.recipients_count,
        # In UTC, as the registry gives it back: a campaign reads the same when created and later.
        "scheduled_at": outcome.scheduled_at.astimezone(UTC).isoformat() if outcome.scheduled_at else None,
        "created_at": created_at.isoformat(),
        "dispatch": outcome.dispatch,
        "progress": Progress.from_dict(outcome.progress).as_dict(),
        "synced_at": None,
        "actions": [],
    }


async def _dry_run(request: CampaignRequest, run: Callable[..., Awaitable[Any]]) -> dict[str, Any]:
    adapter = current().adapters[request.vendor]
    try:
        prepared = await adapter.prepare(await run(adapter.payload, request))
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
