"""Every vendor's after-create operations through real HTTP, on a sandbox with a fake clock.

Each answer is checked against the vendor's spec; an answer with a status the spec does not
document (a not-found where the vendor documents none) must be a 404 with a JSON reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from gateway.sandbox import RemoteSandbox, Sandbox
from gateway.sandbox.faults import Fault
from gateway.sandbox.lifecycle import LIVES, RUN_STEPS
from gateway.sandbox.lifecycle.pacing import iso
from gateway.sandbox.lifecycle.smallest import participants_of


class Vendor:
    """One vendor of the paced sandbox, called with its credential; every answer spec-checked."""

    def __init__(self, sandbox: Sandbox, client: httpx.Client, slug: str) -> None:
        self.sandbox, self.client, self.slug = sandbox, client, slug
        self.spec = sandbox.spec(slug)
        self.base = sandbox.base_url(slug)
        credential = sandbox.credential(slug)
        (requirement, *_) = self.spec.operations[0].security
        scheme = self.spec.security_schemes[next(iter(requirement))]
        if scheme["type"] == "apiKey":
            self.headers = {scheme["name"]: credential}
        else:
            self.headers = {"Authorization": f"Bearer {credential}"}

    def __call__(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        response = self.client.request(method, self.base + path, headers=headers, **kwargs)
        self.check(method, path, response)
        return response

    def check(self, method: str, path: str, response: httpx.Response) -> None:
        vendor_path = urlsplit(self.base + path).path.removeprefix(f"/{self.slug}")
        errors = self.spec.response_errors(
            method, vendor_path, response.status_code, response.headers.get("Content-Type", ""), response.content
        )
        operation = self.spec.find(method, vendor_path)
        if str(response.status_code) in operation.spec["responses"]:
            assert errors == [], (method, path, response.status_code, response.text)
        else:
            # Only a not-found the vendor does not document may go beyond the spec.
            assert response.status_code == 404, (method, path, response.status_code, response.text)
            assert errors == ["Unknown response http status: 404"]
            assert {"message", "errors"} & set(response.json())


@pytest.fixture
def vendor(paced_sandbox: Sandbox, client: httpx.Client) -> Any:
    return lambda slug: Vendor(paced_sandbox, client, slug)


@pytest.fixture(autouse=True)
def _no_faults_left(paced_sandbox: Sandbox) -> Iterator[None]:
    yield
    paced_sandbox.clear()


def test_every_spec_operation_is_served_by_the_vendors_lifecycle(paced_sandbox: Sandbox) -> None:
    for slug in paced_sandbox.vendors:
        spec = paced_sandbox.spec(slug)
        life = LIVES[slug](paced_sandbox.pacing)
        assert {(operation.method, operation.template) for operation in spec.operations} == set(life.routes), slug


def test_smallest_through_its_whole_life(vendor: Any, paced_steps: Any, paced_clock: Any) -> None:
    smallest = vendor("smallest")
    body = {"name": "Renewals", "audienceId": "aud-http", "agentId": "agent-9"}

    created = smallest("POST", "/campaign", json=body)
    campaign_id = created.json()["data"]["_id"]
    listed = smallest("GET", "/campaign", params={"search": "Renewals", "offset": 100})
    started = smallest("POST", f"/campaign/{campaign_id}/start")
    processing = smallest("GET", f"/campaign/{campaign_id}")
    paced_steps(4)
    running = smallest("GET", f"/campaign/{campaign_id}")
    calls = smallest("GET", "/conversation", params={"campaignIds": campaign_id, "limit": 500})
    call = smallest("GET", f"/conversation/{calls.json()['data']['logs'][0]['callId']}")
    pause = smallest("POST", f"/campaign/{campaign_id}/pause")
    paced_steps(1)
    paused = smallest("GET", f"/campaign/{campaign_id}")
    resume = smallest("POST", f"/campaign/{campaign_id}/start")
    paced_steps(RUN_STEPS + 1)
    completed = smallest("GET", f"/campaign/{campaign_id}")
    refused = smallest("POST", f"/campaign/{campaign_id}/pause")
    deleted = smallest("DELETE", f"/campaign/{campaign_id}")

    assert created.status_code == 201
    assert created.json()["data"]["participantsCount"] == participants_of("aud-http")
    assert campaign_id in [item["_id"] for item in listed.json()["data"]["campaigns"]]
    assert started.status_code == 202
    assert processing.json()["data"]["campaign"]["status"] == "processing"
    assert running.json()["data"]["campaign"]["status"] == "running"
    assert len(calls.json()["data"]["logs"]) == running.json()["data"]["metrics"]["contacts_called"] > 0
    assert call.status_code == 200
    assert (pause.status_code, pause.json()) == (200, {"status": True})
    assert paused.json()["data"]["campaign"]["status"] == "paused"
    assert paused.json()["data"]["campaign"]["pausedAt"] == iso(paced_clock.now - 2 * (RUN_STEPS + 1))
    assert resume.status_code == 202
    assert completed.json()["data"]["campaign"]["status"] == "completed"
    assert completed.json()["data"]["metrics"]["contacts_called"] == participants_of("aud-http")
    assert refused.status_code == 400
    assert deleted.json() == {"status": True}
    for method, path in (
        ("GET", f"/campaign/{campaign_id}"),
        ("POST", f"/campaign/{campaign_id}/start"),
        ("POST", f"/campaign/{campaign_id}/pause"),
        ("DELETE", f"/campaign/{campaign_id}"),
    ):
        gone = smallest(method, path)
        assert (gone.status_code, gone.json()) == (404, {"status": False, "errors": ["Campaign not found"]})
    assert smallest("GET", "/conversation/CALL-0000000000000-abcdef").status_code == 404


def test_smallest_requests_after_create_are_checked_against_the_spec(vendor: Any) -> None:
    smallest = vendor("smallest")

    too_many = smallest("GET", "/conversation", params={"limit": 501})
    bad_status = smallest("GET", "/campaign", params={"status": "active"})

    assert too_many.status_code == 400
    assert "limit" in too_many.text
    assert bad_status.status_code == 400
    assert "status" in bad_status.text


def test_volubile_through_its_whole_life(vendor: Any, paced_steps: Any) -> None:
    volubile = vendor("volubile")
    body = {
        "name": "Relance HTTP",
        "agentId": "4b0c1f6e-8d52-4f39-9a51-0c1d2e3f4a5b",
        "startDate": "2024-07-30",
        "timeSlots": [{"startTime": "10:00", "endTime": "12:00"}],
        "batchSize": 10,
        "days": ["MONDAY"],
        "recipients": [{"phone": f"+3361234560{n}"} for n in range(4)],
    }

    created = volubile("POST", "/v1/campaigns", json=body)
    campaign_id = created.json()["id"]
    read = volubile("GET", f"/v1/campaigns/{campaign_id}")
    paused = volubile("POST", f"/v1/campaigns/{campaign_id}/status", json="PAUSED")
    active = volubile("POST", f"/v1/campaigns/{campaign_id}/status", json="ACTIVE")
    paced_steps(RUN_STEPS + 1)
    calls = volubile("GET", "/v1/calls", params={"campaign": "Relance HTTP", "size": 100})
    call = volubile("GET", f"/v1/calls/{calls.json()['content'][0]['id']}")
    cancelled = volubile("POST", f"/v1/campaigns/{campaign_id}/status", json="CANCELLED")
    revived = volubile("POST", f"/v1/campaigns/{campaign_id}/status", json="ACTIVE")
    unknown_word = volubile("POST", f"/v1/campaigns/{campaign_id}/status", json="DONE")

    assert (created.status_code, created.json()["status"]) == (201, "ACTIVE")
    assert read.json() == created.json()
    assert (paused.json()["status"], active.json()["status"]) == ("PAUSED", "ACTIVE")
    assert sorted(item["phone"] for item in calls.json()["content"]) == [f"+3361234560{n}" for n in range(4)]
    assert call.json() == calls.json()["content"][0] or call.json()["id"] == calls.json()["content"][0]["id"]
    assert cancelled.json()["status"] == "CANCELLED"
    assert revived.status_code == 400
    assert revived.json()["message"] == "a CANCELLED campaign cannot change status"
    assert unknown_word.status_code == 400
    assert "DONE" in unknown_word.text
    unknown = "00000000-0000-4000-8000-000000000000"
    for method, path, json in (
        ("GET", f"/v1/campaigns/{unknown}", None),
        ("POST", f"/v1/campaigns/{unknown}/status", "PAUSED"),
        ("GET", f"/v1/calls/{unknown}", None),
    ):
        assert volubile(method, path, json=json).status_code == 404


def test_volubile_calls_filter_by_day(vendor: Any, paced_clock: Any) -> None:
    volubile = vendor("volubile")
    today = iso(paced_clock.now)[:10]

    none = volubile("GET", "/v1/calls", params={"from": "2001-01-01", "to": "2001-01-02"})
    some = volubile("GET", "/v1/calls", params={"from": today, "to": today, "size": 100})

    assert none.json()["totalElements"] == 0
    assert some.json()["totalElements"] > 0


def test_tetherai_through_its_whole_life(vendor: Any, paced_steps: Any, paced_clock: Any) -> None:
    tetherai = vendor("tetherai")
    body = {
        "name": "Q2 HTTP",
        "message": "Hi",
        "newContacts": [{"firstName": "Jo", "phoneNumber": "+14155550133"}],
        "selectedExistingContacts": [{"_id": "665f1a0c0e0a4b001a2c9f01", "phoneNumber": "+14165550100"}],
        "scheduleDate": iso(paced_clock.now + 3600),
    }

    created = tetherai("POST", "/api/campaigns", json=body)
    campaign_id = created.json()["data"]["_id"]
    listed = tetherai("GET", "/api/campaigns")
    patched = tetherai("PATCH", f"/api/campaigns/{campaign_id}", json={"name": "Q2 renamed"})
    sent = tetherai("POST", f"/api/campaigns/{campaign_id}/send")
    paced_steps(RUN_STEPS)
    done = tetherai("GET", f"/api/campaigns/{campaign_id}")
    refused = tetherai("POST", f"/api/campaigns/{campaign_id}/cancel", json={})
    deleted = tetherai("DELETE", f"/api/campaigns/{campaign_id}")
    gone = tetherai("GET", f"/api/campaigns/{campaign_id}")

    assert created.status_code == 201
    assert (created.json()["data"]["status"], created.json()["data"]["stats"]["total"]) == ("scheduled", 2)
    assert campaign_id in [item["_id"] for item in listed.json()["data"]]
    assert patched.json()["data"]["name"] == "Q2 renamed"
    assert sent.json()["data"]["status"] == "sending"
    assert done.json()["data"]["status"] == "sent"
    stats = done.json()["data"]["stats"]
    assert stats["sent"] + stats["failed"] == 2
    assert (refused.status_code, refused.json()["success"]) == (400, False)
    assert deleted.json()["success"] is True
    assert (gone.status_code, gone.json()) == (404, {"success": False, "message": "Campaign not found"})


def test_tetherai_cancel_stops_a_scheduled_campaign(vendor: Any, paced_steps: Any, paced_clock: Any) -> None:
    tetherai = vendor("tetherai")
    created = tetherai(
        "POST", "/api/campaigns", json={"name": "C", "message": "M", "scheduleDate": iso(paced_clock.now + 5)}
    )
    campaign_id = created.json()["data"]["_id"]

    cancelled = tetherai("POST", f"/api/campaigns/{campaign_id}/cancel")
    paced_steps(10)

    assert cancelled.json()["data"]["status"] == "cancelled"
    assert tetherai("GET", f"/api/campaigns/{campaign_id}").json()["data"]["status"] == "cancelled"


def test_voiceable_through_its_whole_life(vendor: Any, paced_steps: Any) -> None:
    voiceable = vendor("voiceable")
    fields = {"name": "Launch HTTP", "phone_number_id": "1", "agent_id": "123", "send_immediately": "true"}
    files = {"recipients_file": ("r.csv", b"phone_number\n+14155550100\n+14155550101\n+14155550102\n", "text/csv")}

    created = voiceable("POST", "/api/v1/campaigns", data=fields, files=files)
    campaign_id = created.json()["data"]["id"]
    running = voiceable("GET", f"/api/v1/campaigns/{campaign_id}")
    paced_steps(RUN_STEPS)
    done = voiceable("GET", f"/api/v1/campaigns/{campaign_id}")
    unknown = voiceable("GET", "/api/v1/campaigns/987654321")
    # Not an integer id: refused before any lookup, as the create's validation errors are.
    not_a_number = voiceable.client.get(voiceable.base + "/api/v1/campaigns/first", headers=voiceable.headers)

    assert created.status_code == 201
    assert (created.json()["data"]["status"], created.json()["data"]["recipients_count"]) == ("pending", 3)
    assert created.json()["data"]["name"] == "Launch HTTP"
    assert running.json()["data"]["status"] == "in_progress"
    assert (done.json()["data"]["status"], done.json()["data"]["recipients_count"]) == ("completed", 3)
    assert unknown.json() == {"status": {"code": 404, "message": "Campaign not found"}}
    assert not_a_number.status_code == 422


def test_clerk_through_its_whole_life(vendor: Any, paced_steps: Any, paced_clock: Any) -> None:
    clerk = vendor("clerk")
    body = {
        "sender": "+14155550100",
        "listName": "HTTP list",
        "mediaUrls": [],
        "body": "Hello",
        "timestamp": iso(paced_clock.now + 4),
    }

    created = clerk("POST", "/public/campaigns", json=body)
    campaign_id = created.json()["data"]["id"]

    def mine() -> list[dict[str, Any]]:
        page = clerk("GET", "/public/messages", params={"limit": 50})
        return [message for message in page.json()["data"] if message["campaignId"] == campaign_id]

    waiting = mine()
    paced_steps(RUN_STEPS + 4)
    done = mine()

    assert (created.status_code, created.json()["data"]["status"]) == (201, "scheduled")
    assert {message["status"] for message in waiting} == {"scheduled"}
    assert waiting and len(done) == len(waiting)
    assert {message["status"] for message in done} <= {"delivered", "failed"}


def test_the_control_endpoint_reads_a_campaigns_state(
    vendor: Any, paced_sandbox: Sandbox, client: httpx.Client, paced_steps: Any
) -> None:
    smallest = vendor("smallest")
    campaign_id = smallest("POST", "/campaign", json={"name": "S", "audienceId": "a", "agentId": "b"}).json()["data"][
        "_id"
    ]
    smallest("POST", f"/campaign/{campaign_id}/start")
    paced_steps(3)

    with RemoteSandbox(paced_sandbox.url) as remote:
        state = remote.campaign("smallest", campaign_id)
        everything = remote.campaigns("smallest")
        missing = remote.campaign("smallest", "nope")

    assert state == paced_sandbox.campaign("smallest", campaign_id)
    assert state is not None and state["status"] == "running"
    assert state["progress"]["total"] == participants_of("a") and state["progress"]["attempted"] > 0
    assert campaign_id in [item["id"] for item in everything]
    assert missing is None
    assert client.get(f"{paced_sandbox.url}/_sandbox/smallest/campaigns/nope").status_code == 404


def test_forgotten_campaigns_are_gone(vendor: Any, paced_sandbox: Sandbox) -> None:
    voiceable = vendor("voiceable")
    fields = {"name": "F", "phone_number_id": "1", "agent_id": "1", "send_immediately": "true"}
    files = {"recipients_file": ("r.csv", b"phone_number\n+14155550100\n", "text/csv")}
    campaign_id = voiceable("POST", "/api/v1/campaigns", data=fields, files=files).json()["data"]["id"]

    with RemoteSandbox(paced_sandbox.url) as remote:
        remote.forget_campaigns("voiceable")

    assert paced_sandbox.campaigns("voiceable") == []
    assert voiceable("GET", f"/api/v1/campaigns/{campaign_id}").status_code == 404


def test_a_fault_replaces_an_action_which_then_never_happened(
    vendor: Any, paced_sandbox: Sandbox, paced_steps: Any
) -> None:
    smallest = vendor("smallest")
    campaign_id = smallest("POST", "/campaign", json={"name": "F", "audienceId": "a", "agentId": "b"}).json()["data"][
        "_id"
    ]
    paced_sandbox.inject("smallest", Fault.server_error(500))

    failed = smallest("POST", f"/campaign/{campaign_id}/start")
    paced_steps(3)

    assert failed.status_code == 500
    assert paced_sandbox.campaign("smallest", campaign_id)["status"] == "draft"  # type: ignore[index]
    (*_, recorded) = paced_sandbox.requests("smallest")
    assert (recorded.method, recorded.status) == ("POST", 500)
    assert recorded.path.endswith(f"/campaign/{campaign_id}/start")


def test_create_answers_reflect_the_request_and_conform(vendor: Any, paced_clock: Any) -> None:
    soon = iso(paced_clock.now + 3600)
    smallest, tetherai, clerk = vendor("smallest"), vendor("tetherai"), vendor("clerk")
    voiceable = vendor("voiceable")

    later_body = {"name": "Later", "audienceId": "x", "agentId": "y", "scheduledAt": soon}
    scheduled = smallest("POST", "/campaign", json=later_body)
    immediate = tetherai("POST", "/api/campaigns", json={"name": "Now", "message": "m", "userIds": ["u1", "u2", "u3"]})
    running = clerk("POST", "/public/campaigns", json={"sender": "+1", "listName": "L", "mediaUrls": [], "body": "b"})
    day, time = soon[:10], soon[11:19]
    later = voiceable(
        "POST",
        "/api/v1/campaigns",
        data={"name": "V", "phone_number_id": "1", "agent_id": "1", "send_immediately": "false"}
        | {"schedule_date": day, "schedule_time": time},
        files={"recipients_file": ("r.csv", b"phone_number\n+14155550100\n+14155550101\n", "text/csv")},
    )

    data = scheduled.json()["data"]
    assert (data["status"], data["scheduledAt"], data["participantsCount"]) == ("scheduled", soon, participants_of("x"))
    data = immediate.json()["data"]
    assert (data["status"], data["stats"]["total"], data["userIds"]) == ("sending", 3, ["u1", "u2", "u3"])
    assert (running.json()["data"]["status"], running.json()["data"]["name"]) == ("running", "L")
    data = later.json()["data"]
    assert (data["status"], data["recipients_count"], data["send_immediately"]) == ("pending", 2, False)
    assert data["scheduled_at"] == f"{day}T{time}.000Z"
