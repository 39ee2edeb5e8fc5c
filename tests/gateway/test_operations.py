"""Health, readiness, metrics, request ids, redaction, rate limit and circuit breaker."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import pytest
from anyio import to_thread
from prometheus_client import REGISTRY
from sqlalchemy.exc import OperationalError
from starlette.testclient import TestClient

from gateway.app import GatewayApp
from gateway.observe import SecretIndex, redact
from gateway.sandbox.faults import Fault
from gateway.sandbox.server import Sandbox
from gateway.service import SPARE_THREADS, Gateway
from gateway.settings import Settings
from gateway.store.engine import make_engine

from .conftest import AUTH, KEY, OTHER_KEY, examples

OTHER = {"Authorization": f"Bearer {OTHER_KEY}"}


def metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_healthz_needs_no_key(client: TestClient) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_readyz_says_what_is_ready_and_leaks_nothing(client: TestClient, sandbox: Sandbox) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"] == {"database": "ok", "migrations": "ok", "vendors": "ok"}
    assert body["disabled_vendors"] == []
    assert "127.0.0.1" not in response.text and sandbox.credential("clerk") not in response.text


def test_readyz_fails_for_the_right_reason(client_with: Callable[..., TestClient]) -> None:
    no_key = client_with(GATEWAY_CLERK_API_KEY="", GATEWAY_TETHERAI_BASE_URL="")
    body = no_key.get("/readyz").json()
    assert body["checks"]["vendors"] == "no credential for clerk"
    assert body["disabled_vendors"] == ["tetherai"]
    down = client_with()
    app: Any = down.app
    app.gateway.registry.engine = make_engine("postgresql://root@127.0.0.1:1/test?connect_timeout=1")
    response = down.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unreachable"


def test_request_id_round_trip(client: TestClient, sandbox: Sandbox) -> None:
    response = client.post("/v1/campaigns", json=examples()["smallest"], headers={**AUTH, "X-Request-ID": "trace-42"})
    assert response.headers["x-request-id"] == "trace-42"
    assert sandbox.requests("smallest")[0].header("X-Request-ID") == "trace-42"
    problem = client.post("/v1/campaigns", json={"vendor": "clerk"}, headers={**AUTH, "X-Request-ID": "trace-43"})
    assert problem.json()["request_id"] == "trace-43" == problem.headers["x-request-id"]
    generated = client.get("/v1/vendors", headers={**AUTH, "X-Request-ID": "not a token!"})
    assert re.fullmatch(r"[0-9a-f]{32}", generated.headers["x-request-id"])
    assert client.get("/nowhere").headers["x-request-id"]


def test_metrics_count_requests_dispatches_and_vendor_calls(client: TestClient) -> None:
    before = metric("gateway_requests_total", route="/v1/campaigns", vendor="tetherai", status="201")
    dispatched = metric("gateway_dispatch_total", vendor="tetherai", outcome="accepted")
    calls = metric("gateway_vendor_call_seconds_count", vendor="tetherai", outcome="2xx")
    assert client.post("/v1/campaigns", json=examples()["tetherai"], headers=AUTH).status_code == 201
    assert metric("gateway_requests_total", route="/v1/campaigns", vendor="tetherai", status="201") == before + 1
    assert metric("gateway_dispatch_total", vendor="tetherai", outcome="accepted") == dispatched + 1
    assert metric("gateway_vendor_call_seconds_count", vendor="tetherai", outcome="2xx") == calls + 1
    text = client.get("/metrics").text
    assert "gateway_requests_in_flight" in text and "gateway_idempotent_replays_total" in text


def test_access_log_is_json_and_redacted(
    client: TestClient, sandbox: Sandbox, capfd: pytest.CaptureFixture[str]
) -> None:
    capfd.readouterr()
    sandbox.inject("smallest", Fault(status=500, body={"errors": [f"key {sandbox.credential('smallest')}"]}))
    client.post("/v1/campaigns", json=examples()["smallest"], headers={**AUTH, "X-Request-ID": "log-1"})
    lines = [json.loads(line) for line in capfd.readouterr().err.splitlines() if line.startswith("{")]
    access = next(line for line in lines if line.get("request_id") == "log-1")
    assert access["status"] == 502 and access["tenant"] == "one" and access["vendor"] == "smallest"
    assert access["route"] == "/v1/campaigns" and access["duration_ms"] > 0 and access["vendor_ms"] > 0
    text = "\n".join(json.dumps(line) for line in lines)
    assert sandbox.credential("smallest") not in text and KEY not in text


def test_redaction_of_phones_and_credentials() -> None:
    line = "sent to +33 6 12 34 56 78 and +14155550133 with key sk-live-123"
    assert redact(line, ["sk-live-123"]) == "sent to …5678 and …0133 with key [REDACTED]"
    addresses = "POST http://127.0.0.1:42017/v1 took 1234567 us, version 2026.11.23"
    assert redact(addresses, []) == addresses


def test_every_known_secret_is_redacted_however_many_there_are() -> None:
    tenants = [f"tenant-{number:05d}-key-0123456789" for number in range(10_000)]
    longer = "sk-live-abcdefgh-and-more"  # shares its first characters with a shorter one
    secrets = SecretIndex([*tenants, "sk-live-abcdefgh", longer, "k1"])
    line = f"{tenants[7]}{tenants[9_999]} then {longer}, sk-live-abcdefgh! k1 {tenants[3][:-1]}"
    assert secrets.hide(line) == f"[REDACTED][REDACTED] then [REDACTED], [REDACTED]! [REDACTED] {tenants[3][:-1]}"
    assert secrets.hide("nothing secret here") == "nothing secret here"
    assert SecretIndex(["abc123", "xyzabc123uvw"]).hide("key xyzabc123uvw") == "key [REDACTED]"  # not xyz…uvw
    assert redact(tenants[42], secrets) == "[REDACTED]"


def test_secrets_of_any_characters_are_found_inside_longer_runs() -> None:
    odd = ["p]a^s-s\\w.o*r(d", "key with spaces", "ключ-секрет-42"]
    secrets = SecretIndex([*odd, "abcdefgh"])
    line = f"x{odd[0]}y and {odd[1]}, zz{odd[2]}zz; 00abcdefgh00"
    assert secrets.hide(line) == "x[REDACTED]y and [REDACTED], zz[REDACTED]zz; 00[REDACTED]00"


def test_redaction_leaves_ids_whole() -> None:
    # A hex request id may hold a run of eight digits or more; it is not a phone number.
    ids = "request_id 9d5a2d4c12345678fb1299d0d7b5602631bf, 4753875e062981234567890da6298f1"
    assert redact(ids, []) == ids
    assert redact('{"phone": "+33612345678"}', []) == '{"phone": "…5678"}'


def test_rate_limit_per_tenant(client_with: Callable[..., TestClient]) -> None:
    # Per hour: a fixed window that ended mid-test would reset the count.
    limited = client_with(GATEWAY_RATE_LIMIT="3/hour")
    answers = [limited.get("/v1/vendors", headers=AUTH) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[0].headers["ratelimit-limit"] == "3" and answers[2].headers["ratelimit-remaining"] == "0"
    refused = answers[3]
    assert refused.headers["content-type"] == "application/problem+json" and int(refused.headers["retry-after"]) >= 1
    assert limited.get("/v1/vendors", headers=OTHER).status_code == 200  # another tenant's budget is its own
    assert limited.get("/healthz").status_code == 200


def test_circuit_breaker_opens_fails_fast_and_recovers(
    client_with: Callable[..., TestClient], sandbox: Sandbox
) -> None:
    gateway = client_with(GATEWAY_BREAKER_THRESHOLD="2", GATEWAY_BREAKER_COOLDOWN_S="0.5")
    sandbox.inject("smallest", Fault(status=503, sticky=True))
    statuses = [gateway.post("/v1/campaigns", json=examples()["smallest"], headers=AUTH).status_code for _ in range(2)]
    assert statuses == [503, 503]  # the vendor's own 503s, passed on
    fast = gateway.post("/v1/campaigns", json=examples()["smallest"], headers=AUTH)
    assert fast.status_code == 503 and fast.json()["type"].endswith("vendor-unavailable")
    assert "paused" in fast.json()["detail"]
    assert int(fast.headers["retry-after"]) >= 1
    assert len(sandbox.requests("smallest")) == 2  # the third was never sent
    assert gateway.post("/v1/campaigns", json=examples()["tetherai"], headers=AUTH).status_code == 201
    assert gateway.get("/readyz").json()["open_circuits"] == ["smallest"]
    sandbox.clear_faults("smallest")
    time.sleep(0.6)
    assert gateway.post("/v1/campaigns", json=examples()["smallest"], headers=AUTH).status_code == 201  # the probe
    assert gateway.get("/readyz").json()["open_circuits"] == []


def test_shutting_down_closes_the_vendor_connections_of_the_event_loop(
    client_with: Callable[..., TestClient],
) -> None:
    app = client_with().app
    assert isinstance(app, GatewayApp)
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.post("/v1/campaigns", json=examples()["clerk"], headers=AUTH).status_code == 201
        sessions = list(app.gateway.adapters["clerk"]._transport._sessions.values())  # type: ignore[union-attr]
        assert len(sessions) == 1 and not sessions[0].closed  # kept alive between calls
    assert sessions[0].closed  # the app's lifespan ended: its connections are closed


def test_every_vendor_can_fill_its_cap_without_taking_the_others_threads(
    client_with: Callable[..., TestClient],
) -> None:
    # Registry writes (PostgreSQL's, keyed ones) block a thread; the worker's pool is sized so
    # that one vendor at its cap (here 3 calls) leaves threads for every other vendor's writes.
    app = client_with(GATEWAY_VENDOR_CONCURRENCY="3").app
    assert isinstance(app, GatewayApp)
    with TestClient(app, raise_server_exceptions=False) as client:  # one event loop for all requests
        assert client.get("/healthz").status_code == 200
        threads = client.portal.call(_thread_tokens)
    assert threads == 3 * len(app.gateway.adapters) + SPARE_THREADS


async def _thread_tokens() -> float:
    return to_thread.current_default_thread_limiter().total_tokens


def _in_a_new_process(probe: str) -> Any:
    # Collector settings are for good, and would change this test process's.
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    return json.loads(completed.stdout)


def test_a_serving_process_freezes_its_start_up_objects_and_collects_young_objects_less_often() -> None:
    frozen_before, frozen_after, young, wanted = _in_a_new_process(
        "import gc, json; from gateway import collector; import gateway.app; "
        "before = gc.get_freeze_count(); collector.freeze_start_up(); "
        "print(json.dumps([before, gc.get_freeze_count(), gc.get_threshold()[0], collector.YOUNG_THRESHOLD]))"
    )
    assert frozen_before == 0 and frozen_after > 10_000
    assert young == wanted > 700


def test_the_command_collects_young_objects_less_often_from_its_first_import() -> None:
    default, young, wanted = _in_a_new_process(
        "import gc, json; default = gc.get_threshold()[0]; import gateway.cli; from gateway import collector; "
        "print(json.dumps([default, gc.get_threshold()[0], collector.YOUNG_THRESHOLD]))"
    )
    assert default == 700 and young == wanted


def test_building_the_gateway_touches_no_database() -> None:
    # Migrating and settling belong to a server's start (Gateway.open), not to its constructor.
    settings = Settings.from_env({"GATEWAY_DATABASE_URL": "postgresql://root@127.0.0.1:1/test?connect_timeout=1"})
    gateway = Gateway(settings)
    try:
        assert gateway.registry.engine.url.port == 1
        with pytest.raises(OperationalError):
            Gateway.open(settings)
    finally:
        gateway.close()
