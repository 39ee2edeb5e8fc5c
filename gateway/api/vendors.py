"""GET /v1/vendors: the capability matrix, read from the adapters themselves."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import flask

from gateway.api.context import current
from gateway.api.responses import json_response
from gateway.vendors import ADAPTERS

__all__ = ["capability_rows", "list_vendors"]


def capability_rows(names: dict[str, str], native_routes: dict[str, list[str]]) -> list[dict[str, Any]]:
    """One row per adapter; also used to write the README's table."""
    rows = []
    for slug, adapter in ADAPTERS.items():
        capabilities = asdict(adapter.capabilities)
        rows.append(
            {
                "vendor": slug,
                "name": names.get(slug, slug),
                **{key: list(value) if isinstance(value, tuple) else value for key, value in capabilities.items()},
                "native_routes": native_routes.get(slug, []),
            }
        )
    return rows


def list_vendors() -> flask.Response:
    """The capability matrix."""
    gateway = current()
    return json_response({"vendors": capability_rows(gateway.vendor_names, gateway.native_routes)})
