"""What an adapter puts on the wire, and whether the vendor's own spec allows it (openapi-core).

`capture` runs an adapter's real send path (generated client, transport, credentials) and keeps
the request at the point where it would reach the socket. `VendorContract.violations` checks
that request against specs/vendors/<slug>.yaml with openapi-core, read strictly:

- a property the schema does not define is a violation (openapi-core's "forbid" policy): the
  vendor might ignore it, but it is an adapter's mistake (a misspelt field);
- multipart fields are typed text on the wire: each is read as its schema's type, strictly (an
  integer is ASCII digits, a boolean `true` or `false`), then validated; a part the schema does
  not define, or of the wrong kind (file or field) or content type, is a violation too;
- conditional rules the spec records as `x-required-unless` are applied;
- the credential must be where the security scheme says, with its prefix.

This module is independent of the sandbox and the adapters: it knows a vendor only by its spec.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
import yaml
from jsonschema_path import SchemaPath
from openapi_core import Config, OpenAPI
from openapi_core.casting.schemas import oas30_write_schema_casters_factory, oas31_schema_casters_factory
from openapi_core.datatypes import RequestParameters
from openapi_core.deserializing.media_types.factories import MediaTypeDeserializersFactory
from openapi_core.schema.schemas import get_properties
from openapi_core.validation.schemas.exceptions import InvalidSchemaValue
from werkzeug.datastructures import Headers, ImmutableMultiDict

from gateway.vendors import Adapter
from gateway.vendors._http import VendorTransport

__all__ = ["FormPart", "VendorContract", "capture", "contract", "form_parts"]

SPECS = Path(__file__).resolve().parents[2] / "specs" / "vendors"
_INTEGER = re.compile(r"[-+]?[0-9]+")
_NUMBER = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")


def capture(adapter: Adapter, payload: Any) -> httpx.Request:
    """The request `adapter.send_payload(payload)` makes, taken where it would reach the socket.

    The vendor's answer is an empty 204, which no generated client reads as a success; the
    request is all this needs.
    """
    sent: list[httpx.Request] = []

    async def handle_async_request(transport: VendorTransport, request: httpx.Request) -> httpx.Response:
        await request.aread()
        sent.append(request)
        return httpx.Response(204)

    with mock.patch.object(VendorTransport, "handle_async_request", handle_async_request):
        asyncio.run(adapter.send_payload(payload))
    [request] = sent
    return request


@dataclass(frozen=True)
class FormPart:
    """One part of a multipart/form-data body."""

    name: str
    filename: str | None
    content_type: str | None
    data: bytes


def form_parts(request: httpx.Request) -> list[FormPart]:
    """The parts of a multipart/form-data request, in order, with their own headers."""
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.content)
    parts = []
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        parts.append(
            FormPart(
                name=str(part.get_param("name", header="content-disposition")),
                filename=part.get_filename(),
                content_type=part["content-type"],
                data=payload if isinstance(payload, bytes) else b"",
            )
        )
    return parts


@dataclass
class _Request:
    """A captured request in the shape openapi-core's Request protocol reads."""

    host_url: str
    path: str
    method: str
    body: bytes | None
    content_type: str
    parameters: RequestParameters = field(default_factory=RequestParameters)


@dataclass(frozen=True)
class VendorContract:
    """One vendor's spec, as openapi-core reads it, plus the rules it states beyond JSON Schema."""

    slug: str
    document: Mapping[str, Any]
    openapi: OpenAPI

    @property
    def server_url(self) -> str:
        """The spec's first server URL (variables at their defaults)."""
        server = self.document["servers"][0]
        url = str(server["url"])
        for name, variable in server.get("variables", {}).items():
            url = url.replace("{" + name + "}", str(variable["default"]))
        return url.rstrip("/")

    def violations(self, request: httpx.Request) -> list[str]:
        """Every way `request` breaks the vendor's spec; [] when it conforms."""
        url = request.url
        content_type = request.headers.get("content-type", "")
        wrapped = _Request(
            host_url=f"{url.scheme}://{url.netloc.decode()}",
            path=url.path,
            method=request.method.lower(),
            body=request.content or None,
            content_type=content_type,
            parameters=RequestParameters(
                header=Headers(list(request.headers.multi_items())),
                query=ImmutableMultiDict(list(url.params.multi_items())),
            ),
        )
        found = [reason for error in self.openapi.iter_request_errors(wrapped) for reason in _reasons(error)]
        operation = self._operation(request)
        if operation is None:
            return found or [f"no operation for {request.method} {url.path}"]
        found.extend(self._credential_violations(request, operation))
        media = operation.get("requestBody", {}).get("content", {}).get(content_type.split(";")[0].strip())
        if media is None:
            return found
        schema = self._resolve(media.get("schema", {}))
        if content_type.startswith("multipart/form-data"):
            parts = form_parts(request)
            found.extend(_part_violations(parts, schema, media.get("encoding", {}), self._resolve))
            values = {part.name: part.data if part.filename is not None else part.data.decode() for part in parts}
            found.extend(_required_unless(_cast_form(values, schema, self._resolve), schema))
        else:
            found.extend(_required_unless(json.loads(request.content or b"null"), schema))
        return found

    def _operation(self, request: httpx.Request) -> Mapping[str, Any] | None:
        prefix = httpx.URL(self.server_url).path.rstrip("/")
        path = request.url.path.removeprefix(prefix)
        paths = self.document["paths"]
        # A literal path first (as OpenAPI resolves `/a/b` before `/a/{id}`), then the templates.
        template = path if path in paths else next((t for t in paths if _instance_of(t, path)), None)
        return None if template is None else paths[template].get(request.method.lower())

    def _credential_violations(self, request: httpx.Request, operation: Mapping[str, Any]) -> list[str]:
        requirements = operation.get("security", self.document.get("security", []))
        schemes = self.document.get("components", {}).get("securitySchemes", {})
        for requirement in requirements:
            for name in requirement:
                scheme = schemes[name]
                if scheme["type"] == "http" and scheme["scheme"].lower() == "bearer":
                    value = request.headers.get("authorization", "")
                    if re.fullmatch(r"Bearer \S+", value):
                        return []
                elif scheme["type"] == "apiKey" and scheme["in"] == "header" and request.headers.get(scheme["name"]):
                    return []
        return [f"no credential where the spec's security schemes want one: {requirements}"] if requirements else []

    def _resolve(self, node: Any) -> Any:
        while isinstance(node, Mapping) and "$ref" in node:
            target: Any = self.document
            for part in str(node["$ref"]).removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node


@cache
def contract(slug: str) -> VendorContract:
    """The contract of `slug`, read once per process."""
    document = yaml.safe_load((SPECS / f"{slug}.yaml").read_text())
    casters = (
        oas31_schema_casters_factory
        if str(document["openapi"]).startswith("3.1")
        else oas30_write_schema_casters_factory
    )
    config = Config(
        additional_properties_default_policy="forbid",
        media_type_deserializers_factory=_TypedFormFactory.from_schema_casters_factory(casters),
    )
    return VendorContract(slug, document, OpenAPI.from_dict(document, config=config))


def _instance_of(template: str, path: str) -> bool:
    """Whether `path` is an instance of the spec's path `template` (each `{parameter}` one segment)."""
    parts = re.split(r"(\{[^/}]+\})", template)
    pattern = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
    return re.fullmatch(pattern, path) is not None


def _reasons(error: BaseException) -> Iterator[str]:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, InvalidSchemaValue):
            for schema_error in cause.schema_errors:
                path = ".".join(str(part) for part in getattr(schema_error, "absolute_path", ()))
                yield f"{path or 'body'}: {getattr(schema_error, 'message', schema_error)}"
            return
        cause = cause.__cause__
    yield f"{type(error).__name__}: {error}"


def _part_violations(parts: list[FormPart], schema: Any, encoding: Mapping[str, Any], resolve: Any) -> list[str]:
    found = []
    properties = schema.get("properties", {})
    names = [part.name for part in parts]
    for part in parts:
        if part.name not in properties:
            found.append(f"{part.name}: a part the schema does not define")
            continue
        if names.count(part.name) > 1:
            found.append(f"{part.name}: sent {names.count(part.name)} times")
        prop = resolve(properties[part.name])
        is_file = prop.get("type") == "string" and prop.get("format") in ("binary", "base64")
        if is_file != (part.filename is not None):
            found.append(f"{part.name}: must be {'a file' if is_file else 'a field, not a file'}")
        expected = encoding.get(part.name, {}).get("contentType") or ("application/octet-stream" if is_file else None)
        sent = (part.content_type or "").split(";")[0].strip().lower()
        if expected and sent != expected.lower():
            found.append(f"{part.name}: content type {sent or 'missing'}; the spec says {expected}")
        if not is_file and sent not in ("", "text/plain"):
            found.append(f"{part.name}: a text field sent as {sent}")
    return found


def _required_unless(values: Any, schema: Any) -> list[str]:
    rule = schema.get("x-required-unless")
    if not rule or not isinstance(values, Mapping):
        return []
    condition = {key: value for key, value in rule.items() if key != "required"}
    if all(values.get(key) == value for key, value in condition.items()):
        return []
    return [f"{name}: required unless {condition}" for name in rule["required"] if name not in values]


def _cast_form(values: Mapping[str, Any], schema: Any, resolve: Any) -> dict[str, Any]:
    properties = schema.get("properties", {})
    return {name: _cast(value, resolve(properties.get(name, {}))) for name, value in values.items()}


def _cast(value: Any, schema: Mapping[str, Any]) -> Any:
    if not isinstance(value, str):
        return value
    kind = schema.get("type")
    if kind == "integer" and _INTEGER.fullmatch(value):
        return int(value)
    if kind == "number" and _NUMBER.fullmatch(value):
        return float(value)
    if kind == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


class _TypedForm:
    """openapi-core's multipart reading, with each field then read as its schema's type."""

    def __init__(self, inner: Any, schema: SchemaPath) -> None:
        self._inner = inner
        self._types = {
            name: (prop / "type").read_value() if "type" in prop else None
            for name, prop in get_properties(schema).items()
        }

    def deserialize(self, value: bytes) -> Any:
        decoded = self._inner.deserialize(value)
        if not isinstance(decoded, Mapping):
            return decoded
        return {name: _cast(item, {"type": self._types.get(name)}) for name, item in decoded.items()}


class _TypedFormFactory(MediaTypeDeserializersFactory):
    def create(self, spec: SchemaPath, mimetype: str, schema: SchemaPath | None = None, **kwargs: Any) -> Any:
        inner = super().create(spec, mimetype, schema=schema, **kwargs)
        if schema is None or not mimetype.startswith("multipart/"):
            return inner
        return _TypedForm(inner, schema)
