"""Native routes, authentication, the capability matrix and completeness."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from gateway.errors import all_error_classes
from gateway.sandbox.server import Sandbox
from gateway.settings import Settings, SettingsError
from gateway.vendors import ADAPTERS

from .conftest import AUTH, KEY, SLUGS, gateway_env

JSON_NATIVE: dict[str, tuple[str, dict[str, str], dict[str, Any]]] = {
    "clerk": (
        "/v1/vendors/clerk/public/campaigns",
        {"apiKey": KEY},
        {"sender": "+1415456789", "listName": "PremiumTierSubscribers", "mediaUrls": [], "body": "Hello, world!"},
    ),
    "volubile": (
        "/v1/vendors/volubile/v1/campaigns",
        {"X-Api-Key": KEY},
        {
            "name": "c",
            "agentId": "3f0c8a52-7d1e-4f7b-9a53-0c2d5e8b6a10",
            "startDate": "2030-07-30",
            "timeSlots": [{"startTime": "10:30", "endTime": "12:30"}],
            "batchSize": 10,
            "days": ["MONDAY"],
            "recipients": [{"phone": "+33612345678", "context": {"firstName": "firstname"}}],
        },
    ),
    "tetherai": (
        "/v1/vendors/tetherai/api/campaigns",
        {"Authorization": f"Bearer {KEY}"},
        {
            "name": "Q2 Lead Gen",
            "message": "Hi {{firstName}}",
            "newContacts": [{"firstName": "Jamie", "phoneNumber": "+14155550133"}],
            "isAutopilot": False,
            "type": "sms",
            "scheduleDate": "2030-05-20T15:00:00.000Z",  # forwarded as written, not re-formatted
        },
    ),
    "smallest": (
        "/v1/vendors/smallest/campaign",
        {"Authorization": f"Bearer {KEY}"},
        {"name": "My Campaign", "audienceId": "60d0fe4f5311236168a109ca", "agentId": "60d0fe4f5311236168a109ca"},
    ),
}


@pytest.mark.parametrize("slug", sorted(JSON_NATIVE))
def test_native_json_route_forwards_the_same_content(client: TestClient, sandbox: Sandbox, slug: str) -> None:
    path, headers, body = JSON_NATIVE[slug]
    response = client.post(path, json=body, headers=headers)
    assert response.status_code == 201, response.text
    [sent] = sandbox.requests(slug)
    assert json.loads(sent.body) == body
    assert sent.header(next(iter(headers))) != headers[next(iter(headers))]  # the gateway key was swapped


def test_native_multipart_route(client: TestClient, sandbox: Sandbox) -> None:
    response = client.post(
        "/v1/vendors/voiceable/api/v1/campaigns",
        headers={"X-API-Key": KEY},
        data={"name": "Q1", "phone_number_id": "1", "agent_id": "123", "send_immediately": "true"},
        files={"recipients_file": ("recipients.csv", b"phone_number\n+14155550133\n", "text/csv")},
    )
    assert response.status_code == 201, response.text
    [sent] = sandbox.requests("voiceable")
    assert b"phone_number\n+14155550133\n" in sent.body
    assert b'name="send_immediately"\r\n\r\ntrue' in sent.body.replace(b"Content-Type: text/plain\r\n", b"")


def test_native_route_validates_against_the_vendor_schema_only(client: TestClient, sandbox: Sandbox) -> None:
    path, headers, _ = JSON_NATIVE["smallest"]
    response = client.post(path, json={"name": "x"}, headers=headers)
    assert response.status_code == 400
    assert {"audienceId", "agentId"} <= {e["field"] for e in response.json()["errors"]}
    assert sandbox.requests("smallest") == []


def test_native_relays_vendor_4xx_and_maps_5xx(client: TestClient, sandbox: Sandbox) -> None:
    from gateway.sandbox.faults import Fault

    path, headers, body = JSON_NATIVE["tetherai"]
    sandbox.inject(
        "tetherai", Fault(status=400, body={"success": False, "message": f"bad {sandbox.credential('tetherai')}"})
    )
    response = client.post(path, json=body, headers=headers)
    assert response.status_code == 400
    assert response.json()["message"] == "bad [REDACTED]"
    sandbox.inject("tetherai", Fault(status=500))
    assert client.post(path, json=body, headers=headers).status_code == 502


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"X-API-Key": "wrong"}, {"Authorization": KEY}],
)
def test_missing_or_wrong_key_is_401(client: TestClient, headers: dict[str, str]) -> None:
    response = client.get("/v1/vendors", headers=headers)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


def test_x_api_key_and_bearer_both_work(client: TestClient) -> None:
    assert client.get("/v1/vendors", headers={"X-API-Key": KEY}).status_code == 200
    assert client.get("/v1/vendors", headers=AUTH).status_code == 200


def test_capability_matrix_covers_every_vendor(client: TestClient) -> None:
    rows = client.get("/v1/vendors", headers=AUTH).json()["vendors"]
    assert [row["vendor"] for row in rows] == SLUGS
    assert all(row["native_routes"] for row in rows)
    assert any("draft" in note for note in next(r for r in rows if r["vendor"] == "smallest")["notes"])


def test_every_vendor_has_adapter_sandbox_and_route(client: TestClient, sandbox: Sandbox) -> None:
    assert list(ADAPTERS) == SLUGS
    assert set(sandbox.vendors) == set(SLUGS)
    spec = client.get("/v1/openapi.json").json()
    assert {
        op["x-gateway-vendor"] for item in spec["paths"].values() for op in item.values() if "x-gateway-vendor" in op
    } == set(SLUGS)


@pytest.mark.parametrize("error_class", all_error_classes())
def test_every_error_renders_a_problem(error_class: type) -> None:
    names = error_class.__init__.__code__.co_varnames
    kwargs: dict[str, Any] = {"vendor": "clerk", "vendor_status": 400} if "vendor_status" in names else {}
    if "allowed" in names:
        kwargs.update(campaign_id="c1", current="completed", allowed=["running"])
    if "reason" in names:
        kwargs.update(vendor="clerk", action="cancel", reason="not documented")
    problem = error_class("why", **kwargs).to_problem("/v1/x")
    assert problem["status"] == error_class.status
    assert problem["type"].startswith("urn:campaign-gateway:problem:")
    assert problem["title"] and problem["detail"] == "why"


def test_invalid_settings_name_the_variable(sandbox: Sandbox, database_url: str) -> None:
    for variable, value in [
        ("GATEWAY_VENDOR_TIMEOUT_S", "soon"),
        ("GATEWAY_SMALLEST_BASE_URL", "not a url"),
        ("GATEWAY_API_KEYS", "nocolon"),
    ]:
        with pytest.raises(SettingsError, match=variable):
            Settings.from_env(gateway_env(sandbox, database_url, **{variable: value}))


class _ServedGateway:
    """The gateway on a real port (uvicorn in a thread), for SDKs that speak HTTP."""

    def __init__(self, sandbox: Sandbox, database_url: str, **overrides: str) -> None:
        import threading

        import uvicorn

        from gateway.app import create_app

        self.app = create_app(Settings.from_env(gateway_env(sandbox, database_url, **overrides)))
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=0, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        import threading

        self.thread.start()
        while not self.server.started:
            threading.Event().wait(0.02)
        return f"http://127.0.0.1:{self.server.servers[0].sockets[0].getsockname()[1]}"

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
        self.app.gateway.close()


def _sdk(base: str, http: httpx.Client, **options: Any) -> Any:
    from smallestai import SmallestAI
    from smallestai.environment import SmallestAIEnvironment

    environment = SmallestAIEnvironment(atoms=f"{base}/v1/vendors/smallest", waves=base, waves_ws=base, payment=base)
    return SmallestAI(api_key=KEY, environment=environment, httpx_client=http, **options)


def test_smallest_sdk_works_by_changing_its_base_url(sandbox: Sandbox, database_url: str) -> None:
    with _ServedGateway(sandbox, database_url) as base, httpx.Client() as http:
        created = _sdk(base, http).atoms.campaigns.create(
            name="SDK", audience_id="60d0fe4f5311236168a109ca", agent_id="60d0fe4f5311236168a109ca"
        )
    assert created.data is not None
    [sent] = sandbox.requests("smallest")
    assert json.loads(sent.body)["name"] == "SDK"


def test_smallest_sdk_automatic_retries_do_not_send_twice(sandbox: Sandbox, database_url: str) -> None:
    from smallestai.core.api_error import ApiError

    from gateway.sandbox.faults import Fault

    sandbox.inject("smallest", Fault(delay=5))  # the call outlives the deadline: 504, outcome unknown
    with _ServedGateway(sandbox, database_url, GATEWAY_RETRY_GUARD_S="600") as base, httpx.Client() as http:
        sdk = _sdk(base, http)  # its default: up to 2 retries after 5xx, 408, 409 and 429
        with pytest.raises(ApiError) as failure:
            sdk.atoms.campaigns.create(name="SDK retry", audience_id="a1", agent_id="b2")
    assert failure.value.status_code == 409  # the retries were refused, not sent
    assert len(sandbox.requests("smallest")) == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"startDate": "2030-02-30"}, "startDate"),
        ({"agentId": "not-a-uuid"}, "agentId"),
        ({"timeSlots": [{}] * 3}, "timeSlots"),
    ],
)
def test_native_formats_and_limits_are_checked(
    client: TestClient, sandbox: Sandbox, change: dict[str, Any], field: str
) -> None:
    path, headers, body = JSON_NATIVE["volubile"]
    response = client.post(path, json={**body, **change}, headers=headers)
    assert response.status_code == 400, response.text
    assert any(error["field"].startswith(field) for error in response.json()["errors"])
    assert sandbox.requests("volubile") == []
