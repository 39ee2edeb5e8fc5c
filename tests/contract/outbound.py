"""Each vendor's adapter as the contract checks drive it, and the send that asserts its contract."""

from __future__ import annotations

import inspect
import json
from functools import cache
from typing import Any

import httpx

from gateway.campaign import CampaignRequest
from gateway.vendors import ADAPTERS, Adapter

from .campaigns import NOW
from .wire import capture, contract

__all__ = ["CREDENTIAL", "adapter", "sent"]

CREDENTIAL = "contract-vendor-credential"


@cache
def adapter(slug: str) -> Adapter:
    """The vendor's adapter, sending to the spec's own server, on the tests' clock."""
    adapter_class = ADAPTERS[slug]
    extra: dict[str, Any] = {}
    if "clock" in inspect.signature(adapter_class.__init__).parameters:
        extra["clock"] = lambda: NOW
    return adapter_class(
        base_url=contract(slug).server_url, credential=CREDENTIAL, timeout_s=5, max_in_flight=4, **extra
    )


def sent(slug: str, campaign: CampaignRequest) -> httpx.Request:
    """The request the adapter makes for `campaign`, asserted to break nothing in the vendor's spec."""
    request = capture(adapter(slug), adapter(slug).payload(campaign))
    violations = contract(slug).violations(request)
    assert violations == [], f"{slug} request breaks its spec: {violations}\n{request.content[:2000]!r}"
    assert CREDENTIAL in json.dumps(dict(request.headers)), "the vendor credential is not sent"
    return request
