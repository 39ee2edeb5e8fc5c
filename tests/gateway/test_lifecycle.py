"""The life after the launch on the vendor-neutral routes: view, refresh, start, pause, resume, cancel.

Against the stateful sandbox with a fake clock (a sandbox step is 2 s of it), so a campaign's
progress is moved by hand, never waited for.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from starlette.testclient import TestClient

from gateway.app import create_app
from gateway.errors import Conflict
from gateway.lifecycle import ALLOWED_FROM, QUEUED_STATUS
from gateway.sandbox.faults import Fault
from gateway.sandbox.server import Sandbox, start_sandbox
from gateway.settings import Settings
from gateway.store.schema import campaign_actions, campaign_sync
from gateway.vendors import ADAPTERS

from .conftest import AUTH, OTHER_KEY, campaign_rows, examples, gateway_env

OTHER = {"Authorization": f"Bearer {OTHER_KEY}"}
STEP_S = 2.0
ACTIONS = ("start", "pause", "resume", "cancel")


class FakeClock:
    """The sandbox's time, moved by hand."""

    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now

    def steps(self, count: int) -> None:
        self.now += count * STEP_S + 0.01


@pytest.fixture(scope="module")
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="module")
def paced(clock: FakeClock) -> Iterator[Sandbox]:
    with start_sandbox(step_s=STEP_S, clock=clock) as sandbox:
        yield sandbox


@pytest.fixture(scope="module")
def app_client(paced: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    database_url = f"sqlite:///{tmp_path_factory.mktemp('life') / 'gateway.db'}"
    app = create_app(Settings.from_env(gateway_env(paced, database_url, GATEWAY_SYNC_IN_SERVE="0")))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.gateway.close()


@pytest.fixture(autouse=True)
def _clean(paced: Sandbox) -> None:
    paced.clear()


def _create(client: TestClient, slug: str, headers: dict[str, str] = AUTH, **changes: Any) -> dict[str, Any]:
    body = {**examples()[slug], **changes}
    if slug == "volubile":
        body.pop("schedule", None)  # running at once
    response = client.post("/v1/campaigns", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _act(client: TestClient, campaign_id: str, action: str, headers: dict[str, str] = AUTH, **params: Any) -> Any:
    return client.post(f"/v1/campaigns/{campaign_id}/{action}", headers=headers, params=params)


def _view(client: TestClient, campaign_id: str, refresh: bool = False) -> dict[str, Any]:
    if refresh:  # a refresh asks the vendor at most once a (real) second: this one is later than that
        gateway = client.app.gateway  # type: ignore[attr-defined]
        gateway.sync_queue._asked.pop(campaign_id, None)  # the process's own memory of the last ask
        with gateway.registry.engine.begin() as connection:
            connection.execute(
                update(campaign_sync)
                .where(campaign_sync.c.campaign_id == campaign_id, campaign_sync.c.synced_at.is_not(None))
                .values(synced_at=gateway.registry.clock() - timedelta(seconds=2))
            )
    response = client.get(f"/v1/campaigns/{campaign_id}", headers=AUTH, params={"refresh": str(refresh).lower()})
    assert response.status_code == 200, response.text
    return dict(response.json())


def _sent(sandbox: Sandbox, slug: str) -> list[tuple[str, str]]:
    return [(request.method, request.path) for request in sandbox.requests(slug)]


def test_a_new_campaign_shows_empty_progress_and_no_actions(app_client: TestClient) -> None:
    created = _create(app_client, "smallest")
    assert created["progress"] == dict.fromkeys(("total", "attempted", "succeeded", "failed", "pending"))
    assert (created["synced_at"], created["actions"], created["status"]) == (None, [], "draft")
    assert _view(app_client, created["id"])["progress"] == created["progress"]


def test_smallest_is_started_paused_and_resumed_through_its_queue(
    app_client: TestClient, paced: Sandbox, clock: FakeClock
) -> None:
    created = _create(app_client, "smallest")
    vendor_id = created["vendor_campaign_id"]

    started = _act(app_client, created["id"], "start")
    assert started.status_code == 202, started.text  # Smallest queues the start
    assert started.json()["status"] == "starting"
    assert [entry["action"] for entry in started.json()["actions"]] == ["start"]
    assert ("POST", f"/smallest/atoms/v1/campaign/{vendor_id}/start") in _sent(paced, "smallest")

    clock.steps(2)
    running = _view(app_client, created["id"], refresh=True)
    assert (running["status"], running["vendor_status"]) == ("running", "running")
    assert running["synced_at"] is not None
    progress = running["progress"]
    assert progress["total"] == paced.campaign("smallest", vendor_id)["progress"]["total"]
    assert progress["attempted"] is not None and progress["pending"] == progress["total"] - progress["attempted"]

    paused = _act(app_client, created["id"], "pause")
    assert (paused.status_code, paused.json()["status"]) == (202, "pausing")
    clock.steps(1)
    assert _view(app_client, created["id"], refresh=True)["status"] == "paused"

    resumed = _act(app_client, created["id"], "resume")
    assert (resumed.status_code, resumed.json()["status"]) == (202, "resuming")
    assert _sent(paced, "smallest").count(("POST", f"/smallest/atoms/v1/campaign/{vendor_id}/start")) == 2
    view = _view(app_client, created["id"])
    assert [(entry["action"], entry["dispatch"]) for entry in view["actions"]] == [
        ("start", "accepted"),
        ("pause", "accepted"),
        ("resume", "accepted"),
    ]
    assert all(entry["completed_at"] for entry in view["actions"])


def test_volubile_confirms_each_change(app_client: TestClient, paced: Sandbox) -> None:
    created = _create(app_client, "volubile")
    assert created["status"] == "running"
    for action, status, word in (("pause", "paused", "PAUSED"), ("resume", "running", "ACTIVE")):
        response = _act(app_client, created["id"], action)
        assert response.status_code == 200, response.text  # the vendor answered the campaign's new state
        assert (response.json()["status"], response.json()["vendor_status"]) == (status, word)
    cancelled = _act(app_client, created["id"], "cancel")
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")
    bodies = [request.body for request in paced.requests("volubile") if request.path.endswith("/status")]
    assert bodies == [b'"PAUSED"', b'"ACTIVE"', b'"CANCELLED"']


UNSUPPORTED = [(slug, action) for slug, adapter in ADAPTERS.items() for action in ACTIONS if action in adapter.cannot]


def test_every_vendor_says_what_it_cannot_do_after_the_launch() -> None:
    assert set(UNSUPPORTED) == {
        ("smallest", "cancel"),
        ("tetherai", "pause"),
        ("tetherai", "resume"),
        *((slug, action) for slug in ("voiceable", "clerk") for action in ACTIONS),
    }


@pytest.mark.parametrize(("slug", "action"), UNSUPPORTED)
def test_an_action_the_vendor_cannot_do_is_501_with_the_reason(
    app_client: TestClient, paced: Sandbox, slug: str, action: str
) -> None:
    reason = ADAPTERS[slug].cannot[action]
    created = _create(app_client, slug)
    paced.clear_requests()
    response = _act(app_client, created["id"], action)
    assert response.status_code == 501, response.text
    problem = response.json()
    assert problem["type"].endswith("action-unsupported")
    assert (problem["action"], problem["reason"], problem["vendor"]) == (action, reason, slug)
    assert paced.requests(slug) == []
    assert _view(app_client, created["id"])["actions"] == []


@pytest.mark.parametrize(
    ("slug", "action", "status"),
    [
        ("smallest", "pause", "draft"),
        ("smallest", "resume", "draft"),
        ("volubile", "start", "running"),
        ("volubile", "resume", "running"),
    ],
)
def test_a_status_that_does_not_allow_the_action_is_409_naming_both(
    app_client: TestClient, paced: Sandbox, slug: str, action: str, status: str
) -> None:
    created = _create(app_client, slug)
    paced.clear_requests()
    response = _act(app_client, created["id"], action)
    assert response.status_code == 409, response.text
    problem = response.json()
    assert problem["type"].endswith("invalid-transition")
    assert problem["current_status"] == status
    assert problem["allowed_statuses"] == list(ALLOWED_FROM[action])  # type: ignore[index]
    assert paced.requests(slug) == []


def test_a_terminal_campaign_takes_no_action(app_client: TestClient) -> None:
    created = _create(app_client, "volubile")
    assert _act(app_client, created["id"], "cancel").status_code == 200
    for action in ACTIONS:
        response = _act(app_client, created["id"], action)
        assert response.status_code == 409, response.text
        assert response.json()["current_status"] == "cancelled"


def test_a_campaign_the_vendor_never_accepted_has_nothing_to_act_on(app_client: TestClient, paced: Sandbox) -> None:
    paced.inject("volubile", Fault(status=400, body={"message": "no"}))
    refused = app_client.post("/v1/campaigns", json={**examples()["volubile"], "name": "refused"}, headers=AUTH)
    assert refused.status_code == 422
    [row] = [
        r
        for r in app_client.get("/v1/campaigns?dispatch=rejected", headers=AUTH).json()["campaigns"]
        if r["name"] == "refused"
    ][:1]
    response = _act(app_client, row["id"], "cancel")
    assert response.status_code == 409, response.text
    assert "not accepted" in response.json()["detail"]


def test_another_tenants_campaign_is_404_before_anything(app_client: TestClient, paced: Sandbox) -> None:
    created = _create(app_client, "volubile")
    paced.clear_requests()
    for action in ACTIONS:
        assert _act(app_client, created["id"], action, headers=OTHER).status_code == 404
    shown = app_client.get(f"/v1/campaigns/{created['id']}?refresh=true", headers=OTHER)
    assert shown.status_code == 404
    assert paced.requests("volubile") == []
    assert _view(app_client, created["id"])["actions"] == []


def test_an_unknown_campaign_is_404_even_for_an_action_no_vendor_has(app_client: TestClient) -> None:
    response = _act(app_client, "01900000-0000-7000-8000-000000000000", "cancel")
    assert response.status_code == 404


def test_an_action_with_a_key_is_sent_once_and_replayed(app_client: TestClient, paced: Sandbox) -> None:
    created = _create(app_client, "volubile")
    key = {**AUTH, "Idempotency-Key": f"pause-{created['id']}"}
    first = app_client.post(f"/v1/campaigns/{created['id']}/pause", headers=key)
    again = app_client.post(f"/v1/campaigns/{created['id']}/pause", headers=key)
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.headers.get("Idempotent-Replayed") == "true" and "Idempotent-Replayed" not in first.headers
    assert again.content == first.content
    assert sum(request.path.endswith("/status") for request in paced.requests("volubile")) == 1
    other_action = app_client.post(f"/v1/campaigns/{created['id']}/resume", headers=key)
    assert other_action.status_code == 422, other_action.text
    assert other_action.json()["type"].endswith("idempotency-key-reused")
    another = _create(app_client, "volubile", name="another")
    other_campaign = app_client.post(f"/v1/campaigns/{another['id']}/pause", headers=key)
    assert other_campaign.status_code == 422


def test_a_dry_run_shows_the_exact_request_and_sends_nothing(app_client: TestClient, paced: Sandbox) -> None:
    created = _create(app_client, "volubile")
    paced.clear_requests()
    response = _act(app_client, created["id"], "cancel", dry_run="true")
    assert response.status_code == 200, response.text
    shown = response.json()
    assert shown["would_send"] is True and shown["vendor"] == "volubile"
    request = shown["request"]
    assert (request["method"], request["body"]) == ("POST", "CANCELLED")
    assert request["path"].endswith(f"/v1/campaigns/{created['vendor_campaign_id']}/status")
    assert request["headers"]["x-api-key"] == "[REDACTED]"
    assert paced.requests("volubile") == []
    assert _view(app_client, created["id"])["status"] == "running"
    assert _act(app_client, created["id"], "start", dry_run="true").status_code == 409  # the same checks


def test_a_vendor_server_error_is_unknown_and_the_state_is_read_before_the_next_action(
    app_client: TestClient, paced: Sandbox
) -> None:
    created = _create(app_client, "volubile")
    paced.inject("volubile", Fault(status=500))
    failed = _act(app_client, created["id"], "pause")
    assert failed.status_code == 502, failed.text
    view = _view(app_client, created["id"])
    assert [(entry["action"], entry["dispatch"]) for entry in view["actions"]] == [("pause", "unknown")]
    assert view["status"] == "running"  # nothing known changed
    paced.clear_requests()
    again = _act(app_client, created["id"], "pause")
    assert again.status_code == 200, again.text
    methods = [request.method for request in paced.requests("volubile")]
    assert methods == ["GET", "POST"], "the vendor's state is read before the next action"


def test_a_vendor_rate_limit_releases_the_key(app_client: TestClient, paced: Sandbox) -> None:
    created = _create(app_client, "volubile")
    key = {**AUTH, "Idempotency-Key": f"limited-{created['id']}"}
    paced.inject("volubile", Fault(status=429, headers={"Retry-After": "7"}))
    limited = app_client.post(f"/v1/campaigns/{created['id']}/pause", headers=key)
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "7"
    retried = app_client.post(f"/v1/campaigns/{created['id']}/pause", headers=key)
    assert retried.status_code == 200, retried.text
    assert "Idempotent-Replayed" not in retried.headers
    dispatches = [entry["dispatch"] for entry in _view(app_client, created["id"])["actions"]]
    assert dispatches == ["rejected", "accepted"]


def test_refresh_asks_the_vendor_at_most_once_a_second(app_client: TestClient, paced: Sandbox) -> None:
    created = _create(app_client, "volubile")
    paced.clear_requests()
    for _ in range(3):
        response = app_client.get(f"/v1/campaigns/{created['id']}?refresh=true", headers=AUTH)
        assert response.status_code == 200 and response.json()["synced_at"]
    assert [request.method for request in paced.requests("volubile")] == ["GET"]


def test_refresh_of_a_vendor_without_a_get_reads_the_stored_view(app_client: TestClient, paced: Sandbox) -> None:
    created = _create(app_client, "clerk")
    paced.clear_requests()
    view = _view(app_client, created["id"], refresh=True)
    assert view["synced_at"] is None and view["status"] == created["status"]
    assert paced.requests("clerk") == []


def test_an_unknown_vendor_word_is_unmapped_and_kept(app_client: TestClient, paced: Sandbox) -> None:
    created = _create(app_client, "volubile")
    paced.inject(
        "volubile",
        Fault(overrides={"status": "ARCHIVED"}),
    )
    view = _view(app_client, created["id"], refresh=True)
    assert (view["status"], view["vendor_status"]) == ("unmapped", "ARCHIVED")


def test_a_queued_status_is_what_each_action_shows() -> None:
    assert QUEUED_STATUS == {"start": "starting", "pause": "pausing", "resume": "resuming", "cancel": "cancelling"}


def test_two_actions_at_once_send_one(app_client: TestClient) -> None:
    """The second of two actions begun before the first is settled is refused: never sent twice."""
    created = _create(app_client, "volubile")
    app = app_client.app
    ledger = app.gateway.actions  # type: ignore[attr-defined]
    arguments = {
        "tenant": "one",
        "campaign_id": created["id"],
        "action": "pause",
        "route": "r",
        "request_fingerprint": "f",
        "idempotency_key": None,
        "check": lambda _row: None,
    }
    ledger.begin(**arguments)
    with pytest.raises(Conflict, match="still with the vendor"):
        ledger.begin(**arguments)
    refused = _act(app_client, created["id"], "cancel")
    assert refused.status_code == 409 and refused.json()["type"].endswith("conflict")


def test_a_crash_mid_action_is_settled_unknown_and_makes_the_campaign_due(app_client: TestClient) -> None:
    created = _create(app_client, "volubile")
    gateway = app_client.app.gateway  # type: ignore[attr-defined]
    begun = gateway.actions.begin(
        tenant="one",
        campaign_id=created["id"],
        action="pause",
        route="r",
        request_fingerprint="crash",
        idempotency_key=None,
        check=lambda _row: None,
    )
    with gateway.registry.engine.begin() as connection:
        connection.execute(
            update(campaign_actions)
            .where(campaign_actions.c.id == begun.action_id)
            .values(requested_at=gateway.registry.clock() - timedelta(hours=1))
        )
    assert gateway.actions.settle_abandoned(timedelta(minutes=5)) == 1
    with gateway.registry.engine.connect() as connection:
        dispatch = connection.execute(
            select(campaign_actions.c.dispatch).where(campaign_actions.c.id == begun.action_id)
        ).scalar_one()
    due = campaign_rows(app_client, id=created["id"])[0]["sync_due_at"]
    assert dispatch == "unknown"
    assert due is not None and due <= gateway.registry.clock()


def test_the_capability_matrix_says_what_each_vendor_can_do_and_why_not(app_client: TestClient) -> None:
    rows = {row["vendor"]: row for row in app_client.get("/v1/vendors", headers=AUTH).json()["vendors"]}
    columns = ("get", "start", "pause", "resume", "cancel", "progress")
    assert {slug: tuple(column for column in columns if row[column]) for slug, row in rows.items()} == {
        "smallest": ("get", "start", "pause", "resume", "progress"),
        "volubile": ("get", "start", "pause", "resume", "cancel"),
        "tetherai": ("get", "start", "cancel"),
        "voiceable": ("get", "progress"),
        "clerk": (),
    }
    for row in rows.values():
        for column in columns:
            if not row[column]:
                assert row["lifecycle_notes"][column], f"{row['vendor']} {column}: a no without a reason"


@pytest.mark.parametrize("slug", list(ADAPTERS))
def test_a_launched_campaign_is_due_for_its_first_sync_where_the_vendor_has_a_get(
    app_client: TestClient, slug: str
) -> None:
    created = _create(app_client, slug)
    gateway = app_client.app.gateway  # type: ignore[attr-defined]
    due = campaign_rows(app_client, id=created["id"])[0]["sync_due_at"]
    if "get" in ADAPTERS[slug].cannot:
        assert due is None
    else:
        wait = (due - gateway.registry.clock()).total_seconds()
        assert 0.8 * 30 - 1 <= wait <= 1.2 * 30, wait


def test_a_native_launch_is_due_for_its_first_sync_too(app_client: TestClient) -> None:
    body = {"name": "native", "agentId": "60d0fe4f5311236168a109ca", "audienceId": "60d0fe4f5311236168a109ca"}
    response = app_client.post("/v1/vendors/smallest/campaign", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    gateway = app_client.app.gateway  # type: ignore[attr-defined]
    due = campaign_rows(app_client, vendor_campaign_id=response.json()["data"]["_id"])[0]["sync_due_at"]
    assert due is not None and due > gateway.registry.clock()
