"""Each vendor as the sandbox knows it: its OpenAPI document, read once.

Beside it, openapi-core's verdicts on the latest requests without a body, which are the same
each time the same request comes (`VendorSpec.request_violations`).

The sandbox serves a vendor under `/<slug>` + the path of the spec's first server URL, and
shows openapi-core each request as if it had reached that server, so the spec is used as
written (no server rewriting).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

from gateway.codegen.config import PACKAGED_SPECS, GeneratorPaths, load_vendors
from gateway.codegen.specs import load_spec
from gateway.sandbox._openapi import (
    OpenAPIRequest,
    OpenAPIResponse,
    Violation,
    build_openapi,
    explain,
)
from gateway.sandbox._schemas import SchemaTools

__all__ = ["Operation", "RouteError", "VendorSpec", "load_vendor_specs"]

# Per vendor: room for every campaign of a sandbox of ten thousand, read by the status sync, to
# be judged once, and no more (each verdict kept holds its request's path and headers).
_BODYLESS_VERDICTS_KEPT = 16_384
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class RouteError(LookupError):
    """No operation answers this method and path (404), or not this method (405)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Operation:
    """One operation of a vendor spec."""

    method: str
    """Lower case, as in the spec."""
    template: str
    """The spec's path template, below the server path (e.g. `/campaign`)."""
    pattern: re.Pattern[str]
    spec: Mapping[str, Any]
    """The raw operation object."""
    security: tuple[Mapping[str, Any], ...]
    """Alternative security requirements (the operation's, else the document's); () is none."""
    parameters: tuple[str, ...] = ()
    """Names of the template's path parameters, in order (`pattern`'s groups)."""
    headers_read: tuple[str, ...] = ()
    """The headers openapi-core reads to validate a request: header parameters, security schemes'."""

    def path_values(self, path: str) -> dict[str, str]:
        """The path parameters of `path` (below the server path), percent-decoded; {} if no match."""
        match = self.pattern.fullmatch(path)
        if match is None:
            return {}
        return {name: unquote(value) for name, value in zip(self.parameters, match.groups(), strict=True)}


@dataclass(frozen=True)
class VendorSpec:
    """A vendor's spec, parsed once and shared by every sandbox in the process."""

    slug: str
    name: str
    document: Mapping[str, Any]
    openapi: OpenAPI
    tools: SchemaTools
    host_url: str
    """Scheme and host of the spec's first server (e.g. `https://api.smallest.ai`)."""
    server_path: str
    """Path of the spec's first server, without a trailing slash (e.g. `/atoms/v1`)."""
    operations: tuple[Operation, ...]
    _bodyless_verdicts: Callable[..., tuple[Violation, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        verdicts = functools.lru_cache(maxsize=_BODYLESS_VERDICTS_KEPT)(self._bodyless_verdict)
        object.__setattr__(self, "_bodyless_verdicts", verdicts)

    @property
    def security_schemes(self) -> Mapping[str, Any]:
        """The document's security schemes by name."""
        schemes: Mapping[str, Any] = self.document.get("components", {}).get("securitySchemes", {})
        return schemes

    def find(self, method: str, path: str) -> Operation:
        """The operation for `method` on `path` (a path below `/<slug>`); RouteError if none."""
        if not path.startswith(self.server_path + "/"):
            raise RouteError(404, f"no operation at {path}")
        rest = path[len(self.server_path) :]
        matches = [operation for operation in self.operations if operation.pattern.fullmatch(rest)]
        for operation in matches:
            if operation.method == method.lower():
                return operation
        if matches:
            allowed = ", ".join(sorted(operation.method.upper() for operation in matches))
            raise RouteError(405, f"{method.upper()} is not allowed on {path}; use {allowed}")
        raise RouteError(404, f"no operation at {path}")

    def openapi_request(
        self,
        method: str,
        path: str,
        headers: Headers,
        body: bytes,
        query: Mapping[str, Any] | None = None,
    ) -> OpenAPIRequest:
        """The request as openapi-core should see it: sent to the spec's own server."""
        return OpenAPIRequest(
            host_url=self.host_url,
            path=path,
            method=method.lower(),
            body=body or None,
            content_type=_lower_mimetype(headers.get("Content-Type", "")),
            parameters=RequestParameters(
                query=ImmutableMultiDict(query or {}),
                header=headers,
            ),
        )

    def request_violations(
        self,
        operation: Operation,
        method: str,
        path: str,
        headers: Headers,
        body: bytes,
        query: Mapping[str, str],
    ) -> list[Violation]:
        """Why openapi-core finds the request breaks the spec; [] when it conforms.

        Without a body, openapi-core judges a request by its method, path, query, Content-Type
        and the headers `operation` reads, nothing else; the sandbox judges it on exactly those
        and keeps the verdicts of the latest requests. The status sync reads every campaign
        with the same request each interval, and openapi-core's validation of one (resolving
        the spec's references anew each time) costs more CPU than the rest of the answer.
        """
        if body:
            return list(self._judge(self.openapi_request(method, path, headers, body, query)))
        read = tuple((name, tuple(headers.getlist(name))) for name in operation.headers_read)
        content_type = _lower_mimetype(headers.get("Content-Type", ""))
        return list(self._bodyless_verdicts(method.lower(), path, tuple(sorted(query.items())), read, content_type))

    def _bodyless_verdict(
        self,
        method: str,
        path: str,
        query: tuple[tuple[str, str], ...],
        read: tuple[tuple[str, tuple[str, ...]], ...],
        content_type: str,
    ) -> tuple[Violation, ...]:
        headers = Headers([(name, value) for name, values in read for value in values])
        if content_type:
            headers["Content-Type"] = content_type
        return self._judge(self.openapi_request(method, path, headers, b"", dict(query)))

    def _judge(self, request: OpenAPIRequest) -> tuple[Violation, ...]:
        return tuple(violation for error in self.openapi.iter_request_errors(request) for violation in explain(error))

    def response_errors(
        self,
        method: str,
        path: str,
        status: int,
        content_type: str,
        body: bytes,
    ) -> list[str]:
        """Why a response to `method path` breaks the spec; [] when it conforms."""
        request = self.openapi_request(method, path, Headers(), b"")
        response = OpenAPIResponse(status, content_type, body, Headers({"Content-Type": content_type}))
        return [
            str(violation)
            for error in self.openapi.iter_response_errors(request, response)
            for violation in explain(error)
        ]


def load_vendor_specs(paths: GeneratorPaths | None = None) -> dict[str, VendorSpec]:
    """Every vendor of specs/vendors.toml, in its order; read once per folder and process.

    Without `paths`, the copies shipped in the installed `generated` package.
    """
    if paths is None:
        return dict(_load(PACKAGED_SPECS / "vendors.toml", PACKAGED_SPECS))
    return dict(_load(paths.vendors_toml, paths.vendor_specs))


@functools.cache
def _load(vendors_toml: Path, folder: Path) -> tuple[tuple[str, VendorSpec], ...]:
    vendors = load_vendors(GeneratorPaths(specs=vendors_toml.parent))
    loaded = []
    for vendor in vendors:
        document = load_spec(folder / f"{vendor.slug}.yaml")
        loaded.append((vendor.slug, _vendor_spec(vendor.slug, vendor.name, document)))
    return tuple(loaded)


def _vendor_spec(slug: str, name: str, document: dict[str, Any]) -> VendorSpec:
    servers = document.get("servers") or [{"url": "/"}]
    url = _expand(servers[0])
    parts = urlsplit(url)
    host_url = f"{parts.scheme or 'http'}://{parts.netloc or 'localhost'}"
    tools = SchemaTools(document)
    return VendorSpec(
        slug=slug,
        name=name,
        document=document,
        openapi=build_openapi(document),
        tools=tools,
        host_url=host_url,
        server_path=parts.path.rstrip("/"),
        operations=tuple(_operations(document, tools)),
    )


def _expand(server: Mapping[str, Any]) -> str:
    """A server URL with each `{variable}` replaced by its default."""
    url = str(server.get("url", "/"))
    for variable, spec in server.get("variables", {}).items():
        url = url.replace("{" + variable + "}", str(spec.get("default", "")))
    return url


def _operations(document: Mapping[str, Any], tools: SchemaTools) -> list[Operation]:
    default_security = document.get("security", [])
    schemes = document.get("components", {}).get("securitySchemes", {})
    found = []
    for template, item in document.get("paths", {}).items():
        pieces = re.split(r"(\{[^}]+\})", template)
        pattern = re.compile("".join("([^/]+)" if piece.startswith("{") else re.escape(piece) for piece in pieces))
        parameters = tuple(piece[1:-1] for piece in pieces if piece.startswith("{"))
        for method in _METHODS:
            if method in item:
                spec = item[method]
                security = spec.get("security", default_security)
                declared = [
                    tools.resolve(parameter) for parameter in [*item.get("parameters", []), *spec.get("parameters", [])]
                ]
                headers = {parameter["name"] for parameter in declared if parameter.get("in") == "header"}
                headers |= {
                    _header_read(tools.resolve(schemes.get(name, {})))
                    for alternative in security
                    for name in alternative
                }
                headers.discard("")
                found.append(
                    Operation(method, template, pattern, spec, tuple(security), parameters, tuple(sorted(headers)))
                )
    return found


def _header_read(scheme: Mapping[str, Any]) -> str:
    """The header a security scheme's check reads ("" when none: an API key in the query)."""
    if scheme.get("type") == "apiKey":
        return str(scheme.get("name", "")) if scheme.get("in") == "header" else ""
    return "Authorization"


def _lower_mimetype(content_type: str) -> str:
    # openapi-core wants the type lower case, but a multipart boundary is case-sensitive
    # (browsers send `----WebKitFormBoundary7MA4YWxkTrZu0gW`).
    mimetype, semicolon, parameters = content_type.partition(";")
    return mimetype.strip().lower() + semicolon + parameters
