"""Injected faults: statuses, delays, dropped connections, dripping, odd bodies, redirects."""

from __future__ import annotations

import base64
import json
import socket
import threading
import time
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from gateway.sandbox import Fault, Sandbox, start_sandbox

from .conftest import create_operation


def test_a_status_fault_answers_once_then_the_spec_answers_again(
    make_call: Any, client: httpx.Client, sandbox: Sandbox
) -> None:
    call = make_call("smallest")
    sandbox.inject("smallest", Fault(status=503))

    first, second = call.send(client), call.send(client)

    assert first.status_code == 503
    assert first.json() == {"message": "sandbox fault 503"}  # smallest documents no 503
    assert second.status_code == 201


def test_a_documented_status_gets_the_documented_body_and_extra_headers(
    make_call: Any, client: httpx.Client, sandbox: Sandbox, errors_of: Any
) -> None:
    call = make_call("volubile")
    sandbox.inject("volubile", Fault(status=429, headers={"Retry-After": "2"}))

    response = call.send(client)

    assert response.status_code == 429
    assert response.headers["Retry-After"] == "2"
    assert response.json()["status"] == 429
    assert response.json()["message"] == "sandbox fault 429"
    assert errors_of("volubile", call.url, response) == []


def test_one_shot_faults_are_taken_in_order(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("clerk")
    sandbox.inject("clerk", Fault(status=503))
    sandbox.inject("clerk", Fault(status=429))

    statuses = [call.send(client).status_code for _ in range(3)]

    assert statuses == [503, 429, 201]


def test_a_sticky_fault_stays_until_cleared(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("tetherai")
    sandbox.inject("tetherai", Fault(status=500, body={"error": "down"}, sticky=True))

    during = [call.send(client) for _ in range(3)]
    sandbox.clear_faults("tetherai")
    after = call.send(client)

    assert [response.status_code for response in during] == [500, 500, 500]
    assert during[0].json() == {"error": "down"}
    assert after.status_code == 201


def test_a_fault_replaces_validation_too(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("smallest")
    sandbox.inject("smallest", Fault(status=201, body={"surprise": True}))

    response = call.send(client, body={})

    assert (response.status_code, response.json()) == (201, {"surprise": True})


def test_a_delay_holds_the_answer(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("volubile")
    sandbox.inject("volubile", Fault(delay=0.3))

    started = time.monotonic()
    response = call.send(client)

    assert time.monotonic() - started >= 0.3
    assert response.status_code == 201


def test_a_delay_longer_than_the_client_timeout_times_it_out(
    make_call: Any, client: httpx.Client, sandbox: Sandbox
) -> None:
    call = make_call("volubile")
    sandbox.inject("volubile", Fault(delay=1.0))

    with pytest.raises(httpx.ReadTimeout):
        call.send(client, timeout=0.1)


def test_drop_closes_the_connection_without_an_answer(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("clerk")
    sandbox.inject("clerk", Fault(drop=True))

    with pytest.raises(httpx.RemoteProtocolError):
        call.send(client)

    (recorded,) = sandbox.requests("clerk")
    assert recorded.status is None
    assert call.send(client).status_code == 201


def test_drip_sends_the_answer_slowly_but_whole(
    make_call: Any, client: httpx.Client, sandbox: Sandbox, errors_of: Any
) -> None:
    call = make_call("voiceable")
    rate = 4000.0
    sandbox.inject("voiceable", Fault(drip=rate))

    started = time.monotonic()
    response = call.send(client)
    elapsed = time.monotonic() - started

    assert response.status_code == 201
    assert errors_of("voiceable", call.url, response) == []
    assert elapsed >= 0.8 * len(response.content) / rate


def test_drip_defeats_a_per_read_timeout(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    # httpx's timeout is per read: a dripping upstream keeps it alive past the timeout.
    call = make_call("smallest")
    sandbox.inject("smallest", Fault(status=201, body="x" * 40, drip=400))

    started = time.monotonic()
    response = call.send(client, timeout=0.15)

    assert response.status_code == 201
    assert time.monotonic() - started > 0.3


def test_a_non_json_success(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("smallest")
    sandbox.inject("smallest", Fault.non_json())

    response = call.send(client)

    assert response.status_code == 201
    assert response.headers["Content-Type"].startswith("text/html")
    with pytest.raises(ValueError):
        response.json()


def test_a_huge_body(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("tetherai")
    sandbox.inject("tetherai", Fault.huge(size=3_000_000))

    response = call.send(client)

    assert response.status_code == 201
    assert len(response.content) == 3_000_000
    assert set(response.json()["padding"]) == {"x"}


def test_a_redirect(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("volubile")
    sandbox.inject("volubile", Fault.redirect("https://elsewhere.example/v1/campaigns"))

    response = call.send(client)

    assert response.status_code == 302
    assert response.headers["Location"] == "https://elsewhere.example/v1/campaigns"
    assert response.content == b""


def test_faults_are_per_vendor(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.inject("clerk", Fault(status=503, sticky=True))

    assert make_call("smallest").send(client).status_code == 201
    assert make_call("clerk").send(client).status_code == 503


def test_closing_the_sandbox_cuts_delays_short(client: httpx.Client) -> None:
    outcome: list[BaseException | int] = []
    with start_sandbox() as other:
        other.inject("smallest", Fault(delay=30))
        url = other.base_url("smallest") + "/campaign"

        def send() -> None:
            try:
                outcome.append(httpx.post(url, json={}, timeout=5).status_code)
            except httpx.HTTPError as exc:
                outcome.append(exc)

        worker = threading.Thread(target=send)
        worker.start()
        deadline = time.monotonic() + 5
        while not other.requests("smallest") and time.monotonic() < deadline:
            time.sleep(0.01)
        started = time.monotonic()
    worker.join(timeout=5)

    assert not worker.is_alive()
    assert time.monotonic() - started < 2
    assert isinstance(outcome[0], httpx.RemoteProtocolError)


@pytest.mark.parametrize(
    "fields",
    [
        {"status": 42},
        {"delay": -1},
        {"drip": 0},
        {"body_size": 3},
    ],
)
def test_impossible_faults_are_refused(fields: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Fault(**fields)


def test_faults_for_unknown_vendors_are_refused(sandbox: Sandbox) -> None:
    with pytest.raises(KeyError, match="known: clerk"):
        sandbox.inject("nobody", Fault(status=500))


def test_every_documented_status_can_be_injected_with_a_conforming_body(
    slug: str, make_call: Any, client: httpx.Client, sandbox: Sandbox, errors_of: Any
) -> None:
    call = make_call(slug)
    operation = create_operation(sandbox.spec(slug))
    statuses = sorted(int(code) for code in operation.spec["responses"] if code.isdigit())

    for status in statuses:
        sandbox.inject(slug, Fault(status=status))
        response = call.send(client)

        assert response.status_code == status
        assert errors_of(slug, call.url, response) == [], status


# Faults that change the spec's own answer, echo the credential, or close mid-answer.


def test_an_overlong_id_and_status_reach_every_vendor_without_knowing_its_shape(
    slug: str, make_call: Any, client: httpx.Client, sandbox: Sandbox, id_of: Any
) -> None:
    call = make_call(slug)
    sandbox.inject(slug, Fault.overlong(300))

    response = call.send(client)

    assert response.status_code == 201
    assert "X-Sandbox-Unmatched" not in response.headers
    assert id_of(slug, response.json()) == "i" * 300
    assert "s" * 300 in _strings(response.json())


def test_overrides_apply_to_the_spec_answer_so_the_request_is_still_validated(
    make_call: Any, client: httpx.Client, sandbox: Sandbox
) -> None:
    call = make_call("smallest")
    sandbox.inject("smallest", Fault.overlong(50))

    response = call.send(client, body={})

    assert response.status_code == 400
    assert "i" * 50 not in response.text


def test_a_nul_bearing_id_and_status(make_call: Any, client: httpx.Client, sandbox: Sandbox, id_of: Any) -> None:
    call = make_call("tetherai")
    sandbox.inject("tetherai", Fault.nul_bearing())

    response = call.send(client)

    assert "\x00" in id_of("tetherai", response.json())
    assert response.json()["data"]["status"] == "sent\x00"
    assert b"\\u0000" in response.content


def test_a_count_beyond_64_bits(make_call: Any, client: httpx.Client, sandbox: Sandbox, id_of: Any) -> None:
    call = make_call("smallest")
    sandbox.inject("smallest", Fault.huge_count())

    body = call.send(client).json()

    assert body["data"]["participantsCount"] == 2**70
    assert id_of("smallest", body) == 2**70
    assert body["status"] is True  # a boolean under a matching name is not a count


def test_an_override_that_matches_nothing_says_so(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("clerk")  # clerk's campaign has no count
    sandbox.inject("clerk", Fault.huge_count())

    response = call.send(client)

    assert response.headers["X-Sandbox-Unmatched"] == "*count*|*Count*|total*|size"


def test_an_instant_that_overflows_on_conversion(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("voiceable")
    sandbox.inject("voiceable", Fault.odd_instant())

    data = call.send(client).json()["data"]

    assert data["created_at"] == data["scheduled_at"] == "9999-12-31T23:59:59-23:59"


def test_a_json_pointer_sets_one_place_making_objects_on_the_way(
    make_call: Any, client: httpx.Client, sandbox: Sandbox
) -> None:
    call = make_call("voiceable")
    sandbox.inject("voiceable", Fault.success_with({"/data/name": "renamed", "/data/extra/deep": [1]}))

    data = call.send(client).json()["data"]

    assert (data["name"], data["extra"]) == ("renamed", {"deep": [1]})
    assert data["status"] == "pending"


def test_an_odd_content_type_on_the_spec_body(
    make_call: Any, client: httpx.Client, sandbox: Sandbox, id_of: Any
) -> None:
    call = make_call("volubile")
    sandbox.inject("volubile", Fault.odd_content_type())

    response = call.send(client)

    assert response.status_code == 201
    assert response.headers["Content-Type"] == "application/vnd.vendor+json; charset=latin-1"
    assert id_of("volubile", response.json())


SECRETS = ["s3cr3t/with+plus=", "clé-€/+ünïcode"]


@pytest.mark.parametrize("secret", SECRETS)
@pytest.mark.parametrize("status", [422, None])
def test_the_credential_is_echoed_in_every_escaped_form(secret: str, status: int | None, client: httpx.Client) -> None:
    with start_sandbox(credentials={"tetherai": secret}) as other:
        url = other.base_url("tetherai") + "/api/campaigns"
        other.inject("tetherai", Fault.echo(status))
        headers = {"Authorization": f"Bearer {secret}".encode()}

        response = client.post(url, json={}, headers=headers)

    assert response.status_code == (status or 400)  # the spec's own answer: {} is invalid
    text = response.content.decode("utf-8")
    decoded = json.dumps(response.json(), ensure_ascii=False)
    assert decoded.count(secret) >= 2  # raw, and JSON-escaped once decoded
    assert f"raw={secret}" in text
    assert "\\/" in text and "\\u00" in text
    assert quote(secret, safe="") in text
    assert base64.b64encode(secret.encode()).decode() in text
    assert base64.b64encode(f":{secret}".encode()).decode() in text


def test_an_echo_in_a_success_body_goes_into_its_name(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("smallest")
    sandbox.inject("smallest", Fault.echo(None))

    response = call.send(client)

    assert response.status_code == 201
    assert sandbox.credential("smallest") in response.json()["data"]["name"]


def test_a_basic_credential_is_echoed_as_its_token(client: httpx.Client, sandbox: Sandbox) -> None:
    token = base64.b64encode(f"user:{sandbox.credential('volubile')}".encode()).decode()
    sandbox.inject("volubile", Fault.echo(401))

    response = client.post(
        sandbox.base_url("volubile") + "/campaigns", json={}, headers={"Authorization": f"Basic {token}"}
    )

    assert response.status_code == 401
    assert f"basic={token}" in response.json()["message"]
    assert f"raw={sandbox.credential('volubile')}" in response.json()["message"]


def test_an_echo_placed_by_an_override(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("clerk")
    sandbox.inject("clerk", Fault(echo_credential=True, overrides={"status": "failed: {credential}"}))

    data = call.send(client).json()["data"]

    assert data["status"].startswith(f"failed: raw={sandbox.credential('clerk')} ")
    assert data["name"] == call.body["name"]


def _raw_exchange(sandbox: Sandbox, slug: str, call: Any) -> bytes:
    """Send `call` over a bare socket; everything the sandbox sent before closing."""
    request = httpx.Request("POST", call.url, json=call.body, headers=call.headers)
    head = f"POST {request.url.raw_path.decode()} HTTP/1.1\r\nHost: x\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in request.headers.items() if name != "host")
    host, port = sandbox.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(head.encode("latin-1") + b"\r\n" + request.read())
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def test_close_mid_answer_in_the_headers(make_call: Any, sandbox: Sandbox, client: httpx.Client) -> None:
    call = make_call("clerk")
    sandbox.inject("clerk", Fault.close_mid_answer("headers"))

    received = _raw_exchange(sandbox, "clerk", call)

    assert received.startswith(b"HTTP/1.1 201 Created\r\nDate: ")
    assert len(received) == 40 and b"\r\n\r\n" not in received
    assert sandbox.requests("clerk")[0].status == 201  # the vendor acted: the request was valid


def test_close_mid_answer_in_the_body(make_call: Any, sandbox: Sandbox, client: httpx.Client) -> None:
    call = make_call("volubile")
    sandbox.inject("volubile", Fault.close_mid_answer("body"))
    received = _raw_exchange(sandbox, "volubile", call)
    head, _, body = received.partition(b"\r\n\r\n")
    declared = int(next(line for line in head.split(b"\r\n") if line.startswith(b"Content-Length")).split(b":")[1])

    assert head.startswith(b"HTTP/1.1 201")
    assert len(body) == declared - 8
    sandbox.inject("volubile", Fault.close_mid_answer("body"))
    with pytest.raises(httpx.RemoteProtocolError):
        call.send(client)


def test_hang_outlasts_a_deadline(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("smallest")
    sandbox.inject("smallest", Fault.hang())

    with pytest.raises(httpx.ReadTimeout):
        call.send(client, timeout=0.2)


@pytest.mark.parametrize("status", [429, 503])
def test_retry_later_says_when(status: int, make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("voiceable")
    sandbox.inject("voiceable", Fault.retry_later(status, 7))

    response = call.send(client)

    assert (response.status_code, response.headers["Retry-After"]) == (status, "7")


def test_garbage_and_html_bodies(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("clerk")
    sandbox.inject("clerk", Fault.garbage())
    sandbox.inject("clerk", Fault.html(502))

    garbage, html = call.send(client), call.send(client)

    assert (garbage.status_code, garbage.headers["Content-Type"]) == (201, "application/json")
    with pytest.raises(ValueError):
        json.loads(garbage.content)
    assert (html.status_code, html.headers["Content-Type"]) == (502, "text/html")
    assert html.text.startswith("<html>")


def test_server_error_and_drop_connection(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("tetherai")
    sandbox.inject("tetherai", Fault.server_error(500))
    sandbox.inject("tetherai", Fault.drop_connection())

    assert call.send(client).status_code == 500
    with pytest.raises(httpx.RemoteProtocolError):
        call.send(client)
    with pytest.raises(ValueError):
        Fault.server_error(404)
    with pytest.raises(ValueError):
        Fault.close_mid_answer("trailer")


@pytest.mark.parametrize(
    "fault",
    [
        Fault.overlong(),
        Fault.nul_bearing(),
        Fault.huge_count(),
        Fault.odd_instant(),
        Fault.odd_content_type(),
        Fault.echo(),
        Fault.close_mid_answer("headers"),
        Fault.garbage(),
        Fault.retry_later(429, 3),
        Fault.hang(5),
    ],
    ids=lambda fault: ",".join(sorted(fault.to_json())),
)
def test_every_fault_survives_the_control_endpoint(fault: Fault) -> None:
    assert Fault.from_json(json.loads(json.dumps(fault.to_json()))) == fault


def test_overrides_must_be_an_object() -> None:
    with pytest.raises(TypeError):
        Fault.from_json({"overrides": ["id"]})
    with pytest.raises(ValueError):
        Fault(overrides={"": 1})


def _strings(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [text for value in data.values() for text in _strings(value)]
    if isinstance(data, list):
        return [text for value in data for text in _strings(value)]
    return [data] if isinstance(data, str) else []
