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
4xx; any route refuses a NUL character in a body's string (400: PostgreSQL cannot store it), and
a native route a control character in a query. After the launch (LIFECYCLE.md): an action is 409
`invalid-transition` when the campaign's status does not allow it and 501 `action-unsupported`
when the vendor cannot do it; an unknown or another tenant's campaign, vendor-neutral or native,
is 404.

Each lifecycle operation's happy path is reached through hooks: a fresh campaign in a status
that allows each vendor-neutral action, the test tenant's own vendor ids on native routes (fresh
ones where the operation ends the campaign), and tenant `owner`, with its own vendor accounts at
the sandbox, for the account-wide native reads (see `GatewayKey`). The sandbox's clock is moved
by hand (tests/contract/conftest.py) where a call must exist first.
`gateway_refuses_only_for_documented_rules` checks that every refusal of schema-valid data is
one of those, never the gateway's own schema check, and that a 422 from POST /campaigns is the
adapter's refusal, never the vendor rejecting what we sent.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import Case, CheckContext, Response
from schemathesis.core import NOT_SET
from schemathesis.core.failures import FailureGroup
from schemathesis.openapi.checks import UndefinedContentType, UndefinedStatusCode
from sqlalchemy import select
from starlette.testclient import TestClient

from gateway.api.native_lifecycle import role_of
from gateway.codegen.compose import NATIVE_OPERATION_PREFIX
from gateway.sandbox.server import Sandbox
from gateway.store.schema import webhook_deliveries, webhook_subscriptions

from .conftest import APP, CLOCK, KEY, OWNER_KEY, SANDBOX, own_accounts, served_spec

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
CONTROL = re.compile(r"must not contain control characters")

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


@schema.auth(refresh_interval=None)
class GatewayKey:
    """The gateway key, wherever the operation's security scheme puts it.

    Native routes keep their vendor's scheme (Clerk's `apiKey` header, `X-Api-Key`, Bearer), so
    the key goes where the first scheme the operation names wants it.

    The native reads of a whole vendor account (Smallest's conversations, Volubile's calls,
    Clerk's messages: role "account") are made as tenant `owner`, which has its own account at
    the sandbox for those vendors: on the gateway's shared account they only ever answer 404
    (LIFECYCLE.md, "Native routes"), which would leave their relayed answers unchecked, and that
    404 is not among the responses the served spec documents for native operations. The shared
    account's refusal is asserted in tests/gateway/test_native_lifecycle.py instead.
    """

    def get(self, case: Case, context: schemathesis.AuthContext) -> str:
        operation_id = str(context.operation.definition.raw.get("operationId", ""))
        if operation_id.startswith(NATIVE_OPERATION_PREFIX) and role_of(operation_id)[1] == "account":
            _owner_has_own_accounts()
            return OWNER_KEY
        return KEY

    def set(self, case: Case, data: str, context: schemathesis.AuthContext) -> None:
        raw = context.operation.schema.raw_schema
        requirements = context.operation.definition.raw.get("security", raw.get("security", []))
        if not requirements:  # an open route: a vendor's inbound hook, authenticated by its path and signature
            return
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


@schema.hook("map_case").apply_to(path_regex=r"^/vendors/tetherai/api/campaigns/\{id\}")
def tetherai_body_present(context: schemathesis.HookContext, case: Case) -> Case:
    """An empty object where a positive case has no body for TetherAI's PATCH, cancel and send.

    Their spec makes the body optional, but the gateway's validator (gateway/validation.py,
    `check_json_body`) answers 400 "A request body is required" without one: a gap asserted on
    its own, as an expected failure, in tests/gateway/test_native_lifecycle.py.
    """
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if positive and case.operation.method.upper() in ("PATCH", "POST") and case.body is NOT_SET:
        case.body = {}
    return case


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


def _api(method: str, url: str, key: str = KEY, **arguments: Any) -> Any:
    """One request to the gateway as a tenant (the test tenant by default), outside Schemathesis.

    Schemathesis draws some examples while collecting, before the `sandbox` fixture: the
    sandbox is started here too (starting twice is a no-op).
    """
    SANDBOX.start()
    _owner_has_own_accounts()
    with TestClient(APP) as client:
        return client.request(method, url, headers={"Authorization": f"Bearer {key}"}, **arguments)


@cache
def _owner_has_own_accounts() -> None:
    """Tenant `owner`'s own vendor accounts, stored once in the registry (the app started for it)."""
    with TestClient(APP):
        own_accounts()


def _create(slug: str, **changes: Any) -> dict[str, Any]:
    """A new campaign of the test tenant at `slug` (the served spec's example), created through the API."""
    campaign = {**_EXAMPLES[slug], "name": f"Contract {slug} {next(_SERIAL)}", **changes}
    response = _api("POST", "/v1/campaigns", json=campaign)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def _acted(campaign: dict[str, Any], action: str) -> dict[str, Any]:
    response = _api("POST", f"/v1/campaigns/{campaign['id']}/{action}")
    assert response.status_code in (200, 202), response.text
    acted: dict[str, Any] = response.json()
    return acted


_EXAMPLES: dict[str, dict[str, Any]] = {
    slug: example["value"]
    for slug, example in served_spec()["paths"]["/campaigns"]["post"]["requestBody"]["content"]["application/json"][
        "examples"
    ].items()
}
_SERIAL = itertools.count()
# A Volubile campaign that calls at once (the example's starts in 2030).
_VOLUBILE_NOW = {"schedule": None}


@cache
def _a_campaign_id() -> str:
    """The id of a campaign that exists for the test tenant (created once, through the API)."""
    return str(_create("smallest")["id"])


@cache
def _owned(slug: str) -> str:
    """The vendor's id of a campaign the test tenant created through the gateway (created once)."""
    return str(_create(slug)["vendor_campaign_id"])


def _fresh(slug: str) -> str:
    """The vendor's id of a new campaign of the test tenant: for actions that end it (delete, cancel...)."""
    return str(_create(slug)["vendor_campaign_id"])


def _started_smallest() -> str:
    """A new Smallest campaign the test tenant started (the vendor's `processing`): one it can pause."""
    return str(_acted(_create("smallest"), "start")["vendor_campaign_id"])


def _paused_volubile() -> str:
    """A new Volubile campaign, paused through the API: one that can be resumed."""
    paused = _acted(_create("volubile"), "pause")
    assert paused["status"] == "paused", paused
    return str(paused["id"])


@cache
def _smallest_call_id() -> str:
    """A call of a started Smallest campaign, once the sandbox's clock has moved it on."""
    campaign = _started_smallest()
    CLOCK.advance(12 * SANDBOX.pacing.step_s)  # past RUN_STEPS: every recipient called
    response = _api("GET", f"/v1/vendors/smallest/conversation?campaignIds={campaign}", key=OWNER_KEY)
    assert response.status_code == 200, response.text
    return str(response.json()["data"]["logs"][0]["callId"])


@cache
def _volubile_call_id() -> str:
    """A call of a Volubile campaign that calls at once, once the sandbox's clock has moved it on."""
    _create("volubile", schedule={"timezone": "UTC"})
    CLOCK.advance(12 * SANDBOX.pacing.step_s)  # past RUN_STEPS: every recipient called
    response = _api("GET", "/v1/vendors/volubile/v1/calls", key=OWNER_KEY)  # no campaign filter in the spec
    assert response.status_code == 200, response.text
    return str(response.json()["content"][0]["id"])


# A campaign in a state that allows each vendor-neutral action, at a vendor that can do it.
_ACTION_SUBJECTS: dict[str, Callable[[], str]] = {
    "start": lambda: str(_create("smallest")["id"]),  # a Smallest draft
    "pause": lambda: str(_create("volubile")["id"]),  # Volubile pauses a campaign waiting for its start
    "resume": _paused_volubile,
    "cancel": lambda: str(_create("volubile")["id"]),
}

# The vendor id each native `{id}` operation is drawn with (method, path): the test tenant's own
# campaign (a fresh one where the operation ends or changes it), or a call on an own account.
_NATIVE_SUBJECTS: dict[tuple[str, str], Callable[[], str]] = {
    ("GET", "/vendors/smallest/campaign/{id}"): lambda: _owned("smallest"),
    ("DELETE", "/vendors/smallest/campaign/{id}"): lambda: _fresh("smallest"),
    ("POST", "/vendors/smallest/campaign/{id}/start"): lambda: _fresh("smallest"),
    ("POST", "/vendors/smallest/campaign/{id}/pause"): _started_smallest,
    ("GET", "/vendors/smallest/conversation/{id}"): _smallest_call_id,
    ("GET", "/vendors/volubile/v1/campaigns/{id}"): lambda: _owned("volubile"),
    ("POST", "/vendors/volubile/v1/campaigns/{id}/status"): lambda: _fresh("volubile"),
    ("GET", "/vendors/volubile/v1/calls/{id}"): _volubile_call_id,
    ("GET", "/vendors/voiceable/api/v1/campaigns/{id}"): lambda: _owned("voiceable"),
    ("GET", "/vendors/tetherai/api/campaigns/{id}"): lambda: _owned("tetherai"),
    ("PATCH", "/vendors/tetherai/api/campaigns/{id}"): lambda: _fresh("tetherai"),
    ("DELETE", "/vendors/tetherai/api/campaigns/{id}"): lambda: _fresh("tetherai"),
    ("POST", "/vendors/tetherai/api/campaigns/{id}/cancel"): lambda: _fresh("tetherai"),
    ("POST", "/vendors/tetherai/api/campaigns/{id}/send"): lambda: _fresh("tetherai"),
}


@schema.hook("flatmap_path_parameters").apply_to(path="/hooks/{vendor}/{endpoint_token}")
def known_hook_endpoint(context: schemathesis.HookContext, path_parameters: Any) -> st.SearchStrategy[Any]:
    """Half the time, the URL of the gateway's Volubile account (token only): a random token only reaches 401."""
    if not isinstance(path_parameters, dict):
        return st.just(path_parameters)
    known = st.builds(
        lambda: {"vendor": "volubile", "endpoint_token": APP.gateway.hook_endpoints.token_for("volubile")}
    )
    return st.one_of(st.just(path_parameters), known)


@schema.hook("flatmap_path_parameters").apply_to(path_regex=r"^/campaigns/\{campaign_id\}(/events)?$")
def known_campaign(context: schemathesis.HookContext, path_parameters: Any) -> st.SearchStrategy[Any]:
    """Half the time, a campaign that exists: a random UUID only ever reaches the 404."""
    if not isinstance(path_parameters, dict) or "campaign_id" not in path_parameters:
        return st.just(path_parameters)
    known = st.builds(lambda: {**path_parameters, "campaign_id": _a_campaign_id()})
    return st.one_of(st.just(path_parameters), known)


@schema.hook("flatmap_path_parameters").apply_to(path_regex=r"^/campaigns/\{campaign_id\}/(start|pause|resume|cancel)$")
def campaign_ready_for_the_action(context: schemathesis.HookContext, path_parameters: Any) -> st.SearchStrategy[Any]:
    """Half the time, a new campaign whose vendor and status allow the action (the happy path).

    Fresh each time: an action changes the status, so a campaign used twice mostly reaches the
    (documented) 409. The other half is the random UUID's 404.
    """
    operation = context.operation
    if not isinstance(path_parameters, dict) or operation is None:
        return st.just(path_parameters)
    subject = _ACTION_SUBJECTS[operation.path.rsplit("/", 1)[1]]
    ready = st.builds(lambda: {**path_parameters, "campaign_id": subject()})
    return st.one_of(st.just(path_parameters), ready)


@schema.hook("flatmap_path_parameters").apply_to(path_regex=r"^/vendors/.*\{id\}")
def vendor_id_of_ours(context: schemathesis.HookContext, path_parameters: Any) -> st.SearchStrategy[Any]:
    """Always a vendor id the caller may use: its own campaign, or a call on its own account.

    Not half the time, as above: the gateway's own 404 for an id that is not the caller's (or an
    account-wide read on the shared account) is not in the responses the composed spec documents
    for native operations (gateway/codegen/compose.py adds 400, 401, 409, 413, 415, 422, 429,
    502-504 only), so Schemathesis would report every random id as an undocumented status. That
    404 is asserted where it can be, in tests/gateway/test_native_lifecycle.py, and
    `test_native_operations_document_the_gateway_404` records the gap in the spec.
    """
    operation = context.operation
    if not isinstance(path_parameters, dict) or operation is None:
        return st.just(path_parameters)
    subject = _NATIVE_SUBJECTS[(operation.method.upper(), operation.path)]
    return st.builds(lambda: {**path_parameters, "id": subject()})


def _a_webhook(with_delivery: bool = False) -> dict[str, str]:
    """A subscription of the test tenant (fresh: a case may delete or disable it), and one of its deliveries."""
    from gateway.api.webhooks import subscriptions_of
    from gateway.events.model import NewEvent
    from gateway.events.outbox import emit

    gateway = APP.gateway
    created = subscriptions_of(gateway).create("contract", "https://hooks.example.com/in", ["*"], None)
    found = {"webhook_id": str(created["id"])}
    if with_delivery:
        with gateway.registry.transaction() as connection:
            now = gateway.registry.clock()
            emit(connection, NewEvent("call.completed", now, now, "gateway", {}, tenant="contract"))
        gateway.relay.publish_all()
        query = select(webhook_deliveries.c.id).where(webhook_deliveries.c.subscription_id == found["webhook_id"])
        with gateway.registry.engine.connect() as connection:
            found["delivery_id"] = str(connection.execute(query).scalars().first())
    return found


@schema.hook("flatmap_path_parameters").apply_to(path_regex=r"^/webhooks/\{webhook_id\}")
def known_webhook(context: schemathesis.HookContext, path_parameters: Any) -> st.SearchStrategy[Any]:
    """Half the time, a subscription (and delivery) that exists: a random id only ever reaches the 404."""
    if not isinstance(path_parameters, dict) or context.operation is None:
        return st.just(path_parameters)
    with_delivery = "delivery_id" in path_parameters
    known = st.builds(lambda: {**path_parameters, **_a_webhook(with_delivery)})
    return st.one_of(st.just(path_parameters), known)


def gateway_refuses_only_for_documented_rules(ctx: CheckContext, response: Response, case: Case) -> None:
    """Schema-valid data refused with 400/404/409/422/501 must be a documented rule or the vendor's own answer."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    if response.status_code not in (400, 404, 409, 422, 501):
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
    if native and kind == "invalid-request" and errors and all(CONTROL.search(error["message"]) for error in errors):
        return  # a control character in a string, which the gateway never forwards
    cursor_listing = case.operation.label in ("GET /campaigns", "GET /webhooks/{webhook_id}/deliveries")
    if cursor_listing and kind == "invalid-request" and "cursor" in problem.get("detail", ""):
        return  # an opaque cursor this API did not return
    if kind == "webhook-url-refused" and [error["field"] for error in errors] == ["url"]:
        return  # the URL rules of webhook subscriptions (scheme, addresses), named in `errors`
    if kind == "not-found" and _not_the_callers(case):
        return  # an unknown id, or another tenant's
    if case.operation.path.startswith("/campaigns/{campaign_id}/"):
        if kind == "invalid-transition" and response.status_code == 409 and problem.get("allowed"):
            return  # the campaign's status does not allow the action (named with those that would)
        if kind == "action-unsupported" and response.status_code == 501:
            return  # the vendor documents no way to do it (the capability matrix says the same)
    raise AssertionError(
        f"{case.operation.label} refused schema-valid data for no documented reason "
        f"({response.status_code}): {response.text}"
    )


def _not_the_callers(case: Case) -> bool:
    """Whether the case names a campaign (or vendor campaign id) the test tenant does not have."""
    parameters = case.path_parameters or {}
    registry = APP.gateway.registry
    if "campaign_id" in parameters:
        try:
            uuid.UUID(str(parameters["campaign_id"]))
        except ValueError:
            return True
        return registry.get("contract", str(parameters["campaign_id"])) is None
    if "webhook_id" in parameters:
        query = select(webhook_subscriptions.c.id).where(
            webhook_subscriptions.c.id == str(parameters["webhook_id"]), webhook_subscriptions.c.tenant == "contract"
        )
        if "delivery_id" in parameters:
            query = select(webhook_deliveries.c.id).where(
                webhook_deliveries.c.id == str(parameters["delivery_id"]),
                webhook_deliveries.c.subscription_id == str(parameters["webhook_id"]),
                webhook_deliveries.c.tenant == "contract",
            )
        with registry.engine.connect() as connection:
            return connection.execute(query).first() is None
    if "id" in parameters and case.operation.path.startswith("/vendors/"):
        slug = case.operation.path.split("/")[2]
        return registry.by_vendor_id("contract", slug, str(parameters["id"])) is None
    return False


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
        response = case.call()
        try:
            case.validate_response(response, additional_checks=[gateway_refuses_only_for_documented_rules])
        except FailureGroup as group:
            if not all(_composed_spec_gap(case, response, failure) for failure in group.exceptions):
                raise
    except BaseException:
        outcomes.failed = True
        raise
    outcomes.statuses.append(response.status_code)


def _composed_spec_gap(case: Case, response: Any, failure: BaseException) -> bool:
    """A vendor's own refusal on a native route, relayed as it is, with a status its spec does not list.

    The sandbox answers some (a 404 for an unknown call where Volubile documents none); the
    gateway relays a vendor's 4xx as it is, and cannot document what the vendor does not. The
    gateway's own answers on native routes are documented (`test_native_operations_document_
    what_the_gateway_answers`), so a problem+json is never let through here.
    """
    if not case.operation.path.startswith("/vendors/") or not 400 <= response.status_code < 500:
        return False
    content_type = response.headers.get("content-type", "")
    if isinstance(content_type, list):
        content_type = content_type[0] if content_type else ""
    if content_type.startswith(PROBLEM_JSON):
        return False
    return isinstance(failure, UndefinedStatusCode | UndefinedContentType)


GAP_STATUSES = ("400", "401", "404")


def test_native_operations_document_what_the_gateway_answers() -> None:
    spec = served_spec()
    undocumented = []
    for path, item in spec["paths"].items():
        if not path.startswith("/vendors/"):
            continue
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            for status in GAP_STATUSES:
                response = operation["responses"].get(status, {})
                if "$ref" in response:
                    response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
                if PROBLEM_JSON not in response.get("content", {}):
                    undocumented.append(f"{method.upper()} {path} {status}")
    assert undocumented == []


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
    # The lifecycle's routes ({campaign}: a campaign of the test tenant; {vendor_id}: its Smallest id).
    ("GET", "/v1/campaigns/{campaign}?refresh=true&refresh=false"),
    ("GET", "/v1/campaigns/{campaign}?refresh=true&refresh=x"),
    ("POST", "/v1/campaigns/{campaign}/pause?dry_run=true&dry_run=false"),
    ("POST", "/v1/campaigns/{campaign}/start?dry_run=true&dry_run=true"),
    ("POST", "/v1/campaigns/{campaign}/cancel?dry_run=false&dry_run=true"),
    ("GET", "/v1/vendors/smallest/campaign?page=1&page=2"),
    ("GET", "/v1/vendors/smallest/campaign?offset=5&offset=x"),
    ("GET", "/v1/vendors/smallest/campaign/{vendor_id}?id=other"),
    ("POST", "/v1/vendors/smallest/campaign/{vendor_id}/pause?x=1&x=2"),
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
    body = {**_CAMPAIGN, "name": f"polluted {url}"} if method == "POST" and url.startswith("/v1/campaigns?") else None
    if "{" in url:
        campaign = _create("smallest")
        url = url.format(campaign=campaign["id"], vendor_id=campaign["vendor_campaign_id"])
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


@pytest.mark.parametrize("action", ["pause", "resume"])
@pytest.mark.parametrize(("case", "headers"), ODD_HEADERS, ids=[case for case, _ in ODD_HEADERS])
def test_odd_and_duplicate_headers_on_an_action_get_no_server_error(
    case: str, headers: list[tuple[str, str | bytes]], action: str, fresh_sandbox: Sandbox
) -> None:
    campaign = _a_volubile_campaign_id()
    with TestClient(APP) as client:
        response = client.post(f"/v1/campaigns/{campaign}/{action}", headers=headers)

    _no_server_error_and_refusals_are_problems(response)


@pytest.mark.parametrize(("case", "headers"), ODD_HEADERS, ids=[case for case, _ in ODD_HEADERS])
def test_odd_and_duplicate_headers_on_a_native_action_get_no_server_error(
    case: str, headers: list[tuple[str, str | bytes]], fresh_sandbox: Sandbox
) -> None:
    campaign = _create("volubile")
    fresh_sandbox.clear_requests("volubile")
    with TestClient(APP) as client:
        response = client.post(
            f"/v1/vendors/volubile/v1/campaigns/{campaign['vendor_campaign_id']}/status",
            headers=[*headers, ("Content-Type", "application/json")],
            content=b'"PAUSED"',
        )

    assert response.status_code < 500, response.text
    if not fresh_sandbox.requests("volubile"):
        _no_server_error_and_refusals_are_problems(response)


@cache
def _a_volubile_campaign_id() -> str:
    return str(_create("volubile")["id"])


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
