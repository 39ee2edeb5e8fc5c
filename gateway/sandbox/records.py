"""What a vendor stand-in received, kept so tests can assert what the gateway sent."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gateway.sandbox.multipart import FormPart, parse_multipart

__all__ = ["RecordedRequest"]


@dataclass(frozen=True)
class RecordedRequest:
    """One request as it arrived: method, path, headers in order, raw body."""

    vendor: str
    method: str
    path: str
    """The path as sent, under the vendor's prefix (e.g. `/smallest/atoms/v1/campaign`)."""
    query: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    status: int | None = field(default=None, compare=False)
    """The status the sandbox answered with; None when it sent none (a dropped connection)."""

    def header(self, name: str) -> str | None:
        """The first header called `name` (any case), or None."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)

    def json(self) -> Any:
        """The body parsed as JSON (ValueError when it is not JSON)."""
        return json.loads(self.body)

    def form(self) -> list[FormPart]:
        """The parts of a multipart/form-data body, with their own headers."""
        return parse_multipart(self.body, self.header("Content-Type") or "")

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form, for the control endpoint (the body as base64, and as text)."""
        try:
            text: str | None = self.body.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        return {
            "vendor": self.vendor,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "headers": [list(pair) for pair in self.headers],
            "body_base64": base64.b64encode(self.body).decode("ascii"),
            "body_text": text,
            "status": self.status,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RecordedRequest:
        """The inverse of `to_json`."""
        return cls(
            vendor=str(data["vendor"]),
            method=str(data["method"]),
            path=str(data["path"]),
            query=str(data.get("query", "")),
            headers=tuple((str(key), str(value)) for key, value in data.get("headers", [])),
            body=base64.b64decode(data.get("body_base64", "")),
            status=data.get("status"),
        )
