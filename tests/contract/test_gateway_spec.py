"""The gateway against its own served spec, with Schemathesis: every operation, valid and invalid data.

Every default Schemathesis check runs on every response: no server error (a 502/503/504 is only
fine when the vendor really failed, which the sandbox does not), status codes, content types,
headers and bodies as the spec documents them, schema-invalid data refused, missing credentials
refused, undeclared methods answered 405 with `Allow`. Native routes forward to the sandbox.

Some refusals of schema-valid data are documented and so are not "valid data rejected": POST
/campaigns answers 400 for a phone number that is not a real one, a control character, an
unknown time zone or a window that ends before it starts, and 422 when the chosen vendor cannot
take the campaign; GET /campaigns answers 400 for a cursor it did not issue; an Idempotency-Key
reused with another request is 422 (409 while in flight); a native route relays the vendor's own
4xx; any route refuses a NUL character in a body's string (400: PostgreSQL cannot store it).
`gateway_refuses_only_for_documented_rules` checks that every refusal of schema-valid data is
one of those, never the gateway's own schema check, and that a 422 from POST /campaigns is the
adapter's refusal, never the vendor rejecting what we sent.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import Case, CheckContext, Response
from starlette.testclient import TestClient

from gateway.sandbox.server import Sandbox

from .conftest import APP, KEY

MAX_EXAMPLES = 40
PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPE = "urn:campaign-gateway:problem:"
# check_campaign's rules (gateway/campaign.py), which a JSON schema cannot state: field, message.
BEYOND_SCHEMA = [
    (re.compile(r"recipients\[\d+\]\.phone|schedule\.timezone|schedule\.windows\[\d+\]"), re.compile(".")),
    (
        re.compile(r"name|sender|message|agent_id|audience|recipients\[\d+\]\.(first|last)_name"),
        re.compile("control characters"),
    ),
]

NUL_REFUSAL = re.compile(r"must not contain a NUL character")

CONFIG = schemathesis.Config.from_str(
    f"""
[generation]
mode = "all"
max-examples = {MAX_EXAMPLES}

[checks.positive_data_acceptance]
# The defaults, plus the documented refusals of schema-valid data (see the module docstring).
expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "422", "429", "5xx"]
"""
)
schema = schemathesis.openapi.from_asgi("/v1/openapi.json", APP, config=CONFIG)


@schema.auth()
class GatewayKey:
    """The gateway key, wherever the operation's security scheme puts it.

    Native routes keep their vendor's scheme (Clerk's `apiKey` header, `X-Api-Key`, Bearer), so
    the key goes where the first scheme the operation names wants it.
    """

    def get(self, case: Case, context: schemathesis.AuthContext) -> str:
        return KEY

    def set(self, case: Case, data: str, context: schemathesis.AuthContext) -> None:
        raw = context.operation.schema.raw_schema
        requirements = context.operation.definition.raw.get("security", raw.get("security", []))
        scheme = raw["components"]["securitySchemes"][next(iter(requirements[0]))]
        if scheme["type"] == "http":
            case.headers["Authorization"] = f"Bearer {data}"
        else:
            case.headers[scheme["name"]] = data


_CSV_ROWS = st.lists(st.from_regex(r"\+[1-9][0-9]{7,12}", fullmatch=True), min_size=1, max_size=5)


@schema.hook("flatmap_body").apply_to(path="/vendors/voiceable/api/v1/campaigns")
def voiceable_csv(context: schemathesis.HookContext, body: Any) -> st.SearchStrategy[Any]:
    """Half the time, a recipients file that is the CSV Voiceable documents.

    The spec can only say `format: binary`; random bytes are a CSV the vendor refuses (422), so
    without this the relayed 201 would never be reached. Any file the case holds stays possible.
    """
    if not isinstance(body, dict) or not isinstance(body.get("recipients_file"), bytes | str):
        return st.just(body)
    csv = _CSV_ROWS.map(lambda rows: "\n".join(["phone_number", *rows, ""]).encode())
    return st.one_of(st.just(body), csv.map(lambda content: {**body, "recipients_file": content}))


@schema.hook("map_case")
def one_key_per_request(context: schemathesis.HookContext, case: Case) -> Case:
    """A generated Idempotency-Key gets a suffix naming the request it was drawn for.

    Schemathesis draws few distinct keys, so without this most POSTs would reuse a key with
    another body and stop at the (documented) 422 before reaching the vendor. The same request
    keeps the same key, so replays are still exercised.
    """
    key = case.headers.get("Idempotency-Key") if case.headers else None
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if positive and isinstance(key, str) and 0 < len(key) <= 200:
        digest = hashlib.sha256(repr((case.body, case.query, case.path_parameters)).encode()).hexdigest()[:16]
        case.headers["Idempotency-Key"] = f"{key}-{digest}"
    return case


@cache
def _a_campaign_id() -> str:
    """The id of a campaign that exists for the test tenant (created once, through the API)."""
    campaign = {"vendor": "smallest", "name": "Known campaign", "agent_id": "agent", "audience": "audience"}
    with TestClient(APP) as client:
        response = client.post("/v1/campaigns", json=campaign, headers={"Authorization": f"Bearer {KEY}"})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


@schema.hook("flatmap_path_parameters").apply_to(path="/campaigns/{campaign_id}")
def known_campaign(context: schemathesis.HookContext, path_parameters: Any) -> st.SearchStrategy[Any]:
    """Half the time, a campaign that exists: a random UUID only ever reaches the 404."""
    if not isinstance(path_parameters, dict) or "campaign_id" not in path_parameters:
        return st.just(path_parameters)
    known = st.builds(lambda: {**path_parameters, "campaign_id": _a_campaign_id()})
    return st.one_of(st.just(path_parameters), known)


def gateway_refuses_only_for_documented_rules(ctx: CheckContext, response: Response, case: Case) -> None:
    """Schema-valid data refused with 400/409/422 must be a documented rule or the vendor's own answer."""
    if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code not in (400, 409, 422):
        return
    native = case.operation.path.startswith("/vendors/")
    if not response.headers.get("content-type", [""])[0].startswith(PROBLEM_JSON):
        if native:
            return  # the vendor (sandbox) refused it, and the gateway relayed its answer
        raise AssertionError(f"A refusal that is not a problem: {response.text}")
    problem = response.json()
    kind = str(problem.get("type", "")).removeprefix(PROBLEM_TYPE)
    errors = problem.get("errors", [])
    if kind in ("idempotency-key-reused", "conflict"):
        return  # the Idempotency-Key's documented answers
    if kind == "invalid-request" and errors and all(NUL_REFUSAL.search(error["message"]) for error in errors):
        return  # a NUL in a string, which the registry cannot store
    if case.operation.label == "POST /campaigns":
        if kind == "unprocessable":
            return  # the adapter's refusal; a vendor's ("vendor-rejected") would mean we sent it wrong
        if kind == "invalid-request" and errors and all(map(_beyond_schema, errors)):
            return
    if case.operation.label == "GET /campaigns" and kind == "invalid-request" and "cursor" in problem.get("detail", ""):
        return  # an opaque cursor this API did not return
    raise AssertionError(f"{case.operation.label} refused schema-valid data for no documented reason: {response.text}")


def _beyond_schema(error: dict[str, str]) -> bool:
    return any(field.fullmatch(error["field"]) and message.search(error["message"]) for field, message in BEYOND_SCHEMA)


@dataclass
class Outcomes:
    """What one operation answered over all its examples."""

    statuses: list[int] = field(default_factory=list)
    failed: bool = False


@pytest.fixture
def outcomes() -> Iterator[Outcomes]:
    """At least one success per operation, or its happy path went untested (unless it failed anyway)."""
    seen = Outcomes()
    yield seen
    if not seen.failed:
        assert any(200 <= status < 300 for status in seen.statuses), f"no 2xx in {sorted(set(seen.statuses))}"


@schema.parametrize()
# `outcomes` is meant to span every example of one operation, which is what this health check warns of.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_gateway_conforms_to_its_spec(case: Case, sandbox: Sandbox, outcomes: Outcomes) -> None:
    try:
        response = case.call_and_validate(additional_checks=[gateway_refuses_only_for_documented_rules])
    except BaseException:
        outcomes.failed = True
        raise
    outcomes.statuses.append(response.status_code)


# Parameter pollution and odd headers, which Schemathesis cannot draw (its cases hold one value
# per parameter and header). What holds on every branch: no 5xx, and every refusal a problem.

_AUTH = ("Authorization", f"Bearer {KEY}")
_CAMPAIGN = {"vendor": "smallest", "agent_id": "agent", "audience": "audience"}
_SMALLEST = {"name": "polluted", "agentId": "60d0fe4f5311236168a109ca", "audienceId": "aud"}

POLLUTED_QUERIES = [
    ("POST", "/v1/campaigns?dry_run=true&dry_run=false"),
    ("POST", "/v1/campaigns?dry_run=false&dry_run=true"),
    ("POST", "/v1/campaigns?dry_run=true&dry_run=true"),
    ("POST", "/v1/campaigns?dry_run=true&dry_run="),
    ("GET", "/v1/campaigns?limit=1&limit=2"),
    ("GET", "/v1/campaigns?limit=1&limit=x"),
    ("GET", "/v1/campaigns?vendor=smallest&vendor=clerk"),
    ("GET", "/v1/campaigns?status=scheduled&status=draft"),
    ("GET", "/v1/campaigns?dispatch=accepted&dispatch=unknown"),
    ("GET", "/v1/campaigns?cursor=a&cursor=b"),
    ("GET", "/v1/campaigns?created_after=2026-01-01T00:00:00Z&created_after=2026-02-01T00:00:00Z"),
    ("GET", "/v1/campaigns?created_before=2026-01-01T00:00:00Z&created_before=x"),
    ("GET", "/v1/campaigns?limit[]=1"),
    ("GET", "/v1/campaigns?limit=1;limit=2"),
]

ODD_HEADERS: list[tuple[str, list[tuple[str, str | bytes]]]] = [
    ("two Idempotency-Keys", [_AUTH, ("Idempotency-Key", "one"), ("Idempotency-Key", "two")]),
    ("the same Idempotency-Key twice", [_AUTH, ("Idempotency-Key", "same"), ("Idempotency-Key", "same")]),
    ("an empty Idempotency-Key", [_AUTH, ("Idempotency-Key", "")]),
    ("an overlong Idempotency-Key", [_AUTH, ("Idempotency-Key", "k" * 10_000)]),
    ("a tab in the Idempotency-Key", [_AUTH, ("Idempotency-Key", "a\tb")]),
    ("obs-text in the Idempotency-Key", [_AUTH, ("Idempotency-Key", b"caf\xe9\xff")]),
    ("two X-Request-IDs", [_AUTH, ("X-Request-ID", "one"), ("X-Request-ID", "two")]),
    ("an overlong X-Request-ID", [_AUTH, ("X-Request-ID", "r" * 10_000)]),
    ("a tab and obs-text in the X-Request-ID", [_AUTH, ("X-Request-ID", b"a\tb\xff\x80")]),
    ("an empty X-Request-ID", [_AUTH, ("X-Request-ID", "")]),
    ("a valid Bearer and a bogus X-API-Key", [_AUTH, ("X-API-Key", "bogus")]),
    ("a bogus Bearer and a valid X-API-Key", [("Authorization", "Bearer bogus"), ("X-API-Key", KEY)]),
    ("the same key both ways", [_AUTH, ("X-API-Key", KEY)]),
    ("two Authorization headers", [_AUTH, ("Authorization", "Bearer other")]),
    ("two X-API-Key headers", [("X-API-Key", KEY), ("X-API-Key", "other")]),
    ("a tab after the token", [("Authorization", f"Bearer {KEY}\t")]),
    ("obs-text in the token", [("Authorization", b"Bearer k\xe9y")]),
    ("an empty Bearer", [("Authorization", "Bearer ")]),
    ("Basic where Bearer is wanted", [("Authorization", "Basic Og==")]),
]


def _no_server_error_and_refusals_are_problems(response: Any) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith(PROBLEM_JSON), response.text
        problem = response.json()
        assert problem["status"] == response.status_code
        assert str(problem["type"]).startswith(PROBLEM_TYPE) and problem["title"]


@pytest.mark.parametrize(("method", "url"), POLLUTED_QUERIES, ids=[url for _, url in POLLUTED_QUERIES])
def test_a_repeated_query_parameter_gets_no_server_error(method: str, url: str, fresh_sandbox: Sandbox) -> None:
    body = {**_CAMPAIGN, "name": f"polluted {url}"} if method == "POST" else None
    with TestClient(APP) as client:
        response = client.request(method, url, headers=[_AUTH], json=body)

    _no_server_error_and_refusals_are_problems(response)


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(("case", "headers"), ODD_HEADERS, ids=[case for case, _ in ODD_HEADERS])
def test_odd_and_duplicate_headers_get_no_server_error(
    case: str, headers: list[tuple[str, str | bytes]], method: str, fresh_sandbox: Sandbox
) -> None:
    body = {**_CAMPAIGN, "name": f"headers {case}"} if method == "POST" else None
    with TestClient(APP) as client:
        response = client.request(method, "/v1/campaigns", headers=headers, json=body)

    _no_server_error_and_refusals_are_problems(response)


@pytest.mark.parametrize(("case", "headers"), ODD_HEADERS, ids=[case for case, _ in ODD_HEADERS])
def test_odd_and_duplicate_headers_on_a_native_route_get_no_server_error(
    case: str, headers: list[tuple[str, str | bytes]], fresh_sandbox: Sandbox
) -> None:
    with TestClient(APP) as client:
        response = client.post(
            "/v1/vendors/smallest/campaign?dry_run=true&dry_run=false", headers=headers, json=_SMALLEST
        )

    assert response.status_code < 500, response.text
    if not fresh_sandbox.requests("smallest"):
        # Whatever refused it, it was the gateway (the vendor got nothing): a problem, then.
        _no_server_error_and_refusals_are_problems(response)
