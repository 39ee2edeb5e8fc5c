"""The front door: where `/` and `/v1/` lead, and the view of the spec that Swagger UI shows.

The served spec (/v1/openapi.json) keeps every vendor's own security scheme, because each
native route authenticates as its vendor's SDK presents a key (Clerk's `apiKey` header,
Volubile's `X-Api-Key`, Bearer tokens). A person in Swagger UI has two ways to present a
gateway key, `Authorization: Bearer` and `X-API-Key`: the UI's view lists only those two, maps
each vendor scheme that reads the key from the same place onto them, and turns a vendor header
that is neither (Clerk's `apiKey`) into a header parameter of the operations that need it.
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["UI_SCHEMES", "redirects", "ui_view"]

UI_SCHEMES = ("bearerAuth", "apiKeyHeader")
_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def redirects(base_path: str) -> dict[str, str]:
    """The front door's paths and where each leads: the Swagger UI."""
    base = base_path.rstrip("/")
    return {path: f"{base}/ui/" for path in ("/", base, f"{base}/") if path}


def _same_place(scheme: dict[str, Any]) -> str | None:
    """The UI scheme that sends a key where `scheme` reads it, or None."""
    if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
        return "bearerAuth"
    if scheme.get("type") == "apiKey" and scheme.get("in") == "header" and str(scheme["name"]).lower() == "x-api-key":
        return "apiKeyHeader"  # header names are case-insensitive: Volubile's X-Api-Key is this one
    return None


def ui_view(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` as Swagger UI should show it: only the two gateway schemes (see the module docstring)."""
    view = copy.deepcopy(spec)
    schemes: dict[str, Any] = view.get("components", {}).get("securitySchemes", {})
    for item in view.get("paths", {}).values():
        for method, operation in item.items():
            if method not in _METHODS or not isinstance(operation, dict) or "security" not in operation:
                continue
            requirements: list[dict[str, Any]] = []
            headers: list[str] = []
            for requirement in operation["security"]:
                for name in requirement:
                    alias = name if name in UI_SCHEMES else _same_place(schemes.get(name, {}))
                    if alias is not None and {alias: []} not in requirements:
                        requirements.append({alias: []})
                    elif alias is None and schemes.get(name, {}).get("in") == "header":
                        headers.append(str(schemes[name]["name"]))
            operation["security"] = requirements
            operation["parameters"] = [
                *operation.get("parameters", []),
                *(
                    {
                        "name": header,
                        "in": "header",
                        "required": not requirements,
                        "description": "Your gateway API key, in the header this vendor's SDK sends it in.",
                        "schema": {"type": "string"},
                    }
                    for header in dict.fromkeys(headers)
                ),
            ]
            if not operation["parameters"]:
                del operation["parameters"]
    if "components" in view:
        view["components"]["securitySchemes"] = {name: schemes[name] for name in UI_SCHEMES if name in schemes}
    return view
