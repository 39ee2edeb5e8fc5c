"""The generated clients (what the adapters call) read every after-create answer of the sandbox.

openapi-python-client's models raise on an unknown enum value or a missing required key: an
answer they cannot parse is one the gateway could not use, whatever the schema check says.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gateway.sandbox import Sandbox
from gateway.sandbox.lifecycle import RUN_STEPS
from gateway.sandbox.lifecycle.pacing import iso
from generated.clerk_client.api.messages import public_messages_controller_find_messages as find_messages
from generated.tetherai_client.api.campaigns import (
    get_api_campaigns,
    get_api_campaigns_id,
    post_api_campaigns_id_cancel,
    post_api_campaigns_id_send,
)
from generated.voiceable_client.api.campaigns import get_campaign as voiceable_get
from generated.volubile_client.api.calls import get_call, list_calls
from generated.volubile_client.api.campaigns import get_campaign as volubile_get
from generated.volubile_client.api.campaigns import update_status
from generated.volubile_client.models import CallPage, CampaignResponse, UpdateStatusBody
from generated.volubile_client.models.call import Call

HEADERS = {"volubile": "X-Api-Key", "voiceable": "X-API-Key", "clerk": "apiKey"}


@pytest.fixture
def generated(paced_sandbox: Sandbox) -> Iterator[Any]:
    """`generated(slug)`: that vendor's AuthenticatedClient, aimed at the paced sandbox."""
    made: list[Any] = []

    def make(slug: str) -> Any:
        module = __import__(f"generated.{slug}_client", fromlist=["AuthenticatedClient"])
        options: dict[str, Any] = {"prefix": "", "auth_header_name": HEADERS[slug]} if slug in HEADERS else {}
        made.append(
            module.AuthenticatedClient(
                base_url=paced_sandbox.base_url(slug),
                token=paced_sandbox.credential(slug),
                raise_on_unexpected_status=True,
                **options,
            )
        )
        return made[-1]

    yield make
    for generated_client in made:
        generated_client.get_httpx_client().close()


def test_volubile_answers_parse(generated: Any, client: Any, paced_sandbox: Sandbox, paced_steps: Any) -> None:
    volubile = generated("volubile")
    body = {
        "name": "Generated",
        "agentId": "4b0c1f6e-8d52-4f39-9a51-0c1d2e3f4a5b",
        "startDate": "2024-07-30",
        "timeSlots": [{"startTime": "10:00", "endTime": "12:00"}],
        "batchSize": 10,
        "days": ["MONDAY"],
        "recipients": [{"phone": f"+336123456{n:02d}"} for n in range(10)],
    }
    created = client.post(
        paced_sandbox.base_url("volubile") + "/v1/campaigns",
        json=body,
        headers={"X-Api-Key": paced_sandbox.credential("volubile")},
    ).json()

    paused = update_status.sync_detailed(created["id"], client=volubile, body=UpdateStatusBody.PAUSED).parsed
    update_status.sync_detailed(created["id"], client=volubile, body=UpdateStatusBody.ACTIVE)
    paced_steps(2)
    calls = list_calls.sync_detailed(client=volubile).parsed
    paced_steps(RUN_STEPS)
    read = volubile_get.sync_detailed(created["id"], client=volubile).parsed

    assert isinstance(paused, CampaignResponse) and paused.status == "PAUSED"
    assert isinstance(read, CampaignResponse) and str(read.id) == created["id"] and read.status == "ACTIVE"
    assert isinstance(calls, CallPage) and calls.content
    statuses = {call.status for call in calls.content}
    assert "IN_PROGRESS" in statuses
    one = get_call.sync_detailed(str(calls.content[0].id), client=volubile).parsed
    assert isinstance(one, Call) and one.phone.startswith("+336")


def test_voiceable_answers_parse(generated: Any, client: Any, paced_sandbox: Sandbox, paced_steps: Any) -> None:
    created = client.post(
        paced_sandbox.base_url("voiceable") + "/api/v1/campaigns",
        data={"name": "G", "phone_number_id": "1", "agent_id": "1", "send_immediately": "true"},
        files={"recipients_file": ("r.csv", b"phone_number\n+14155550100\n", "text/csv")},
        headers={"X-API-Key": paced_sandbox.credential("voiceable")},
    ).json()
    paced_steps(RUN_STEPS)

    read = voiceable_get.sync_detailed(created["data"]["id"], client=generated("voiceable")).parsed
    missing = voiceable_get.sync_detailed(987_654_321, client=generated("voiceable"))

    assert (read.data.status, read.data.recipients_count) == ("completed", 1)
    assert missing.status_code == 404 and missing.parsed.status.code == 404


def test_tetherai_answers_parse(generated: Any, client: Any, paced_sandbox: Sandbox, paced_clock: Any) -> None:
    tetherai = generated("tetherai")
    created = client.post(
        paced_sandbox.base_url("tetherai") + "/api/campaigns",
        json={"name": "G", "message": "m", "scheduleDate": iso(paced_clock.now + 600)},
        headers={"Authorization": f"Bearer {paced_sandbox.credential('tetherai')}"},
    ).json()
    campaign_id = created["data"]["_id"]

    listed = get_api_campaigns.sync_detailed(client=tetherai)
    read = get_api_campaigns_id.sync_detailed(campaign_id, client=tetherai)
    sent = post_api_campaigns_id_send.sync_detailed(campaign_id, client=tetherai)
    refused = post_api_campaigns_id_send.sync_detailed(campaign_id, client=tetherai)
    cancelled = post_api_campaigns_id_cancel.sync_detailed(campaign_id, client=tetherai)

    assert listed.status_code == read.status_code == sent.status_code == cancelled.status_code == 200
    # ApiResponse is untyped: the data arrives as additional properties.
    assert read.parsed.additional_properties["data"]["status"] == "scheduled"
    assert sent.parsed.additional_properties["data"]["status"] == "sending"
    assert refused.status_code == 400
    assert cancelled.parsed.additional_properties["data"]["status"] == "cancelled"


def test_clerk_messages_parse(generated: Any, client: Any, paced_sandbox: Sandbox, paced_steps: Any) -> None:
    created = client.post(
        paced_sandbox.base_url("clerk") + "/public/campaigns",
        json={"sender": "+14155550100", "listName": "Gen", "mediaUrls": [], "body": "Hi"},
        headers={"apiKey": paced_sandbox.credential("clerk")},
    ).json()
    paced_steps(3)

    page = find_messages.sync_detailed(client=generated("clerk"), limit=50).parsed

    mine = [message for message in page.data if message.campaign_id == created["data"]["id"]]
    assert mine
    assert {str(message.status) for message in mine} <= {"sending", "sent", "delivered", "failed"}
