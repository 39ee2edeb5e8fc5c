"""Where a gateway request's time goes: each stage timed in-process, one call at a time.

These are the gateway's own functions on the bench's bodies, outside the server, so they
show the cost of each stage without the HTTP stack (uvicorn, Connexion's middleware and
handler layer, the worker thread and logging make up the rest of the CPU per request). A
stage whose gateway API changed is reported as unavailable rather than stopping the run.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import bodies
from bench.peers import gateway_env
from bench.procs import say
from bench.stats import fmt

__all__ = ["run_stages"]

ROOT = Path(__file__).resolve().parents[1]
SHM = Path("/dev/shm")
# The registry's `PRAGMA synchronous` as the gateway configures it, read back for the labels.
_SYNCHRONOUS: dict[str, str] = {}


def _time(call: Callable[[], object], repeat: int) -> list[float]:
    call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _request_schema(spec: dict[str, Any], path: str) -> dict[str, Any]:
    schema = spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    return {**schema, "components": spec["components"]}


def _registry_write(work: Path, upstream_port: int, label: str, request: Any) -> Callable[[], object]:
    from gateway.service import Gateway
    from gateway.settings import Settings
    from gateway.store.registry import Finish, fingerprint

    gateway = Gateway.open(Settings.from_env(gateway_env(work, upstream_port, f"stages-{label}.db")))
    registry = gateway.registry
    with registry.engine.connect() as connection:
        level = connection.exec_driver_sql("PRAGMA synchronous").scalar()
    _SYNCHRONOUS[label] = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}.get(int(level or 0), str(level))

    written = itertools.count()

    def write() -> None:
        begun = registry.begin(
            tenant="bench",
            vendor="volubile",
            route="/v1/vendors/volubile/v1/campaigns",
            name="Renewal reminders",
            request=request,
            # Each write a campaign of its own: an identical keyless one would be refused as a retry.
            request_fingerprint=fingerprint("/v1/vendors/volubile/v1/campaigns", "volubile", [request, next(written)]),
            idempotency_key=None,
        )
        outcome = Finish(
            dispatch="accepted", response_status=201, response_body=b"{}", response_type="application/json"
        )
        registry.finish(begun.campaign_id, outcome)  # type: ignore[union-attr]

    return write


def _stages(
    work: Path, upstream_port: int, loop: asyncio.AbstractEventLoop
) -> list[tuple[str, str, Callable[[], object]]]:
    from gateway import jsoncodec
    from gateway.campaign import CampaignRequest, check_campaign
    from gateway.service import Gateway
    from gateway.settings import Settings
    from gateway.validation import FORMAT_CHECKER, GatewayValidator, compiled, rust_errors, schema_errors

    spec = json.loads((ROOT / "generated" / "openapi.json").read_text())
    native, neutral = bodies.volubile_native(), bodies.neutral_volubile()
    native_raw = json.dumps(native).encode()
    native_schema = _request_schema(spec, "/vendors/volubile/v1/campaigns")
    neutral_schema = _request_schema(spec, "/campaigns")
    gateway = Gateway.open(Settings.from_env(gateway_env(work, upstream_port, "stages-adapter.db")))
    adapter = gateway.adapters["volubile"]
    request, _errors = check_campaign(CampaignRequest.model_validate(neutral))
    payload = adapter.payload(request)
    native_rs, neutral_rs = compiled(native_schema), compiled(neutral_schema)
    gateway_check = "schema validation, as the gateway does it (jsonschema-rs + formats)"
    reference = "schema validation, pure-Python jsonschema (reference, not used by the gateway)"
    native_py = GatewayValidator(native_schema, format_checker=FORMAT_CHECKER)
    neutral_py = GatewayValidator(neutral_schema, format_checker=FORMAT_CHECKER)
    stages: list[tuple[str, str, Callable[[], object]]] = [
        ("parse JSON (gateway: orjson)", "native", lambda: jsoncodec.loads(native_raw)),
        ("parse JSON (json.loads, reference)", "native", lambda: json.loads(native_raw)),
        (gateway_check, "native", lambda: rust_errors(native_rs, native)),
        (gateway_check, "neutral", lambda: rust_errors(neutral_rs, neutral)),
        (reference, "native", lambda: schema_errors(native_py, native)),
        (reference, "neutral", lambda: schema_errors(neutral_py, neutral)),
    ]
    stages += [
        (
            "campaign model and rules (pydantic, 50 phone numbers)",
            "neutral",
            lambda: check_campaign(CampaignRequest.model_validate(neutral)),
        ),
        ("translation to Volubile (adapter.payload)", "neutral", lambda: adapter.payload(request)),
        (
            "vendor call to the upstream (generated client, aiohttp)",
            "native",
            lambda: loop.run_until_complete(adapter.send_payload(native)),
        ),
        (
            "vendor call to the upstream (generated client, aiohttp)",
            "neutral",
            lambda: loop.run_until_complete(adapter.send_payload(payload)),
        ),
    ]
    disk_write = _registry_write(work, upstream_port, "disk", native)
    stages.append(
        (
            f"registry write, begin + finish (SQLite, synchronous={_SYNCHRONOUS['disk']}, in {work.parent})",
            "native",
            disk_write,
        )
    )
    if SHM.is_dir() and os.access(SHM, os.W_OK):
        shm = SHM / f"bench-{os.getpid()}"
        shm.mkdir(exist_ok=True)
        stages.append(
            (
                "registry write, the same on tmpfs (no disk flush)",
                "native",
                _registry_write(shm, upstream_port, "shm", native),
            )
        )
    return stages


def run_stages(work: Path, upstream_port: int, repeat: int = 40) -> list[tuple[str, str, str]]:
    """Rows of (stage, body, ms median (min-max)) for the report."""
    rows = []
    loop = asyncio.new_event_loop()  # the vendor calls', as a worker's
    try:
        stages = _stages(work, upstream_port, loop)
    except Exception as exc:  # the gateway's internals moved: report it, keep the run's other figures
        loop.close()
        return [("stage breakdown unavailable", "", f"{type(exc).__name__}: {exc}")]
    for name, body, call in stages:
        try:
            times = _time(call, repeat)
        except Exception as exc:  # as above, per stage
            rows.append((name, body, f"unavailable ({type(exc).__name__})"))
            continue
        rows.append((name, body, fmt(times, 3)))
        say(f"stage {name} [{body}]: {rows[-1][2]} ms")
    loop.close()
    for leftover in SHM.glob(f"bench-{os.getpid()}"):
        for file in leftover.iterdir():
            file.unlink()
        leftover.rmdir()
    return rows
