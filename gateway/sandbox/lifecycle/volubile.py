"""Volubile in the sandbox: ACTIVE, PAUSED and CANCELLED campaigns whose recipients get calls.

The vendor's words (shared/vendor-docs/volubile.after-create.md): a campaign's status is one of
`ACTIVE`, `PAUSED`, `CANCELLED`, set by `POST /v1/campaigns/{id}/status` with a bare JSON
string, which answers the campaign; `GET /v1/campaigns/{id}` reads it; calls are listed by
`GET /v1/calls` (filtered by campaign *name*: a call carries no campaign id) and read by
`GET /v1/calls/{id}`. Nothing documents a finished campaign, so one whose recipients have all
been called stays `ACTIVE`.

Here a status change is immediate (the vendor answers with the changed campaign). An ACTIVE
campaign calls its recipients over `RUN_STEPS` steps from its `startDate` (midnight in its
timezone) or its creation, whichever is later; each call is `IN_PROGRESS` for one step, then
ends. Time slots and days are not honoured, so a sandbox campaign progresses at any hour.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from gateway.sandbox.lifecycle.base import Answer, LifeRequest, Store, VendorLife, number, page_of, snapshot
from gateway.sandbox.lifecycle.pacing import Pacing, Work, advance, iso

__all__ = ["VolubileLife"]

_STATUSES = ("ACTIVE", "PAUSED", "CANCELLED")
# Fields of CampaignResponse that are the request's own, answered as sent.
_ECHOED = ("name", "agentId", "startDate", "timeSlots", "batchSize", "retry", "days", "timezone")
# How calls end, in the vendor's words; most reach someone.
_ENDINGS = ("COMPLETED", "COMPLETED", "COMPLETED", "NO_ANSWER", "VOICE_BOX")
_CALL_PAGE, _MAX_CALL_PAGE = 20, 100
# Query names for the calls list are not all captured from the vendor's page; each filter
# takes the names the spec may use for it.
_CAMPAIGN_FILTERS = ("campaign", "campaignName")
_AGENT_FILTERS = ("agentId", "agent")
_PHONE_FILTERS = ("phone", "phoneNumber")


@dataclass
class _Call:
    id: str
    phone: str
    context: dict[str, Any]
    placed_at: float
    ending: str
    duration: int

    def status(self, now: float, pacing: Pacing) -> str:
        return "IN_PROGRESS" if now < pacing.after(self.placed_at) else self.ending


@dataclass
class _Campaign:
    id: str
    fields: dict[str, Any]
    """The CampaignResponse fields taken from the request."""
    recipients: list[dict[str, Any]]
    opens_at: float
    """When calls may begin: the start date, or the creation if later."""
    created_at: float
    status: str
    work: Work = field(default_factory=Work)
    calls: list[_Call] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.fields.get("name", ""))


class VolubileLife(VendorLife):
    """Campaigns of Volubile (`/v1/campaigns...`, `/v1/calls...`)."""

    slug = "volubile"

    def __init__(self, pacing: Pacing) -> None:
        super().__init__(pacing)
        self._campaigns: Store[_Campaign] = Store(self._drop_calls)
        self._calls: dict[str, tuple[str, int]] = {}
        """call id -> (campaign id, index in its calls)."""
        self.routes = {
            ("post", "/v1/campaigns"): self._create,
            ("get", "/v1/campaigns/{id}"): self._get,
            ("post", "/v1/campaigns/{id}/status"): self._set_status,
            ("get", "/v1/calls"): self._list_calls,
            ("get", "/v1/calls/{id}"): self._get_call,
        }

    # Operations

    def _create(self, request: LifeRequest, now: float) -> Answer:
        body: dict[str, Any] = request.body if isinstance(request.body, dict) else {}
        asked = body.get("status")
        campaign = _Campaign(
            id=str(uuid.uuid4()),
            fields={name: body[name] for name in _ECHOED if name in body},
            recipients=[item for item in body.get("recipients") or [] if isinstance(item, dict)],
            opens_at=max(now, _day_start(body.get("startDate"), body.get("timezone"))),
            created_at=now,
            # A status on create is honoured only where the spec lets a request carry one.
            status=asked if asked in ("ACTIVE", "PAUSED") else "ACTIVE",
        )
        if campaign.status == "ACTIVE":
            campaign.work.start(campaign.opens_at)
        self._campaigns.add(campaign.id, campaign)
        return Answer(201, self._view(campaign))

    def _get(self, request: LifeRequest, now: float) -> Answer:
        campaign = self._find(request, now)
        if campaign is None:
            return _error(404, now, "Campaign not found")
        return Answer(200, self._view(campaign))

    def _set_status(self, request: LifeRequest, now: float) -> Answer:
        campaign = self._find(request, now)
        if campaign is None:
            return _error(404, now, "Campaign not found")
        wanted = request.body
        if wanted not in _STATUSES:
            return _error(400, now, f"status must be one of {', '.join(_STATUSES)}", field="status")
        if campaign.status == "CANCELLED" and wanted != "CANCELLED":
            # Not documented: the vendor does not say whether a cancelled campaign can come
            # back. The sandbox treats CANCELLED as final, the reading a client must be ready for.
            return _error(400, now, "a CANCELLED campaign cannot change status", field="status")
        campaign.status = str(wanted)
        if wanted == "ACTIVE":
            campaign.work.start(max(now, campaign.opens_at))
        else:
            campaign.work.stop()
        return Answer(200, self._view(campaign))

    def _list_calls(self, request: LifeRequest, now: float) -> Answer:
        name = _first(request.query, _CAMPAIGN_FILTERS)
        agent = _first(request.query, _AGENT_FILTERS)
        phone = _first(request.query, _PHONE_FILTERS)
        # `from` and `to` are inclusive days (UTC) and, as documented, only taken together.
        first, last = request.query.get("from"), request.query.get("to")
        days = (first, last) if first and last else None
        found: list[dict[str, Any]] = []
        for campaign in self._campaigns:
            if (name is not None and campaign.name != name) or (
                agent is not None and campaign.fields.get("agentId") != agent
            ):
                continue
            self._sync(campaign, now)
            found.extend(
                self._call_view(campaign, call, now)
                for call in campaign.calls
                if (phone is None or call.phone == phone)
                and (days is None or days[0] <= iso(call.placed_at)[:10] <= days[1])
            )
        found.sort(key=lambda call: str(call["created"]), reverse=True)
        page = number(request.query, "page", 1)
        size = min(number(request.query, "size", _CALL_PAGE), _MAX_CALL_PAGE)
        return Answer(
            200,
            {
                "content": page_of(found, page, size),
                "size": size,
                "page": page,
                "totalElements": len(found),
                "totalPages": -(-len(found) // max(size, 1)),
            },
        )

    def _get_call(self, request: LifeRequest, now: float) -> Answer:
        where = self._calls.get(request.params.get("id", ""))
        campaign = self._campaigns.get(where[0]) if where else None
        if where is None or campaign is None:
            return _error(404, now, "Call not found")
        self._sync(campaign, now)
        return Answer(200, self._call_view(campaign, campaign.calls[where[1]], now))

    # State

    def _find(self, request: LifeRequest, now: float) -> _Campaign | None:
        campaign = self._campaigns.get(request.params.get("id", ""))
        if campaign is not None:
            self._sync(campaign, now)
        return campaign

    def _sync(self, campaign: _Campaign, now: float) -> None:
        def next_event() -> tuple[float, Any] | None:
            step = campaign.work.next_step(self.pacing)
            return (step, lambda at: self._step(campaign, at)) if step is not None else None

        advance(now, next_event)

    def _step(self, campaign: _Campaign, at: float) -> None:
        for index in Work.share(len(campaign.recipients), campaign.work.step(at)):
            recipient = campaign.recipients[index]
            call_id = str(uuid.uuid4())
            ending = _ENDINGS[index % len(_ENDINGS)]
            call = _Call(
                id=call_id,
                phone=str(recipient.get("phone", "")),
                context=dict(recipient.get("context") or {}),
                placed_at=at,
                ending=ending,
                duration=45 + index % 120 if ending == "COMPLETED" else 0,
            )
            self._calls[call_id] = (campaign.id, len(campaign.calls))
            campaign.calls.append(call)

    def _drop_calls(self, campaign: _Campaign) -> None:
        for call in campaign.calls:
            self._calls.pop(call.id, None)

    # Views

    def _view(self, campaign: _Campaign) -> dict[str, Any]:
        return {"id": campaign.id, **campaign.fields, "status": campaign.status}

    def _call_view(self, campaign: _Campaign, call: _Call, now: float) -> dict[str, Any]:
        status = call.status(now, self.pacing)
        view: dict[str, Any] = {
            "id": call.id,
            "agentId": campaign.fields.get("agentId"),
            "phone": call.phone,
            "type": "OUTBOUND",
            "duration": call.duration if status != "IN_PROGRESS" else 0,
            "startTime": _call_time(call.placed_at),
            "anonymous": False,
            "status": status,
            "extractors": [],
            "extractedData": {},
            "classifiers": [],
            "classificationData": {},
            "context": dict(call.context),
            "recorded": status == "COMPLETED",
            "created": _call_time(call.placed_at),
        }
        if status != "IN_PROGRESS":
            view["endTime"] = _call_time(call.placed_at + call.duration)
        if view["agentId"] is None:
            del view["agentId"]
        return view

    def _snapshot(self, campaign_id: str, now: float) -> dict[str, Any] | None:
        campaign = self._campaigns.get(campaign_id)
        if campaign is None:
            return None
        self._sync(campaign, now)
        statuses = [call.status(now, self.pacing) for call in campaign.calls]
        ended = [status for status in statuses if status != "IN_PROGRESS"]
        return snapshot(
            campaign.id,
            campaign.status,
            total=len(campaign.recipients),
            attempted=len(statuses),
            succeeded=ended.count("COMPLETED"),
            failed=len(ended) - ended.count("COMPLETED"),
            steps_done=campaign.work.done,
            name=campaign.name,
        )

    def _ids(self) -> list[str]:
        return [campaign.id for campaign in self._campaigns]

    def _forget(self) -> None:
        self._campaigns.clear()
        self._calls.clear()


def _first(query: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    return next((query[name] for name in names if query.get(name)), None)


def _day_start(start_date: Any, timezone: Any) -> float:
    """Midnight of `start_date` in `timezone` (UTC when unknown); 0 when there is no date."""
    try:
        day = date.fromisoformat(str(start_date))
    except ValueError:
        return 0.0
    zone: tzinfo = UTC
    if isinstance(timezone, str) and timezone:
        try:
            zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            zone = UTC
    return datetime.combine(day, time(), zone).timestamp()


def _call_time(at: float) -> str:
    # The calls' own format: "UTC time - yyyy-MM-dd'T'HH:mm:ss'Z'" (no fraction).
    return iso(at)[:19] + "Z"


def _error(status: int, now: float, message: str, *, field: str | None = None) -> Answer:
    # ErrorResponse; its `rejectedValue` is typed as an object, which a status word is not.
    errors = [{"field": field, "message": message}] if field else []
    return Answer(status, {"timestamp": iso(now), "status": status, "message": message, "errors": errors})
