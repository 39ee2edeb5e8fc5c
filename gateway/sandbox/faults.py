"""Faults a vendor stand-in can be told to commit, to test how the gateway copes.

A fault is one-shot (the next request to that vendor takes it) unless `sticky` (every request,
until cleared). Its parts combine: wait `delay` seconds, then drop the connection, or answer
with `status` (and `body`, `headers`) instead of the spec's answer, or answer as the spec says;
whatever is sent goes at `drip` bytes per second when set.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Fault", "JSONBody"]

JSONBody = dict[str, Any] | list[Any]
"""A body given as JSON data, sent serialised."""

_HUGE_DEFAULT = 8 * 1024 * 1024


@dataclass(frozen=True)
class Fault:
    """What to do instead of (or on top of) the vendor's normal answer."""

    status: int | None = None
    """Answer with this status instead of what the spec says."""
    body: str | bytes | JSONBody | None = None
    """The body for `status`; None gives the spec's body for that status (or a short JSON one)."""
    content_type: str = "application/json"
    headers: Mapping[str, str] = field(default_factory=dict)
    """Extra headers on the answer (e.g. Retry-After, Location)."""
    body_size: int | None = None
    """Answer with a JSON body of this many bytes (a huge body); `status` defaults to 201."""
    delay: float = 0.0
    """Seconds to wait, after reading the request, before answering (or dropping)."""
    drop: bool = False
    """Close the connection without answering."""
    drip: float | None = None
    """Send the whole answer (status line, headers, body) at this many bytes per second."""
    sticky: bool = False
    """Apply to every request until cleared, not just the next one."""

    def __post_init__(self) -> None:
        if self.status is not None and not 100 <= self.status <= 599:
            raise ValueError(f"status must be 100..599, not {self.status}")
        if self.delay < 0:
            raise ValueError("delay must not be negative")
        if self.drip is not None and self.drip <= 0:
            raise ValueError("drip must be a positive number of bytes per second")
        if self.body_size is not None and self.body_size < 16:
            raise ValueError("body_size must be at least 16 bytes")

    @property
    def replaces_answer(self) -> bool:
        """Whether the spec's answer is skipped (validation included)."""
        return self.drop or self.status is not None or self.body_size is not None

    @classmethod
    def non_json(cls, status: int = 201, content_type: str = "text/html; charset=utf-8") -> Fault:
        """A success status whose body is not JSON (a proxy's HTML page, say)."""
        return cls(status=status, body="<html><body>Created</body></html>", content_type=content_type)

    @classmethod
    def huge(cls, size: int = _HUGE_DEFAULT, status: int = 201) -> Fault:
        """A valid JSON body of `size` bytes."""
        return cls(status=status, body_size=size)

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> Fault:
        """A redirect to `location` (a vendor API should never send one to a POST)."""
        return cls(status=status, body="", headers={"Location": location})

    def payload(self, default: bytes) -> bytes:
        """The body to send with `status`; `default` is the spec's body for it."""
        if self.body_size is not None:
            filler = self.body_size - len(b'{"padding":""}')
            return b'{"padding":"' + b"x" * filler + b'"}'
        if self.body is None:
            return default
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return json.dumps(self.body).encode("utf-8")

    def to_json(self) -> dict[str, Any]:
        """The fault as JSON data (bytes bodies as `body_base64`), for the control endpoint."""
        data: dict[str, Any] = {
            item.name: getattr(self, item.name)
            for item in dataclasses.fields(self)
            if item.name != "headers" and getattr(self, item.name) != item.default
        }
        if self.headers:
            data["headers"] = dict(self.headers)
        if isinstance(self.body, bytes):
            del data["body"]
            data["body_base64"] = base64.b64encode(self.body).decode("ascii")
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Fault:
        """A fault from JSON data; ValueError or TypeError names what is wrong."""
        if not isinstance(data, Mapping):
            raise TypeError("a fault is a JSON object")
        known = {item.name for item in dataclasses.fields(cls)} | {"body_base64"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown fault field(s): {', '.join(unknown)}")
        fields = dict(data)
        if "body_base64" in fields:
            fields["body"] = base64.b64decode(fields.pop("body_base64"), validate=True)
        fields["headers"] = {str(key): str(value) for key, value in fields.get("headers", {}).items()}
        for name, kinds in _TYPES.items():
            if name in fields and fields[name] is not None and not isinstance(fields[name], kinds):
                raise TypeError(f"fault field {name} has the wrong type")
        return cls(**fields)


_TYPES: dict[str, type | tuple[type, ...]] = {
    "status": int,
    "body": (str, bytes, dict, list),
    "content_type": str,
    "body_size": int,
    "delay": (int, float),
    "drop": bool,
    "drip": (int, float),
    "sticky": bool,
}
