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
from gateway.codegen.compose import NativeOperation, native_operations
from gateway.codegen.config import SERVED_SPEC, load_vendors
from gateway.docs._markdown import table
from gateway.vendors import ADAPTERS

__all__ = ["blocks", "page"]

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


def _by_vendor(spec: dict[str, Any]) -> dict[str, list[NativeOperation]]:
    operations: dict[str, list[NativeOperation]] = {}
    for native in native_operations(spec):
        operations.setdefault(native[0], []).append(native)
    return operations


def _native_auth(spec: dict[str, Any]) -> str:
    schemes = spec["components"]["securitySchemes"]
    rows = []
    for slug, operations in _by_vendor(spec).items():
        used: list[str] = []
        for _, _, _, operation in operations:
            for requirement in operation.get("security", []):
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
    for slug, method, path, operation in native_operations(spec):
        role = role_of(operation["operationId"])[1]
        served = ROLES.get(role, f"the {role} action, recorded in the campaign's `actions`")
        rows.append([f"`{slug}`", f"`{method} /v1{path}`", served])
    return table(["vendor", "route", "served as"], rows)
