"""Check the credential a request presents against the operation's security requirements."""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Mapping
from typing import Any

from werkzeug.datastructures import Headers

__all__ = ["describe_schemes", "presented", "refusal"]


def refusal(
    security: tuple[Mapping[str, Any], ...],
    schemes: Mapping[str, Any],
    headers: Headers,
    query: Mapping[str, str],
    credential: str,
) -> str | None:
    """None when some security alternative is met with `credential`, else the reason why not.

    The reason never contains what was presented: it goes into logs and response bodies.
    """
    if not security:
        return None
    presented_any = False
    for requirement in security:
        if not requirement:
            return None
        values = [_presented(schemes.get(name, {}), headers, query) for name in requirement]
        presented_any = presented_any or any(value is not None for value in values)
        if all(value is not None and _same(value, credential) for value in values):
            return None
    if presented_any:
        return "invalid credential"
    return f"missing credential: send {describe_schemes(security, schemes)}"


def presented(
    security: tuple[Mapping[str, Any], ...],
    schemes: Mapping[str, Any],
    headers: Headers,
    query: Mapping[str, str],
) -> str | None:
    """The first credential the request presents for any scheme of `security` (None: none)."""
    for requirement in security:
        for name in requirement:
            value = _presented(schemes.get(name, {}), headers, query)
            if value:
                return value
    return None


def describe_schemes(security: tuple[Mapping[str, Any], ...], schemes: Mapping[str, Any]) -> str:
    """Where the credential goes, in words (e.g. "the X-Api-Key header or a Bearer token")."""
    alternatives = [
        " and ".join(_describe(schemes.get(name, {})) for name in requirement)
        for requirement in security
        if requirement
    ]
    return " or ".join(alternatives) or "nothing"


def _describe(scheme: Mapping[str, Any]) -> str:
    if scheme.get("type") == "apiKey":
        return f"the {scheme.get('name')} {scheme.get('in')}"
    if str(scheme.get("scheme", "")).lower() == "basic":
        return "HTTP Basic credentials"
    return "a Bearer token"


def _presented(scheme: Mapping[str, Any], headers: Headers, query: Mapping[str, str]) -> str | None:
    kind = scheme.get("type")
    if kind == "apiKey":
        name = str(scheme.get("name", ""))
        where = scheme.get("in")
        if where == "header":
            value = headers.get(name)
            return _as_sent(value) if value is not None else None
        if where == "query":
            return query.get(name)
        return _cookie(headers, name) if where == "cookie" else None
    authorization = headers.get("Authorization")
    if not authorization:
        return None
    prefix, _, token = _as_sent(authorization).strip().partition(" ")
    expected = "basic" if str(scheme.get("scheme", "")).lower() == "basic" else "bearer"
    if prefix.lower() != expected:
        return ""
    if expected == "basic":
        try:
            _, _, password = base64.b64decode(token, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return ""
        return password
    return token.strip()


def _as_sent(value: str) -> str:
    """A header value as the client meant it: http.server reads header bytes as latin-1, clients send UTF-8."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def _cookie(headers: Headers, name: str) -> str | None:
    for header in headers.getlist("Cookie"):
        for pair in header.split(";"):
            key, _, value = pair.strip().partition("=")
            if key == name:
                return value
    return None


def _same(presented: str, expected: str) -> bool:
    return hmac.compare_digest(presented.encode(), expected.encode())
