"""Smallest's campaign lifecycle, driven directly with a fake clock (no HTTP, no sleeping)."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.sandbox.lifecycle import RUN_STEPS, Answer, LifeRequest, Pacing
from gateway.sandbox.lifecycle.base import stable_number
from gateway.sandbox.lifecycle.pacing import iso
from gateway.sandbox.lifecycle.smallest import SmallestLife, participants_of

NOT_FOUND = {"status": False, "errors": ["Campaign not found"]}


@pytest.fixture
def life(pacing: Pacing) -> SmallestLife:
    return SmallestLife(pacing)


def ask(life: SmallestLife, method: str, template: str, campaign_id: str = "", **kwargs: Any) -> Answer:
    answer = life.answer(LifeRequest(method, template, params={"id": campaign_id}, **kwargs))
    assert answer is not None
    return answer


def create(life: SmallestLife, **body: Any) -> dict[str, Any]:
    answer = ask(life, "post", "/campaign", body={"name": "Spring", "audienceId": "aud-1", "agentId": "ag-1", **body})
    assert answer.status == 201
    data: dict[str, Any] = answer.body["data"]
    return data


def get(life: SmallestLife, campaign_id: str) -> dict[str, Any]:
    answer = ask(life, "get", "/campaign/{id}", campaign_id)
    assert answer.status == 200, answer.body
    data: dict[str, Any] = answer.body["data"]
    return data


def status_of(life: SmallestLife, campaign_id: str) -> str:
    return str(get(life, campaign_id)["campaign"]["status"])


def test_create_answers_what_was_sent(life: SmallestLife, clock: Any) -> None:
    data = create(life, name="Renewals", description="Q3", maxRetries=1)

    sent = (data["name"], data["description"], data["audienceId"], data["agentId"])
    assert sent == ("Renewals", "Q3", "aud-1", "ag-1")
    assert (data["maxRetries"], data["retryDelay"]) == (1, 15)
    assert data["status"] == "draft"
    assert data["participantsCount"] == participants_of("aud-1")
    assert data["createdAt"] == iso(clock.now)
    assert len(data["_id"]) == 24 and int(data["_id"], 16) >= 0
    assert create(life)["_id"] != data["_id"]


def test_participants_depend_on_the_audience_only() -> None:
    counts = {participants_of(f"aud-{n}") for n in range(200)}

    assert participants_of("aud-7") == participants_of("aud-7")
    assert min(counts) >= 10 and max(counts) <= 29
    assert len(counts) > 5


def test_a_draft_waits_for_start(life: SmallestLife, steps: Any) -> None:
    campaign_id = create(life)["_id"]
    steps(50)

    data = get(life, campaign_id)

    assert data["campaign"]["status"] == "draft"
    total = participants_of("aud-1")
    assert data["metrics"] == {"total_participants": total, "contacts_called": 0, "contacts_connected": 0}


def test_start_is_queued_then_runs_calls_step_by_step_and_completes(life: SmallestLife, steps: Any) -> None:
    campaign_id = create(life)["_id"]
    total = participants_of("aud-1")

    started = ask(life, "post", "/campaign/{id}/start", campaign_id)

    assert started.status == 202
    assert started.body["status"] is True
    assert started.body["data"]["campaignId"] == campaign_id
    assert started.body["data"]["message"] == "Campaign is being processed"
    assert status_of(life, campaign_id) == "processing"
    steps(0.75)
    assert status_of(life, campaign_id) == "processing"
    steps(0.25)
    assert status_of(life, campaign_id) == "running"
    called = []
    for _ in range(RUN_STEPS - 1):
        steps(1)
        data = get(life, campaign_id)
        assert data["campaign"]["status"] == "running"
        called.append(data["metrics"]["contacts_called"])
    assert called == sorted(called) and 0 < called[0] < called[-1] < total
    steps(1)
    data = get(life, campaign_id)
    assert data["campaign"]["status"] == "completed"
    assert data["metrics"]["contacts_called"] == total
    steps(1)  # the last calls end
    metrics = get(life, campaign_id)["metrics"]
    # About three calls in four connect, each by a draw stable for its campaign and place in the
    # audience (all of them, for one campaign in a hundred or so: so the count, not a range).
    assert metrics["contacts_connected"] == sum(stable_number(campaign_id, index) % 4 != 0 for index in range(total))
    actions = [event["eventAction"] for event in get(life, campaign_id)["events"]]
    assert actions == ["created", "started (queued)", "started", "completed"]


def test_a_started_campaign_takes_at_least_run_steps_steps(life: SmallestLife, steps: Any) -> None:
    campaign_id = create(life)["_id"]
    ask(life, "post", "/campaign/{id}/start", campaign_id)

    steps(RUN_STEPS - 0.25)

    assert status_of(life, campaign_id) == "running"


def test_pause_is_queued_then_holds_progress_until_resumed(life: SmallestLife, steps: Any, clock: Any) -> None:
    campaign_id = create(life)["_id"]
    ask(life, "post", "/campaign/{id}/start", campaign_id)
    steps(4)

    paused = ask(life, "post", "/campaign/{id}/pause", campaign_id)

    assert (paused.status, paused.body) == (200, {"status": True})
    assert status_of(life, campaign_id) == "running"
    steps(1)
    data = get(life, campaign_id)
    assert data["campaign"]["status"] == "paused"
    assert data["campaign"]["pausedAt"] == iso(clock.now)
    held = data["metrics"]["contacts_called"]
    steps(40)
    assert get(life, campaign_id)["metrics"]["contacts_called"] == held
    assert life.state(campaign_id)["queued"] is None  # type: ignore[index]

    resumed = ask(life, "post", "/campaign/{id}/start", campaign_id)

    assert resumed.status == 202
    assert status_of(life, campaign_id) == "processing"
    steps(1)
    assert status_of(life, campaign_id) == "running"
    steps(RUN_STEPS)
    data = get(life, campaign_id)
    assert data["campaign"]["status"] == "completed"
    assert data["metrics"]["contacts_called"] == participants_of("aud-1") > held


def test_start_while_a_pause_is_queued_keeps_it_running(life: SmallestLife, steps: Any) -> None:
    campaign_id = create(life)["_id"]
    ask(life, "post", "/campaign/{id}/start", campaign_id)
    steps(2)
    ask(life, "post", "/campaign/{id}/pause", campaign_id)

    again = ask(life, "post", "/campaign/{id}/start", campaign_id)
    steps(3)

    assert again.status == 202
    assert status_of(life, campaign_id) == "running"


@pytest.mark.parametrize(
    ("prepare", "action", "reason"),
    [
        ([], "pause", "Campaign is draft; only a running campaign can be paused"),
        (["start", 2], "start", "Campaign is already running"),
        (["start", 2, "pause", 1], "pause", "Campaign is paused; only a running campaign can be paused"),
        (["start", 20], "start", "Campaign is completed and cannot be started"),
        (["start", 20], "pause", "Campaign is completed; only a running campaign can be paused"),
    ],
)
def test_actions_the_status_does_not_allow_are_refused_with_400(
    life: SmallestLife, steps: Any, prepare: list[Any], action: str, reason: str
) -> None:
    campaign_id = create(life)["_id"]
    for item in prepare:
        if isinstance(item, str):
            ask(life, "post", f"/campaign/{{id}}/{item}", campaign_id)
        else:
            steps(item)
    before = life.state(campaign_id)

    refused = ask(life, "post", f"/campaign/{{id}}/{action}", campaign_id)

    assert (refused.status, refused.body) == (400, {"status": False, "errors": [reason]})
    assert life.state(campaign_id) == before


def test_a_scheduled_campaign_dials_at_its_time(life: SmallestLife, steps: Any, clock: Any) -> None:
    at = iso(clock.now + 30)
    data = create(life, scheduledAt=at)
    campaign_id = data["_id"]

    assert (data["status"], data["scheduledAt"]) == ("scheduled", at)
    steps(14.5)
    assert status_of(life, campaign_id) == "scheduled"
    steps(0.5)
    assert status_of(life, campaign_id) == "running"
    steps(RUN_STEPS)
    assert status_of(life, campaign_id) == "completed"
    assert get(life, campaign_id)["events"][-2]["triggerSource"] == "schedule"


def test_a_scheduled_campaign_can_be_started_early(life: SmallestLife, steps: Any, clock: Any) -> None:
    campaign_id = create(life, scheduledAt=iso(clock.now + 3600))["_id"]

    assert ask(life, "post", "/campaign/{id}/start", campaign_id).status == 202
    steps(1)
    assert status_of(life, campaign_id) == "running"


def test_a_schedule_already_past_dials_from_creation_not_before(life: SmallestLife, steps: Any, clock: Any) -> None:
    campaign_id = create(life, scheduledAt=iso(clock.now - 86_400))["_id"]

    assert status_of(life, campaign_id) == "running"
    assert get(life, campaign_id)["metrics"]["contacts_called"] == 0


def test_delete_removes_the_campaign_and_its_calls(life: SmallestLife, steps: Any) -> None:
    campaign_id = create(life)["_id"]
    ask(life, "post", "/campaign/{id}/start", campaign_id)
    steps(5)
    logs = ask(life, "get", "/conversation", query={"campaignIds": campaign_id, "limit": "500"}).body["data"]["logs"]
    assert logs

    deleted = ask(life, "delete", "/campaign/{id}", campaign_id)

    assert (deleted.status, deleted.body) == (200, {"status": True})
    assert (ask(life, "get", "/campaign/{id}", campaign_id).status, life.state(campaign_id)) == (404, None)
    assert ask(life, "get", "/conversation", query={"campaignIds": campaign_id}).body["data"]["logs"] == []
    assert ask(life, "get", "/conversation/{id}", logs[0]["callId"]).status == 404


@pytest.mark.parametrize(
    ("method", "template"),
    [
        ("get", "/campaign/{id}"),
        ("delete", "/campaign/{id}"),
        ("post", "/campaign/{id}/start"),
        ("post", "/campaign/{id}/pause"),
    ],
)
def test_an_unknown_id_is_the_documented_not_found(life: SmallestLife, method: str, template: str) -> None:
    answer = ask(life, method, template, "0123456789abcdef01234567")

    assert (answer.status, answer.body) == (404, NOT_FOUND)


def test_conversations_show_each_call_as_it_goes(life: SmallestLife, steps: Any) -> None:
    campaign_id = create(life)["_id"]
    other_id = create(life, audienceId="aud-2")["_id"]
    for started in (campaign_id, other_id):
        ask(life, "post", "/campaign/{id}/start", started)
    steps(4)

    page = ask(life, "get", "/conversation", query={"campaignIds": campaign_id, "limit": "500"}).body["data"]
    metrics = get(life, campaign_id)["metrics"]

    assert len(page["logs"]) == page["pagination"]["total"] == metrics["contacts_called"] > 0
    statuses = {log["status"] for log in page["logs"]}
    assert "active" in statuses and statuses <= {"active", "completed", "no_answer"}
    assert sum(log["status"] == "completed" for log in page["logs"]) == metrics["contacts_connected"]
    assert all(log["agentId"] == "ag-1" and log["type"] == "telephony_outbound" for log in page["logs"])
    call = ask(life, "get", "/conversation/{id}", page["logs"][0]["callId"])
    assert call.status == 200
    assert call.body["data"]["callId"] == page["logs"][0]["callId"]
    assert ask(life, "get", "/conversation/{id}", "CALL-0000000000000-000000").body == {
        "status": False,
        "errors": ["Conversation log not found"],
    }
    both = ask(life, "get", "/conversation", query={"campaignIds": f"{campaign_id},{other_id}", "limit": "500"})
    assert both.body["data"]["pagination"]["total"] > page["pagination"]["total"]


def test_conversations_page_and_filter(life: SmallestLife, steps: Any) -> None:
    campaign_id = create(life)["_id"]
    ask(life, "post", "/campaign/{id}/start", campaign_id)
    steps(RUN_STEPS + 3)
    total = participants_of("aud-1")

    first = ask(life, "get", "/conversation", query={"campaignIds": campaign_id}).body["data"]
    answered = ask(life, "get", "/conversation", query={"campaignIds": campaign_id, "statusFilter": "no_answer"})

    assert len(first["logs"]) == 5 and first["pagination"] == {
        "total": total,
        "page": 1,
        "limit": 5,
        "hasMore": True,
        "totalPages": -(-total // 5),
    }
    assert {log["status"] for log in answered.body["data"]["logs"]} == {"no_answer"}


def test_the_list_filters_searches_sorts_and_pages(life: SmallestLife, steps: Any) -> None:
    names = ["Alpha one", "Beta", "alpha two"]
    ids = []
    for name in names:
        ids.append(create(life, name=name)["_id"])
        steps(0.1)
    ask(life, "post", "/campaign/{id}/start", ids[1])

    everything = ask(life, "get", "/campaign", query={"offset": "2"}).body["data"]
    alphas = ask(life, "get", "/campaign", query={"search": "ALPHA", "sortOrder": "asc"}).body["data"]
    processing = ask(life, "get", "/campaign", query={"status": "processing"}).body["data"]

    assert [item["_id"] for item in everything["campaigns"]] == [ids[2], ids[1]]
    assert everything["pagination"] == {"total": 3, "page": 1, "offset": 2, "hasMore": True, "totalPages": 2}
    assert everything["totalCampaignCount"] == 3
    assert [item["name"] for item in alphas["campaigns"]] == ["Alpha one", "alpha two"]
    assert [item["_id"] for item in processing["campaigns"]] == [ids[1]]


def test_state_reads_progress_in_the_neutral_shape(life: SmallestLife, steps: Any) -> None:
    campaign_id = create(life)["_id"]
    ask(life, "post", "/campaign/{id}/start", campaign_id)
    steps(RUN_STEPS + 2)

    state = life.state(campaign_id)

    assert state is not None
    total = participants_of("aud-1")
    assert state["status"] == "completed"
    progress = state["progress"]
    assert (progress["total"], progress["attempted"]) == (total, total)
    assert progress["succeeded"] + progress["failed"] == total
    assert [item["id"] for item in life.states()] == [campaign_id]


def test_conversations_search_and_call_types(life: SmallestLife, steps: Any) -> None:
    campaign_id = create(life)["_id"]
    ask(life, "post", "/campaign/{id}/start", campaign_id)
    steps(RUN_STEPS + 2)
    query = {"campaignIds": campaign_id, "limit": "500"}
    every = ask(life, "get", "/conversation", query=query).body["data"]["logs"]

    one = ask(life, "get", "/conversation", query={**query, "search": every[3]["to"]}).body["data"]["logs"]
    inbound = ask(life, "get", "/conversation", query={**query, "callTypes": "telephony_inbound"}).body["data"]
    outbound = ask(life, "get", "/conversation", query={**query, "callTypes": "webcall,telephony_outbound"})

    assert [log["callId"] for log in one] == [every[3]["callId"]]
    assert (inbound["logs"], inbound["pagination"]["total"]) == ([], 0)
    assert len(outbound.body["data"]["logs"]) == len(every) == participants_of("aud-1")
