"""The generated tables of docs/vendors.md, read from the adapters and the served spec.

The capability and lifecycle tables are `campaign-gateway vendors [--lifecycle]` (the rows of
GET /v1/vendors); the native routes are those the served spec gives each vendor, as
GET /v1/vendors lists them. Each table sits between `<!-- begin NAME -->` and `<!-- end NAME -->`
in the page; the text around them is written by hand and kept as it is.
"""

from __future__ import annotations

import json
import re
from typing import Any

from gateway.api.native_lifecycle import role_of
from gateway.api.vendors import capability_table, lifecycle_table
from gateway.codegen.config import SERVED_SPEC, load_vendors
from gateway.docs._markdown import table
from gateway.vendors import ADAPTERS

__all__ = ["blocks", "native_routes", "page"]

# How a native route is served, by its role in the adapter's `native` table; any other role is an action.
ROLES = {
    "create": "the launch, recorded and settled like `POST /v1/campaigns`",
    "campaign": "a read of one campaign: yours only (404 otherwise, before the vendor is called)",
    "campaigns": "the list of campaigns: yours only, with the vendor's filters and pages",
    "account": "an account-wide read: served only on your tenant's own vendor account",
    "start": "the start action (a resume when the campaign is paused), recorded in the campaign's `actions`",
    "status": "a status change: start, pause, resume or cancel by its body, recorded in the campaign's `actions`",
}
_BLOCK = re.compile(r"(<!-- begin (?P<name>[a-z-]+)[^>]*-->\n)(.*?)(<!-- end (?P=name) -->)", re.DOTALL)


def native_routes(spec: dict[str, Any] | None = None) -> dict[str, list[tuple[str, str]]]:
    """Each vendor's native routes in the served spec: (`METHOD /v1/path`, operationId), in the spec's order."""
    spec = spec if spec is not None else json.loads(SERVED_SPEC.read_text())
    routes: dict[str, list[tuple[str, str]]] = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "x-gateway-vendor" in operation:
                route = f"{method.upper()} /v1{path}"
                routes.setdefault(operation["x-gateway-vendor"], []).append((route, operation["operationId"]))
    return routes


def blocks() -> dict[str, str]:
    """Every generated table of the page, by block name."""
    spec = json.loads(SERVED_SPEC.read_text())
    return {
        "capabilities": capability_table(),
        "lifecycle": lifecycle_table(),
        "statuses": _statuses(),
        "native-auth": _native_auth(spec),
        "native-routes": _native_routes(spec),
    }


def page(committed: str) -> str:
    """The committed page with each generated block rewritten; ValueError when a block is missing."""
    made = blocks()
    missing = sorted(set(made) - {match["name"] for match in _BLOCK.finditer(committed)})
    if missing:
        raise ValueError(f"docs/vendors.md lacks the blocks {missing}: add <!-- begin NAME --> ... <!-- end NAME -->")
    return _BLOCK.sub(lambda match: match[1] + made[match["name"]] + "\n" + match[4], committed)


def _name(slug: str) -> str:
    names = {vendor.slug: vendor.name for vendor in load_vendors()}
    return f"{names[slug]} (`{slug}`)"


def _statuses() -> str:
    rows = [
        [_name(slug), ", ".join(f"`{word}` {status}" for word, status in adapter.statuses.items())]
        for slug, adapter in ADAPTERS.items()
    ]
    return table(["vendor", "the vendor's word and the gateway's status (any other word: `unmapped`)"], rows)


def _native_auth(spec: dict[str, Any]) -> str:
    schemes = spec["components"]["securitySchemes"]
    rows = []
    for slug, routes in native_routes(spec).items():
        used: list[str] = []
        for route, _ in routes:
            method, _, path = route.partition(" /v1")
            for requirement in spec["paths"][path][method.lower()].get("security", []):
                for name in requirement:
                    slot = _slot(schemes[name])
                    if slot not in used:
                        used.append(slot)
        rows.append([_name(slug), " or ".join(used)])
    return table(["vendor", "where the gateway key goes"], rows)


def _slot(scheme: dict[str, Any]) -> str:
    if scheme["type"] == "apiKey":
        return f"`{scheme['name']}` {scheme['in']}"
    return "`Authorization: Bearer`"


def _native_routes(spec: dict[str, Any]) -> str:
    rows = []
    for slug, routes in native_routes(spec).items():
        for route, operation_id in routes:
            role = role_of(operation_id)[1]
            served = ROLES.get(role, f"the {role} action, recorded in the campaign's `actions`")
            rows.append([f"`{slug}`", f"`{route}`", served])
    return table(["vendor", "route", "served as"], rows)
