"""Native routes after the launch, per vendor, against the stateful sandbox (LIFECYCLE.md, "Native routes").

Reads of one campaign are served only for the caller's own campaigns (404 before the vendor is
called otherwise), lists are filtered to the caller's, account-wide reads need the tenant's own
vendor account, and native actions go through the actions' ledger so that the vendor-neutral
view of the same campaign stays true.

The sandbox here has a clock of its own that only moves when a test moves it, and the gateway's
background refresh is pushed far away, so what a test reads is what its own requests did.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from cryptography.fernet import Fernet
from starlette.testclient import TestClient

from gateway.api import native_lifecycle
from gateway.app import create_app
from gateway.codegen.config import GeneratorPaths
from gateway.codegen.specs import load_spec
from gateway.sandbox.faults import Fault
from gateway.sandbox.server import Sandbox, start_sandbox
from gateway.settings import Settings
from gateway.vendors import ADAPTERS

from .conftest import KEY, OTHER_KEY, campaign_rows, examples, gateway_env

OWN_KEY = "key-tenant-three"
"""Tenant `three` has its own account (at the sandbox) at Smallest, Volubile and Clerk."""
OWN_ACCOUNTS = ("smallest", "volubile", "clerk")
FRESH_KEY = "key-tenant-four"
"""Tenant `four` creates campaigns in one test only: the registry holds no vendor id of theirs before it."""


class _Clock:
    """A sandbox clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def clock() -> _Clock:
    return _Clock()


@pytest.fixture(scope="module")
def life(clock: _Clock) -> Iterator[Sandbox]:
    with start_sandbox(step_s=2.0, clock=clock) as running:
        yield running


@pytest.fixture(autouse=True)
def _clean(life: Sandbox) -> None:
    life.clear()
    life.forget_campaigns()


@pytest.fixture(scope="module")
def gateway(life: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    database_url = f"sqlite:///{tmp_path_factory.mktemp('native') / 'gateway.db'}"
    env = gateway_env(
        life,
        database_url,
        GATEWAY_API_KEYS=f"one:{KEY},two:{OTHER_KEY},three:{OWN_KEY},four:{FRESH_KEY}",
        GATEWAY_SECRET_KEY=Fernet.generate_key().decode(),
        # No background refresh during a test: the statuses read are those the requests left.
        GATEWAY_SYNC_SOON_S="3600",
        GATEWAY_SYNC_INTERVAL_S="86400",
    )
    app = create_app(Settings.from_env(env))
    with TestClient(app, raise_server_exceptions=False) as client:
        for slug in OWN_ACCOUNTS:
            app.gateway.credentials.set("three", slug, life.credential(slug), life.base_url(slug))
        yield client
    app.gateway.close()


def _headers(key: str) -> dict[str, str]:
    # Every native route of these vendors takes the key as a Bearer token or in X-API-Key; the
    # gateway accepts either wherever the vendor's scheme wants it (test_native_and_auth.py).
    return {"Authorization": f"Bearer {key}", "X-Api-Key": key, "apiKey": key}


def _create(client: TestClient, slug: str, key: str = KEY, **changes: Any) -> dict[str, Any]:
    response = client.post("/v1/campaigns", json={**examples()[slug], **changes}, headers={"X-API-Key": key})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    assert created["vendor_campaign_id"], created
    return created


def _view(client: TestClient, campaign: dict[str, Any], key: str = KEY) -> dict[str, Any]:
    response = client.get(f"/v1/campaigns/{campaign['id']}", headers={"X-API-Key": key})
    assert response.status_code == 200, response.text
    view: dict[str, Any] = response.json()
    return view


def _direct(life: Sandbox, slug: str, path: str) -> httpx.Response:
    """The sandbox's own answer to a GET, with the gateway's credential (no gateway in between)."""
    credential = life.credential(slug)
    headers = {"Authorization": f"Bearer {credential}", "X-Api-Key": credential, "apiKey": credential}
    return httpx.get(f"{life.base_url(slug)}{path}", headers=headers)


# The native read of one campaign: (the vendor's path for a campaign id).
READS = {
    "smallest": "/campaign/{id}",
    "volubile": "/v1/campaigns/{id}",
    "tetherai": "/api/campaigns/{id}",
    "voiceable": "/api/v1/campaigns/{id}",
}


@pytest.mark.parametrize("slug", sorted(READS))
def test_own_campaign_is_relayed_byte_for_byte(gateway: TestClient, life: Sandbox, slug: str) -> None:
    path = READS[slug].format(id=_create(gateway, slug)["vendor_campaign_id"])
    life.clear_requests()

    response = gateway.get(f"/v1/vendors/{slug}{path}", headers=_headers(KEY))

    assert response.status_code == 200, response.text
    direct = _direct(life, slug, path)  # the sandbox's clock has not moved: the same answer
    assert direct.status_code == 200
    assert response.content == direct.content
    assert len(life.requests(slug)) == 2  # the gateway's read and ours


@pytest.mark.parametrize("slug", sorted(READS))
def test_another_tenants_campaign_is_404_before_the_vendor_is_called(
    gateway: TestClient, life: Sandbox, slug: str
) -> None:
    theirs = READS[slug].format(id=_create(gateway, slug, key=OTHER_KEY)["vendor_campaign_id"])
    # An id of the vendor's type that no one created (Voiceable's ids are integers).
    unknown = READS[slug].format(id="99999999" if slug == "voiceable" else "60d0fe4f5311236168a1ffff")
    life.clear_requests()

    for path in (theirs, unknown):
        response = gateway.get(f"/v1/vendors/{slug}{path}", headers=_headers(KEY))
        assert response.status_code == 404, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["type"].endswith(":not-found")
    assert life.requests(slug) == []


# The native actions on one campaign, for the tenancy check: (method, vendor path, body).
ACTIONS = {
    "smallest": [
        ("POST", "/campaign/{id}/start", None),
        ("POST", "/campaign/{id}/pause", None),
        ("DELETE", "/campaign/{id}", None),
    ],
    "volubile": [("POST", "/v1/campaigns/{id}/status", "PAUSED")],
    "tetherai": [
        ("POST", "/api/campaigns/{id}/send", {}),
        ("POST", "/api/campaigns/{id}/cancel", {}),
        ("PATCH", "/api/campaigns/{id}", {"name": "renamed"}),
        ("DELETE", "/api/campaigns/{id}", None),
    ],
}


@pytest.mark.parametrize(
    ("slug", "method", "path", "body"),
    [(slug, *action) for slug, actions in ACTIONS.items() for action in actions],
)
def test_an_action_on_another_tenants_campaign_is_404_and_sends_nothing(
    gateway: TestClient, life: Sandbox, slug: str, method: str, path: str, body: Any
) -> None:
    theirs = _create(gateway, slug, key=OTHER_KEY)
    life.clear_requests()

    response = gateway.request(
        method,
        f"/v1/vendors/{slug}{path.format(id=theirs['vendor_campaign_id'])}",
        headers=_headers(KEY),
        content=None if body is None else json.dumps(body),
    )

    assert response.status_code == 404, response.text
    assert life.requests(slug) == []
    assert _view(gateway, theirs, key=OTHER_KEY)["actions"] == []


def test_smallest_list_shows_only_the_callers_campaigns_and_counts_them(gateway: TestClient, life: Sandbox) -> None:
    mine = {_create(gateway, "smallest", name=f"mine {n}")["vendor_campaign_id"] for n in range(2)}
    theirs = {_create(gateway, "smallest", key=OTHER_KEY, name=f"theirs {n}")["vendor_campaign_id"] for n in range(3)}

    seen = {}
    for key in (KEY, OTHER_KEY):
        response = gateway.get("/v1/vendors/smallest/campaign?offset=50", headers=_headers(key))
        assert response.status_code == 200, response.text
        data = response.json()["data"]
        seen[key] = {campaign["_id"] for campaign in data["campaigns"]}
        assert data["totalCampaignCount"] == len(seen[key])
        assert data["pagination"]["total"] == len(seen[key])

    assert (seen[KEY], seen[OTHER_KEY]) == (mine, theirs)
    direct = _direct(life, "smallest", "/campaign?offset=50").json()["data"]
    assert direct["totalCampaignCount"] == 5  # the vendor's count was the shared account's


def test_tetherai_list_shows_only_the_callers_campaigns(gateway: TestClient, life: Sandbox) -> None:
    mine = {_create(gateway, "tetherai", name=f"mine {n}")["vendor_campaign_id"] for n in range(3)}
    theirs = {_create(gateway, "tetherai", key=OTHER_KEY)["vendor_campaign_id"]}

    for key, expected in ((KEY, mine), (OTHER_KEY, theirs)):
        response = gateway.get("/v1/vendors/tetherai/api/campaigns", headers=_headers(key))
        assert response.status_code == 200, response.text
        assert {campaign["_id"] for campaign in response.json()["data"]} == expected
    assert len(_direct(life, "tetherai", "/api/campaigns").json()["data"]) == 4


def test_a_list_on_the_tenants_own_account_is_the_vendors_whole_answer(gateway: TestClient, life: Sandbox) -> None:
    _create(gateway, "smallest")
    _create(gateway, "smallest", key=OTHER_KEY)

    response = gateway.get("/v1/vendors/smallest/campaign?offset=50", headers=_headers(OWN_KEY))

    assert response.status_code == 200, response.text
    assert response.content == _direct(life, "smallest", "/campaign?offset=50").content
    assert response.json()["data"]["totalCampaignCount"] == 2


# Account-wide reads: (vendor, path with a query the sandbox answers with a list).
ACCOUNT_READS = [
    ("smallest", "/conversation"),
    ("volubile", "/v1/calls"),
    ("clerk", "/public/messages"),
]


@pytest.mark.parametrize(("slug", "path"), ACCOUNT_READS)
def test_account_wide_reads_are_refused_on_the_shared_account(
    gateway: TestClient, life: Sandbox, slug: str, path: str
) -> None:
    response = gateway.get(f"/v1/vendors/{slug}{path}", headers=_headers(KEY))

    assert response.status_code == 404, response.text
    assert f"your own {slug} account" in response.json()["detail"]
    assert life.requests(slug) == []


@pytest.mark.parametrize(("slug", "path"), ACCOUNT_READS)
def test_account_wide_reads_are_relayed_on_the_tenants_own_account(
    gateway: TestClient, life: Sandbox, clock: _Clock, slug: str, path: str
) -> None:
    if slug != "clerk":  # calls to list: a started campaign a few steps on
        created = _create(
            gateway, slug, key=OWN_KEY, **({"schedule": {"timezone": "UTC"}} if slug == "volubile" else {})
        )
        if slug == "smallest":
            assert gateway.post(f"/v1/campaigns/{created['id']}/start", headers={"X-API-Key": OWN_KEY}).is_success
        clock.now += 12 * 2.0  # past RUN_STEPS: every recipient called

    response = gateway.get(f"/v1/vendors/{slug}{path}", headers=_headers(OWN_KEY))

    assert response.status_code == 200, response.text
    assert response.content == _direct(life, slug, path).content
    if slug == "smallest":
        assert response.json()["data"]["logs"]
    if slug == "volubile":
        assert response.json()["content"]


def _actions(view: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(action["action"], action.get("route", ""), action["dispatch"]) for action in view["actions"]]


def test_smallest_native_pause_then_start_then_delete_keep_the_view_true(
    gateway: TestClient, life: Sandbox, clock: _Clock
) -> None:
    campaign = _create(gateway, "smallest")
    vendor_id = campaign["vendor_campaign_id"]
    native = f"/v1/vendors/smallest/campaign/{vendor_id}"
    started = gateway.post(f"/v1/campaigns/{campaign['id']}/start", headers={"X-API-Key": KEY})
    assert started.status_code == 202, started.text

    paused = gateway.post(f"{native}/pause", headers=_headers(KEY))
    assert paused.status_code == 200, paused.text
    assert paused.json() == {"status": True}  # the vendor's answer, relayed
    assert _view(gateway, campaign)["status"] == "pausing"
    clock.now += 2.0
    assert life.campaign("smallest", vendor_id)["status"] == "paused"

    resumed = gateway.post(f"{native}/start", headers=_headers(KEY))
    assert resumed.status_code == 202, resumed.text
    assert _view(gateway, campaign)["status"] == "resuming"  # a start on a paused campaign resumes it
    clock.now += 2.0
    assert life.campaign("smallest", vendor_id)["status"] == "running"

    deleted = gateway.delete(native, headers=_headers(KEY))
    assert deleted.status_code == 200, deleted.text
    view = _view(gateway, campaign)
    assert view["status"] == "cancelled"
    assert life.campaign("smallest", vendor_id) is None
    [row] = campaign_rows(gateway, id=campaign["id"])
    assert row["sync_due_at"] is None  # nothing left to refresh
    # The vendor-neutral start first (its `route` is actions.py's, "campaigns/<id>/start"), then
    # the native ones, each with the native path it was sent to.
    assert [(action, dispatch) for action, _, dispatch in _actions(view)[:1]] == [("start", "accepted")]
    assert _actions(view)[1:] == [
        ("pause", f"{native}/pause", "accepted"),
        ("resume", f"{native}/start", "accepted"),
        ("delete", native, "accepted"),
    ]


@pytest.mark.parametrize(("word", "status"), [("PAUSED", "paused"), ("CANCELLED", "cancelled")])
def test_volubile_native_status_change_is_the_action(
    gateway: TestClient, life: Sandbox, word: str, status: str
) -> None:
    campaign = _create(gateway, "volubile")
    native = f"/v1/vendors/volubile/v1/campaigns/{campaign['vendor_campaign_id']}/status"

    response = gateway.post(native, json=word, headers=_headers(KEY))

    assert response.status_code == 200, response.text
    assert response.json()["status"] == word
    assert life.campaign("volubile", campaign["vendor_campaign_id"])["status"] == word
    view = _view(gateway, campaign)
    assert (view["status"], view["vendor_status"]) == (status, word)
    action = "pause" if word == "PAUSED" else "cancel"
    assert _actions(view) == [(action, native, "accepted")]


@pytest.mark.parametrize(("verb", "vendor_status"), [("cancel", "cancelled"), ("send", "sending")])
def test_tetherai_native_cancel_and_send(gateway: TestClient, life: Sandbox, verb: str, vendor_status: str) -> None:
    campaign = _create(gateway, "tetherai")  # scheduled for 2030
    native = f"/v1/vendors/tetherai/api/campaigns/{campaign['vendor_campaign_id']}/{verb}"

    response = gateway.post(native, json={}, headers=_headers(KEY))

    assert response.status_code == 200, response.text
    assert life.campaign("tetherai", campaign["vendor_campaign_id"])["status"] == vendor_status
    view = _view(gateway, campaign)
    assert view["vendor_status"] == vendor_status
    assert view["status"] == ("cancelled" if verb == "cancel" else "running")
    assert _actions(view) == [("cancel" if verb == "cancel" else "start", native, "accepted")]


def test_a_native_action_replayed_with_its_idempotency_key_is_sent_once(gateway: TestClient, life: Sandbox) -> None:
    campaign = _create(gateway, "volubile")
    native = f"/v1/vendors/volubile/v1/campaigns/{campaign['vendor_campaign_id']}/status"
    life.clear_requests()
    headers = {**_headers(KEY), "Idempotency-Key": "pause-once"}

    first = gateway.post(native, json="PAUSED", headers=headers)
    second = gateway.post(native, json="PAUSED", headers=headers)

    assert first.status_code == second.status_code == 200, second.text
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert first.headers.get("Idempotent-Replayed") != "true"
    assert second.content == first.content
    assert len(life.requests("volubile")) == 1
    assert len(_view(gateway, campaign)["actions"]) == 1


def test_the_vendors_refusal_of_a_native_action_is_relayed_and_recorded_rejected(
    gateway: TestClient, life: Sandbox
) -> None:
    campaign = _create(gateway, "smallest")  # a draft: Smallest pauses only a running campaign
    native = f"/v1/vendors/smallest/campaign/{campaign['vendor_campaign_id']}/pause"

    response = gateway.post(native, headers=_headers(KEY))

    assert 400 <= response.status_code < 500, response.text
    assert not response.headers["content-type"].startswith("application/problem+json")  # the vendor's own
    assert "only a running campaign can be paused" in response.text
    view = _view(gateway, campaign)
    assert view["status"] == "draft"
    assert _actions(view) == [("pause", native, "rejected")]


def test_a_vendor_server_error_on_a_native_action_is_502_and_recorded_unknown(
    gateway: TestClient, life: Sandbox
) -> None:
    campaign = _create(gateway, "volubile")
    native = f"/v1/vendors/volubile/v1/campaigns/{campaign['vendor_campaign_id']}/status"
    life.inject("volubile", Fault(status=500))

    response = gateway.post(native, json="PAUSED", headers=_headers(KEY))

    assert response.status_code == 502, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 502
    assert _actions(_view(gateway, campaign)) == [("pause", native, "unknown")]


def test_a_smallest_list_page_counts_all_the_callers_campaigns(gateway: TestClient, clock: _Clock) -> None:
    mine = {_create(gateway, "smallest", name=f"mine {n}")["vendor_campaign_id"] for n in range(2)}
    clock.now += 1.0
    for n in range(5):  # newer: the vendor's first page (5, newest first) is all theirs
        _create(gateway, "smallest", key=OTHER_KEY, name=f"theirs {n}")

    response = gateway.get("/v1/vendors/smallest/campaign", headers=_headers(KEY))

    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert {campaign["_id"] for campaign in data["campaigns"]} == mine
    assert data["totalCampaignCount"] == data["pagination"]["total"] == len(mine)


def _smallest_list(client: TestClient, key: str = KEY, **query: Any) -> dict[str, Any]:
    """The `data` of the native Smallest list for `query`."""
    response = client.get("/v1/vendors/smallest/campaign", params=query, headers=_headers(key))
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def _ids(data: dict[str, Any]) -> list[str]:
    return [campaign["_id"] for campaign in data["campaigns"]]


def _interleaved(client: TestClient, clock: _Clock, pattern: str, key: str = KEY) -> tuple[list[str], list[str]]:
    """Smallest campaigns created oldest first, one a second: `m` the caller's (`key`), `t` tenant two's.

    Answers the vendor ids of each, newest first (the vendor's default order).
    """
    mine: list[str] = []
    theirs: list[str] = []
    for n, who in enumerate(pattern):
        clock.now += 1.0
        owner = key if who == "m" else OTHER_KEY
        created = _create(client, "smallest", key=owner, name=f"{'mine' if who == 'm' else 'theirs'} {n}")
        (mine if who == "m" else theirs).insert(0, created["vendor_campaign_id"])
    return mine, theirs


def _walked_pages(life: Sandbox) -> list[tuple[str, str]]:
    """(page, offset) of each list request the sandbox's Smallest received, in order."""
    asked = [parse_qs(request.query) for request in life.requests("smallest") if request.path.endswith("/campaign")]
    return [(query["page"][0], query["offset"][0]) for query in asked]


def test_the_callers_campaigns_across_several_vendor_pages_are_paged_as_theirs(
    gateway: TestClient, life: Sandbox, clock: _Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(native_lifecycle, "_WALK_PAGE_SIZE", 2)  # the walk reads the vendor 2 by 2
    # Newest first, in vendor pages of two: [t t] [m t] [t m] [t m], the caller's last on the last.
    mine, theirs = _interleaved(gateway, clock, "mtmttmtt")
    life.clear_requests()

    first = _smallest_list(gateway, offset=2)
    second = _smallest_list(gateway, offset=2, page=2)

    assert (_ids(first), _ids(second)) == (mine[:2], mine[2:])  # newest first, as the vendor orders
    assert first["pagination"] == {"total": 3, "page": 1, "offset": 2, "hasMore": True, "totalPages": 2}
    assert second["pagination"] == {"total": 3, "page": 2, "offset": 2, "hasMore": False, "totalPages": 2}
    assert first["totalCampaignCount"] == second["totalCampaignCount"] == 3
    assert _ids(_smallest_list(gateway, sortOrder="asc")) == mine[::-1]  # the vendor's sort, the caller's items
    # Each list walked the vendor's four pages of two, whatever page the caller asked for.
    assert _walked_pages(life) == [(str(page), "2") for page in range(1, 5)] * 3
    # The vendor's shape: the same members, and each campaign as the vendor lists it.
    direct = _direct(life, "smallest", "/campaign?offset=50").json()
    response = gateway.get("/v1/vendors/smallest/campaign?offset=2", headers=_headers(KEY)).json()
    assert response.keys() == direct.keys()
    assert response["data"].keys() == direct["data"].keys()
    listed = {campaign["_id"]: campaign for campaign in direct["data"]["campaigns"]}
    assert response["data"]["campaigns"] == [listed[vendor_id] for vendor_id in mine[:2]]
    assert len(theirs) == 5


def test_a_page_beyond_the_callers_last_is_empty_and_keeps_their_totals(gateway: TestClient, clock: _Clock) -> None:
    mine, _ = _interleaved(gateway, clock, "mtmtm")

    beyond = _smallest_list(gateway, offset=2, page=3)

    assert beyond["campaigns"] == []
    assert beyond["pagination"] == {"total": 3, "page": 3, "offset": 2, "hasMore": False, "totalPages": 2}
    assert beyond["totalCampaignCount"] == len(mine)


def test_the_vendors_filters_narrow_the_callers_list_and_their_unfiltered_count_stays(
    gateway: TestClient, life: Sandbox, clock: _Clock
) -> None:
    names = ["alpha one", "beta", "alpha two"]
    mine = []
    for name in names:
        clock.now += 1.0
        mine.append(_create(gateway, "smallest", name=name))
    clock.now += 1.0
    _create(gateway, "smallest", key=OTHER_KEY, name="alpha theirs")
    _create(gateway, "smallest", key=OTHER_KEY, name="Alpha draft of theirs")
    started = gateway.post(f"/v1/campaigns/{mine[2]['id']}/start", headers={"X-API-Key": KEY})
    assert started.status_code == 202, started.text
    clock.now += 2.0  # the queued start has taken effect: "alpha two" is running
    alpha_one, beta, alpha_two = (campaign["vendor_campaign_id"] for campaign in mine)

    found = {
        "search": _smallest_list(gateway, search="alpha"),
        "draft": _smallest_list(gateway, status="draft"),
        "both": _smallest_list(gateway, status="draft", search="ALPHA"),
        "running": _smallest_list(gateway, status="running", offset=1),
        "none": _smallest_list(gateway, status="paused"),
    }

    assert {what: _ids(data) for what, data in found.items()} == {
        "search": [alpha_two, alpha_one],
        "draft": [beta, alpha_one],
        "both": [alpha_one],
        "running": [alpha_two],
        "none": [],
    }
    assert {what: data["pagination"]["total"] for what, data in found.items()} == {
        "search": 2,
        "draft": 2,
        "both": 1,
        "running": 1,
        "none": 0,
    }
    # Smallest's totalCampaignCount is "unfiltered": all the caller's, whatever the filters.
    assert {data["totalCampaignCount"] for data in found.values()} == {3}
    assert life.campaign("smallest", alpha_two)["status"] == "running"


def test_other_tenants_campaigns_never_appear_or_count(
    gateway: TestClient, life: Sandbox, clock: _Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(native_lifecycle, "_WALK_PAGE_SIZE", 3)
    mine, theirs = _interleaved(gateway, clock, "ttmtttmttmtt")

    for key, expected, everyone_else in ((KEY, mine, theirs), (OTHER_KEY, theirs, mine)):
        shown: list[str] = []
        page, pages = 1, 1
        while page <= pages:
            response = gateway.get(f"/v1/vendors/smallest/campaign?offset=2&page={page}", headers=_headers(key))
            assert response.status_code == 200, response.text
            assert not any(vendor_id in response.text for vendor_id in everyone_else)
            data = response.json()["data"]
            assert data["totalCampaignCount"] == data["pagination"]["total"] == len(expected)
            shown += _ids(data)
            pages, page = data["pagination"]["totalPages"], page + 1
        assert shown == expected
    assert _direct(life, "smallest", "/campaign").json()["data"]["totalCampaignCount"] == 12


def test_the_walk_stops_once_every_campaign_of_the_caller_was_seen(
    gateway: TestClient, life: Sandbox, clock: _Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(native_lifecycle, "_WALK_PAGE_SIZE", 2)
    mine, _ = _interleaved(gateway, clock, "ttttmtmtt", key=FRESH_KEY)  # tenant four's first campaigns
    life.clear_requests()

    data = _smallest_list(gateway, FRESH_KEY)

    assert _ids(data) == mine
    # Pages of two, newest first: [t t] [m t] [m t] [t t] [t]: none of theirs after the third.
    assert _walked_pages(life) == [("1", "2"), ("2", "2"), ("3", "2")]


def test_a_list_longer_than_the_walk_reads_is_422_not_a_guess(
    gateway: TestClient, life: Sandbox, clock: _Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(native_lifecycle, "_WALK_PAGE_SIZE", 2)
    monkeypatch.setattr(native_lifecycle, "_WALK_MAX_PAGES", 2)
    _interleaved(gateway, clock, "mttttt")  # the caller's is on the vendor's third page of two
    life.clear_requests()

    response = gateway.get("/v1/vendors/smallest/campaign", headers=_headers(KEY))

    assert response.status_code == 422, response.text
    problem = response.json()
    assert (problem["type"].endswith(":unprocessable"), problem["vendor"]) == (True, "smallest")
    assert "more than 4 campaigns" in problem["detail"]
    assert _walked_pages(life) == [("1", "2"), ("2", "2")]


def test_a_vendor_refusal_of_the_list_is_relayed_and_its_failure_mapped(gateway: TestClient, life: Sandbox) -> None:
    _create(gateway, "smallest")
    life.inject("smallest", Fault(status=400, body={"status": False, "errors": ["bad query"]}))

    refused = gateway.get("/v1/vendors/smallest/campaign", headers=_headers(KEY))

    assert refused.status_code == 400, refused.text
    assert refused.json() == {"status": False, "errors": ["bad query"]}  # the vendor's own answer
    life.inject("smallest", Fault(status=500))
    failed = gateway.get("/v1/vendors/smallest/campaign", headers=_headers(KEY))
    assert failed.status_code == 502, failed.text
    assert failed.headers["content-type"].startswith("application/problem+json")


def test_a_tetherai_cancel_without_a_body_is_sent(gateway: TestClient, life: Sandbox) -> None:
    campaign = _create(gateway, "tetherai")

    response = gateway.post(
        f"/v1/vendors/tetherai/api/campaigns/{campaign['vendor_campaign_id']}/cancel", headers=_headers(KEY)
    )

    assert response.status_code == 200, response.text
    assert life.campaign("tetherai", campaign["vendor_campaign_id"])["status"] == "cancelled"


def test_the_access_log_names_the_tenant_and_vendor_of_a_native_read(
    gateway: TestClient, capfd: pytest.CaptureFixture[str]
) -> None:
    path = f"/v1/vendors/smallest/campaign/{_create(gateway, 'smallest')['vendor_campaign_id']}"
    capfd.readouterr()

    assert gateway.get(path, headers={**_headers(KEY), "X-Request-ID": "native-read-1"}).status_code == 200

    lines = [json.loads(line) for line in capfd.readouterr().err.splitlines() if line.startswith("{")]
    access = next(line for line in lines if line.get("request_id") == "native-read-1")
    assert (access["tenant"], access["vendor"], access["status"]) == ("one", "smallest", 200)
    assert access["vendor_ms"] > 0


# Query names that page a list, in any vendor's words.
_PAGE_WORDS = {"page", "offset", "limit", "cursor", "size", "per_page", "pageSize", "skip"}


_LISTS = [
    (slug, operation)
    for slug, adapter in sorted(ADAPTERS.items())
    for operation, role in adapter.native.items()
    if role == "campaigns"
]


@pytest.mark.parametrize(("slug", "operation_id"), _LISTS)
def test_every_paged_native_list_is_walked_with_the_names_of_its_spec(slug: str, operation_id: str) -> None:
    spec = load_spec(GeneratorPaths().vendor_specs / f"{slug}.yaml")
    [operation] = [
        operation
        for item in spec["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and operation.get("operationId") == operation_id
    ]
    query = {parameter["name"] for parameter in operation.get("parameters", []) if parameter.get("in") == "query"}

    paging = native_lifecycle._PAGED.get(slug)

    if paging is None:  # a list answered at once: nothing in its spec pages it
        assert not query & _PAGE_WORDS, (slug, query)
    else:
        assert {paging.page, paging.size, *paging.filters} <= query, (slug, query)
