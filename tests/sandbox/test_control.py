"""The control endpoint, raw and through RemoteSandbox, as another process would drive it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from gateway.sandbox import Fault, RemoteSandbox, Sandbox


@pytest.fixture
def remote(sandbox: Sandbox) -> Iterator[RemoteSandbox]:
    with RemoteSandbox(sandbox.url) as driver:
        yield driver


def test_the_index_lists_every_vendor_base_url(sandbox: Sandbox, client: httpx.Client) -> None:
    response = client.get(f"{sandbox.url}/_sandbox")

    assert response.status_code == 200
    assert response.json() == {
        "vendors": {slug: {"base_url": sandbox.base_url(slug)} for slug in sandbox.vendors},
        "step_s": sandbox.pacing.step_s,
    }
    assert "key" not in response.text  # no credentials over the wire


def test_a_fault_posted_as_json_is_committed(sandbox: Sandbox, client: httpx.Client, make_call: Any) -> None:
    posted = client.post(f"{sandbox.url}/_sandbox/clerk/faults", json={"status": 429, "headers": {"Retry-After": "1"}})

    response = make_call("clerk").send(client)

    assert posted.status_code == 201
    assert posted.json() == {"fault": {"status": 429, "headers": {"Retry-After": "1"}}}
    assert (response.status_code, response.headers["Retry-After"]) == (429, "1")


def test_faults_can_be_deleted(sandbox: Sandbox, client: httpx.Client, make_call: Any) -> None:
    client.post(f"{sandbox.url}/_sandbox/clerk/faults", json={"status": 500, "sticky": True})

    deleted = client.delete(f"{sandbox.url}/_sandbox/clerk/faults")

    assert deleted.status_code == 204
    assert make_call("clerk").send(client).status_code == 201


@pytest.mark.parametrize(
    "body",
    [b"{", b"[]", b'{"status": "soon"}', b'{"colour": "red"}', b'{"status": 42}', b'{"body_base64": "!!"}'],
)
def test_a_bad_fault_is_refused(body: bytes, sandbox: Sandbox, client: httpx.Client) -> None:
    response = client.post(f"{sandbox.url}/_sandbox/clerk/faults", content=body)

    assert response.status_code == 400
    assert response.json()["message"].startswith("not a fault")


def test_requests_are_listed_and_cleared(sandbox: Sandbox, client: httpx.Client, make_call: Any) -> None:
    call = make_call("tetherai")
    call.send(client)

    listed = client.get(f"{sandbox.url}/_sandbox/tetherai/requests").json()["requests"]
    cleared = client.delete(f"{sandbox.url}/_sandbox/tetherai/requests")

    (item,) = listed
    assert (item["method"], item["status"]) == ("POST", 201)
    assert item["path"] == "/tetherai/api/campaigns"
    assert ["Authorization", f"Bearer {sandbox.credential('tetherai')}"] in item["headers"]
    assert json.loads(item["body_text"]) == call.body
    assert cleared.status_code == 204
    assert sandbox.requests("tetherai") == []


def test_unknown_vendors_and_operations(sandbox: Sandbox, client: httpx.Client) -> None:
    assert client.get(f"{sandbox.url}/_sandbox/nobody/requests").status_code == 404
    assert client.get(f"{sandbox.url}/_sandbox/clerk/nothing").status_code == 404
    assert client.put(f"{sandbox.url}/_sandbox").status_code == 405


def test_remote_sandbox_drives_faults_and_reads_requests(
    remote: RemoteSandbox, sandbox: Sandbox, client: httpx.Client, make_call: Any
) -> None:
    call = make_call("voiceable")
    remote.inject("voiceable", Fault(status=502, body=b"\x00binary", content_type="application/octet-stream"))

    faulted, normal = call.send(client), call.send(client)
    recorded = remote.requests("voiceable")

    assert remote.vendors == sandbox.vendors
    assert remote.base_url("voiceable") == sandbox.base_url("voiceable")
    assert (faulted.status_code, faulted.content) == (502, b"\x00binary")
    assert normal.status_code == 201
    assert recorded == sandbox.requests("voiceable")
    assert [item.status for item in recorded] == [502, 201]
    assert recorded[1].form()[0].name == "name"


def test_remote_sandbox_clears(remote: RemoteSandbox, sandbox: Sandbox, client: httpx.Client, make_call: Any) -> None:
    make_call("smallest").send(client)
    remote.inject("smallest", Fault(status=500, sticky=True))
    remote.inject("clerk", Fault(status=500))

    remote.clear_faults("smallest")
    assert make_call("smallest").send(client).status_code == 201
    remote.clear_requests("smallest")
    assert sandbox.requests("smallest") == []
    remote.clear()
    assert make_call("clerk").send(client).status_code == 201


def test_faults_survive_the_json_round_trip() -> None:
    faults = [
        Fault(status=429, headers={"Retry-After": "3"}, sticky=True),
        Fault(delay=0.5, drip=10.0),
        Fault(drop=True),
        Fault(status=200, body=b"\xff", content_type="text/plain"),
        Fault(status=201, body={"a": [1, 2]}),
        Fault.huge(size=1000),
        Fault.non_json(),
        Fault.redirect("http://example.com/"),
    ]

    assert [Fault.from_json(fault.to_json()) for fault in faults] == faults


def test_requests_are_drained_once(
    sandbox: Sandbox, remote: RemoteSandbox, client: httpx.Client, make_call: Any
) -> None:
    call = make_call("clerk")
    call.send(client)
    call.send(client)

    drained = remote.drain_requests("clerk")
    call.send(client)
    again = remote.drain_requests("clerk")

    assert [item.status for item in drained] == [201, 201]
    assert len(again) == 1
    assert sandbox.requests("clerk") == []


def test_a_tampering_fault_over_the_wire(remote: RemoteSandbox, client: httpx.Client, make_call: Any) -> None:
    remote.inject("smallest", Fault(overrides={"/data/_id": "x" * 70_000, "status|state": 2**65}, sticky=True))

    body = make_call("smallest").send(client).json()

    assert body["data"]["_id"] == "x" * 70_000
    assert body["data"]["status"] == 2**65
