"""Every adapter through every failure a vendor can commit: the launch promise holds at each.

Parametrised over specs/vendors.toml and the sandbox's one-call faults, so a new vendor runs
through all of them with no new test. What must hold whatever the vendor does:

- no 500 (nor any 5xx but 502, 503 and 504), and every non-2xx answer is problem+json;
- a 2xx means the campaign is in the registry as `accepted`;
- nothing stays `in_flight` once the vendor call has returned (or the deadline has passed): each
  fault settles as the ledger's table says, and the vendor gets the campaign once;
- the vendor credential, in any form the vendor echoed it in, reaches neither the client nor a
  log line.
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from gateway.app import create_app
from gateway.sandbox import Fault, Sandbox, start_sandbox
from gateway.settings import Settings

from .conftest import AUTH, SLUGS, TIMEOUT_S, examples, gateway_env

PROBLEM_JSON = "application/problem+json"
GATEWAY_5XX = (502, 503, 504)

# Each fault, and what the client is answered and how the campaign settles (gateway/api/dispatch.py).
ACCEPTED, UNKNOWN, REJECTED = "accepted", "unknown", "rejected"
FAULTS: dict[str, tuple[Fault, set[tuple[int, str]]]] = {
    "overlong id and status": (Fault.overlong(), {(201, ACCEPTED)}),
    "NUL in id and status": (Fault.nul_bearing(), {(201, ACCEPTED)}),
    "count beyond 64 bits": (Fault.huge_count(), {(201, ACCEPTED)}),
    "instant overflowing": (Fault.odd_instant(), {(201, ACCEPTED)}),
    "odd content type": (Fault.odd_content_type(), {(201, ACCEPTED)}),
    "garbage 2xx": (Fault.garbage(), {(201, ACCEPTED)}),
    "HTML 2xx": (Fault.non_json(), {(201, ACCEPTED)}),
    "2xx over the size cap": (Fault.huge(size=2 * 1024 * 1024), {(201, ACCEPTED)}),
    "close in the body of a 2xx": (Fault.close_mid_answer("body"), {(201, ACCEPTED)}),
    "HTML 502": (Fault.html(502), {(502, UNKNOWN)}),
    "500": (Fault.server_error(500), {(502, UNKNOWN)}),
    "hang past the deadline": (Fault.hang(TIMEOUT_S + 1), {(504, UNKNOWN)}),
    # The status line may arrive before the deadline (then the 2xx is the vendor's acceptance).
    "drip past the deadline": (Fault(drip=max(40.0, 400 / TIMEOUT_S / 2)), {(504, UNKNOWN), (201, ACCEPTED)}),
    "drop after reading": (Fault.drop_connection(), {(502, UNKNOWN)}),
    "close in the headers": (Fault.close_mid_answer("headers"), {(502, UNKNOWN)}),
    "redirect": (Fault.redirect("http://127.0.0.1:1/elsewhere"), {(502, UNKNOWN)}),
    "503 Retry-After": (Fault.retry_later(503, 7), {(503, REJECTED)}),
    "429 Retry-After": (Fault.retry_later(429, 7), {(429, REJECTED)}),
    "401": (Fault(status=401), {(502, REJECTED)}),
    "400 as an HTML page": (Fault.html(400), {(422, REJECTED)}),
}

# A secret that needs escaping in JSON (`/`) and in URLs (`+`, `=`, `/`).
SECRET = "sk/live+9x=Q/2"


def _campaign(slug: str, label: str) -> dict[str, Any]:
    return {**examples()[slug], "name": f"fault {label} {uuid.uuid4().hex[:8]}"[:100]}


@pytest.mark.parametrize("label", list(FAULTS))
@pytest.mark.parametrize("slug", SLUGS)
def test_a_vendor_fault_never_breaks_the_promise(slug: str, label: str, client: TestClient, sandbox: Sandbox) -> None:
    body = _campaign(slug, f"{slug} {label}")
    fault, settles = FAULTS[label]
    sandbox.inject(slug, fault)

    response = client.post("/v1/campaigns", json=body, headers=AUTH)

    assert response.status_code < 500 or response.status_code in GATEWAY_5XX, response.text
    assert len(sandbox.requests(slug)) == 1  # a POST is never sent twice
    if response.is_success:
        assert response.headers["content-type"] == "application/json"
        shown = client.get(f"/v1/campaigns/{response.json()['id']}", headers=AUTH)
        assert shown.json() == response.json()  # what the client was told is what the registry keeps
        dispatch = shown.json()["dispatch"]
    else:
        assert response.headers["content-type"].startswith(PROBLEM_JSON), response.text
        dispatch = _dispatch(client, body["name"])
    assert (response.status_code, dispatch) in settles, response.text
    if response.status_code in (429, 503):
        assert response.headers["retry-after"] == "7"


def _dispatch(client: TestClient, name: str) -> str:
    listed = client.get("/v1/campaigns", params={"limit": 100}, headers=AUTH)
    assert listed.status_code == 200, listed.text
    (found,) = [item["dispatch"] for item in listed.json()["campaigns"] if item["name"] == name]
    return str(found)


def _leaks(text: str) -> list[str]:
    """The forms of SECRET found in `text`, also inside JSON strings once decoded.

    Base64 is looked for only as Basic auth sends it (`user:secret`); none of these vendors is
    configured with Basic auth, so the sandbox's Basic form (of `:secret`) is not one of them.
    """
    forms = {"raw": SECRET, "url-encoded": quote(SECRET, safe="")}
    found = [name for name, form in forms.items() if form in text]
    try:
        decoded = json.dumps(json.loads(text), ensure_ascii=False)
    except ValueError:
        decoded = ""
    if SECRET in decoded and "raw" not in found:
        found.append("JSON-escaped")
    return found


@pytest.mark.parametrize("answer", ["422", "400", "401", "2xx"])
@pytest.mark.parametrize("slug", SLUGS)
def test_a_credential_echoed_in_any_form_reaches_no_client_and_no_log(
    slug: str, answer: str, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    status = None if answer == "2xx" else int(answer)
    caplog.set_level(logging.DEBUG)
    with start_sandbox(credentials={slug: SECRET}) as echoing:
        app = create_app(Settings.from_env(gateway_env(echoing, database_url)))
        with TestClient(app, raise_server_exceptions=False) as client:
            echoing.inject(slug, Fault.echo(status))
            response = client.post("/v1/campaigns", json=_campaign(slug, f"echo {slug} {status}"), headers=AUTH)
            shown = client.get(f"/v1/campaigns/{response.json()['id']}", headers=AUTH) if response.is_success else None
        app.gateway.close()
        (sent,) = echoing.requests(slug)

    assert SECRET in "".join(value for _, value in sent.headers)  # the vendor did get the secret to echo
    assert response.status_code < 500 or response.status_code in GATEWAY_5XX, response.text
    assert _leaks(response.text) == [], response.text
    assert _leaks(str(dict(response.headers))) == []
    if shown is not None:
        assert _leaks(shown.text) == [], shown.text
    logged = "\n".join(
        record.getMessage() + " " + json.dumps(record.__dict__, default=str) for record in caplog.records
    )
    assert _leaks(logged) == []
