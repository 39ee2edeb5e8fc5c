"""Every request an adapter makes after the launch (get and each action) conforms to its vendor's spec."""

from __future__ import annotations

import asyncio
import json
from unittest import mock

import httpx
import pytest

from gateway.lifecycle import ACTIONS
from gateway.vendors import ADAPTERS
from gateway.vendors._http import VendorTransport

from .outbound import CREDENTIAL, adapter
from .wire import contract

# A vendor id of each vendor's own shape (Smallest's ObjectId, Volubile's UUID, Voiceable's integer).
VENDOR_IDS = {
    "smallest": "60d0fe4f5311236168a109ca",
    "volubile": "3f0c8a52-7d1e-4f7b-9a53-0c2d5e8b6a10",
    "voiceable": "42",
    "tetherai": "cmp_123",
    "clerk": "c1",
}
CALLS = [
    (slug, what)
    for slug, adapter_class in ADAPTERS.items()
    for what in ("get", *ACTIONS)
    if what not in adapter_class.cannot
]


def _captured(slug: str, what: str) -> httpx.Request:
    sent: list[httpx.Request] = []

    async def handle_async_request(transport: VendorTransport, request: httpx.Request) -> httpx.Response:
        await request.aread()
        sent.append(request)
        return httpx.Response(204)

    vendor = adapter(slug)
    with mock.patch.object(VendorTransport, "handle_async_request", handle_async_request):
        asyncio.run(vendor.call(vendor.lifecycle_call(what, VENDOR_IDS[slug])))
    [request] = sent
    return request


def test_every_vendor_with_a_get_or_an_action_is_covered() -> None:
    assert {slug for slug, _what in CALLS} == {"smallest", "volubile", "tetherai", "voiceable"}


@pytest.mark.parametrize(("slug", "what"), CALLS)
def test_a_lifecycle_request_conforms_to_the_vendor_spec(slug: str, what: str) -> None:
    request = _captured(slug, what)
    violations = contract(slug).violations(request)
    assert violations == [], f"{slug} {what} breaks its spec: {violations}"
    assert VENDOR_IDS[slug] in request.url.path
    assert CREDENTIAL in json.dumps(dict(request.headers)), "the vendor credential is not sent"


def test_volubile_sends_each_status_as_a_bare_string() -> None:
    bodies = {action: _captured("volubile", action).content for action in ACTIONS}
    assert bodies == {"start": b'"ACTIVE"', "resume": b'"ACTIVE"', "pause": b'"PAUSED"', "cancel": b'"CANCELLED"'}
