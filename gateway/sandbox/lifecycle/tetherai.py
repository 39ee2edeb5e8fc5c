"""TetherAI in the sandbox: SMS campaigns that are scheduled, sent now, sent, or cancelled.

The vendor's words (shared/vendor-docs/tetherai.after-create.md) are few: create answers
`"status": "scheduled"` for a future `scheduleDate` and a `stats{total, sent, failed,
successRate}` object; `POST /api/campaigns/{id}/send` and `/cancel` exist but their meaning is
not described; every after-create answer is an untyped `ApiResponse`. So most of this is our
reading, kept plain: `draft` (only when the request asks for it), `scheduled`, `sending` (the
stats grow over `RUN_STEPS` steps), `sent`, `cancelled`. `send` sends a draft or scheduled
campaign now; `cancel` stops one that is not sent yet (a sent campaign cannot be cancelled: 400).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from gateway.sandbox.lifecycle.base import Answer, LifeRequest, Store, VendorLife, snapshot, stable_number
from gateway.sandbox.lifecycle.pacing import Event, Pacing, Work, advance, earliest, iso, parse_instant

__all__ = ["TetherAILife"]

# The account the sandbox stands for (the vendor fills these from the bearer token).
_ORGANIZATION = "64ee9a8b1e7f2a0011223344"
_CREATED_BY = {"_id": "64ee9a8b1e7f2a0011223399", "fullName": "Sandbox User"}
# Fields a PATCH may change: the campaign's own content, not its identity, status or stats.
_PATCHABLE = ("name", "message", "scheduleDate", "process", "contactStatus", "isAutopilot", "type")
_FINAL = ("sent", "cancelled")


@dataclass
class _Contact:
    id: str
    phone: str
    fails: bool


@dataclass
class _Campaign:
    id: str
    fields: dict[str, Any]
    """Campaign fields as the request gave them (name, message, scheduleDate, type...)."""
    contacts: list[_Contact]
    created_at: float
    status: str
    updated_at: float
    sends_at: float | None = None
    """When a scheduled campaign starts sending."""
    work: Work = field(default_factory=Work)
    handled: int = 0
    """Contacts sent to (or failed) so far."""


class TetherAILife(VendorLife):
    """Campaigns of TetherAI (`/api/campaigns...`)."""

    slug = "tetherai"

    def __init__(self, pacing: Pacing) -> None:
        super().__init__(pacing)
        self._campaigns: Store[_Campaign] = Store()
        self.routes = {
            ("post", "/api/campaigns"): self._create,
            ("get", "/api/campaigns"): self._list,
            ("get", "/api/campaigns/{id}"): self._get,
            ("patch", "/api/campaigns/{id}"): self._patch,
            ("delete", "/api/campaigns/{id}"): self._delete,
            ("post", "/api/campaigns/{id}/send"): self._send,
            ("post", "/api/campaigns/{id}/cancel"): self._cancel,
        }

    # Operations

    def _create(self, request: LifeRequest, now: float) -> Answer:
        body: dict[str, Any] = request.body if isinstance(request.body, dict) else {}
        campaign_id = secrets.token_hex(12)
        campaign = _Campaign(
            id=campaign_id,
            fields={name: body[name] for name in ("name", *_PATCHABLE) if name in body},
            contacts=_contacts(campaign_id, body),
            created_at=now,
            status="draft",
            updated_at=now,
        )
        # A draft is kept only when asked for (the request's free-form `status`): otherwise a
        # created campaign goes out at its time, or now.
        if body.get("status") != "draft":
            self._schedule(campaign, now)
        self._campaigns.add(campaign.id, campaign)
        return Answer(201, {"success": True, "message": "Campaign created", "data": self._view(campaign)})

    def _list(self, request: LifeRequest, now: float) -> Answer:
        campaigns = list(self._campaigns)
        for campaign in campaigns:
            self._sync(campaign, now)
        return Answer(200, {"success": True, "data": [self._view(campaign) for campaign in reversed(campaigns)]})

    def _get(self, request: LifeRequest, now: float) -> Answer:
        campaign = self._find(request, now)
        if campaign is None:
            return _not_found()
        return Answer(200, {"success": True, "data": self._view(campaign)})

    def _patch(self, request: LifeRequest, now: float) -> Answer:
        campaign = self._find(request, now)
        if campaign is None:
            return _not_found()
        if campaign.status in _FINAL or campaign.status == "sending":
            return _refused(f"Campaign is {campaign.status} and can no longer be changed")
        changes = request.body if isinstance(request.body, dict) else {}
        campaign.fields.update({name: changes[name] for name in _PATCHABLE if name in changes})
        campaign.updated_at = now
        if campaign.status == "scheduled" and "scheduleDate" in changes:
            self._schedule(campaign, now)
            self._sync(campaign, now)
        return Answer(200, {"success": True, "message": "Campaign updated", "data": self._view(campaign)})

    def _delete(self, request: LifeRequest, now: float) -> Answer:
        if self._campaigns.pop(request.params.get("id", "")) is None:
            return _not_found()
        return Answer(200, {"success": True, "message": "Campaign deleted"})

    def _send(self, request: LifeRequest, now: float) -> Answer:
        campaign = self._find(request, now)
        if campaign is None:
            return _not_found()
        if campaign.status not in ("draft", "scheduled"):
            return _refused(f"Campaign is {campaign.status} and cannot be sent again")
        self._sending(campaign, now)
        return Answer(200, {"success": True, "message": "Campaign is being sent", "data": self._view(campaign)})

    def _cancel(self, request: LifeRequest, now: float) -> Answer:
        campaign = self._find(request, now)
        if campaign is None:
            return _not_found()
        if campaign.status in _FINAL:
            return _refused(f"Campaign is {campaign.status} and cannot be cancelled")
        campaign.status, campaign.sends_at, campaign.updated_at = "cancelled", None, now
        campaign.work.stop()
        return Answer(200, {"success": True, "message": "Campaign cancelled", "data": self._view(campaign)})

    # State

    def _find(self, request: LifeRequest, now: float) -> _Campaign | None:
        campaign = self._campaigns.get(request.params.get("id", ""))
        if campaign is not None:
            self._sync(campaign, now)
        return campaign

    def _schedule(self, campaign: _Campaign, now: float) -> None:
        text = campaign.fields.get("scheduleDate")
        at = parse_instant(text) if isinstance(text, str) else None
        if at is not None and at > now:
            campaign.status, campaign.sends_at = "scheduled", at
        else:
            self._sending(campaign, now)

    def _sending(self, campaign: _Campaign, at: float) -> None:
        campaign.status, campaign.sends_at, campaign.updated_at = "sending", None, at
        campaign.work.start(at)

    def _sync(self, campaign: _Campaign, now: float) -> None:
        def next_event() -> Event | None:
            step = campaign.work.next_step(self.pacing)
            return earliest(
                (step, lambda at: self._step(campaign, at)) if step is not None else None,
                (campaign.sends_at, lambda at: self._sending(campaign, at)) if campaign.sends_at is not None else None,
            )

        advance(now, next_event)

    def _step(self, campaign: _Campaign, at: float) -> None:
        handled = Work.share(len(campaign.contacts), campaign.work.step(at))
        campaign.handled, campaign.updated_at = handled.stop, at
        if campaign.work.finished:
            campaign.status = "sent"

    # Views

    def _view(self, campaign: _Campaign) -> dict[str, Any]:
        handled = campaign.contacts[: campaign.handled]
        failed = [contact for contact in handled if contact.fails]
        sent = len(handled) - len(failed)
        return {
            "_id": campaign.id,
            "organizationId": _ORGANIZATION,
            **campaign.fields,
            "userIds": [contact.id for contact in campaign.contacts],
            "status": campaign.status,
            "createdBy": dict(_CREATED_BY),
            "failedUserIds": [contact.id for contact in failed],
            "failedDetails": [
                {"userId": contact.id, "phoneNumber": contact.phone, "error": "Carrier rejected the message"}
                for contact in failed
            ],
            "stats": {
                "total": len(campaign.contacts),
                "sent": sent,
                "failed": len(failed),
                "successRate": f"{round(100 * sent / len(handled)) if handled else 0}%",
            },
            "createdAt": iso(campaign.created_at),
            "updatedAt": iso(campaign.updated_at),
        }

    def _snapshot(self, campaign_id: str, now: float) -> dict[str, Any] | None:
        campaign = self._campaigns.get(campaign_id)
        if campaign is None:
            return None
        self._sync(campaign, now)
        handled = campaign.contacts[: campaign.handled]
        failed = sum(1 for contact in handled if contact.fails)
        return snapshot(
            campaign.id,
            campaign.status,
            total=len(campaign.contacts),
            attempted=len(handled),
            succeeded=len(handled) - failed,
            failed=failed,
            steps_done=campaign.work.done,
        )

    def _ids(self) -> list[str]:
        return [campaign.id for campaign in self._campaigns]

    def _forget(self) -> None:
        self._campaigns.clear()


def _contacts(campaign_id: str, body: dict[str, Any]) -> list[_Contact]:
    """Everyone the campaign goes to: new contacts (given fresh ids), existing ones, legacy ids."""
    found: list[tuple[str, str]] = []
    for contact in body.get("newContacts") or []:
        found.append((secrets.token_hex(12), str(contact.get("phoneNumber", "")) if isinstance(contact, dict) else ""))
    for contact in body.get("selectedExistingContacts") or []:
        if isinstance(contact, dict):
            found.append((str(contact.get("_id") or secrets.token_hex(12)), str(contact.get("phoneNumber", ""))))
    found.extend((str(user_id), "") for user_id in body.get("userIds") or [])
    # About one message in ten fails, always the same ones for the same campaign.
    return [
        _Contact(id=contact_id, phone=phone, fails=stable_number(campaign_id, index) % 10 == 0)
        for index, (contact_id, phone) in enumerate(found)
    ]


def _not_found() -> Answer:
    # TetherAI documents no not-found answer: a 404 in its error shape.
    return Answer(404, {"success": False, "message": "Campaign not found"})


def _refused(reason: str) -> Answer:
    return Answer(400, {"success": False, "message": reason})
