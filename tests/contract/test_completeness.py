"""Nothing is missing: every vendor has all its parts, every gateway error renders through the app.

For each vendor of specs/vendors.toml, and each spec file in specs/vendors/: an adapter, a
capability row (GET /v1/vendors), a sandbox stand-in, a native route for every operation of its
spec, and an outbound snapshot. Every class of the error tree, raised inside a request, comes out
of the app's handler as RFC 9457 problem+json with its status, title, type and headers.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from starlette.testclient import TestClient

from gateway.errors import GatewayError, all_error_classes
from gateway.sandbox.server import Sandbox
from gateway.vendors import ADAPTERS

from .conftest import APP, KEY, SLUGS, VENDOR_SPECS, key_headers, served_spec
from .wire import contract

SNAPSHOTS = Path(__file__).resolve().parent / "__snapshots__" / "test_snapshots.ambr"
PROBLEM_JSON = "application/problem+json"


def test_the_vendor_list_and_the_spec_files_agree() -> None:
    assert sorted(path.stem for path in VENDOR_SPECS.glob("*.yaml")) == sorted(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_vendor_has_adapter_capabilities_sandbox_routes_and_snapshot(
    slug: str, client: TestClient, sandbox: Sandbox
) -> None:
    assert slug in ADAPTERS, "no adapter registered in gateway.vendors.ADAPTERS"
    assert ADAPTERS[slug].slug == slug

    rows = client.get("/v1/vendors", headers={"Authorization": f"Bearer {KEY}"}).json()["vendors"]
    [row] = [row for row in rows if row["vendor"] == slug]
    assert row["channels"], "a capability row names the vendor's channels"

    assert slug in sandbox.vendors, "no sandbox stand-in"

    document = contract(slug).document
    served = served_spec()["paths"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in ("get", "put", "post", "delete", "patch"):
                native = served.get(f"/vendors/{slug}{path}", {}).get(method)
                assert native is not None, f"no native route for {method.upper()} {path}"
                assert native["x-gateway-vendor"] == slug
                assert native["operationId"].endswith(operation["operationId"])
    assert sorted(row["native_routes"]) == sorted(
        f"{method.upper()} /v1/vendors/{slug}{path}"
        for path, item in document["paths"].items()
        for method in item
        if method in ("get", "put", "post", "delete", "patch")
    )

    assert f"test_outbound_request_of_the_canonical_campaign[{slug}]" in SNAPSHOTS.read_text(), "no snapshot"


def _instance(error_class: type[GatewayError]) -> GatewayError:
    """An instance built with whatever its constructor requires."""
    parameters = inspect.signature(error_class.__init__).parameters
    kwargs: dict[str, Any] = {}
    if "vendor_status" in parameters:
        kwargs["vendor_status"] = 409
    if "vendor" in parameters and parameters["vendor"].default is inspect.Parameter.empty:
        kwargs["vendor"] = "smallest"
    if "allowed" in parameters:  # InvalidTransition
        kwargs.update(campaign_id="c1", current="completed", allowed=["running"])
    if "reason" in parameters:  # ActionUnsupported
        kwargs.update(action="cancel", reason="not documented")
    detail = "why it failed" if "detail" in parameters else None
    return error_class(detail, **kwargs) if detail else error_class(**kwargs)


@pytest.mark.parametrize("error_class", all_error_classes(), ids=lambda cls: cls.__name__)
def test_every_error_renders_problem_json_through_the_app(
    error_class: type[GatewayError], client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = _instance(error_class)

    def fail(payload: Any) -> Any:
        raise error

    monkeypatch.setattr(APP.gateway.adapters["smallest"], "send_payload", fail)
    path = "/vendors/smallest/campaign"
    body = {"name": "c", "audienceId": "a", "agentId": "b"}
    response = client.post(f"/v1{path}", json=body, headers=key_headers(path))

    assert response.status_code == error_class.status
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = response.json()
    jsonschema.validate(problem, served_spec()["components"]["schemas"]["Problem"])
    assert problem["status"] == error_class.status
    assert problem["title"] == error_class.title
    assert problem["type"] == error.type
    assert problem["detail"] == error.detail
    assert problem["instance"] == f"/v1{path}"
    for name, value in error.headers.items():
        assert response.headers[name] == value
