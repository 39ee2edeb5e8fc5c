"""The events the gateway writes about the changes it makes or reads itself.

Each is written in the transaction of its change (gateway/events/outbox.py): a campaign the
vendor accepted (`campaign.created`), an action settled (`campaign.action_completed`), a status
moved by an action's answer or by the status sync (`campaign.status_changed`), and new progress
counts read by the sync (`campaign.progress`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, bindparam, false, insert, literal, select
from sqlalchemy.engine import Dialect

from gateway.events.model import NewEvent, Source, new_event_id
from gateway.events.outbox import EVENT_COLUMNS
from gateway.store.driver import DriverStatement
from gateway.store.outcome import Finish
from gateway.store.schema import campaigns, events

__all__ = [
    "CAMPAIGN_REF",
    "CampaignRef",
    "action_completed_event",
    "created_statement",
    "created_values",
    "state_change_events",
]

CampaignRef = Mapping[Any, Any]  # a campaigns row with CAMPAIGN_REF's columns
# What an event needs of its campaign, and what a state change is compared with.
CAMPAIGN_REF = (
    campaigns.c.id,
    campaigns.c.tenant,
    campaigns.c.vendor,
    campaigns.c.vendor_campaign_id,
    campaigns.c.status,
    campaigns.c.progress,
)

# campaign.created, written beside the create's outcome in the same driver-level transaction
# (gateway/store/registry.py's hot path): the campaign row supplies who and where.
_CREATED = insert(events).from_select(
    [column for column in EVENT_COLUMNS if column not in ("account", "dedupe_key")],
    select(
        bindparam("e_id", type_=String),
        literal("campaign.created", String),
        bindparam("e_now", type_=campaigns.c.created_at.type),
        bindparam("e_now2", type_=campaigns.c.created_at.type),
        campaigns.c.tenant,
        campaigns.c.id,
        campaigns.c.vendor,
        campaigns.c.vendor_campaign_id,
        literal("gateway", String),
        bindparam("e_data", type_=JSON),
        false(),
    ).where(campaigns.c.id == bindparam("e_campaign")),
)


def created_statement(dialect: Dialect) -> DriverStatement:
    """The campaign.created INSERT, compiled for the registry's driver-level writes."""
    return DriverStatement(_CREATED, dialect)


def created_values(campaign_id: str, outcome: Finish, now: datetime) -> dict[str, Any]:
    """The parameters of `created_statement` for a campaign the vendor accepted."""
    return {
        "e_id": new_event_id(),
        "e_now": now,
        "e_now2": now,
        "e_campaign": campaign_id,
        "e_data": {
            "status": outcome.status,
            "vendor_status": outcome.vendor_status,
            "recipients_count": outcome.recipients_count,
            "scheduled_at": outcome.scheduled_at.isoformat() if outcome.scheduled_at else None,
        },
    }


def _event(campaign: CampaignRef, type_: str, source: Source, now: datetime, data: dict[str, Any]) -> NewEvent:
    return NewEvent(
        type=type_,
        occurred_at=now,
        received_at=now,
        source=source,
        data=data,
        tenant=campaign["tenant"],
        campaign_id=campaign["id"],
        vendor=campaign["vendor"],
        vendor_campaign_id=campaign["vendor_campaign_id"],
    )


def state_change_events(
    campaign: CampaignRef,
    *,
    before: str | None,
    after: Finish,
    progress_before: Mapping[str, Any] | None,
    source: Source,
    now: datetime,
) -> list[NewEvent]:
    """campaign.status_changed and campaign.progress, where the new state differs from the old."""
    found = []
    if after.status is not None and after.status != before:
        data = {"from": before, "to": after.status, "vendor_status": after.vendor_status}
        found.append(_event(campaign, "campaign.status_changed", source, now, data))
    if after.progress is not None and dict(after.progress) != dict(progress_before or {}):
        found.append(_event(campaign, "campaign.progress", source, now, dict(after.progress)))
    return found


def action_completed_event(
    campaign: CampaignRef, *, action: str, dispatch: str, status: str | None, now: datetime
) -> NewEvent:
    """campaign.action_completed: what was asked, and whether the vendor did it."""
    data = {"action": action, "dispatch": dispatch, "status": status}
    return _event(campaign, "campaign.action_completed", "gateway", now, data)
