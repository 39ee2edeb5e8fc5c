"""Volubile's campaign lifecycle, driven directly with a fake clock."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from gateway.sandbox.lifecycle import RUN_STEPS, Answer, LifeRequest, Pacing
from gateway.sandbox.lifecycle.volubile import VolubileLife

PHONES = [f"+336123456{n:02d}" for n in range(7)]
BODY = {
    "name": "Relance",
    "agentId": "4b0c1f6e-8d52-4f39-9a51-0c1d2e3f4a5b",
    "startDate": "2024-07-30",
    "timeSlots": [{"startTime": "10:00", "endTime": "12:00"}],
    "batchSize": 100,
    "days": ["MONDAY", "TUESDAY"],
    "timezone": "Europe/Paris",
    "retry": {"max": 1, "delay": 2, "retryOn": ["NO_ANSWER"]},
    "recipients": [{"phone": phone, "context": {"n": str(n)}} for n, phone in enumerate(PHONES)],
}


@pytest.fixture
def life(pacing: Pacing) -> VolubileLife:
    return VolubileLife(pacing)


def ask(life: VolubileLife, method: str, template: str, campaign_id: str = "", **kwargs: Any) -> Answer:
    answer = life.answer(LifeRequest(method, template, params={"id": campaign_id}, **kwargs))
    assert answer is not None
    return answer


def create(life: VolubileLife, **changes: Any) -> dict[str, Any]:
    answer = ask(life, "post", "/v1/campaigns", body={**BODY, **changes})
    assert answer.status == 201
    body: dict[str, Any] = answer.body
    return body


def set_status(life: VolubileLife, campaign_id: str, status: Any) -> Answer:
    return ask(life, "post", "/v1/campaigns/{id}/status", campaign_id, body=status)


def calls(life: VolubileLife, **query: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = ask(life, "get", "/v1/calls", query={"size": "100", **query}).body["content"]
    return found


def test_create_answers_the_campaign_sent_and_active(life: VolubileLife) -> None:
    campaign = create(life)

    assert uuid.UUID(campaign["id"]).version == 4
    assert campaign["status"] == "ACTIVE"
    for name in ("name", "agentId", "startDate", "timeSlots", "batchSize", "days", "timezone", "retry"):
        assert campaign[name] == BODY[name]
    assert "recipients" not in campaign
    assert ask(life, "get", "/v1/campaigns/{id}", campaign["id"]).body == campaign


def test_an_active_campaign_calls_its_recipients_step_by_step(life: VolubileLife, steps: Any) -> None:
    campaign = create(life)
    create(life, name="Someone else's")
    steps(3)

    early = calls(life, campaign="Relance")
    steps(RUN_STEPS)
    done = calls(life, campaign="Relance")

    assert 0 < len(early) < len(PHONES)
    assert {call["status"] for call in early} >= {"IN_PROGRESS"}
    assert sorted(call["phone"] for call in done) == PHONES
    assert {call["status"] for call in done} <= {"COMPLETED", "NO_ANSWER", "VOICE_BOX"}
    assert any(call["status"] == "COMPLETED" for call in done)
    assert all(call["agentId"] == BODY["agentId"] and call["type"] == "OUTBOUND" for call in done)
    one = ask(life, "get", "/v1/calls/{id}", done[0]["id"])
    assert (one.status, one.body) == (200, done[0])
    # Nothing documents a finished campaign: it stays ACTIVE.
    assert ask(life, "get", "/v1/campaigns/{id}", campaign["id"]).body["status"] == "ACTIVE"


def test_pause_and_resume_change_the_status_at_once_and_hold_the_calls(life: VolubileLife, steps: Any) -> None:
    campaign_id = create(life)["id"]
    steps(4)

    paused = set_status(life, campaign_id, "PAUSED")
    held = len(calls(life, campaign="Relance"))
    steps(50)

    assert (paused.status, paused.body["status"]) == (200, "PAUSED")
    assert ask(life, "get", "/v1/campaigns/{id}", campaign_id).body["status"] == "PAUSED"
    assert len(calls(life, campaign="Relance")) == held < len(PHONES)
    resumed = set_status(life, campaign_id, "ACTIVE")
    steps(RUN_STEPS)
    assert resumed.body["status"] == "ACTIVE"
    assert len(calls(life, campaign="Relance")) == len(PHONES)


def test_cancelled_is_final(life: VolubileLife, steps: Any) -> None:
    campaign_id = create(life)["id"]
    steps(2)

    cancelled = set_status(life, campaign_id, "CANCELLED")
    held = len(calls(life))
    steps(20)
    again = set_status(life, campaign_id, "CANCELLED")
    revived = set_status(life, campaign_id, "ACTIVE")
    paused = set_status(life, campaign_id, "PAUSED")

    assert (cancelled.status, cancelled.body["status"]) == (200, "CANCELLED")
    assert (again.status, again.body["status"]) == (200, "CANCELLED")
    assert len(calls(life)) == held
    for refused in (revived, paused):
        assert refused.status == 400
        assert refused.body["status"] == 400
        assert refused.body["message"] == "a CANCELLED campaign cannot change status"
        assert refused.body["errors"] == [{"field": "status", "message": "a CANCELLED campaign cannot change status"}]
    assert ask(life, "get", "/v1/campaigns/{id}", campaign_id).body["status"] == "CANCELLED"


def test_a_campaign_created_paused_waits(life: VolubileLife, steps: Any) -> None:
    campaign = create(life, status="PAUSED")
    steps(20)

    assert campaign["status"] == "PAUSED"
    assert calls(life) == []


def test_a_future_start_date_holds_the_calls(life: VolubileLife, steps: Any, clock: Any) -> None:
    create(life, startDate="2030-03-01", timezone="UTC")  # the fake clock is in 2030-03-17
    create(life, name="Later", startDate="2031-01-01", timezone="UTC")
    steps(RUN_STEPS)

    assert len(calls(life, campaign="Relance")) == len(PHONES)
    assert calls(life, campaign="Later") == []


@pytest.mark.parametrize(("method", "template"), [("get", "/v1/campaigns/{id}"), ("post", "/v1/campaigns/{id}/status")])
def test_an_unknown_campaign_is_a_404_error_response(life: VolubileLife, method: str, template: str) -> None:
    answer = ask(life, method, template, str(uuid.uuid4()), body="PAUSED")

    assert answer.status == 404
    assert (answer.body["status"], answer.body["message"]) == (404, "Campaign not found")


def test_an_unknown_call_is_a_404(life: VolubileLife) -> None:
    answer = ask(life, "get", "/v1/calls/{id}", str(uuid.uuid4()))

    assert (answer.status, answer.body["message"]) == (404, "Call not found")


def test_calls_are_filtered_and_paged(life: VolubileLife, steps: Any) -> None:
    create(life)
    steps(RUN_STEPS + 1)

    first = ask(life, "get", "/v1/calls", query={"size": "3", "page": "1"}).body
    one_phone = calls(life, phone=PHONES[2])
    by_agent = calls(life, agentId="00000000-0000-4000-8000-000000000000")

    assert (first["size"], first["page"], first["totalElements"], first["totalPages"]) == (3, 1, 7, 3)
    assert len(first["content"]) == 3
    assert [call["phone"] for call in one_phone] == [PHONES[2]]
    assert by_agent == []


def test_state_counts_calls(life: VolubileLife, steps: Any) -> None:
    campaign_id = create(life)["id"]
    steps(RUN_STEPS + 1)

    state = life.state(campaign_id)

    assert state is not None
    assert state["status"] == "ACTIVE"
    progress = state["progress"]
    assert (progress["total"], progress["attempted"]) == (7, 7)
    assert progress["succeeded"] + progress["failed"] == 7 and progress["failed"] > 0
