"""Spec-driven stand-ins for the vendors, on one loopback HTTP server.

Each vendor is known only through its OpenAPI document (specs/vendors/<slug>.yaml): requests
are checked against it with openapi-core, answers are made from its examples and schemas. The
sandbox never imports the adapters, so it catches their mistakes instead of sharing them.

    with start_sandbox() as sandbox:
        url, key = sandbox.base_url("smallest"), sandbox.credential("smallest")
        sandbox.inject("smallest", Fault(status=429, headers={"Retry-After": "1"}))
        ...
        sent = sandbox.requests("smallest")

Each vendor keeps the campaigns it creates, as far as its docs describe a lifecycle (see
`gateway.sandbox.lifecycle`): they start, pause, progress and finish one step at a time, a step
being `GATEWAY_SANDBOX_STEP_S` seconds (2 by default). Tests pass a fake clock instead:

    with start_sandbox(step_s=2.0, clock=fake_clock) as sandbox:
        ...  # create a campaign through the gateway, move fake_clock on, then
        sandbox.campaign("smallest", campaign_id)  # {"id", "status", "progress": {...}, ...}

`run_sandbox()` serves until interrupted (for `make run`); `RemoteSandbox(url)` drives a
sandbox in another process through its control endpoint, `/_sandbox`.
"""

from gateway.sandbox.faults import Fault
from gateway.sandbox.multipart import FormPart, parse_multipart
from gateway.sandbox.records import RecordedRequest
from gateway.sandbox.remote import RemoteSandbox
from gateway.sandbox.server import (
    DEFAULT_PORT,
    Sandbox,
    default_credential,
    run_sandbox,
    start_sandbox,
)
from gateway.sandbox.specs import VendorSpec, load_vendor_specs

__all__ = [
    "DEFAULT_PORT",
    "Fault",
    "FormPart",
    "RecordedRequest",
    "RemoteSandbox",
    "Sandbox",
    "VendorSpec",
    "default_credential",
    "load_vendor_specs",
    "parse_multipart",
    "run_sandbox",
    "start_sandbox",
]
