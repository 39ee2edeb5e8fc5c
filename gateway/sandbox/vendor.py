"""One vendor's stand-in: answers a request as the vendor's spec says, without any socket.

In order: find the operation (404/405), check the credential (401), validate the request with
openapi-core plus the checks the spec states beyond JSON Schema (the documented 400, else 422),
then answer: from the vendor's lifecycle when it serves the operation (a campaign's state, see
`gateway.sandbox.lifecycle`), else with the documented success.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from werkzeug.datastructures import Headers
from werkzeug.http import parse_options_header

from gateway.sandbox._auth import presented, refusal
from gateway.sandbox._bodies import ResponseMaker
from gateway.sandbox._checks import (
    CSV_FILES,
    csv_violations,
    part_violations,
    required_unless,
    unknown_properties,
)
from gateway.sandbox._openapi import Violation, cast_form
from gateway.sandbox._tamper import ECHO, credential_echo, tamper
from gateway.sandbox.faults import Fault
from gateway.sandbox.lifecycle import LifeRequest, VendorLife
from gateway.sandbox.multipart import FormPart, parse_multipart
from gateway.sandbox.specs import Operation, RouteError, VendorSpec

__all__ = ["Reply", "VendorStandIn"]

_FAULT_REASON = "sandbox fault"
# Where an echoed credential goes unless an override places it: a message-like field, or a name.
_ECHO_PLACES = "message|detail|error|error_description|description|name"


@dataclass(frozen=True)
class Reply:
    """An answer to send: status, body and headers (Content-Length is added when sent)."""

    status: int
    body: bytes = b""
    content_type: str | None = "application/json"
    headers: tuple[tuple[str, str], ...] = ()


class VendorStandIn:
    """A vendor, as its spec describes it, expecting one credential."""

    def __init__(
        self,
        spec: VendorSpec,
        credential: str,
        *,
        strict: bool = True,
        life: VendorLife | None = None,
    ) -> None:
        self.spec = spec
        self.credential = credential
        self.strict = strict
        """Refuse properties the spec does not define (see `unknown_properties`)."""
        self.life = life
        """The vendor's campaigns, when the sandbox keeps them (None: every answer from the spec)."""
        self._makers = {
            (operation.method, operation.template): ResponseMaker(
                spec.tools, operation.spec, _request_schema(spec, operation)
            )
            for operation in spec.operations
        }

    def handle(self, method: str, path: str, query: str, headers: Headers, body: bytes) -> Reply:
        """The vendor's answer to one request; `path` is below `/<slug>`."""
        try:
            operation = self.spec.find(method, path)
        except RouteError as exc:
            return Reply(exc.status, _message(str(exc)))
        maker = self._makers[(operation.method, operation.template)]
        query_values = dict(parse_qsl(query, keep_blank_values=True))
        refused = refusal(operation.security, self.spec.security_schemes, headers, query_values, self.credential)
        if refused:
            return Reply(401, maker.unauthorized(refused))
        violations, values = self._check(operation, method, path, headers, body, query_values)
        if violations:
            return Reply(maker.violation_status, maker.error(maker.violation_status, violations))
        if self.life is not None:
            request = LifeRequest(
                method=operation.method,
                template=operation.template,
                params=operation.path_values(path[len(self.spec.server_path) :]),
                query=query_values,
                body=_json_body(headers, body, values),
            )
            answer = self.life.answer(request)
            if answer is not None:
                return Reply(answer.status, json.dumps(answer.body, ensure_ascii=False).encode("utf-8"))
        return Reply(maker.success_status, maker.success(values))

    def fault_reply(self, fault: Fault, method: str, path: str) -> Reply:
        """The answer an injected fault gives instead of the spec's."""
        status = fault.status or 201
        default = _message(f"{_FAULT_REASON} {status}")
        if fault.body is None and fault.body_size is None:
            try:
                operation = self.spec.find(method, path)
            except RouteError:
                operation = None
            if operation is not None:
                maker = self._makers[(operation.method, operation.template)]
                default = maker.answer(status, f"{_FAULT_REASON} {status}")
        return Reply(
            status,
            fault.payload(default),
            fault.content_type or "application/json",
            tuple(fault.headers.items()),
        )

    def tampered(self, reply: Reply, fault: Fault, method: str, path: str, headers: Headers, query: str) -> Reply:
        """`reply` changed as `fault` says: its content type, fields of its body, the credential echoed.

        Keys that matched nothing are named in an `X-Sandbox-Unmatched` header, so a test can
        tell a fault that changed nothing from a gateway that coped.
        """
        content_type = fault.content_type or reply.content_type
        extra = tuple(fault.headers.items()) if not fault.replaces_answer else ()
        overrides = dict(fault.overrides)
        echo = None
        if fault.echo_credential:
            echo = credential_echo(*self._presented(method, path, headers, query))
            if not any(isinstance(value, str) and ECHO in value for value in overrides.values()):
                overrides[_ECHO_PLACES] = f"invalid credential {ECHO}"
        body, unmatched = tamper(reply.body, overrides, echo) if overrides else (reply.body, [])
        if _ECHO_PLACES in unmatched:
            body, _ = tamper(body, {"/message": f"invalid credential {ECHO}"}, echo)
            unmatched.remove(_ECHO_PLACES)
        if unmatched:
            extra += (("X-Sandbox-Unmatched", ", ".join(unmatched)),)
        return Reply(reply.status, body, content_type, reply.headers + extra)

    def _presented(self, method: str, path: str, headers: Headers, query: str) -> tuple[str, str | None]:
        """The secret the request presented (this stand-in's own when none) and any Basic token."""
        try:
            security = self.spec.find(method, path).security
        except RouteError:
            security = ()
        secret = presented(security, self.spec.security_schemes, headers, dict(parse_qsl(query)))
        scheme, _, token = (headers.get("Authorization") or "").strip().partition(" ")
        return secret or self.credential, token.strip() if scheme.lower() == "basic" else None

    def _check(
        self,
        operation: Operation,
        method: str,
        path: str,
        headers: Headers,
        body: bytes,
        query: Mapping[str, str],
    ) -> tuple[list[Violation], dict[str, Any]]:
        content_type = headers.get("Content-Type", "")
        mimetype = parse_options_header(content_type)[0].lower()
        media = _media(self.spec, operation, mimetype)
        parts: list[FormPart] = []
        if media is not None and "json" in mimetype:
            try:
                json.loads(body or b"null")
            except RecursionError:
                # openapi-core's own json.loads would fail the same way, outside its error handling.
                return [Violation("body", "nests too deeply to read")], {}
            except ValueError:
                pass  # openapi-core reports it
        if media is not None and mimetype.startswith("multipart/"):
            try:
                parts = parse_multipart(body, content_type)
            except ValueError as exc:
                return [Violation("body", f"is not well-formed multipart: {exc}")], {}
            found = part_violations(parts, media.get("schema", {}), media.get("encoding", {}), self.spec.tools)
            if found:
                return found, {}
        found = self.spec.request_violations(operation, method, path, headers, body, query)
        if media is None:
            return found, {}
        # The checks beyond the schema run even on a body the schema refused: one answer should
        # name every problem, not the first of several rounds.
        values = self._values(operation, mimetype, body, parts)
        schema = media.get("schema", {})
        beyond = unknown_properties(values, schema, self.spec.tools) if self.strict else []
        beyond.extend(required_unless(values, schema, self.spec.tools))
        encoding = media.get("encoding", {})
        for part in parts:
            rule = CSV_FILES.get((self.spec.slug, part.name))
            if part.is_file and (rule or "csv" in str(encoding.get(part.name, {}).get("contentType"))):
                beyond.extend(csv_violations(part.name, part.data, rule))
        found.extend(violation for violation in beyond if violation not in found)
        return found, values

    def _values(self, operation: Operation, mimetype: str, body: bytes, parts: list[FormPart]) -> dict[str, Any]:
        """The request body as data: JSON as sent, form fields cast to their schema types; {} if neither."""
        if not mimetype.startswith("multipart/"):
            try:
                parsed = json.loads(body) if body and "json" in mimetype else None
            except ValueError:
                return {}
            return parsed if isinstance(parsed, dict) else {}
        fields: dict[str, Any] = {}
        for part in parts:
            fields.setdefault(part.name, part.data if part.is_file else part.data.decode("utf-8", "replace"))
        schema = (
            self.spec.openapi.spec
            / "paths"
            / operation.template
            / operation.method
            / "requestBody"
            / "content"
            / mimetype
            / "schema"
        )
        return cast_form(fields, schema)


def _json_body(headers: Headers, body: bytes, values: dict[str, Any]) -> Any:
    """The body as data: any JSON value as sent (Volubile's status is a bare string), else the form fields."""
    if "json" in parse_options_header(headers.get("Content-Type", ""))[0].lower():
        try:
            return json.loads(body) if body else None
        except ValueError:
            return None
    return values or None


def _media(spec: VendorSpec, operation: Operation, mimetype: str) -> Mapping[str, Any] | None:
    request_body = spec.tools.resolve(operation.spec.get("requestBody", {}))
    media = (request_body.get("content") or {}).get(mimetype)
    return media if isinstance(media, Mapping) else None


def _request_schema(spec: VendorSpec, operation: Operation) -> Any | None:
    request_body = spec.tools.resolve(operation.spec.get("requestBody", {}))
    for media in (request_body.get("content") or {}).values():
        if isinstance(media, Mapping) and "schema" in media:
            return media["schema"]
    return None


def _message(text: str) -> bytes:
    return json.dumps({"message": text}).encode("utf-8")
