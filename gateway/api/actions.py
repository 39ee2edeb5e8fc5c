"""POST /v1/campaigns/{id}/start|pause|resume|cancel: one action on a campaign, through the ledger.

Checked in the order LIFECYCLE.md gives: an unknown or another tenant's id is 404; a vendor
that documents no way to do the action is 501 (static, whatever the campaign's state); a
campaign the vendor never accepted, or whose status does not allow the action, is 409. The
status is checked again inside the transaction that records the action, so two requests
racing cannot both send it. The vendor's answer decides the reply: 200 when it tells the new
state, 202 when it only queued the change (the status shows the change under way).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from anyio import to_thread
from connexion import request as current_http_request
from starlette.responses import Response

from gateway import jsoncodec
from gateway.api.campaigns import campaign_view
from gateway.api.context import current, current_tenant
from gateway.api.dispatch import Answer, dispatch, replayed
from gateway.api.responses import json_response
from gateway.errors import ActionUnsupported, InvalidTransition, NotFound
from gateway.lifecycle import ALLOWED_FROM, QUEUED_STATUS, Action, allows
from gateway.service import Gateway
from gateway.store.outcome import Finish, fit_outcome, raw_answer
from gateway.store.registry import Begun, fingerprint
from gateway.sync import read_state, soon
from gateway.vendors import Adapter, raise_for_reply
from generated.models.gateway import DryRun, VendorRequest

__all__ = ["cancel", "pause", "resume", "run_action", "start"]


async def start(campaign_id: str, dry_run: bool = False) -> Response:
    """Start now a campaign the vendor holds as a draft or scheduled for later."""
    return await _act("start", campaign_id, dry_run)


async def pause(campaign_id: str, dry_run: bool = False) -> Response:
    """Stop dialling or sending, keep the campaign."""
    return await _act("pause", campaign_id, dry_run)


async def resume(campaign_id: str, dry_run: bool = False) -> Response:
    """Continue a paused campaign."""
    return await _act("resume", campaign_id, dry_run)


async def cancel(campaign_id: str, dry_run: bool = False) -> Response:
    """Stop the campaign for good."""
    return await _act("cancel", campaign_id, dry_run)


async def _act(action: Action, campaign_id: str, dry_run: bool) -> Response:
    gateway, tenant = current(), current_tenant()
    idempotency_key = None if dry_run else current_http_request.headers.get("Idempotency-Key")
    return await run_action(gateway, tenant, campaign_id, action, idempotency_key=idempotency_key, dry_run=dry_run)


async def run_action(
    gateway: Gateway,
    tenant: str,
    campaign_id: str,
    action: Action,
    *,
    idempotency_key: str | None,
    dry_run: bool = False,
) -> Response:
    """Check, record, send once and settle one vendor-neutral action (or show it, with `dry_run`)."""
    row = await to_thread.run_sync(gateway.registry.get, tenant, campaign_id)
    if row is None:
        raise NotFound(f"No campaign {campaign_id}.")
    vendor = row["vendor"]
    reason = gateway.adapters[vendor].refusal(action)
    if reason is not None:
        raise ActionUnsupported(
            f"{vendor} cannot {action} a campaign: {reason}", vendor=vendor, action=action, reason=reason
        )
    route = f"campaigns/{campaign_id}/{action}"
    request_fingerprint = fingerprint(route, vendor, None)
    if idempotency_key is not None:  # a replay answers as the first time, whatever the status is now
        earlier = await to_thread.run_sync(gateway.registry.earlier, tenant, idempotency_key, request_fingerprint)
        if earlier is not None:
            return replayed(earlier)
    check = partial(_check_transition, action)
    check(row)  # again when the action is recorded, against the row as it then is
    adapter = await gateway.live_adapter_async(vendor, tenant)
    call = adapter.lifecycle_call(action, row["vendor_campaign_id"])
    if dry_run:
        return json_response(await _dry_run(adapter, call))
    if await _outcome_in_doubt(gateway, campaign_id):
        # The last action may have been done: read the vendor's state before deciding on this one.
        state = await read_state(gateway, adapter, row["vendor_campaign_id"])
        if state is not None:
            await to_thread.run_sync(
                lambda: gateway.sync_queue.record(
                    campaign_id, state, next_due=soon(gateway, adapter, state.status), streak=0
                )
            )
    begin = partial(
        gateway.actions.begin_async,
        tenant=tenant,
        campaign_id=campaign_id,
        action=action,
        route=route,
        request_fingerprint=request_fingerprint,
        idempotency_key=idempotency_key,
        check=check,
    )

    async def send(begun: Begun) -> Answer:
        reply = await adapter.call(call)
        raise_for_reply(vendor, reply, subject="action")
        state = adapter.answer_state(reply)
        if state is None:  # the vendor queued the change
            code, status, vendor_status, progress = 202, QUEUED_STATUS[action], row["vendor_status"], None
        else:
            code, status, vendor_status = 200, state.status, state.vendor_status
            progress = None if state.progress is None else state.progress.as_dict()
        outcome = fit_outcome(
            Finish(
                dispatch="accepted",
                response_status=code,
                response_body=b"",
                response_type="application/json",
                status=status,
                vendor_status=vendor_status,
                progress=progress,
                sync_due_at=soon(gateway, adapter, status),
                vendor_response=raw_answer(reply.status, reply.content, reply.content_type),
            )
        )
        body = jsoncodec.dumps(await _view_after(gateway, row, begun, outcome))
        return Answer(code, body, "application/json", replace(outcome, response_body=body))

    return await dispatch(
        gateway.actions, gateway.breakers[vendor], tenant=tenant, vendor=vendor, begin=begin, send=send
    )


def _check_transition(action: Action, row: Mapping[str, Any]) -> None:
    """409 when the vendor never accepted the campaign, or its status does not allow `action`."""
    allowed = ALLOWED_FROM[action]
    if row["dispatch"] != "accepted" or not row["vendor_campaign_id"]:
        raise InvalidTransition(
            f"The vendor has not accepted campaign {row['id']} (dispatch {row['dispatch']}): "
            f"there is nothing to {action}.",
            campaign_id=row["id"],
            current=row["status"],
            allowed=allowed,
        )
    if not allows(action, row["status"]):
        raise InvalidTransition(
            f"A campaign that is {row['status']} cannot {action}; it must be {', '.join(allowed)}.",
            campaign_id=row["id"],
            current=row["status"],
            allowed=allowed,
        )


async def _outcome_in_doubt(gateway: Gateway, campaign_id: str) -> bool:
    actions = (await to_thread.run_sync(gateway.actions.of, [campaign_id]))[campaign_id]
    return bool(actions) and actions[-1]["dispatch"] == "unknown"


async def _view_after(gateway: Gateway, row: Mapping[str, Any], begun: Begun, outcome: Finish) -> dict[str, Any]:
    """The campaign as it will read once this action's outcome is recorded."""
    actions = (await to_thread.run_sync(gateway.actions.of, [begun.campaign_id]))[begun.campaign_id]
    now = gateway.registry.clock()
    entries = [
        {**entry, "dispatch": "accepted", "completed_at": now} if entry["id"] == begun.action_id else entry
        for entry in actions
    ]
    updated = {**row, "status": outcome.status, "vendor_status": outcome.vendor_status}
    if outcome.progress is not None:
        updated["progress"] = outcome.progress
    return campaign_view(updated, entries)


async def _dry_run(adapter: Adapter, call: Any) -> dict[str, Any]:
    prepared = await adapter.prepare_call(call)
    request = VendorRequest.model_validate(
        {"method": prepared.method, "path": prepared.path, "headers": prepared.headers, "body": prepared.body}
    )
    return DryRun(vendor=adapter.slug, would_send=True, request=request, violations=[]).model_dump(
        mode="json", exclude_none=True
    )
