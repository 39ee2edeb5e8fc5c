"""Smallest AI Atoms in the sandbox: campaigns that are started, dial, pause, resume and finish.

The vendor's words (shared/vendor-docs/smallest-atoms.after-create.md):
- created `draft`, or `scheduled` when `scheduledAt` is given; a scheduled campaign "auto-dials
  at the specified time";
- `POST /campaign/{id}/start` answers 202 while the start is only queued (`processing`, our
  reading of that status), then `running`; it also resumes a `paused` campaign;
- `POST /campaign/{id}/pause` answers 200 while the pause is only queued; `paused` later, with
  `pausedAt`;
- `completed` once every participant was called; `DELETE` removes the campaign and its calls;
- metrics count calls attempted (`active`, `completed`, `no_answer`...) and connected
  (`completed`); `GET /conversation?campaignIds=` lists a campaign's calls.

Here a queued change takes effect one step after it was asked for; a running campaign calls
its participants over `RUN_STEPS` steps, each call `active` for one step, then `completed` or
`no_answer`. The audience is not known to the sandbox, so its size is made up from its id.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from gateway.sandbox.lifecycle.base import (
    Answer,
    LifeRequest,
    Store,
    VendorLife,
    number,
    page_of,
    snapshot,
    stable_number,
    synthetic_phone,
)
from gateway.sandbox.lifecycle.pacing import Event, Pacing, Work, advance, earliest, iso, parse_instant

__all__ = ["SmallestLife", "participants_of"]

# Fixed ids for the account the sandbox stands for (the vendor fills them from the API key).
_ORGANIZATION = "64ee9a8b1e7f2a0011223344"
_USER = "64ee9a8b1e7f2a0011223399"
_NOT_FOUND = "Campaign not found"
_CALL_NOT_FOUND = "Conversation log not found"
# The vendor's list page sizes: `offset` "Number of campaigns per page" (default 5) and `limit`
# for calls (default 5, "values above 500 are silently clamped").
_CAMPAIGN_PAGE, _CALL_PAGE, _MAX_CALL_PAGE = 5, 5, 500


def participants_of(audience_id: str) -> int:
    """The size the sandbox gives an audience: 10 to 29, the same for the same id."""
    return 10 + stable_number("smallest-audience", audience_id) % 20


@dataclass
class _Call:
    index: int
    log_id: str
    call_id: str
    to: str
    placed_at: float
    connected: bool
    duration: int

    def status(self, now: float, pacing: Pacing) -> str:
        if now < pacing.after(self.placed_at):
            return "active"
        return "completed" if self.connected else "no_answer"

    def updated_at(self, now: float, pacing: Pacing) -> float:
        return min(now, pacing.after(self.placed_at))


@dataclass
class _Campaign:
    id: str
    name: str
    description: str | None
    agent_id: str
    audience_id: str
    max_retries: int
    retry_delay: int
    scheduled_text: str | None
    starts_at: float | None
    """When a scheduled campaign dials by itself (never before its creation)."""
    created_at: float
    total: int
    status: str
    updated_at: float
    paused_at: float | None = None
    run_due: float | None = None
    """When a queued start or resume takes effect."""
    pause_due: float | None = None
    """When a queued pause takes effect."""
    work: Work = field(default_factory=Work)
    calls: list[_Call] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


class SmallestLife(VendorLife):
    """Campaigns of Smallest AI Atoms (`/campaign...`, `/conversation...`)."""

    slug = "smallest"

    def __init__(self, pacing: Pacing) -> None:
        super().__init__(pacing)
        self._campaigns: Store[_Campaign] = Store(self._drop_calls)
        self._calls: dict[str, tuple[str, int]] = {}
        """callId -> (campaign id, index in its calls)."""
        self.routes = {
            ("post", "/campaign"): self._create,
            ("get", "/campaign"): self._list,
            ("get", "/campaign/{id}"): self._get,
            ("delete", "/campaign/{id}"): self._delete,
            ("post", "/campaign/{id}/start"): self._start,
            ("post", "/campaign/{id}/pause"): self._pause,
            ("get", "/conversation"): self._conversations,
            ("get", "/conversation/{id}"): self._conversation,
        }

    # Operations

    def _create(self, request: LifeRequest, now: float) -> Answer:
        body: dict[str, Any] = request.body if isinstance(request.body, dict) else {}
        scheduled_text = body.get("scheduledAt")
        scheduled = parse_instant(scheduled_text) if isinstance(scheduled_text, str) else None
        campaign = _Campaign(
            id=secrets.token_hex(12),
            name=str(body.get("name", "")),
            description=body.get("description"),
            agent_id=str(body.get("agentId", "")),
            audience_id=str(body.get("audienceId", "")),
            max_retries=int(body.get("maxRetries", 3)),
            retry_delay=int(body.get("retryDelay", 15)),
            scheduled_text=scheduled_text if scheduled is not None else None,
            # The vendor wants a future time; one already past dials at once rather than
            # replaying a campaign that "ran" before it existed.
            starts_at=max(scheduled, now) if scheduled is not None else None,
            created_at=now,
            total=participants_of(str(body.get("audienceId", ""))),
            status="scheduled" if scheduled is not None else "draft",
            updated_at=now,
        )
        self._record(campaign, now, "created", "api")
        self._campaigns.add(campaign.id, campaign)
        data = {
            "_id": campaign.id,
            "name": campaign.name,
            **({"description": campaign.description} if campaign.description is not None else {}),
            "organization": _ORGANIZATION,
            "agentId": campaign.agent_id,
            "createdBy": _USER,
            "audienceId": campaign.audience_id,
            "participantsCount": campaign.total,
            **({"scheduledAt": campaign.scheduled_text} if campaign.scheduled_text else {}),
            "maxRetries": campaign.max_retries,
            "retryDelay": campaign.retry_delay,
            "retryAttempts": 0,
            "status": campaign.status,
            "createdAt": iso(now),
            "updatedAt": iso(now),
        }
        return Answer(201, {"status": True, "data": data})

    def _list(self, request: LifeRequest, now: float) -> Answer:
        campaigns = list(self._campaigns)
        for campaign in campaigns:
            self._sync(campaign, now)
        total_count = len(campaigns)
        wanted = request.query.get("status")
        search = (request.query.get("search") or "").casefold()
        chosen = [
            campaign
            for campaign in campaigns
            if (not wanted or campaign.status == wanted) and search in campaign.name.casefold()
        ]
        by_updated = request.query.get("sortField") == "updatedAt"
        chosen.sort(
            key=lambda campaign: campaign.updated_at if by_updated else campaign.created_at,
            reverse=request.query.get("sortOrder", "desc") == "desc",
        )
        page, size = number(request.query, "page", 1), number(request.query, "offset", _CAMPAIGN_PAGE)
        shown = page_of(chosen, page, size)
        pages = -(-len(chosen) // max(size, 1))
        return Answer(
            200,
            {
                "status": True,
                "data": {
                    "campaigns": [self._view(campaign) for campaign in shown],
                    "pagination": {
                        "total": len(chosen),
                        "page": page,
                        "offset": size,
                        "hasMore": page < pages,
                        "totalPages": pages,
                    },
                    "totalCampaignCount": total_count,
                },
            },
        )

    def _get(self, request: LifeRequest, now: float) -> Answer:
        campaign = self._find(request, now)
        if campaign is None:
            return _not_found()
        connected = sum(1 for call in campaign.calls if call.status(now, self.pacing) == "completed")
        return Answer(
            200,
            {
                "status": True,
                "data": {
                    "campaign": self._view(campaign),
                    "events": list(campaign.events),
                    "metrics": {
                        "total_participants": campaign.total,
                        "contacts_called": len(campaign.calls),
                        "contacts_connected": connected,
                    },
                },
            },
        )

    def _delete(self, request: LifeRequest, now: float) -> Answer:
        campaign = self._campaigns.pop(request.params.get("id", ""))
        if campaign is None:
            return _not_found()
        self._drop_calls(campaign)
        return Answer(200, {"status": True})

    def _start(self, request: LifeRequest, now: float) -> Answer:
        campaign = self._find(request, now)
        if campaign is None:
            return _not_found()
        if campaign.status in ("completed", "failed"):
            return _refused(f"Campaign is {campaign.status} and cannot be started")
        if campaign.status == "running" and campaign.pause_due is None:
            return _refused("Campaign is already running")
        # Starting a campaign whose pause is still queued keeps it running: the pause is dropped.
        campaign.pause_due = None
        if campaign.status in ("draft", "scheduled", "paused"):
            action = "resumed" if campaign.status == "paused" else "started"
            campaign.status, campaign.run_due, campaign.updated_at = "processing", self.pacing.after(now), now
            self._record(campaign, now, f"{action} (queued)", "api")
        return Answer(
            202,
            {
                "status": True,
                "data": {
                    "message": "Campaign is being processed",
                    "taskId": secrets.token_hex(12),
                    "campaignId": campaign.id,
                },
            },
        )

    def _pause(self, request: LifeRequest, now: float) -> Answer:
        campaign = self._find(request, now)
        if campaign is None:
            return _not_found()
        if campaign.status not in ("processing", "running"):
            return _refused(f"Campaign is {campaign.status}; only a running campaign can be paused")
        if campaign.pause_due is None:
            campaign.pause_due = self.pacing.after(now)
            self._record(campaign, now, "paused (queued)", "api")
        return Answer(200, {"status": True})

    def _conversations(self, request: LifeRequest, now: float) -> Answer:
        wanted = _csv(request.query.get("campaignIds"))
        agents = _csv(request.query.get("agentIds"))
        statuses = _csv(request.query.get("statusFilter"))
        search = request.query.get("search") or ""
        call_types = _csv(request.query.get("callTypes"))
        if call_types and "telephony_outbound" not in call_types:
            return self._log_page([], request)  # every sandbox call is a campaign's outbound call
        logs: list[tuple[float, dict[str, Any]]] = []
        for campaign in self._campaigns:
            if (wanted and campaign.id not in wanted) or (agents and campaign.agent_id not in agents):
                continue
            self._sync(campaign, now)
            for call in campaign.calls:
                status = call.status(now, self.pacing)
                log = self._log(campaign, call, status)
                # The vendor's search: "callId, fromNumber, or toNumber".
                found = not search or any(search in str(log[key]) for key in ("callId", "from", "to"))
                if found and (not statuses or status in statuses):
                    logs.append((call.updated_at(now, self.pacing), log))
        # The vendor's default order: most recently updated first.
        logs.sort(key=lambda item: item[0], reverse=True)
        return self._log_page([log for _, log in logs], request)

    def _log_page(self, logs: list[dict[str, Any]], request: LifeRequest) -> Answer:
        page = number(request.query, "page", 1)
        size = min(number(request.query, "limit", _CALL_PAGE), _MAX_CALL_PAGE)
        pages = -(-len(logs) // max(size, 1))
        return Answer(
            200,
            {
                "status": True,
                "data": {
                    "logs": page_of(logs, page, size),
                    "pagination": {
                        "total": len(logs),
                        "page": page,
                        "limit": size,
                        "hasMore": page < pages,
                        "totalPages": pages,
                    },
                },
            },
        )

    def _conversation(self, request: LifeRequest, now: float) -> Answer:
        where = self._calls.get(request.params.get("id", ""))
        campaign = self._campaigns.get(where[0]) if where else None
        if where is None or campaign is None:
            return Answer(404, {"status": False, "errors": [_CALL_NOT_FOUND]})
        self._sync(campaign, now)
        call = campaign.calls[where[1]]
        log = self._log(campaign, call, call.status(now, self.pacing))
        data = {key: log[key] for key in ("_id", "callId", "status", "duration", "from", "to", "type")}
        data.update(transcript=[], variables={}, events=[])
        return Answer(200, {"status": True, "data": data})

    # State

    def _drop_calls(self, campaign: _Campaign) -> None:
        for call in campaign.calls:
            self._calls.pop(call.call_id, None)

    def _find(self, request: LifeRequest, now: float) -> _Campaign | None:
        campaign = self._campaigns.get(request.params.get("id", ""))
        if campaign is not None:
            self._sync(campaign, now)
        return campaign

    def _sync(self, campaign: _Campaign, now: float) -> None:
        advance(now, lambda: self._next_event(campaign))

    def _next_event(self, campaign: _Campaign) -> Event | None:
        step = campaign.work.next_step(self.pacing)
        return earliest(
            (step, lambda at: self._step(campaign, at)) if step is not None else None,
            (campaign.pause_due, lambda at: self._paused(campaign, at)) if campaign.pause_due is not None else None,
            (campaign.run_due, lambda at: self._running(campaign, at, "api")) if campaign.run_due is not None else None,
            (campaign.starts_at, lambda at: self._running(campaign, at, "schedule"))
            if campaign.status == "scheduled" and campaign.starts_at is not None
            else None,
        )

    def _running(self, campaign: _Campaign, at: float, source: str) -> None:
        action = "resumed" if campaign.work.done else "started"
        campaign.status, campaign.run_due, campaign.updated_at = "running", None, at
        campaign.work.start(at)
        self._record(campaign, at, action, source)

    def _paused(self, campaign: _Campaign, at: float) -> None:
        campaign.pause_due = None
        if campaign.status in ("processing", "running"):
            campaign.status, campaign.paused_at, campaign.updated_at = "paused", at, at
            campaign.run_due = None
            campaign.work.stop()
            self._record(campaign, at, "paused", "api")

    def _step(self, campaign: _Campaign, at: float) -> None:
        for index in Work.share(campaign.total, campaign.work.step(at)):
            draw = stable_number(campaign.id, index)
            call = _Call(
                index=index,
                log_id=secrets.token_hex(12),
                call_id=f"CALL-{int(at * 1000):013d}-{secrets.token_hex(3)}",
                to=synthetic_phone(campaign.audience_id, index),
                placed_at=at,
                connected=draw % 4 != 0,
                duration=30 + draw % 150,
            )
            self._calls[call.call_id] = (campaign.id, len(campaign.calls))
            campaign.calls.append(call)
        campaign.updated_at = at
        if campaign.work.finished:
            campaign.status, campaign.pause_due = "completed", None
            self._record(campaign, at, "completed", "system")

    def _record(self, campaign: _Campaign, at: float, action: str, source: str) -> None:
        stamp = iso(at)
        campaign.events.append(
            {
                "_id": secrets.token_hex(12),
                "triggerSource": source,
                "eventAction": action,
                "createdAt": stamp,
                "updatedAt": stamp,
            }
        )

    # Views

    def _view(self, campaign: _Campaign) -> dict[str, Any]:
        view: dict[str, Any] = {
            "_id": campaign.id,
            "name": campaign.name,
            "organization": _ORGANIZATION,
            "agent": {"_id": campaign.agent_id},
            "audience": {"_id": campaign.audience_id},
            "createdBy": _USER,
            "participantsCount": campaign.total,
            "status": campaign.status,
            "maxRetries": campaign.max_retries,
            "retryDelay": campaign.retry_delay,
            "retryAttempts": 0,
            "cancelledCallsCount": 0,
            "createdAt": iso(campaign.created_at),
            "updatedAt": iso(campaign.updated_at),
        }
        if campaign.description is not None:
            view["description"] = campaign.description
        if campaign.scheduled_text:
            view["scheduledAt"] = campaign.scheduled_text
        if campaign.paused_at is not None:
            view["pausedAt"] = iso(campaign.paused_at)
        return view

    def _log(self, campaign: _Campaign, call: _Call, status: str) -> dict[str, Any]:
        return {
            "_id": call.log_id,
            "callId": call.call_id,
            "status": status,
            "duration": call.duration if status == "completed" else 0,
            "from": synthetic_phone("smallest-agent", campaign.agent_id),
            "to": call.to,
            "type": "telephony_outbound",
            "agentId": campaign.agent_id,
            "retryCount": 0,
            "createdAt": iso(call.placed_at),
        }

    def _snapshot(self, campaign_id: str, now: float) -> dict[str, Any] | None:
        campaign = self._campaigns.get(campaign_id)
        if campaign is None:
            return None
        self._sync(campaign, now)
        statuses = [call.status(now, self.pacing) for call in campaign.calls]
        return snapshot(
            campaign.id,
            campaign.status,
            total=campaign.total,
            attempted=len(statuses),
            succeeded=statuses.count("completed"),
            failed=statuses.count("no_answer"),
            steps_done=campaign.work.done,
            queued=_queued(campaign),
        )

    def _ids(self) -> list[str]:
        return [campaign.id for campaign in self._campaigns]

    def _forget(self) -> None:
        self._campaigns.clear()
        self._calls.clear()


def _queued(campaign: _Campaign) -> str | None:
    if campaign.pause_due is not None:
        return "pause"
    return "run" if campaign.run_due is not None else None


def _csv(value: str | None) -> set[str]:
    return {item.strip() for item in (value or "").split(",") if item.strip()}


def _not_found() -> Answer:
    return Answer(404, {"status": False, "errors": [_NOT_FOUND]})


def _refused(reason: str) -> Answer:
    # The vendor documents a 400 for these operations but not its wording.
    return Answer(400, {"status": False, "errors": [reason]})
