"""Injected faults: statuses, delays, dropped connections, dripping, odd bodies, redirects."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest

from gateway.sandbox import Fault, Sandbox, start_sandbox


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
    (operation,) = sandbox.spec(slug).operations
    statuses = sorted(int(code) for code in operation.spec["responses"] if code.isdigit())

    for status in statuses:
        sandbox.inject(slug, Fault(status=status))
        response = call.send(client)

        assert response.status_code == status
        assert errors_of(slug, call.url, response) == [], status
