"""Compose the spec Connexion serves: specs/gateway.yaml plus native routes from every vendor.

Each vendor operation `P` becomes `/vendors/<slug>P`, its components are renamed `<slug>.Name`
(so two vendors' `ErrorResponse` never collide), its security schemes are kept (a vendor's SDK
presents the gateway key where it would present the vendor's) and wired to the gateway's key
check, and the gateway's own problem responses are added beside the vendor's. OpenAPI 3.1
documents are converted to 3.0, which is what Connexion 3.3 serves.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

from gateway.codegen.config import VendorConfig

__all__ = ["NATIVE_OPERATION_PREFIX", "NativeOperation", "compose", "native_operations", "to_openapi_30"]

NATIVE_OPERATION_PREFIX = "native."
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_COMPONENT_KINDS = ("schemas", "responses", "parameters", "examples", "requestBodies", "headers")
# Problems the gateway itself can answer on a native route, by status.
_GATEWAY_PROBLEMS = {
    "400": "BadRequest",
    "401": "Unauthorized",
    "404": "NotFound",
    "409": "Conflict",
    "413": "PayloadTooLarge",
    "415": "UnsupportedMediaType",
    "422": "Unprocessable",
    "429": "TooManyRequests",
    "502": "BadGateway",
    "503": "Unavailable",
    "504": "GatewayTimeout",
}
_AUTH_FUNCS = {
    "apiKey": ("x-apikeyInfoFunc", "gateway.api.auth.api_key_info"),
    "http": ("x-bearerInfoFunc", "gateway.api.auth.bearer_info"),
}


def compose(gateway: dict[str, Any], vendors: list[tuple[VendorConfig, dict[str, Any]]]) -> dict[str, Any]:
    """Return the served spec; the inputs are not modified."""
    spec = copy.deepcopy(gateway)
    components = spec.setdefault("components", {})
    components["schemas"]["VendorSlug"]["enum"] = [vendor.slug for vendor, _ in vendors]
    for vendor, document in vendors:
        native = _prefixed(to_openapi_30(document), vendor.slug)
        for kind, items in native.get("components", {}).items():
            components.setdefault(kind, {}).update(items)
        default_security = native.get("security") or []
        spec.setdefault("tags", []).append(
            {"name": f"{vendor.slug} (native)", "description": f"{vendor.name}'s own API, forwarded as is."}
        )
        for path, item in native.get("paths", {}).items():
            composed = spec["paths"].setdefault(f"/vendors/{vendor.slug}{path}", {})
            for method in _METHODS:
                if method in item:
                    composed[method] = _native_operation(vendor, item[method], default_security, components)
    return spec


NativeOperation = tuple[str, str, str, dict[str, Any]]


def native_operations(spec: dict[str, Any]) -> Iterator[NativeOperation]:
    """The native operations of a composed spec, in its order: (vendor slug, METHOD, path, operation)."""
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "x-gateway-vendor" in operation:
                yield operation["x-gateway-vendor"], method.upper(), path, operation


def _native_operation(
    vendor: VendorConfig,
    operation: dict[str, Any],
    default_security: list[dict[str, list[str]]],
    components: dict[str, Any],
) -> dict[str, Any]:
    operation = copy.deepcopy(operation)
    operation["operationId"] = f"{NATIVE_OPERATION_PREFIX}{vendor.slug}.{operation.get('operationId', 'call')}"
    operation["tags"] = [f"{vendor.slug} (native)"]
    operation["x-gateway-vendor"] = vendor.slug
    # Vendors that declare no security still need the gateway key.
    operation["security"] = operation.get("security") or default_security or [{"bearerAuth": []}, {"apiKeyHeader": []}]
    for requirement in operation["security"]:
        for name in requirement:
            scheme = components["securitySchemes"][name]
            key, func = _AUTH_FUNCS[scheme["type"]]
            scheme.setdefault(key, func)
    operation.setdefault("parameters", []).append({"$ref": "#/components/parameters/IdempotencyKey"})
    responses = operation.setdefault("responses", {})
    for status, component in _GATEWAY_PROBLEMS.items():
        problem_content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        if status in responses:
            # The vendor's own answer stays documented beside the gateway's problem; a response
            # by reference is copied first (content beside a $ref would be ignored).
            response = _resolved(responses[status], components)
            responses[status] = {**response, "content": {**response.get("content", {}), **problem_content}}
        else:
            responses[status] = {"$ref": f"#/components/responses/{component}"}
    return operation


def _resolved(response: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    """A response object itself, not a reference to one (`#/components/responses/...`)."""
    seen = 0
    while "$ref" in response and seen < 10:
        _, _, kind, name = str(response["$ref"]).split("/", 3)
        response = components.get(kind, {}).get(name, {})
        seen += 1
    return copy.deepcopy(response)


def _prefixed(document: dict[str, Any], slug: str) -> dict[str, Any]:
    """Rename every component to `<slug>.<Name>` and rewrite the refs (and security names)."""

    def rename(name: str) -> str:
        return f"{slug}.{re.sub(r'[^A-Za-z0-9._-]', '_', name)}"

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/"):
                _, _, kind, name = ref.split("/", 3)
                node = {**node, "$ref": f"#/components/{kind}/{rename(name)}"}
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    def rename_security(requirements: list[dict[str, list[str]]]) -> list[dict[str, list[str]]]:
        return [{rename(name): scopes for name, scopes in req.items()} for req in requirements]

    result: dict[str, Any] = walk(document)
    components = result.get("components", {})
    result["components"] = {
        kind: {rename(name): value for name, value in components.get(kind, {}).items()}
        for kind in (*_COMPONENT_KINDS, "securitySchemes")
        if components.get(kind)
    }
    if "security" in result:
        result["security"] = rename_security(result["security"])
    for item in result.get("paths", {}).values():
        for method in _METHODS:
            if "security" in item.get(method, {}):
                item[method]["security"] = rename_security(item[method]["security"])
    return result


def to_openapi_30(document: dict[str, Any]) -> dict[str, Any]:
    """Convert an OpenAPI 3.1 document to 3.0.3 where the meaning is the same; 3.0 passes through.

    Handles what 3.1 added to schemas (type lists with "null", `const`, schema `examples`,
    numeric `exclusiveMinimum`/`exclusiveMaximum`) and drops 3.1-only top-level keys.
    """
    if not str(document.get("openapi", "")).startswith("3.1"):
        return document

    def schema(node: Any) -> Any:
        if isinstance(node, list):
            return [schema(item) for item in node]
        if not isinstance(node, dict):
            return node
        node = {key: schema(value) for key, value in node.items()}
        types = node.get("type")
        if isinstance(types, list):
            rest = [t for t in types if t != "null"]
            if "null" in types:
                node["nullable"] = True
            if len(rest) == 1:
                node["type"] = rest[0]
            else:
                del node["type"]
                node["anyOf"] = [{"type": t} for t in rest]
        if "const" in node:
            node["enum"] = [node.pop("const")]
        if isinstance(node.get("examples"), list) and "type" in node:
            examples = node.pop("examples")
            if examples:
                node["example"] = examples[0]
        for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
            if isinstance(node.get(bound), int | float) and not isinstance(node.get(bound), bool):
                node[limit] = node[bound]
                node[bound] = True
        return node

    converted = {key: value for key, value in document.items() if key not in ("webhooks", "jsonSchemaDialect")}
    converted["openapi"] = "3.0.3"
    if isinstance(converted.get("info"), dict):
        converted["info"] = {k: v for k, v in converted["info"].items() if k != "summary"}
        if isinstance(converted["info"].get("license"), dict):
            converted["info"]["license"].pop("identifier", None)
    return schema(converted)  # type: ignore[no-any-return]
