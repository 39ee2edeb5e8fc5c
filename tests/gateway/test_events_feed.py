"""GET /v1/events and /v1/campaigns/{id}/events: the gateway's own events, paged, per tenant.

The vendors' webhooks are tested with the inbound hooks; here the events the gateway writes
itself (a create, an action, a status read by the sync) are followed to the feed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update
from starlette.testclient import TestClient

from gateway.app import create_app
from gateway.sandbox.server import Sandbox, start_sandbox
from gateway.settings import Settings
from gateway.store.schema import campaign_sync

from .conftest import AUTH, OTHER_KEY, examples, gateway_env

OTHER = {"Authorization": f"Bearer {OTHER_KEY}"}
STEP_S = 2.0


class FakeClock:
    """The sandbox's time, moved by hand."""

    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="module")
def paced(clock: FakeClock) -> Iterator[Sandbox]:
    with start_sandbox(step_s=STEP_S, clock=clock) as sandbox:
        yield sandbox


@pytest.fixture(scope="module")
def client(paced: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    database_url = f"sqlite:///{tmp_path_factory.mktemp('events') / 'gateway.db'}"
    app = create_app(Settings.from_env(gateway_env(paced, database_url, GATEWAY_SYNC_IN_SERVE="0")))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.gateway.close()


def _create(client: TestClient, slug: str, headers: dict[str, str] = AUTH) -> dict[str, Any]:
    body = dict(examples()[slug])
    if slug == "volubile":
        body.pop("schedule", None)  # running at once
    response = client.post("/v1/campaigns", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _feed(client: TestClient, path: str = "/v1/events", headers: dict[str, str] = AUTH, **params: Any) -> Any:
    response = client.get(path, headers=headers, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _everything(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    """Every event after the cursor the test started at, paged to the end."""
    seen: list[dict[str, Any]] = []
    cursor = params.pop("after", None)
    while True:
        page = _feed(client, **params, **({"after": cursor} if cursor else {}))
        if page["next_cursor"] is None:
            assert page["events"] == []
            return seen
        seen.extend(page["events"])
        cursor = page["next_cursor"]


def _cursor_now(client: TestClient) -> str | None:
    cursor = None
    while (page := _feed(client, limit=500, **({"after": cursor} if cursor else {})))["next_cursor"]:
        cursor = page["next_cursor"]
    return cursor


def test_a_launch_is_announced_to_its_tenant_only(client: TestClient) -> None:
    mine, theirs = _cursor_now(client), None
    created = _create(client, "clerk")

    events = _everything(client, after=mine)

    assert [event["type"] for event in events] == ["campaign.created"]
    event = events[0]
    assert (event["campaign_id"], event["vendor"], event["vendor_campaign_id"]) == (
        created["id"],
        "clerk",
        created["vendor_campaign_id"],
    )
    assert (event["source"], event["tenant"], event["data"]["status"]) == ("gateway", "one", created["status"])
    assert event["id"].startswith("evt_")
    assert all(e["campaign_id"] != created["id"] for e in _everything(client, headers=OTHER, after=theirs))


def test_an_action_and_what_the_vendor_answered_are_events(client: TestClient) -> None:
    cursor = _cursor_now(client)
    created = _create(client, "volubile")
    assert client.post(f"/v1/campaigns/{created['id']}/pause", headers=AUTH).status_code == 200

    events = _everything(client, after=cursor)

    assert [(e["type"], e["source"]) for e in events] == [
        ("campaign.created", "gateway"),
        ("campaign.action_completed", "gateway"),
        ("campaign.status_changed", "gateway"),
    ]
    assert events[1]["data"] == {"action": "pause", "dispatch": "accepted", "status": "paused"}
    assert events[2]["data"] == {"from": "running", "to": "paused", "vendor_status": "PAUSED"}


def test_what_the_sync_reads_is_an_event(client: TestClient, clock: FakeClock) -> None:
    created = _create(client, "smallest")
    assert client.post(f"/v1/campaigns/{created['id']}/start", headers=AUTH).status_code == 202
    cursor = _cursor_now(client)
    clock.now += 2 * STEP_S + 0.01
    gateway = client.app.gateway  # type: ignore[attr-defined]
    with gateway.registry.engine.begin() as connection:  # a refresh is at most once a (real) second
        connection.execute(
            update(campaign_sync)
            .where(campaign_sync.c.campaign_id == created["id"])
            .values(synced_at=gateway.registry.clock() - timedelta(seconds=2))
        )
    gateway.sync_queue._asked.pop(created["id"], None)
    assert client.get(f"/v1/campaigns/{created['id']}?refresh=true", headers=AUTH).json()["status"] == "running"

    events = _everything(client, after=cursor, campaign_id=created["id"])

    changed = [e for e in events if e["type"] == "campaign.status_changed"]
    assert [(e["source"], e["data"]["from"], e["data"]["to"]) for e in changed] == [("sync", "starting", "running")]
    progress = [e for e in events if e["type"] == "campaign.progress"]
    assert progress and progress[-1]["data"]["total"] is not None


def test_pages_chain_by_cursor_without_gaps_or_repeats(client: TestClient) -> None:
    cursor = _cursor_now(client)
    created = [_create(client, "clerk")["id"] for _ in range(5)]

    one_by_one = _everything(client, after=cursor, limit=1)
    at_once = _feed(client, after=cursor, limit=500)["events"]

    assert [e["campaign_id"] for e in one_by_one] == created
    assert one_by_one == at_once


def test_filters_by_type_prefix_and_campaign(client: TestClient) -> None:
    cursor = _cursor_now(client)
    first, second = _create(client, "volubile"), _create(client, "volubile")
    client.post(f"/v1/campaigns/{first['id']}/pause", headers=AUTH)

    def types(**params: Any) -> list[str]:
        return [e["type"] for e in _everything(client, after=cursor, **params)]

    assert types(type="campaign.created") == ["campaign.created", "campaign.created"]
    assert types(type=["campaign.action_completed", "campaign.status_changed"]) == [
        "campaign.action_completed",
        "campaign.status_changed",
    ]
    assert types(type="campaign.*", campaign_id=second["id"]) == ["campaign.created"]
    feed = _feed(client, f"/v1/campaigns/{first['id']}/events", after=cursor)["events"]
    assert [e["type"] for e in feed] == ["campaign.created", "campaign.action_completed", "campaign.status_changed"]


def test_another_tenants_campaign_feed_is_404(client: TestClient) -> None:
    created = _create(client, "clerk")
    response = client.get(f"/v1/campaigns/{created['id']}/events", headers=OTHER)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("params", "field"),
    [({"type": "call"}, "type"), ({"limit": "501"}, "limit"), ({"after": "x"}, "after"), ({"limit": "0"}, "limit")],
)
def test_a_bad_parameter_is_a_problem_naming_it(client: TestClient, params: dict[str, str], field: str) -> None:
    response = client.get("/v1/events", headers=AUTH, params=params)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_the_feed_needs_a_key(client: TestClient) -> None:
    assert client.get("/v1/events").status_code == 401


def test_a_campaign_filter_that_is_no_campaign_id_is_400_naming_it(client: TestClient) -> None:
    response = client.get("/v1/events", headers=AUTH, params={"campaign_id": "not-a-uuid"})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "campaign_id", "message": "must be a UUID"}]
