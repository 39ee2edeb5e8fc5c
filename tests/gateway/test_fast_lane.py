"""The fast lane answers exactly as Connexion would, and serves what it can."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from gateway.app import create_app
from gateway.sandbox.server import Sandbox
from gateway.settings import Settings

from .conftest import KEY, OTHER_KEY, examples, gateway_env
from .test_abuse import assert_refused_untouched
from .test_native_and_auth import JSON_NATIVE

VOLUBILE_PATH, VOLUBILE_AUTH, VOLUBILE_BODY = JSON_NATIVE["volubile"]
GOOD = json.dumps(VOLUBILE_BODY).encode()
DEEP = b'{"name":' + b"[" * 40 + b"]" * 40 + b"}"

FRESH = "<a new key at each request>"  # the apps share a registry: the same key would replay
CAMPAIGN = examples()["volubile"]
CAMPAIGN_AUTH = {"Authorization": f"Bearer {KEY}"}


def _campaign(**changes: Any) -> bytes:
    return json.dumps({**CAMPAIGN, **changes}).encode()


def _recipients(*phones: str) -> list[dict[str, Any]]:
    return [{**CAMPAIGN["recipients"][0], "phone": phone} for phone in phones]


# (path, headers, body): every way a request can differ from one the lane serves.
REQUESTS: dict[str, tuple[str, dict[str, str], bytes]] = {
    "valid": (VOLUBILE_PATH, VOLUBILE_AUTH, GOOD),
    "valid, Bearer scheme": (VOLUBILE_PATH, {"Authorization": f"Bearer {KEY}"}, GOOD),
    "valid, charset": (VOLUBILE_PATH, {**VOLUBILE_AUTH, "Content-Type": "application/json; charset=utf-8"}, GOOD),
    "valid, upper-case media type": (VOLUBILE_PATH, {**VOLUBILE_AUTH, "Content-Type": "Application/JSON"}, GOOD),
    "no key": (VOLUBILE_PATH, {}, GOOD),
    "unknown key": (VOLUBILE_PATH, {"X-Api-Key": "not-a-key"}, GOOD),
    "unknown key, then a known one": (
        VOLUBILE_PATH,
        {"X-Api-Key": "not-a-key", "Authorization": f"Bearer {OTHER_KEY}"},
        GOOD,
    ),
    "malformed Authorization": (VOLUBILE_PATH, {"Authorization": "Bearer"}, GOOD),
    "Basic, not Bearer": (VOLUBILE_PATH, {"Authorization": f"Basic {KEY}"}, GOOD),
    "another scheme's header": (VOLUBILE_PATH, {"apiKey": KEY}, GOOD),
    "query string": (VOLUBILE_PATH + "?dry=1", VOLUBILE_AUTH, GOOD),
    "text/plain": (VOLUBILE_PATH, {**VOLUBILE_AUTH, "Content-Type": "text/plain"}, GOOD),
    "empty body": (VOLUBILE_PATH, VOLUBILE_AUTH, b""),
    "not JSON": (VOLUBILE_PATH, VOLUBILE_AUTH, b"{'name': 1}"),
    "JSON null": (VOLUBILE_PATH, VOLUBILE_AUTH, b"null"),
    "too deep": (VOLUBILE_PATH, VOLUBILE_AUTH, DEEP),
    "lone surrogate": (VOLUBILE_PATH, VOLUBILE_AUTH, GOOD.replace(b'"name": "c"', b'"name": "\\ud800"')),
    "schema violation": (VOLUBILE_PATH, VOLUBILE_AUTH, json.dumps({**VOLUBILE_BODY, "batchSize": "ten"}).encode()),
    "unknown field": (VOLUBILE_PATH, VOLUBILE_AUTH, json.dumps({**VOLUBILE_BODY, "extra": 1}).encode()),
    "bad format": (VOLUBILE_PATH, VOLUBILE_AUTH, json.dumps({**VOLUBILE_BODY, "agentId": "x"}).encode()),
    "empty Idempotency-Key": (VOLUBILE_PATH, {**VOLUBILE_AUTH, "Idempotency-Key": ""}, GOOD),
    "long Idempotency-Key": (VOLUBILE_PATH, {**VOLUBILE_AUTH, "Idempotency-Key": "k" * 256}, GOOD),
    "over the body limit": (VOLUBILE_PATH, VOLUBILE_AUTH, json.dumps({**VOLUBILE_BODY, "name": "n" * 3000}).encode()),
    "trailing slash": (VOLUBILE_PATH + "/", VOLUBILE_AUTH, GOOD),
    **{f"valid, {slug}": (path, auth, json.dumps(body).encode()) for slug, (path, auth, body) in JSON_NATIVE.items()},
    # The vendor-neutral route: its handler refuses what the schema cannot say, both ways.
    "campaign": ("/v1/campaigns", CAMPAIGN_AUTH, _campaign()),
    "campaign, X-API-Key": ("/v1/campaigns", {"X-API-Key": KEY}, _campaign()),
    "campaign, tetherai": ("/v1/campaigns", CAMPAIGN_AUTH, json.dumps(examples()["tetherai"]).encode()),
    "campaign, Idempotency-Key": ("/v1/campaigns", {**CAMPAIGN_AUTH, "Idempotency-Key": FRESH}, _campaign()),
    "campaign, dry run": ("/v1/campaigns?dry_run=true", CAMPAIGN_AUTH, _campaign()),
    "campaign, no key": ("/v1/campaigns", {}, _campaign()),
    "campaign, unknown vendor": ("/v1/campaigns", CAMPAIGN_AUTH, _campaign(vendor="acme")),
    "campaign, unknown field": ("/v1/campaigns", CAMPAIGN_AUTH, _campaign(colour="blue")),
    "campaign, invalid phone": ("/v1/campaigns", CAMPAIGN_AUTH, _campaign(recipients=_recipients("+3361234"))),
    "campaign, full-width phone": (
        "/v1/campaigns",
        CAMPAIGN_AUTH,
        _campaign(recipients=_recipients("+\uff13\uff13\uff16\uff11\uff12\uff13\uff10\uff10\uff10\uff10\uff10")),
    ),
    "campaign, over the vendor's limit": ("/v1/campaigns", CAMPAIGN_AUTH, _campaign(agent_id="agent-7")),
    "campaign, unknown time zone": (
        "/v1/campaigns",
        CAMPAIGN_AUTH,
        _campaign(schedule={**CAMPAIGN.get("schedule", {}), "timezone": "Mars/Olympus"}),
    ),
}


@pytest.fixture(scope="module")
def both_ways(sandbox: Sandbox, database_url: str) -> Iterator[dict[bool, TestClient]]:
    settings = Settings.from_env(gateway_env(sandbox, database_url, GATEWAY_MAX_BODY_BYTES="2048"))
    apps = {lane: create_app(settings, fast_lane=lane) for lane in (True, False)}
    with (
        TestClient(apps[True], raise_server_exceptions=False) as lane,
        TestClient(apps[False], raise_server_exceptions=False) as connexion,
    ):
        yield {True: lane, False: connexion}
    for app in apps.values():
        app.gateway.close()


def _post(client: TestClient, name: str) -> Any:
    path, headers, body = REQUESTS[name]
    headers = {header: uuid.uuid4().hex if value == FRESH else value for header, value in headers.items()}
    return client.post(path, content=body, headers={"Content-Type": "application/json", **headers})


def _answer(client: TestClient, name: str, sandbox: Sandbox) -> dict[str, Any]:
    sandbox.clear()
    response = _post(client, name)
    content_type = response.headers.get("content-type", "")
    parsed = response.json() if "json" in content_type else response.text
    if response.status_code < 300:
        parsed = _shape(parsed)  # the vendor's answer holds its new ids and its clock
    elif isinstance(parsed, dict):
        for volatile in ("request_id", "timestamp"):  # ours, and a relayed vendor error's clock
            parsed.pop(volatile, None)
    sent = {slug: [json.loads(r.body) for r in sandbox.requests(slug)] for slug in ("clerk", "volubile", "tetherai")}
    return {"status": response.status_code, "type": content_type, "body": parsed, "sent": sent}


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return type(value).__name__


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_the_lane_answers_as_connexion_does(both_ways: dict[bool, TestClient], sandbox: Sandbox, name: str) -> None:
    through_lane = _answer(both_ways[True], name, sandbox)
    through_connexion = _answer(both_ways[False], name, sandbox)
    assert through_lane == through_connexion


def test_an_unreachable_key_store_is_503_either_way(
    both_ways: dict[bool, TestClient], sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unreachable = create_engine(f"sqlite:///{tmp_path / 'no-such-folder' / 'keys.db'}")
    for client in both_ways.values():
        service = client.app.gateway  # type: ignore[attr-defined]
        monkeypatch.setattr(service.api_keys, "engine", unreachable)
        monkeypatch.setattr(service, "_key_cache", {})  # an earlier test's lookup of the same key
    answers = [_answer(both_ways[lane], "unknown key", sandbox) for lane in (True, False)]
    assert answers[0] == answers[1]
    assert answers[0]["status"] == 503 and answers[0]["body"]["type"].endswith("database-unavailable")


def test_the_corpus_has_both_served_and_refused_requests(both_ways: dict[bool, TestClient], sandbox: Sandbox) -> None:
    statuses = {name: _answer(both_ways[False], name, sandbox)["status"] for name in REQUESTS}
    assert {name for name, status in statuses.items() if status < 300} >= {"valid", "valid, Bearer scheme", "campaign"}
    assert {statuses[name] for name in ("no key", "text/plain", "schema violation", "over the body limit")} == {
        401,
        415,
        400,
        413,
    }


@pytest.fixture
def lane_alone(sandbox: Sandbox, database_url: str) -> Iterator[Callable[..., Any]]:
    """A gateway whose Connexion app answers 599 to anything: what gets a 2xx, the lane served."""
    app = create_app(Settings.from_env(gateway_env(sandbox, database_url)))

    async def refuse_all(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 599, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    app.app = refuse_all
    with TestClient(app, raise_server_exceptions=False) as client:
        yield lambda name: _post(client, name)
    app.gateway.close()


@pytest.mark.parametrize(
    "name", ["valid", "valid, Bearer scheme", "valid, charset", "valid, clerk", "valid, smallest", "campaign"]
)
def test_the_lane_serves_valid_requests_itself(lane_alone: Callable[..., Any], sandbox: Sandbox, name: str) -> None:
    assert lane_alone(name).status_code == 201


@pytest.mark.parametrize(
    "name",
    [
        "no key",
        "unknown key",
        "query string",
        "schema violation",
        "empty body",
        "campaign, dry run",
        "campaign, no key",
        "campaign, unknown field",
    ],
)
def test_the_lane_hands_the_rest_to_connexion(lane_alone: Callable[..., Any], sandbox: Sandbox, name: str) -> None:
    assert lane_alone(name).status_code == 599
    assert sandbox.requests("volubile") == []


@pytest.mark.parametrize(
    ("name", "status"), [("campaign, invalid phone", 400), ("campaign, over the vendor's limit", 422)]
)
def test_the_lane_refuses_what_the_handler_refuses(
    lane_alone: Callable[..., Any], sandbox: Sandbox, name: str, status: int
) -> None:
    # Connexion passes these bodies: the handler's own refusal is the answer, through the lane too.
    assert lane_alone(name).status_code == status
    assert sandbox.requests("volubile") == []


def test_an_upper_case_media_type_is_still_validated(client: TestClient, sandbox: Sandbox) -> None:
    # Connexion finds a body's schema by the media type as written: this body went unchecked.
    path, headers, body = JSON_NATIVE["smallest"]
    response = client.post(
        path, content=json.dumps({**body, "name": 5}), headers={**headers, "Content-Type": "APPLICATION/JSON"}
    )
    assert_refused_untouched(response, sandbox)
    assert [error["field"] for error in response.json()["errors"]] == ["name"]
