"""Readiness and metrics for /readyz and /metrics (no configuration values in either)."""

from __future__ import annotations

import os
from typing import Any

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from sqlalchemy.exc import SQLAlchemyError

from gateway.service import Gateway
from gateway.store.migrate import is_current

__all__ = ["metrics_text", "readiness"]


def readiness(gateway: Gateway) -> dict[str, Any]:
    """Which checks pass, which vendors are disabled and whose circuit is open."""
    checks: dict[str, str] = {}
    try:
        # Reading the schema revision is itself the proof that the database answers.
        current = is_current(gateway.registry.engine)
        checks["database"] = "ok"
        checks["migrations"] = "ok" if current else "pending"
    except SQLAlchemyError:
        checks["database"] = "unreachable"
        checks["migrations"] = "unknown"
    enabled = [slug for slug, on in gateway.enabled.items() if on]
    without_key = [slug for slug in enabled if not gateway.settings.vendors[slug].api_key]
    checks["vendors"] = "ok" if not without_key else f"no credential for {', '.join(without_key)}"
    ready = all(value == "ok" for value in checks.values())
    return {
        "status": "ready" if ready else "not ready",
        "checks": checks,
        "enabled_vendors": enabled,
        "disabled_vendors": [slug for slug, on in gateway.enabled.items() if not on],
        "open_circuits": [slug for slug, breaker in gateway.breakers.items() if breaker.state != "closed"],
    }


def metrics_text() -> bytes:
    """Prometheus exposition; summed over every worker when PROMETHEUS_MULTIPROC_DIR is set."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)
