"""At the default pace, no started campaign of any vendor finishes within 20 s: time to pause it.

Written with literal seconds, not the lifecycle's own constants, so a change of pace shows here.
"""

from __future__ import annotations

from typing import Any

from gateway.sandbox.lifecycle import LIVES, LifeRequest, Pacing, VendorLife

PHONES = [f"+1415555{n:04d}" for n in range(10)]
CSV = ("phone_number\n" + "\n".join(PHONES) + "\n").encode()


def _start_smallest(life: VendorLife) -> str:
    created = life.answer(LifeRequest("post", "/campaign", body={"name": "n", "audienceId": "a", "agentId": "g"}))
    assert created is not None
    campaign_id = str(created.body["data"]["_id"])
    life.answer(LifeRequest("post", "/campaign/{id}/start", params={"id": campaign_id}))
    return campaign_id


def _create(template: str, body: dict[str, Any], id_of: Any) -> Any:
    def start(life: VendorLife) -> str:
        created = life.answer(LifeRequest("post", template, body=body))
        assert created is not None and created.status == 201
        return str(id_of(created.body))

    return start


STARTS = {
    "smallest": _start_smallest,
    "volubile": _create(
        "/v1/campaigns",
        {"name": "n", "startDate": "2024-01-01", "recipients": [{"phone": phone} for phone in PHONES]},
        lambda body: body["id"],
    ),
    "tetherai": _create(
        "/api/campaigns",
        {"name": "n", "message": "m", "newContacts": [{"phoneNumber": phone} for phone in PHONES]},
        lambda body: body["data"]["_id"],
    ),
    "voiceable": _create(
        "/api/v1/campaigns",
        {"name": "n", "recipients_file": CSV, "send_immediately": True},
        lambda body: body["data"]["id"],
    ),
    "clerk": _create(
        "/public/campaigns", {"listName": "l", "body": "b", "sender": "+1"}, lambda body: body["data"]["id"]
    ),
}
FINISHED = {"smallest": "completed", "tetherai": "sent", "voiceable": "completed", "clerk": "ok"}


def test_every_stateful_vendor_has_a_pace_check() -> None:
    assert sorted(STARTS) == sorted(LIVES)


def test_a_started_campaign_is_still_going_after_twenty_seconds_and_done_within_a_minute(clock: Any, slug: str) -> None:
    life = LIVES[slug](Pacing.from_env({}, clock))
    campaign_id = STARTS[slug](life)

    clock.advance(19.5)
    going = life.state(campaign_id)
    clock.advance(40.5)
    done = life.state(campaign_id)

    assert going is not None and done is not None
    # Clerk has sent every message a few steps before the last ones are delivered.
    assert going["status"] != FINISHED.get(slug)
    if slug != "clerk":
        assert going["progress"]["attempted"] < going["progress"]["total"]
    assert done["progress"]["attempted"] == done["progress"]["total"] > 0
    if slug in FINISHED:
        assert done["status"] == FINISHED[slug]
