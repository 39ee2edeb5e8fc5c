"""The smallestai SDK's campaign calls are requests Smallest's spec accepts, parameters included.

The gateway serves Smallest natively so that the vendor's own SDK works through it
(../shared/LIFECYCLE.md, "Native routes"). Every campaign call the SDK makes after create
(`list`, `get`, `start_or_resume`, `pause`, `delete`) must therefore be an operation of
specs/vendors/smallest.yaml, with the query parameters the SDK really sends (`page`, `offset`,
..., not the hand-written helper's undocumented `limit`). Checked with the same strict reading
as an adapter's request (tests/contract/wire.py), without the gateway in between.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from .wire import contract

CAMPAIGN_ID = "60d0fe4f5311236168a109ca"
KEY = "sdk-key"

# The SDK method's name: (the call, the method and path template of specs/vendors/smallest.yaml).
CALLS: dict[str, tuple[Callable[[Any], Any], str, str]] = {
    "list": (lambda c: c.list(), "GET", "/campaign"),
    "list with every filter": (
        lambda c: c.list(page=2, offset=10, status="paused", search="Q1", sort_field="updatedAt", sort_order="asc"),
        "GET",
        "/campaign",
    ),
    "get": (lambda c: c.get(CAMPAIGN_ID), "GET", "/campaign/{id}"),
    "start_or_resume": (lambda c: c.start_or_resume(CAMPAIGN_ID), "POST", "/campaign/{id}/start"),
    "pause": (lambda c: c.pause(CAMPAIGN_ID), "POST", "/campaign/{id}/pause"),
    "delete": (lambda c: c.delete(CAMPAIGN_ID), "DELETE", "/campaign/{id}"),
}


@pytest.mark.parametrize("name", CALLS)
def test_sdk_campaign_call_is_a_spec_operation(name: str) -> None:
    from smallestai import SmallestAI
    from smallestai.environment import SmallestAIEnvironment

    call, method, template = CALLS[name]
    sent: list[httpx.Request] = []

    def vendor(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"status": True})

    base = contract("smallest").server_url
    environment = SmallestAIEnvironment(atoms=base, waves=base, waves_ws=base, payment=base)
    with httpx.Client(transport=httpx.MockTransport(vendor)) as http:
        sdk = SmallestAI(api_key=KEY, environment=environment, httpx_client=http, max_retries=0)
        call(sdk.atoms.campaigns)

    [request] = sent
    path = httpx.URL(base).path + template.replace("{id}", CAMPAIGN_ID)
    assert (request.method, request.url.path) == (method, path)
    assert contract("smallest").violations(request) == []
    # openapi-core ignores a query parameter the operation does not declare: check the names.
    operation = contract("smallest").document["paths"][template][method.lower()]
    assert set(request.url.params) <= {parameter["name"] for parameter in operation.get("parameters", [])}
