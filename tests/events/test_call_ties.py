"""Smallest's call hooks name no campaign: held until the campaign's list of calls names the call."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from starlette.testclient import TestClient

from gateway.app import create_app
from gateway.events.feed import read_feed
from gateway.events.tie import CallTies
from gateway.sandbox.faults import Fault
from gateway.sandbox.server import Sandbox
from gateway.settings import Settings

from ._hooks_support import AUTH, OTHER_AUTH, app_of, env_for, hook_url, signed, smallest_post_conversation

STEP_S = 1.0


class _Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> _Clock:
    return _Clock()


@pytest.fixture
def sandbox(clock: _Clock) -> Iterator[Sandbox]:
    with Sandbox(step_s=STEP_S, clock=clock).start() as running:
        running.hooks._interval_s = 3600  # the sandbox sends nothing by itself here
        yield running


@pytest.fixture
def client(sandbox: Sandbox, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings.from_env(env_for(sandbox, tmp_path / "gateway.db", GATEWAY_SYNC_IN_SERVE="0")))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.gateway.close()


def _calls_of(sandbox: Sandbox, vendor_campaign_id: str) -> list[str]:
    answer = httpx.get(
        f"{sandbox.base_url('smallest')}/conversation",
        params={"campaignIds": vendor_campaign_id, "limit": 500},
        headers={"Authorization": f"Bearer {sandbox.credential('smallest')}"},
    )
    assert answer.status_code == 200, answer.text
    return [log["callId"] for log in answer.json()["data"]["logs"]]


def _running_campaign(client: TestClient, sandbox: Sandbox, clock: _Clock) -> dict[str, Any]:
    body = {"vendor": "smallest", "name": "Ties", "agent_id": "60d0fe4f5311236168a109ca", "audience": "a1"}
    created = client.post("/v1/campaigns", json=body, headers=AUTH)
    assert created.status_code == 201, created.text
    campaign: dict[str, Any] = created.json()
    assert client.post(f"/v1/campaigns/{campaign['id']}/start", headers=AUTH).status_code == 202
    clock.now += 6 * STEP_S  # some calls made
    assert _calls_of(sandbox, campaign["vendor_campaign_id"])
    return campaign


def _hook(client: TestClient, call_id: str, delivery: str) -> str:
    raw, headers = signed(smallest_post_conversation(call_id=call_id, delivery=delivery))
    answer = client.post(hook_url(client, "smallest"), content=raw, headers=headers)
    assert answer.status_code == 200, answer.text
    [event_id] = answer.json()["events"]
    return str(event_id)


def _calls_in_feed(client: TestClient, headers: dict[str, str] = AUTH) -> list[dict[str, Any]]:
    answer = client.get("/v1/events", headers=headers, params={"type": "call.*"})
    assert answer.status_code == 200, answer.text
    return list(answer.json()["events"])


def _run(client: TestClient, ties: CallTies) -> int:
    assert client.portal is not None
    return int(client.portal.call(ties.run_once))


def test_a_call_hook_is_held_then_published_with_its_campaign(
    client: TestClient, sandbox: Sandbox, clock: _Clock
) -> None:
    campaign = _running_campaign(client, sandbox, clock)
    call_id = _calls_of(sandbox, campaign["vendor_campaign_id"])[0]
    event_id = _hook(client, call_id, "a" * 24)

    assert _calls_in_feed(client) == []  # held: not published before it is tied

    assert _run(client, CallTies(app_of(client).gateway)) == 1
    [event] = _calls_in_feed(client)
    assert (event["id"], event["campaign_id"], event["vendor_campaign_id"], event["tenant"]) == (
        event_id,
        campaign["id"],
        campaign["vendor_campaign_id"],
        "one",
    )
    assert _calls_in_feed(client, OTHER_AUTH) == []
    listed = [parse_qs(r.query) for r in sandbox.requests("smallest") if r.path.endswith("/conversation")]
    assert listed and all(query["campaignIds"] == [campaign["vendor_campaign_id"]] for query in listed)


def test_a_call_no_campaign_lists_waits_then_is_published_without_one(
    client: TestClient, sandbox: Sandbox, clock: _Clock
) -> None:
    _running_campaign(client, sandbox, clock)
    gateway = app_of(client).gateway
    _hook(client, "CALL-not-ours", "b" * 24)
    ties = CallTies(gateway, give_up_after=timedelta(minutes=10))

    assert _run(client, ties) == 0  # not tied, not given up yet
    assert _calls_in_feed(client) == []
    held_since = ties.held()[0].received_at
    gateway.registry._clock = lambda: held_since + timedelta(minutes=10)  # type: ignore[method-assign]

    assert _run(client, ties) == 1
    assert _calls_in_feed(client) == []  # two tenants and no campaign: tied to no tenant (EVENTS.md)
    [event] = read_feed(gateway.registry.engine, tenant=None, after=None, untied=True).events
    assert event["campaign_id"] is None and event["data"]["vendor_call_id"] == "CALL-not-ours"


def test_the_calls_learnt_are_remembered(client: TestClient, sandbox: Sandbox, clock: _Clock) -> None:
    campaign = _running_campaign(client, sandbox, clock)
    first, second = _calls_of(sandbox, campaign["vendor_campaign_id"])[:2]
    ties = CallTies(app_of(client).gateway)
    _hook(client, first, "c" * 24)
    assert _run(client, ties) == 1
    sandbox.clear()

    _hook(client, second, "d" * 24)
    assert _run(client, ties) == 1

    assert not [request for request in sandbox.requests("smallest") if request.path.endswith("/conversation")]
    assert {event["campaign_id"] for event in _calls_in_feed(client)} == {campaign["id"]}


def test_a_vendor_failure_leaves_the_event_held_for_the_next_pass(
    client: TestClient, sandbox: Sandbox, clock: _Clock
) -> None:
    campaign = _running_campaign(client, sandbox, clock)
    call_id = _calls_of(sandbox, campaign["vendor_campaign_id"])[0]
    _hook(client, call_id, "e" * 24)
    ties = CallTies(app_of(client).gateway, relist_after=timedelta(0))
    sandbox.inject("smallest", Fault(status=500, sticky=True))

    assert _run(client, ties) == 0
    assert _calls_in_feed(client) == []

    sandbox.clear()
    assert _run(client, ties) == 1
    assert _calls_in_feed(client)[0]["campaign_id"] == campaign["id"]


def test_a_campaign_is_not_listed_again_within_the_relist_window(
    client: TestClient, sandbox: Sandbox, clock: _Clock
) -> None:
    _running_campaign(client, sandbox, clock)
    _hook(client, "CALL-not-ours", "f" * 24)
    ties = CallTies(app_of(client).gateway, relist_after=timedelta(minutes=1))
    sandbox.clear()

    for _ in range(3):
        assert _run(client, ties) == 0

    listings = [r for r in sandbox.requests("smallest") if r.path.endswith("/conversation")]
    assert len(listings) == 1  # one campaign, one page, once in the window


def test_with_more_live_campaigns_than_a_pass_lists_each_gets_its_turn(
    client: TestClient, sandbox: Sandbox, clock: _Clock
) -> None:
    campaigns = [_running_campaign(client, sandbox, clock) for _ in range(3)]
    oldest = campaigns[0]
    call_id = _calls_of(sandbox, oldest["vendor_campaign_id"])[0]
    _hook(client, call_id, "9" * 24)
    ties = CallTies(app_of(client).gateway, campaigns_per_pass=1)

    released = sum(_run(client, ties) for _ in range(3))

    assert released == 1
    assert _calls_in_feed(client)[0]["campaign_id"] == oldest["id"]
