"""TetherAI's campaign lifecycle, driven directly with a fake clock."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.sandbox.lifecycle import RUN_STEPS, Answer, LifeRequest, Pacing
from gateway.sandbox.lifecycle.pacing import iso
from gateway.sandbox.lifecycle.tetherai import TetherAILife

EXISTING = [{"_id": f"665f1a0c0e0a4b001a2c9f{n:02d}", "phoneNumber": f"+141655501{n:02d}"} for n in range(12)]
BODY = {
    "name": "Q2 Lead Gen",
    "message": "Hi {{firstName}}",
    "newContacts": [{"firstName": "Jamie", "phoneNumber": "+14155550133"}],
    "selectedExistingContacts": EXISTING,
    "userIds": ["64ee9a8b1e7f2a00112233aa"],
    "type": "sms",
}
TOTAL = 1 + len(EXISTING) + 1


@pytest.fixture
def life(pacing: Pacing) -> TetherAILife:
    return TetherAILife(pacing)


def ask(life: TetherAILife, method: str, template: str, campaign_id: str = "", **kwargs: Any) -> Answer:
    answer = life.answer(LifeRequest(method, template, params={"id": campaign_id}, **kwargs))
    assert answer is not None
    return answer


def create(life: TetherAILife, **changes: Any) -> dict[str, Any]:
    answer = ask(life, "post", "/api/campaigns", body={**BODY, **changes})
    assert answer.status == 201
    assert (answer.body["success"], answer.body["message"]) == (True, "Campaign created")
    data: dict[str, Any] = answer.body["data"]
    return data


def get(life: TetherAILife, campaign_id: str) -> dict[str, Any]:
    answer = ask(life, "get", "/api/campaigns/{id}", campaign_id)
    assert answer.status == 200, answer.body
    data: dict[str, Any] = answer.body["data"]
    return data


def test_create_answers_what_was_sent(life: TetherAILife, clock: Any) -> None:
    later = iso(clock.now + 600)

    data = create(life, scheduleDate=later)

    assert (data["name"], data["message"], data["type"], data["scheduleDate"]) == (
        "Q2 Lead Gen",
        "Hi {{firstName}}",
        "sms",
        later,
    )
    assert data["status"] == "scheduled"
    assert data["stats"] == {"total": TOTAL, "sent": 0, "failed": 0, "successRate": "0%"}
    assert data["userIds"][1:] == [contact["_id"] for contact in EXISTING] + ["64ee9a8b1e7f2a00112233aa"]
    assert len(data["_id"]) == 24 and data["_id"] != create(life)["_id"]


def test_a_scheduled_campaign_sends_at_its_time_with_growing_stats(life: TetherAILife, steps: Any, clock: Any) -> None:
    campaign_id = create(life, scheduleDate=iso(clock.now + 10))["_id"]
    steps(4.5)
    assert get(life, campaign_id)["status"] == "scheduled"
    steps(0.5)
    assert get(life, campaign_id)["status"] == "sending"

    handled = []
    for _ in range(RUN_STEPS - 1):
        steps(1)
        data = get(life, campaign_id)
        assert data["status"] == "sending"
        handled.append(data["stats"]["sent"] + data["stats"]["failed"])
    steps(1)
    data = get(life, campaign_id)

    assert handled == sorted(handled) and 0 < handled[0] < handled[-1] < TOTAL
    assert data["status"] == "sent"
    stats = data["stats"]
    assert (stats["total"], stats["sent"] + stats["failed"]) == (TOTAL, TOTAL)
    assert stats["failed"] == len(data["failedUserIds"]) == len(data["failedDetails"])
    assert stats["successRate"] == f"{round(100 * stats['sent'] / TOTAL)}%"


def test_without_a_future_time_it_sends_at_once(life: TetherAILife, steps: Any, clock: Any) -> None:
    assert create(life)["status"] == "sending"
    assert create(life, scheduleDate=iso(clock.now - 60))["status"] == "sending"


def test_send_sends_a_scheduled_campaign_now(life: TetherAILife, steps: Any, clock: Any) -> None:
    campaign_id = create(life, scheduleDate=iso(clock.now + 3600))["_id"]

    sent = ask(life, "post", "/api/campaigns/{id}/send", campaign_id)
    steps(RUN_STEPS)

    assert (sent.status, sent.body["data"]["status"]) == (200, "sending")
    assert get(life, campaign_id)["status"] == "sent"


def test_a_draft_waits_for_send(life: TetherAILife, steps: Any) -> None:
    campaign_id = create(life, status="draft")["_id"]
    steps(50)
    assert get(life, campaign_id)["status"] == "draft"

    ask(life, "post", "/api/campaigns/{id}/send", campaign_id)
    steps(RUN_STEPS)

    assert get(life, campaign_id)["status"] == "sent"


def test_cancel_stops_a_scheduled_or_sending_campaign(life: TetherAILife, steps: Any, clock: Any) -> None:
    scheduled = create(life, scheduleDate=iso(clock.now + 10))["_id"]
    sending = create(life)["_id"]
    steps(3)

    cancelled = [ask(life, "post", "/api/campaigns/{id}/cancel", campaign_id) for campaign_id in (scheduled, sending)]
    held = get(life, sending)["stats"]
    steps(50)

    assert [(answer.status, answer.body["data"]["status"]) for answer in cancelled] == [(200, "cancelled")] * 2
    assert get(life, scheduled)["status"] == "cancelled"
    assert get(life, sending)["stats"] == held and 0 < held["sent"] + held["failed"] < TOTAL


@pytest.mark.parametrize(
    ("final", "action", "reason"),
    [
        ("sent", "cancel", "Campaign is sent and cannot be cancelled"),
        ("sent", "send", "Campaign is sent and cannot be sent again"),
        ("cancelled", "cancel", "Campaign is cancelled and cannot be cancelled"),
        ("cancelled", "send", "Campaign is cancelled and cannot be sent again"),
        ("sending", "send", "Campaign is sending and cannot be sent again"),
    ],
)
def test_actions_on_a_campaign_past_them_are_refused(
    life: TetherAILife, steps: Any, final: str, action: str, reason: str
) -> None:
    campaign_id = create(life)["_id"]
    if final == "sent":
        steps(RUN_STEPS)
    elif final == "cancelled":
        ask(life, "post", "/api/campaigns/{id}/cancel", campaign_id)
    assert get(life, campaign_id)["status"] == final

    refused = ask(life, "post", f"/api/campaigns/{{id}}/{action}", campaign_id)

    assert (refused.status, refused.body) == (400, {"success": False, "message": reason})
    assert get(life, campaign_id)["status"] == final


def test_patch_changes_content_and_reschedules(life: TetherAILife, steps: Any, clock: Any) -> None:
    campaign_id = create(life, scheduleDate=iso(clock.now + 3600))["_id"]

    patched = ask(
        life,
        "patch",
        "/api/campaigns/{id}",
        campaign_id,
        body={"name": "Renamed", "scheduleDate": iso(clock.now + 4), "status": "sent", "stats": {"total": 1}},
    )
    steps(2)

    assert patched.status == 200
    data = get(life, campaign_id)
    assert data["name"] == "Renamed"
    assert data["status"] == "sending"  # the new time came; the status sent in the PATCH is not taken
    assert data["stats"]["total"] == TOTAL


def test_patch_of_a_campaign_under_way_is_refused(life: TetherAILife) -> None:
    campaign_id = create(life)["_id"]

    refused = ask(life, "patch", "/api/campaigns/{id}", campaign_id, body={"name": "Too late"})

    assert refused.status == 400
    assert get(life, campaign_id)["name"] == "Q2 Lead Gen"


def test_the_list_holds_every_campaign_newest_first(life: TetherAILife) -> None:
    first, second = create(life)["_id"], create(life)["_id"]

    listed = ask(life, "get", "/api/campaigns").body

    assert listed["success"] is True
    assert [item["_id"] for item in listed["data"]] == [second, first]


def test_delete_removes_it(life: TetherAILife) -> None:
    campaign_id = create(life)["_id"]

    deleted = ask(life, "delete", "/api/campaigns/{id}", campaign_id)

    assert (deleted.status, deleted.body["success"]) == (200, True)
    assert ask(life, "get", "/api/campaigns/{id}", campaign_id).status == 404
    assert ask(life, "get", "/api/campaigns").body["data"] == []


@pytest.mark.parametrize(
    ("method", "template"),
    [
        ("get", "/api/campaigns/{id}"),
        ("patch", "/api/campaigns/{id}"),
        ("delete", "/api/campaigns/{id}"),
        ("post", "/api/campaigns/{id}/send"),
        ("post", "/api/campaigns/{id}/cancel"),
    ],
)
def test_an_unknown_id_is_a_404(life: TetherAILife, method: str, template: str) -> None:
    answer = ask(life, method, template, "665f1a0c0e0a4b001a2c9fff")

    assert (answer.status, answer.body) == (404, {"success": False, "message": "Campaign not found"})
