"""Issue 19 at the HTTP edge: one credential per request, throttled key guessing, repeated and
control-character parameters, chunked bodies, redirects, bounded metric labels.

Each request is sent both through Connexion and through the fast lane (`lane` parameter), since
the lane serves valid POSTs without Connexion and must answer the same.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from starlette.testclient import TestClient

from gateway.app import SERVED_SPEC, GatewayApp, create_app
from gateway.sandbox.server import Sandbox
from gateway.settings import Settings, SettingsError

from .conftest import AUTH, KEY, OTHER_KEY, SLUGS, campaign_rows, examples, gateway_env

Make = Callable[..., TestClient]
SPEC = json.loads(SERVED_SPEC.read_text())
NATIVE_CLERK = "/v1/vendors/clerk/public/campaigns"


@pytest.fixture(params=[True, False], ids=["lane", "connexion"])
def lane(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def make(sandbox: Sandbox, database_url: str, lane: bool) -> Iterator[Make]:
    """A client of a fresh app (fast lane on or off), from its own client address."""
    apps: list[GatewayApp] = []
    with ExitStack() as clients:

        def build(database: str = database_url, **overrides: str) -> TestClient:
            settings = Settings.from_env(gateway_env(sandbox, database, **overrides))
            apps.append(create_app(settings, fast_lane=lane))
            address = (f"test-{uuid.uuid4().hex}", 50000)  # its own budget, even in a shared Redis
            return clients.enter_context(TestClient(apps[-1], raise_server_exceptions=False, client=address))

        yield build
    for app in apps:
        app.gateway.close()


def sent(sandbox: Sandbox) -> int:
    return sum(len(sandbox.requests(slug)) for slug in SLUGS)


# Class 5: exactly one presented credential is the identity. The limits below are per hour: a
# fixed window that ended between two of a test's requests would reset the count.

CONFLICTS = {
    "bogus bearer beside a valid X-API-Key": [("Authorization", "Bearer bogus"), ("X-API-Key", KEY)],
    "two tenants' keys": [("Authorization", f"Bearer {OTHER_KEY}"), ("x-api-key", KEY)],
    "X-API-Key twice": [("X-API-Key", KEY), ("X-Api-Key", OTHER_KEY)],
    "lower-case bearer": [("authorization", "bearer bogus"), ("X-API-KEY", KEY)],
}


@pytest.mark.parametrize("headers", CONFLICTS.values(), ids=CONFLICTS.keys())
def test_two_different_keys_are_refused_naming_the_headers(
    make: Make, sandbox: Sandbox, headers: list[tuple[str, str]]
) -> None:
    client = make()
    before = len(campaign_rows(client))
    answer = client.post("/v1/campaigns", json=examples()["clerk"], headers=headers)
    assert answer.status_code == 400 and answer.headers["content-type"] == "application/problem+json"
    named = {error["field"].lower() for error in answer.json()["errors"]}
    assert named == {name.lower() for name, _ in headers}
    assert sent(sandbox) == 0 and len(campaign_rows(client)) == before


def test_a_native_route_refuses_its_vendor_header_beside_another_key(make: Make, sandbox: Sandbox) -> None:
    client = make()
    body = {"name": "x", "agent_id": "a", "recipients": []}
    answer = client.post(NATIVE_CLERK, json=body, headers={"apiKey": KEY, "Authorization": f"Bearer {OTHER_KEY}"})
    assert answer.status_code == 400
    assert {error["field"].lower() for error in answer.json()["errors"]} == {"apikey", "authorization"}
    assert sandbox.requests("clerk") == []


def test_the_same_key_in_two_places_is_one_credential(make: Make, sandbox: Sandbox) -> None:
    client = make()
    answer = client.post("/v1/campaigns", json=examples()["clerk"], headers={**AUTH, "X-API-Key": KEY})
    assert answer.status_code == 201
    assert len(sandbox.requests("clerk")) == 1


def test_a_bogus_bearer_no_longer_escapes_the_rate_limit(make: Make) -> None:
    """The bypass of issue 19: every request counts against some budget, so the 4th is refused."""
    client = make(GATEWAY_RATE_LIMIT="3/hour")
    headers = [("Authorization", "Bearer bogus"), ("X-API-Key", KEY)]
    statuses = [client.get("/v1/vendors", headers=headers).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer guess"}, {"X-API-Key": "guess"}, {"apiKey": "guess"}]
)
def test_guessing_keys_is_throttled_per_address(make: Make, headers: dict[str, str]) -> None:
    client = make(GATEWAY_RATE_LIMIT="3/hour")
    answers = [client.get("/v1/vendors", headers=headers) for _ in range(4)]
    assert [a.status_code for a in answers] == [401, 401, 401, 429]
    assert answers[3].headers["content-type"] == "application/problem+json"
    assert int(answers[3].headers["retry-after"]) >= 1
    assert client.get("/v1/vendors", headers=AUTH).status_code == 200  # the tenant's budget is its own


def test_the_unauthenticated_budget_has_its_own_setting(make: Make) -> None:
    own = make(GATEWAY_UNAUTHENTICATED_RATE_LIMIT="2/hour")  # no tenant limit at all
    assert [own.get("/v1/vendors").status_code for _ in range(3)] == [401, 401, 429]
    off = make(GATEWAY_RATE_LIMIT="2/hour", GATEWAY_UNAUTHENTICATED_RATE_LIMIT="off")
    assert [off.get("/v1/vendors").status_code for _ in range(3)] == [401, 401, 401]


def test_the_address_budget_is_shared_through_redis(sandbox: Sandbox, database_url: str, redis_url: str) -> None:
    """Two workers (two apps) count one address's failures together, as they count a tenant's."""
    env = gateway_env(sandbox, database_url, GATEWAY_RATE_LIMIT="3/hour", GATEWAY_REDIS_URL=redis_url)
    address = (f"test-{uuid.uuid4().hex}", 1)
    apps = [create_app(Settings.from_env(env)) for _ in range(2)]
    try:
        with TestClient(apps[0], client=address) as one, TestClient(apps[1], client=address) as two:
            statuses = [c.get("/v1/vendors").status_code for c in (one, two, one, two)]
    finally:
        for app in apps:
            app.gateway.close()
    assert statuses == [401, 401, 401, 429]


# Class 6: a repeated singular query parameter never reaches an operation.


def singular_query_parameters() -> list[tuple[str, str, str]]:
    """(method, path, name) of every non-array query parameter in the served spec."""
    found = []
    components = SPEC["components"].get("parameters", {})
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                if "$ref" in parameter:
                    parameter = components[parameter["$ref"].rsplit("/", 1)[1]]
                if parameter["in"] == "query" and parameter.get("schema", {}).get("type") != "array":
                    concrete = path.replace("{campaign_id}", str(uuid.uuid4()))
                    found.append((method.upper(), "/v1" + concrete, parameter["name"]))
    return found


def test_the_spec_has_the_parameters_of_the_issue() -> None:
    names = {(method, name) for method, _, name in singular_query_parameters()}
    assert {("POST", "dry_run"), ("GET", "limit")} <= names


@pytest.mark.parametrize(("method", "path", "name"), singular_query_parameters())
def test_every_repeated_singular_query_parameter_is_400(
    make: Make, sandbox: Sandbox, method: str, path: str, name: str
) -> None:
    client = make()
    body = examples()["clerk"] if method == "POST" else None
    answer = client.request(method, f"{path}?{name}=1&{name}=2", json=body, headers=AUTH)
    assert answer.status_code == 400 and answer.headers["content-type"] == "application/problem+json"
    assert [error["field"] for error in answer.json()["errors"]] == [name]
    assert sent(sandbox) == 0


@pytest.mark.parametrize(
    "query", ["dry_run=true&dry_run=false", "dry_run=false&dry_run=true", "dry_run=true&dry_run=true"]
)
def test_a_dry_run_never_turns_into_a_send(make: Make, sandbox: Sandbox, query: str) -> None:
    client = make()
    before = len(campaign_rows(client))
    answer = client.post(f"/v1/campaigns?{query}", json=examples()["tetherai"], headers=AUTH)
    assert answer.status_code == 400 and "dry_run" in answer.json()["detail"]
    assert sent(sandbox) == 0 and len(campaign_rows(client)) == before


def test_a_single_dry_run_still_works(make: Make, sandbox: Sandbox) -> None:
    client = make()
    assert client.post("/v1/campaigns?dry_run=true", json=examples()["tetherai"], headers=AUTH).status_code == 200
    assert client.get("/v1/campaigns?limit=1", headers=AUTH).status_code == 200
    assert sent(sandbox) == 0


# Class 8: control characters in a path or query, on PostgreSQL.

CONTROL_CASES = {
    "NUL in the campaign id": ("GET", "/v1/campaigns/%00", "campaign_id"),
    "NUL inside a campaign id": ("GET", "/v1/campaigns/ab%00cd", "campaign_id"),
    "DEL in the campaign id": ("GET", "/v1/campaigns/%7F", "campaign_id"),
    "newline in the campaign id": ("GET", "/v1/campaigns/x%0A", "campaign_id"),
    "NUL in a cursor": ("GET", "/v1/campaigns?cursor=%00", "cursor"),
    "NUL in a list filter": ("GET", "/v1/campaigns?created_after=2026-01-01T00:00:00Z%00", "created_after"),
    "NUL in dry_run": ("POST", "/v1/campaigns?dry_run=%00", "dry_run"),
    "escape in a vendor filter": ("GET", "/v1/campaigns?vendor=clerk%1B", "vendor"),
    "NUL in an unknown path": ("GET", "/v1/zz%00", "path"),
}


@pytest.mark.parametrize(("method", "target", "field"), CONTROL_CASES.values(), ids=CONTROL_CASES.keys())
def test_control_characters_in_path_or_query_are_400_on_postgresql(
    make: Make, sandbox: Sandbox, postgres_url: str, method: str, target: str, field: str
) -> None:
    client = make(postgres_url)
    body = examples()["clerk"] if method == "POST" else None
    answer = client.request(method, target, json=body, headers=AUTH)
    assert answer.status_code == 400 and answer.headers["content-type"] == "application/problem+json"
    assert [error["field"] for error in answer.json()["errors"]] == [field]
    assert sent(sandbox) == 0 and len(campaign_rows(client)) == 0


# Class 8: a chunked body is a body.


def chunks(body: bytes, size: int = 7) -> Iterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


def test_a_chunked_campaign_is_served(make: Make, sandbox: Sandbox) -> None:
    client = make()
    body = json.dumps(examples()["clerk"]).encode()
    headers = {**AUTH, "Content-Type": "application/json"}
    answer = client.post("/v1/campaigns", content=chunks(body), headers=headers)
    assert answer.status_code == 201, answer.text
    assert len(sandbox.requests("clerk")) == 1


def test_a_chunked_native_body_is_forwarded(make: Make, sandbox: Sandbox) -> None:
    client = make()
    body = {"name": "My Campaign", "audienceId": "60d0fe4f5311236168a109ca", "agentId": "60d0fe4f5311236168a109ca"}
    headers = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
    answer = client.post("/v1/vendors/smallest/campaign", content=chunks(json.dumps(body).encode()), headers=headers)
    assert answer.status_code == 201, answer.text
    [forwarded] = sandbox.requests("smallest")
    assert json.loads(forwarded.body) == body


def test_a_chunked_dry_run_answers_as_a_sized_one(make: Make, sandbox: Sandbox) -> None:
    client = make()
    body = json.dumps(examples()["tetherai"]).encode()
    headers = {**AUTH, "Content-Type": "application/json"}
    plain = client.post("/v1/campaigns?dry_run=true", content=body, headers=headers)
    chunked = client.post("/v1/campaigns?dry_run=true", content=chunks(body), headers=headers)
    assert chunked.status_code == plain.status_code == 200 and chunked.json() == plain.json()


def test_a_chunked_body_counts_against_the_body_limit(make: Make, sandbox: Sandbox) -> None:
    client = make(GATEWAY_MAX_BODY_BYTES="200")
    campaign = {**examples()["clerk"], "name": "x" * 500}
    headers = {**AUTH, "Content-Type": "application/json"}
    answer = client.post("/v1/campaigns", content=chunks(json.dumps(campaign).encode(), 50), headers=headers)
    assert answer.status_code == 413 and answer.headers["content-type"] == "application/problem+json"
    assert sent(sandbox) == 0


# Class 8: no redirect to a host the client chose.


REDIRECTS = {
    "/v1/ui": "/v1/ui/",
    "/v1/campaigns/": "/v1/campaigns",
    "/v1/vendors/": "/v1/vendors",
    "/v1": "/v1/ui/",  # the front door
    "/": "/v1/ui/",
}


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8443"])
@pytest.mark.parametrize(("path", "location"), REDIRECTS.items())
def test_a_redirect_does_not_reflect_the_host_header(make: Make, host: str, path: str, location: str) -> None:
    client = make()
    answer = client.get(path, headers={**AUTH, "Host": host}, follow_redirects=False)
    assert 300 <= answer.status_code < 400
    assert answer.headers["location"] == location


# Class 7: metric labels come from bounded sets.


def request_labels(metrics: str) -> list[dict[str, str]]:
    found = []
    for line in metrics.splitlines():
        if line.startswith("gateway_requests_total{"):
            labels = line[line.index("{") + 1 : line.rindex("}")]
            found.append(dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', labels)))
    return found


def test_metrics_are_labelled_by_route_template_only(make: Make) -> None:
    client = make()
    noise = uuid.uuid4().hex
    for path in [
        f"/v1/{noise}",
        f"/v1/campaigns/{noise}",
        f"/v1/vendors/{noise}/campaign",
        f"/v1/vendors/clerk/{noise}",
        "/v1/campaigns/%00x",
        f"/{noise}%00",
        f"/v1/campaigns/{uuid.uuid4()}",
    ]:
        client.get(path, headers=AUTH)
    client.post(f"/v1/vendors/{noise}/campaign", json={}, headers=AUTH)
    metrics = client.get("/metrics").text
    assert noise not in metrics and "\x00" not in metrics and "\\x00" not in metrics
    templates = {"/v1" + path for path in SPEC["paths"]} | {"unmatched", "/v1/ui", "/v1/openapi.json"}
    templates |= {"/", "/v1", "/v1/"}  # the front door's redirects
    labels = request_labels(metrics)
    assert {"route": "/v1/campaigns/{campaign_id}", "status": "404", "vendor": ""} in labels
    assert {label["route"] for label in labels} <= templates
    assert {label["vendor"] for label in labels} <= {*SLUGS, "", "other"}


def test_the_access_log_route_is_the_template(make: Make, capsys: Any) -> None:
    client = make()
    client.get(f"/v1/campaigns/{uuid.uuid4().hex}%00", headers=AUTH)
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    access = [line for line in lines if line.get("logger") == "gateway.access"]
    assert access and access[-1]["route"] == "/v1/campaigns/{campaign_id}"


# The edge's settings fail at start-up, naming the variable.


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("GATEWAY_UNAUTHENTICATED_RATE_LIMIT", "lots"),
        ("GATEWAY_KEEP_ALIVE_S", "0"),
        ("GATEWAY_HEADER_TIMEOUT_S", "-1"),
        ("GATEWAY_BODY_TIMEOUT_S", "0"),
        ("GATEWAY_MAX_CONNECTIONS", "0"),
    ],
)
def test_edge_settings_are_checked(variable: str, value: str) -> None:
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env({variable: value})


def test_the_unauthenticated_limit_follows_the_tenant_limit_unless_set() -> None:
    assert Settings.from_env({}).address_rate_limit is None
    assert Settings.from_env({"GATEWAY_RATE_LIMIT": "5/second"}).address_rate_limit == "5/second"
    both = {"GATEWAY_RATE_LIMIT": "5/second", "GATEWAY_UNAUTHENTICATED_RATE_LIMIT": "1/minute"}
    assert Settings.from_env(both).address_rate_limit == "1/minute"
    off = {"GATEWAY_RATE_LIMIT": "5/second", "GATEWAY_UNAUTHENTICATED_RATE_LIMIT": "off"}
    assert Settings.from_env(off).address_rate_limit is None
