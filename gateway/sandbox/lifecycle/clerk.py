"""Clerk Chat in the sandbox: a campaign's messages go out and are delivered, batch by batch.

The vendor's words (shared/vendor-docs/clerk-chat.after-create.md): `POST /public/campaigns`
creates and triggers a campaign, optionally for a later `timestamp`; the campaign cannot be
read back (no get, no list) and cannot be paused or cancelled; its messages appear in
`GET /public/messages`, each with its `campaignId`, and a status among `scheduled, sending,
sent, delivered, failed, read`.

Here create answers `scheduled` for a future timestamp, else `running`. The list's contacts are
not known to the sandbox, so their number is made up from the list's name. Messages go out over
`RUN_STEPS` steps from the start: each is `sending` for a step, `sent` for the next, then
`delivered` (a few `failed` instead, always the same ones). Before the start, a scheduled
campaign's messages are listed as `scheduled`. Nothing can change a campaign once created, so
its whole timeline is fixed at creation and each read computes where it stands.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from gateway.sandbox.lifecycle.base import (
    Answer,
    LifeRequest,
    Store,
    VendorLife,
    counter,
    number,
    page_of,
    snapshot,
    stable_number,
    synthetic_phone,
)
from gateway.sandbox.lifecycle.pacing import RUN_STEPS, Pacing, Work, iso, parse_instant

__all__ = ["ClerkLife", "contacts_in"]

# The team, user and inbox the sandbox's API key stands for.
_TEAM, _USER = "1", "1"
_INBOX = "00000000-0000-4000-8000-000000000001"
_MAX_PAGE = 50


def contacts_in(list_name: str) -> int:
    """The size the sandbox gives a contact list: 10 to 29, the same for the same name."""
    return 10 + stable_number("clerk-list", list_name) % 20


@dataclass
class _Message:
    id: str
    conversation_id: str
    member: str
    sends_at: float
    fails: bool

    def status(self, now: float, pacing: Pacing) -> str | None:
        """Where the message stands; None before it exists (an immediate campaign's later ones)."""
        if now < self.sends_at:
            return None
        if now < pacing.after(self.sends_at):
            return "sending"
        if self.fails:
            return "failed"
        return "sent" if now < pacing.after(self.sends_at, 2) else "delivered"

    def updated(self, now: float, pacing: Pacing) -> float:
        return min(now, pacing.after(self.sends_at, 2 if not self.fails else 1))


@dataclass
class _Campaign:
    id: int
    name: str
    body: str
    sender: str
    created_at: float
    starts_at: float
    scheduled: bool
    messages: list[_Message]
    campaign_message_id: str


class ClerkLife(VendorLife):
    """Campaigns of Clerk Chat (`/public/campaigns`, `/public/messages`)."""

    slug = "clerk"

    def __init__(self, pacing: Pacing) -> None:
        super().__init__(pacing)
        self._campaigns: Store[_Campaign] = Store()
        self._next_id = counter()
        self.routes = {
            ("post", "/public/campaigns"): self._create,
            ("get", "/public/messages"): self._messages,
        }

    def _create(self, request: LifeRequest, now: float) -> Answer:
        body: dict[str, Any] = request.body if isinstance(request.body, dict) else {}
        timestamp = body.get("timestamp")
        at = parse_instant(timestamp) if isinstance(timestamp, str) else None
        starts_at = at if at is not None and at > now else now
        list_name = str(body.get("listName", ""))
        campaign_id = self._next_id()
        total = contacts_in(list_name)
        messages = []
        for step in range(RUN_STEPS):
            for index in Work.share(total, range(step, step + 1)):
                messages.append(
                    _Message(
                        id=str(uuid.uuid4()),
                        conversation_id=str(uuid.uuid4()),
                        member=synthetic_phone("clerk-list", list_name, index),
                        sends_at=self.pacing.after(starts_at, step),
                        fails=stable_number(campaign_id, index) % 20 == 0,
                    )
                )
        campaign = _Campaign(
            id=campaign_id,
            name=str(body.get("name") or list_name),
            body=str(body.get("body", "")),
            sender=str(body.get("sender", "")),
            created_at=now,
            starts_at=starts_at,
            scheduled=starts_at > now,
            messages=messages,
            campaign_message_id=str(uuid.uuid4()),
        )
        self._campaigns.add(str(campaign.id), campaign)
        return Answer(201, {"data": self._view(campaign, now)})

    def _messages(self, request: LifeRequest, now: float) -> Answer:
        start = parse_instant(request.query.get("start") or "")
        end = parse_instant(request.query.get("end") or "")
        # Every sandbox message is in the one inbox of the sandbox's team.
        inbox = request.query.get("inboxIds")
        campaigns = list(self._campaigns) if not inbox or inbox == _INBOX else []
        listed: list[tuple[float, dict[str, Any]]] = []
        for campaign in campaigns:
            for message in campaign.messages:
                status = message.status(now, self.pacing)
                if status is None and campaign.scheduled:
                    status = "scheduled"
                created = campaign.created_at if status == "scheduled" else message.sends_at
                if status is None or (start is not None and created < start) or (end is not None and created > end):
                    continue
                listed.append((created, self._message_view(campaign, message, status, now)))
        listed.sort(key=lambda item: item[0], reverse=True)
        page, limit = number(request.query, "page", 1), min(number(request.query, "limit", 10), _MAX_PAGE)
        pages = -(-len(listed) // max(limit, 1))
        return Answer(
            200,
            {
                "data": [message for _, message in page_of(listed, page, limit)],
                "links": {
                    "self": f"/public/messages?page={page}&limit={limit}",
                    "next": f"/public/messages?page={page + 1}&limit={limit}" if page < pages else None,
                    "prev": f"/public/messages?page={page - 1}&limit={limit}" if page > 1 else None,
                },
                "total": len(listed),
            },
        )

    def _status(self, campaign: _Campaign, now: float) -> str:
        if now < campaign.starts_at:
            return "scheduled"
        done = all(message.status(now, self.pacing) in ("delivered", "failed") for message in campaign.messages)
        return "ok" if done else "running"

    def _view(self, campaign: _Campaign, now: float) -> dict[str, Any]:
        return {
            "id": campaign.id,
            "body": campaign.body,
            "teamId": _TEAM,
            "userId": _USER,
            "name": campaign.name,
            "inboxId": _INBOX,
            "status": self._status(campaign, now),
            "created": iso(campaign.created_at),
            "updated": iso(campaign.created_at),
            "error": "",
        }

    def _message_view(self, campaign: _Campaign, message: _Message, status: str, now: float) -> dict[str, Any]:
        failed = status == "failed"
        return {
            "id": message.id,
            "body": campaign.body,
            "conversationId": message.conversation_id,
            "userId": _USER,
            "campaignMessageId": campaign.campaign_message_id,
            "campaignId": campaign.id,
            "channelId": _INBOX,
            "inboxId": _INBOX,
            "inbound": False,
            "members": [campaign.sender, message.member],
            "sender": campaign.sender,
            "senderType": "campaign",
            "status": status,
            "error": "Carrier rejected the message" if failed else None,
            "errorCode": "30007" if failed else None,
            "created": iso(campaign.created_at if status == "scheduled" else message.sends_at),
            "updated": iso(campaign.created_at if status == "scheduled" else message.updated(now, self.pacing)),
            "segments": 1,
            "timestamp": iso(message.sends_at),
        }

    def _snapshot(self, campaign_id: str, now: float) -> dict[str, Any] | None:
        campaign = self._campaigns.get(campaign_id)
        if campaign is None:
            return None
        statuses = [message.status(now, self.pacing) for message in campaign.messages]
        return snapshot(
            campaign.id,
            self._status(campaign, now),
            total=len(statuses),
            attempted=sum(1 for status in statuses if status is not None),
            succeeded=statuses.count("delivered"),
            failed=statuses.count("failed"),
        )

    def _ids(self) -> list[str]:
        return [str(campaign.id) for campaign in self._campaigns]

    def _forget(self) -> None:
        self._campaigns.clear()
