"""Checks made on a request before any operation sees it: its credential, its path, its query.

Each returns the refusal (a GatewayError) or the value it read, so the outer app answers the
same way whether Connexion or the fast lane would serve the request.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from urllib.parse import parse_qsl

from gateway.errors import FieldError, RequestInvalid
from gateway.routes import RouteTable

__all__ = ["CredentialConflict", "check_path", "check_query", "presented_key"]

# C0 controls and DEL: no path segment or query value the API defines can hold one, and a NUL
# reaches PostgreSQL as an error, not as a value.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class CredentialConflict(RequestInvalid):
    """Two different keys in one request: which one is the caller is ambiguous."""


def presented_key(headers: Iterable[tuple[bytes, bytes]], key_headers: frozenset[bytes]) -> str | None:
    """The one key this request presents, in any of the gateway's credential headers.

    `key_headers` are the lower-case names of the apiKey headers of the served spec's security
    schemes; `Authorization: Bearer <key>` counts too. Connexion tries every scheme of an
    operation and takes the first that authenticates, so a request presenting two different
    keys could be authenticated by one and counted against another (or against none): it is
    refused, naming the headers. The same key in two places is one credential.

    Raises:
        CredentialConflict: different keys are presented.
    """
    found: dict[str, list[str]] = {}
    for raw_name, raw_value in headers:
        name = raw_name.lower()
        value = raw_value.decode("latin-1").strip()
        if name == b"authorization":
            scheme, _, token = value.partition(" ")
            if scheme.lower() != "bearer":
                continue  # not a scheme the gateway's keys are presented in
            value = token.strip()
        elif name not in key_headers:
            continue
        if value:
            found.setdefault(value, []).append(raw_name.decode("latin-1"))
    if len(found) > 1:
        names = sorted({name for places in found.values() for name in places}, key=str.lower)
        raise CredentialConflict(
            f"Present one API key: {', '.join(names)} carry different keys.",
            errors=[FieldError(name, "a different key than the request's other credential headers") for name in names],
        )
    return next(iter(found), None)


def check_path(routes: RouteTable, path: str) -> RequestInvalid | None:
    """A control character in the (decoded) path, or a path parameter not of its type; named by its parameter."""
    if _CONTROL.search(path) is None:
        mistyped = routes.mistyped(path)
        if mistyped is None:
            return None
        name, rule = mistyped
        return RequestInvalid(f"The parameter '{name}' is invalid.", errors=[FieldError(name, rule)])
    field = "path"
    found = routes.match(path)
    if found is not None:
        route, values = found
        field = next((n for n, v in zip(route.path_parameters, values, strict=True) if _CONTROL.search(v)), field)
    return RequestInvalid(
        f"The path parameter '{field}' holds a control character.",
        errors=[FieldError(field, "must not contain control characters")],
    )


def check_query(routes: RouteTable, method: str, path: str, query_string: bytes) -> RequestInvalid | None:
    """A control character in a query parameter, or a singular parameter given more than once.

    A repeated parameter is read as its first or its last value depending on who reads it, so
    `dry_run=true&dry_run=false` could pass as a dry run and be sent. "Singular" is every query
    parameter of the operation whose schema is not an array.
    """
    if not query_string:
        return None
    # As Starlette reads it: latin-1 bytes, then percent-decoded as UTF-8.
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    for name, value in pairs:
        if _CONTROL.search(name) or _CONTROL.search(value):
            shown = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", name)
            return RequestInvalid(
                f"The query parameter '{shown}' holds a control character.",
                errors=[FieldError(shown, "must not contain control characters")],
            )
    found = routes.match(path)
    operation = found[0].operations.get(method) if found is not None else None
    if operation is None:
        return None
    repeated = sorted(name for name, count in Counter(n for n, _ in pairs).items() if count > 1)
    repeated = [name for name in repeated if name in operation.singular_query]
    if not repeated:
        return None
    return RequestInvalid(
        f"The query parameter '{repeated[0]}' is given more than once; it takes one value.",
        errors=[FieldError(name, "given more than once; takes one value") for name in repeated],
    )
