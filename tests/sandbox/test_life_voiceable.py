"""Voiceable's campaign lifecycle, driven directly with a fake clock."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.sandbox.lifecycle import RUN_STEPS, Answer, LifeRequest, Pacing
from gateway.sandbox.lifecycle.voiceable import VoiceableLife, recipients_in

CSV = b"phone_number\n+14155550100\n+442071838750\n+33612345678\n"


@pytest.fixture
def life(pacing: Pacing) -> VoiceableLife:
    return VoiceableLife(pacing)


def ask(life: VoiceableLife, method: str, template: str, campaign_id: str = "", **kwargs: Any) -> Answer:
    answer = life.answer(LifeRequest(method, template, params={"id": campaign_id}, **kwargs))
    assert answer is not None
    return answer


def create(life: VoiceableLife, **changes: Any) -> dict[str, Any]:
    body = {"name": "Launch", "phone_number_id": 1, "agent_id": "123", "recipients_file": CSV, "send_immediately": True}
    answer = ask(life, "post", "/api/v1/campaigns", body={**body, **changes})
    assert answer.status == 201
    assert answer.body["status"] == {"code": 201, "message": "Campaign created successfully"}
    data: dict[str, Any] = answer.body["data"]
    return data


def get(life: VoiceableLife, campaign_id: int) -> dict[str, Any]:
    answer = ask(life, "get", "/api/v1/campaigns/{id}", str(campaign_id))
    assert answer.status == 200, answer.body
    assert answer.body["status"] == {"code": 200, "message": "Success"}
    data: dict[str, Any] = answer.body["data"]
    return data


@pytest.mark.parametrize(
    ("sent", "count"),
    [
        (CSV, 3),
        (b"+14155550100\n+14155550101\n", 2),  # "one phone number per line", no header
        (b"phone_number\r\n+14155550100\r\n\r\n", 1),
        (b"phone_number\n", 0),
        ("phone_number\n+14155550100\n", 1),
        ([{"phone": "+14155550100"}, {"phone": "+14155550101"}], 2),
        (None, 0),
    ],
)
def test_recipients_are_counted_from_what_was_sent(sent: Any, count: int) -> None:
    assert recipients_in(sent) == count


def test_create_answers_what_was_sent(life: VoiceableLife, clock: Any) -> None:
    data = create(life, name="Q1 launch")

    assert (data["name"], data["recipients_count"], data["send_immediately"]) == ("Q1 launch", 3, True)
    assert (data["status"], data["scheduled_at"], data["elevenlabs_batch_call_id"]) == ("pending", None, None)
    assert isinstance(data["id"], int) and create(life)["id"] == data["id"] + 1


def test_an_immediate_campaign_runs_its_steps_and_completes(life: VoiceableLife, steps: Any) -> None:
    campaign_id = create(life)["id"]

    first = get(life, campaign_id)
    steps(RUN_STEPS - 0.5)
    running = get(life, campaign_id)
    steps(0.5)
    done = get(life, campaign_id)

    assert first["status"] == "in_progress"
    assert first["elevenlabs_batch_call_id"].startswith("batch_")
    assert running["status"] == "in_progress"
    assert done["status"] == "completed"
    assert done["elevenlabs_batch_call_id"] == first["elevenlabs_batch_call_id"]
    assert done["recipients_count"] == 3


def test_a_scheduled_campaign_is_pending_until_its_time(life: VoiceableLife, steps: Any, clock: Any) -> None:
    # The fake clock reads 2030-03-17T17:46:40Z.
    data = create(life, send_immediately=False, schedule_date="2030-03-17", schedule_time="17:47:00")
    campaign_id = data["id"]

    assert (data["status"], data["scheduled_at"], data["send_immediately"]) == (
        "pending",
        "2030-03-17T17:47:00.000Z",
        False,
    )
    steps(9.5)
    assert get(life, campaign_id)["status"] == "pending"
    steps(0.5)
    assert get(life, campaign_id)["status"] == "in_progress"
    steps(RUN_STEPS)
    assert get(life, campaign_id)["status"] == "completed"


def test_an_unknown_id_is_the_documented_404(life: VoiceableLife) -> None:
    answer = ask(life, "get", "/api/v1/campaigns/{id}", "999")

    assert (answer.status, answer.body) == (404, {"status": {"code": 404, "message": "Campaign not found"}})


def test_state_counts_attempted_calls_only(life: VoiceableLife, steps: Any) -> None:
    campaign_id = create(life)["id"]
    steps(RUN_STEPS)

    state = life.state(str(campaign_id))

    assert state is not None
    assert state["status"] == "completed"
    assert state["progress"] == {"total": 3, "attempted": 3, "succeeded": None, "failed": None}
