"""The generated client (clients/python) drives a gateway served on a real port.

Everything here goes through `campaign_gateway_client` only, as a user of the package would:
the typed models in, the typed models (or the problem+json) out.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from campaign_gateway_client import AuthenticatedClient, Client
from campaign_gateway_client.api.campaigns import create, list_campaigns, pause, show
from campaign_gateway_client.api.events import list_events
from campaign_gateway_client.models import (
    Campaign,
    CampaignRequest,
    CampaignStatus,
    DryRun,
    EventType,
    ListCampaignsResponse200,
    ListEventsResponse200,
    Problem,
)

from gateway.app import SERVED_SPEC, create_app
from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.sandbox.server import Sandbox, start_sandbox
from gateway.settings import Settings

KEY = "key-client-tenant"


def _env(sandbox: Sandbox, database_url: str) -> dict[str, str]:
    env = {
        "GATEWAY_API_KEYS": f"one:{KEY}",
        "GATEWAY_DATABASE_URL": database_url,
        "GATEWAY_RETRY_GUARD_S": "0",
    }
    for vendor in load_vendors(GeneratorPaths()):
        env[f"GATEWAY_{vendor.slug.upper()}_BASE_URL"] = sandbox.base_url(vendor.slug)
        env[f"GATEWAY_{vendor.slug.upper()}_API_KEY"] = sandbox.credential(vendor.slug)
    return env


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The gateway under uvicorn on a loopback port, its vendors sandboxed, its database in tmp."""
    database = tmp_path_factory.mktemp("client-db") / "gateway.db"
    with start_sandbox() as sandbox:
        app = create_app(Settings.from_env(_env(sandbox, f"sqlite:///{database}")))
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            threading.Event().wait(0.02)
        port = server.servers[0].sockets[0].getsockname()[1]
        try:
            # The spec's `servers: [{url: /v1}]`: the client's base URL includes the prefix.
            yield f"http://127.0.0.1:{port}/v1"
        finally:
            server.should_exit = True
            thread.join(timeout=5)
            app.gateway.close()


@pytest.fixture
def client(base_url: str) -> Iterator[AuthenticatedClient]:
    with AuthenticatedClient(base_url=base_url, token=KEY, raise_on_unexpected_status=True, timeout=10.0) as client:
        yield client


def _volubile() -> CampaignRequest:
    spec = json.loads(Path(SERVED_SPEC).read_text())
    examples = spec["paths"]["/campaigns"]["post"]["requestBody"]["content"]["application/json"]["examples"]
    body: dict[str, Any] = dict(examples["volubile"]["value"])
    body.pop("schedule", None)  # running at once, so that it can be paused
    return CampaignRequest.from_dict(body)


def _created(client: AuthenticatedClient, key: str | None = None) -> Campaign:
    response = create.sync_detailed(client=client, body=_volubile(), idempotency_key=key or str(uuid.uuid4()))
    assert response.status_code == 201, response.content
    assert isinstance(response.parsed, Campaign)
    return response.parsed


def test_create_list_and_get_are_typed(client: AuthenticatedClient) -> None:
    key = f"client-{uuid.uuid4()}"
    created = _created(client, key)
    again = _created(client, key)

    listed = list_campaigns.sync(client=client, vendor="volubile", limit=100)
    shown = show.sync(created.id, client=client)

    assert (created.vendor, created.status, again.id) == ("volubile", CampaignStatus.RUNNING, created.id)
    assert created.vendor_campaign_id
    assert isinstance(listed, ListCampaignsResponse200)
    assert [c.id for c in listed.campaigns].count(created.id) == 1
    assert isinstance(shown, Campaign)
    assert (shown.id, shown.vendor_campaign_id, shown.status) == (
        created.id,
        created.vendor_campaign_id,
        created.status,
    )


def test_dry_run_shows_the_vendor_request(client: AuthenticatedClient) -> None:
    response = create.sync_detailed(client=client, body=_volubile(), dry_run=True)

    assert response.status_code == 200
    assert isinstance(response.parsed, DryRun)
    assert (response.parsed.vendor, response.parsed.would_send, response.parsed.violations) == ("volubile", True, [])


def test_an_action_and_its_events(client: AuthenticatedClient) -> None:
    created = _created(client)

    paused = pause.sync(created.id, client=client, idempotency_key=f"pause-{created.id}")
    feed = list_events.sync(client=client, campaign_id=created.id, limit=100)

    assert isinstance(paused, Campaign)
    assert paused.status == CampaignStatus.PAUSED
    assert isinstance(feed, ListEventsResponse200)
    assert [event.type_ for event in feed.events] == [
        EventType.CAMPAIGN_CREATED,
        EventType.CAMPAIGN_ACTION_COMPLETED,
        EventType.CAMPAIGN_STATUS_CHANGED,
    ]
    assert {event.campaign_id for event in feed.events} == {created.id}


def test_the_api_key_header_works_too(base_url: str) -> None:
    with AuthenticatedClient(base_url=base_url, token=KEY, prefix="", auth_header_name="X-API-Key") as client:
        listed = list_campaigns.sync(client=client, limit=1)

    assert isinstance(listed, ListCampaignsResponse200)


def test_an_unknown_campaign_is_a_typed_problem(client: AuthenticatedClient) -> None:
    missing = uuid.uuid4()

    response = show.sync_detailed(missing, client=client)

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert isinstance(response.parsed, Problem)
    assert response.parsed.status == 404
    assert response.parsed.type_ == "urn:campaign-gateway:problem:not-found"
    assert str(missing) in str(response.parsed.detail)


def test_no_credentials_is_a_typed_problem(base_url: str) -> None:
    with Client(base_url=base_url) as anonymous:
        response = list_campaigns.sync_detailed(client=anonymous)

    assert response.status_code == 401
    assert isinstance(response.parsed, Problem)
    assert response.parsed.status == 401


def test_the_readme_example_runs(base_url: str) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("## A typed client", 1)[1].split("\n## ", 1)[0]
    [example] = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    example = example.replace("http://127.0.0.1:8080/v1", base_url).replace("dev-key-change-me", KEY)
    # A fresh key: the example's own would replay the first run's answer in a reused database.
    example = example.replace('"q2-launch"', f'"{uuid.uuid4()}"')
    printed = io.StringIO()

    with contextlib.redirect_stdout(printed):
        exec(compile(example, "README.md", "exec"), {})

    assert printed.getvalue().strip() in {status.value for status in CampaignStatus}
