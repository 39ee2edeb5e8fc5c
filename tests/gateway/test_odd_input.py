"""Odd input is a 4xx problem naming the field, with no vendor call and no ledger row (issue 19, class 8).

Every refusal is sent both ways a request can be served: through the fast lane (a JSON POST
without a query string) and through Connexion, so a rule that lives in one only would fail here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from starlette.testclient import TestClient

from gateway.app import GatewayApp, create_app
from gateway.campaign import CampaignRequest, check_campaign
from gateway.errors import Unprocessable
from gateway.sandbox.server import Sandbox
from gateway.settings import Settings

from .conftest import AUTH, KEY, SLUGS, campaign_rows, examples, gateway_env
from .test_native_and_auth import JSON_NATIVE

Client = Callable[..., TestClient]
VOICEABLE_PATH = "/v1/vendors/voiceable/api/v1/campaigns"
VOICEABLE_FORM = {"name": "Q1", "phone_number_id": "1", "agent_id": "123", "send_immediately": "true"}
CSV = b"phone_number\n+14155550133\n"
OVERFLOWING = ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59"]


@pytest.fixture
def gateway(sandbox: Sandbox, database_url: str) -> Iterator[Client]:
    """`gateway(lane, url)`: an app with or without the fast lane, on a database (SQLite by default)."""
    apps: list[GatewayApp] = []
    with ExitStack() as clients:

        def make(lane: bool, url: str = database_url) -> TestClient:
            apps.append(create_app(Settings.from_env(gateway_env(sandbox, url)), fast_lane=lane))
            return clients.enter_context(TestClient(apps[-1], raise_server_exceptions=False))

        yield make
    for app in apps:
        app.gateway.close()


def refused(client: TestClient, sandbox: Sandbox, send: Callable[[], Any], status: int, field: str) -> dict[str, Any]:
    """Send, and check: `status` as problem+json naming `field`, no vendor call, no new row."""
    before = len(campaign_rows(client))
    response = send()
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert field in [error["field"] for error in problem.get("errors", [])], problem
    for slug in SLUGS:
        assert sandbox.requests(slug) == []
    assert len(campaign_rows(client)) == before
    return problem


def json_post(client: TestClient, path: str, body: Any, headers: dict[str, str] = AUTH) -> Callable[[], Any]:
    """The body as the test client would not write it: NULs kept as JSON escapes, as sent."""
    return lambda: client.post(path, content=json.dumps(body), headers={**headers, "Content-Type": "application/json"})


def campaign_post(client: TestClient, body: dict[str, Any], *, query: str = "") -> Callable[[], Any]:
    return json_post(client, "/v1/campaigns" + query, body)


def with_start(slug: str, start_at: str) -> dict[str, Any]:
    example = examples()[slug]
    return {**example, "schedule": {**example.get("schedule", {}), "start_at": start_at}}


LANES = [pytest.param(True, id="fast-lane"), pytest.param(False, id="connexion")]


@pytest.mark.parametrize("lane", LANES)
@pytest.mark.parametrize("start_at", ["2030-01-01T09:00:00Z\n", *OVERFLOWING])
@pytest.mark.parametrize("slug", SLUGS)
def test_start_at_that_is_no_instant_is_400(
    gateway: Client, sandbox: Sandbox, lane: bool, start_at: str, slug: str
) -> None:
    client = gateway(lane)
    refused(client, sandbox, campaign_post(client, with_start(slug, start_at)), 400, "schedule.start_at")


@pytest.mark.parametrize("lane", LANES)
@pytest.mark.parametrize("value", ["2030-01-01T09:00:00Z\n", *OVERFLOWING])
def test_a_date_time_in_options_that_is_no_instant_is_400(
    gateway: Client, sandbox: Sandbox, lane: bool, value: str
) -> None:
    # TetherAI's scheduleDate, given under its own name: its model reads it after the schema.
    client = gateway(lane)
    body = {**{k: v for k, v in examples()["tetherai"].items() if k != "schedule"}, "options": {"scheduleDate": value}}
    refused(client, sandbox, campaign_post(client, body), 400, "options.scheduleDate")


@pytest.mark.parametrize("bound", ["created_after", "created_before"])
@pytest.mark.parametrize("value", ["2030-01-01T09:00:00Z\n", *OVERFLOWING])
def test_listing_filter_that_is_no_instant_is_400(client: TestClient, sandbox: Sandbox, bound: str, value: str) -> None:
    refused(client, sandbox, lambda: client.get("/v1/campaigns", params={bound: value}, headers=AUTH), 400, bound)


def test_listing_filter_keeps_its_offset(client: TestClient) -> None:
    created = client.post("/v1/campaigns", json=examples()["clerk"], headers=AUTH).json()

    def ids(**params: str) -> list[str]:
        listing = client.get("/v1/campaigns", params=params, headers=AUTH)
        assert listing.status_code == 200, listing.text
        return [campaign["id"] for campaign in listing.json()["campaigns"]]

    # A second earlier, written at +14:00: the same instant, so the new campaign is listed.
    after = datetime.fromisoformat(created["created_at"]) - timedelta(seconds=1)
    assert created["id"] in ids(created_after=after.astimezone(timezone(timedelta(hours=14))).isoformat())


def ago(seconds: int) -> str:
    return (datetime.now(UTC) - timedelta(seconds=seconds)).isoformat()


@pytest.mark.parametrize("lane", LANES)
@pytest.mark.parametrize("slug", SLUGS)
def test_start_more_than_a_minute_past_is_422_at_every_vendor(
    gateway: Client, sandbox: Sandbox, lane: bool, slug: str
) -> None:
    client = gateway(lane)
    for start_at in (ago(61), "2020-01-01T00:00:00Z", "0001-01-03T00:00:00+05:00"):
        campaign = with_start(slug, start_at)
        problem = refused(client, sandbox, campaign_post(client, campaign), 422, "schedule.start_at")
        assert problem["vendor"] == slug
        # A dry run shows the same violation (and records nothing either).
        dry = refused(client, sandbox, campaign_post(client, campaign, query="?dry_run=true"), 422, "schedule.start_at")
        assert dry["errors"] == problem["errors"]


@pytest.mark.parametrize("slug", [slug for slug in SLUGS if slug != "smallest"])
def test_a_start_within_the_minute_or_none_is_sent(client: TestClient, sandbox: Sandbox, slug: str) -> None:
    response = client.post("/v1/campaigns", json=with_start(slug, ago(30)), headers=AUTH)
    assert response.status_code == 201, response.text
    unscheduled = {key: value for key, value in examples()[slug].items() if key != "schedule"}
    assert client.post("/v1/campaigns", json=unscheduled, headers=AUTH).status_code == 201
    assert len(sandbox.requests(slug)) == 2


def test_smallest_still_wants_a_start_in_the_future(client: TestClient, sandbox: Sandbox) -> None:
    # Smallest refuses a scheduledAt that is not ahead (its spec): the minute's slack is not for it.
    problem = refused(client, sandbox, campaign_post(client, with_start("smallest", ago(30))), 422, "schedule.start_at")
    assert problem["vendor"] == "smallest"


@pytest.mark.parametrize(
    ("seconds", "refused_here"), [(0, False), (59, False), (60, False), (61, True), (86_400, True)]
)
def test_the_past_start_rule_allows_a_minute(seconds: int, refused_here: bool) -> None:
    now = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)
    campaign = CampaignRequest.model_validate(
        {**examples()["clerk"], "schedule": {"start_at": (now - timedelta(seconds=seconds)).isoformat()}}
    )
    if refused_here:
        with pytest.raises(Unprocessable) as caught:
            check_campaign(campaign, now=now)
        assert [error.field for error in caught.value.errors] == ["schedule.start_at"]
    else:
        assert check_campaign(campaign, now=now)[1] == []


def test_past_start_comes_after_the_other_rules(client: TestClient, sandbox: Sandbox) -> None:
    campaign = {**with_start("volubile", "2020-01-01T00:00:00Z"), "recipients": [{"phone": "+1 555"}]}
    refused(client, sandbox, campaign_post(client, campaign), 400, "recipients[0].phone")


NUL_CAMPAIGNS = {
    "options value": ({**examples()["smallest"], "options": {"description": "a\u0000b"}}, "options.description"),
    "variable value": (
        {**examples()["volubile"], "recipients": [{"phone": "+33612345678", "variables": {"k": "\u0000"}}]},
        "recipients[0].variables.k",
    ),
    "variable name": (
        {**examples()["volubile"], "recipients": [{"phone": "+33612345678", "variables": {"k\u0000": "v"}}]},
        "recipients[0].variables.k\\u0000",
    ),
    "name": ({**examples()["clerk"], "name": "x\u0000"}, "name"),
    "option name": ({**examples()["tetherai"], "options": {"\u0000": True}}, "options.\\u0000"),
}


@pytest.mark.parametrize("lane", LANES)
@pytest.mark.parametrize("case", sorted(NUL_CAMPAIGNS))
def test_nul_in_a_campaign_is_400_on_postgresql(
    postgres_url: str, gateway: Client, sandbox: Sandbox, lane: bool, case: str
) -> None:
    client = gateway(lane, postgres_url)
    body, field = NUL_CAMPAIGNS[case]
    refused(client, sandbox, campaign_post(client, body), 400, field)


NUL_NATIVE = {
    "name": ({**JSON_NATIVE["volubile"][2], "name": "c\u0000"}, "name"),
    "nested": (
        {**JSON_NATIVE["volubile"][2], "recipients": [{"phone": "+33612345678", "context": {"firstName": "\u0000"}}]},
        "recipients[0].context.firstName",
    ),
}


@pytest.mark.parametrize("lane", LANES)
@pytest.mark.parametrize("case", sorted(NUL_NATIVE))
def test_nul_in_a_native_body_is_400_on_postgresql(
    postgres_url: str, gateway: Client, sandbox: Sandbox, lane: bool, case: str
) -> None:
    client = gateway(lane, postgres_url)
    path, headers, _ = JSON_NATIVE["volubile"]
    body, field = NUL_NATIVE[case]
    refused(client, sandbox, json_post(client, path, body, headers), 400, field)


def test_an_escaped_backslash_is_no_nul(client: TestClient, sandbox: Sandbox) -> None:
    path, headers, body = JSON_NATIVE["volubile"]
    response = json_post(client, path, {**body, "name": "c\\u0000"}, headers)()
    assert response.status_code == 201, response.text
    assert json.loads(sandbox.requests("volubile")[0].body)["name"] == "c\\u0000"


def voiceable_post(client: TestClient, data: dict[str, str], files: dict[str, Any] | None = None) -> Callable[[], Any]:
    return lambda: client.post(VOICEABLE_PATH, headers={"X-API-Key": KEY}, data=data, files=files)


@pytest.mark.parametrize("field", ["name", "agent_id"])
def test_nul_in_a_form_field_is_400_on_postgresql(
    postgres_url: str, client_with: Client, sandbox: Sandbox, field: str
) -> None:
    client = client_with(GATEWAY_DATABASE_URL=postgres_url)
    form = {**VOICEABLE_FORM, field: "a\u0000b"}
    refused(client, sandbox, voiceable_post(client, form, {"recipients_file": ("r.csv", CSV, "text/csv")}), 400, field)


def raw_form(*parts: tuple[bytes, bytes]) -> Callable[[TestClient], Any]:
    """Voiceable's form with these extra (part headers, content) parts, written byte for byte."""
    boundary = b"odd-input-boundary"
    fields = [(f'Content-Disposition: form-data; name="{k}"'.encode(), v.encode()) for k, v in VOICEABLE_FORM.items()]
    body = b"".join(b"--%s\r\n%s\r\n\r\n%s\r\n" % (boundary, head, value) for head, value in [*fields, *parts])
    headers = {"X-API-Key": KEY, "Content-Type": f"multipart/form-data; boundary={boundary.decode()}"}
    return lambda client: client.post(VOICEABLE_PATH, content=body + b"--%s--\r\n" % boundary, headers=headers)


CSV_PART = b'Content-Disposition: form-data; name="recipients_file"; filename="r.csv"\r\nContent-Type: text/csv'
DISPOSITION = b'Content-Disposition: form-data; name="recipients_file"; filename='
NUL_PARTS = {
    "file name": ([(DISPOSITION + b'"r\x00.csv"\r\nContent-Type: text/csv', CSV)], "recipients_file"),
    "file type": ([(DISPOSITION + b'"r.csv"\r\nContent-Type: text/\x00csv', CSV)], "recipients_file"),
    "field name": ([(CSV_PART, CSV), (b'Content-Disposition: form-data; name="x\x00"', b"1")], "x\\u0000"),
}


@pytest.mark.parametrize("case", sorted(NUL_PARTS))
def test_nul_in_a_form_part_is_400_on_postgresql(
    postgres_url: str, client_with: Client, sandbox: Sandbox, case: str
) -> None:
    client = client_with(GATEWAY_DATABASE_URL=postgres_url)
    parts, field = NUL_PARTS[case]
    send = raw_form(*parts)
    refused(client, sandbox, lambda: send(client), 400, field)
    assert raw_form((CSV_PART, CSV))(client).status_code == 201  # the same form without the NUL is sent


def test_voiceable_file_sent_as_text_is_400_every_time(client: TestClient, sandbox: Sandbox) -> None:
    # The CSV as a text part, without a filename: a careless client's upload.
    send = raw_form((b'Content-Disposition: form-data; name="recipients_file"', CSV))
    first = refused(client, sandbox, lambda: send(client), 400, "recipients_file")
    again = refused(client, sandbox, lambda: send(client), 400, "recipients_file")
    assert again["errors"] == first["errors"]
    response = raw_form((CSV_PART, CSV))(client)
    assert response.status_code == 201, response.text
