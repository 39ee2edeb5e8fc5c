"""Voiceable in the sandbox: a batch of calls that waits for its time, runs, and completes.

The vendor's words (shared/vendor-docs/voiceable.after-create.md): create answers `pending`;
`GET /api/v1/campaigns/{id}` answers the campaign (`completed` in its example) with
`recipients_count` and the ElevenLabs batch id; an unknown id is a 404 "Campaign not found".
No other status is documented. Campaigns wrap ElevenLabs batch calling, whose own words are
`pending`, `in_progress`, `completed`: the sandbox borrows `in_progress` for the running batch
(our inference) and keeps `pending` for a campaign waiting for its schedule too, the only word
the vendor shows for a new campaign.

Here a campaign sent immediately starts at once, a scheduled one at `schedule_date` +
`schedule_time` (read as UTC: the docs name no timezone); it then runs for `RUN_STEPS` steps.
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass, field
from typing import Any

from gateway.sandbox.lifecycle.base import Answer, LifeRequest, Store, VendorLife, counter, snapshot
from gateway.sandbox.lifecycle.pacing import Event, Pacing, Work, advance, earliest, iso, parse_instant

__all__ = ["VoiceableLife", "recipients_in"]

_PHONE_HEADER = "phone_number"


def recipients_in(value: Any) -> int:
    """How many recipients a request sent: rows of the CSV file (past its header), or list items."""
    if isinstance(value, list):
        return len(value)
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return 0
    rows = [row for row in csv.reader(io.StringIO(value)) if row and row[0].strip()]
    if rows and rows[0][0].strip().lower() == _PHONE_HEADER:
        rows = rows[1:]
    return len(rows)


@dataclass
class _Campaign:
    id: int
    name: str
    recipients: int
    send_immediately: bool
    scheduled_at: float | None
    starts_at: float
    created_at: float
    status: str = "pending"
    batch_id: str | None = None
    work: Work = field(default_factory=Work)


class VoiceableLife(VendorLife):
    """Campaigns of Voiceable (`/api/v1/campaigns...`)."""

    slug = "voiceable"

    def __init__(self, pacing: Pacing) -> None:
        super().__init__(pacing)
        self._campaigns: Store[_Campaign] = Store()
        self._next_id = counter()
        self.routes = {
            ("post", "/api/v1/campaigns"): self._create,
            ("get", "/api/v1/campaigns/{id}"): self._get,
        }

    def _create(self, request: LifeRequest, now: float) -> Answer:
        body: dict[str, Any] = request.body if isinstance(request.body, dict) else {}
        immediately = body.get("send_immediately") is True
        scheduled = None
        if not immediately:
            scheduled = parse_instant(f"{body.get('schedule_date', '')}T{body.get('schedule_time', '')}")
        campaign = _Campaign(
            id=self._next_id(),
            name=str(body.get("name", "")),
            recipients=recipients_in(body.get("recipients_file", body.get("recipients"))),
            send_immediately=immediately,
            scheduled_at=scheduled,
            # A schedule already past starts at once, as a vendor given a late time would.
            starts_at=max(now, scheduled or now),
            created_at=now,
        )
        self._campaigns.add(str(campaign.id), campaign)
        return Answer(
            201, {"status": {"code": 201, "message": "Campaign created successfully"}, "data": self._view(campaign)}
        )

    def _get(self, request: LifeRequest, now: float) -> Answer:
        campaign = self._campaigns.get(request.params.get("id", ""))
        if campaign is None:
            return Answer(404, {"status": {"code": 404, "message": "Campaign not found"}})
        self._sync(campaign, now)
        return Answer(200, {"status": {"code": 200, "message": "Success"}, "data": self._view(campaign)})

    def _sync(self, campaign: _Campaign, now: float) -> None:
        def next_event() -> Event | None:
            step = campaign.work.next_step(self.pacing)
            start = campaign.starts_at if campaign.status == "pending" else None
            return earliest(
                (step, lambda at: self._step(campaign, at)) if step is not None else None,
                (start, lambda at: self._start(campaign, at)) if start is not None else None,
            )

        advance(now, next_event)

    def _start(self, campaign: _Campaign, at: float) -> None:
        campaign.status, campaign.batch_id = "in_progress", f"batch_{secrets.token_hex(6)}"
        campaign.work.start(at)

    def _step(self, campaign: _Campaign, at: float) -> None:
        campaign.work.step(at)
        if campaign.work.finished:
            campaign.status = "completed"

    def _view(self, campaign: _Campaign) -> dict[str, Any]:
        return {
            "id": campaign.id,
            "name": campaign.name,
            "status": campaign.status,
            "elevenlabs_batch_call_id": campaign.batch_id,
            "recipients_count": campaign.recipients,
            "scheduled_at": iso(campaign.scheduled_at) if campaign.scheduled_at is not None else None,
            "send_immediately": campaign.send_immediately,
            "created_at": iso(campaign.created_at),
        }

    def _snapshot(self, campaign_id: str, now: float) -> dict[str, Any] | None:
        campaign = self._campaigns.get(campaign_id)
        if campaign is None:
            return None
        self._sync(campaign, now)
        called = Work.share(campaign.recipients, range(0, campaign.work.done)).stop
        # Voiceable reports no call outcomes: only how many were attempted is known.
        return snapshot(
            campaign.id,
            campaign.status,
            total=campaign.recipients,
            attempted=called,
            succeeded=None,
            failed=None,
            steps_done=campaign.work.done,
        )

    def _ids(self) -> list[str]:
        return [str(campaign.id) for campaign in self._campaigns]

    def _forget(self) -> None:
        self._campaigns.clear()
