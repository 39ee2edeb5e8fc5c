"""Faults a vendor stand-in can be told to commit, to test how the gateway copes.

A fault is one-shot (the next request to that vendor takes it) unless `sticky` (every request,
until cleared). Its parts combine: wait `delay` seconds, then drop the connection, or answer
with `status` (and `body`, `headers`) instead of the spec's answer, or answer as the spec says;
then `overrides` (and `echo_credential`) change fields of the answer's JSON body (see
`gateway.sandbox._tamper`); whatever is sent goes at `drip` bytes per second when set, and
stops after `cut_after` bytes when set (the connection is then closed).

Each failure a vendor can commit is one call:

    Fault.hang()                       # no answer before any sane deadline
    Fault(drip=20)                     # the answer at 20 bytes a second
    Fault.retry_later(503, 2)          # 503 (or 429) with Retry-After: 2
    Fault.server_error(500)            # the spec's error body for 500, or a short JSON one
    Fault.garbage(), Fault.html(502)   # a body that is not JSON; a proxy's HTML page
    Fault.drop_connection()            # read the request, close without a word
    Fault.close_mid_answer("body")     # the status line, headers, part of the body, then close
    Fault.success_with({"id|_id": "x" * 5000})   # the spec's success, some fields replaced
    Fault.overlong(), Fault.nul_bearing(), Fault.huge_count(), Fault.odd_instant()
    Fault.odd_content_type()           # the spec's success body under another content type
    Fault.echo(422)                    # the presented credential, in every escaped form
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
    content_type: str | None = None
    """The answer's content type; None: the spec's (application/json for a fault's own body)."""
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
    overrides: Mapping[str, Any] = field(default_factory=dict)
    """Fields of the answer's JSON body to replace: JSON pointer or `|`-separated name patterns."""
    echo_credential: bool = False
    """Echo the credential the request presented, in every escaped form, in the answer's body."""
    cut_after: int | None = None
    """Send only this many bytes of the answer (negative: all but that many), then close."""

    def __post_init__(self) -> None:
        if self.status is not None and not 100 <= self.status <= 599:
            raise ValueError(f"status must be 100..599, not {self.status}")
        if self.delay < 0:
            raise ValueError("delay must not be negative")
        if self.drip is not None and self.drip <= 0:
            raise ValueError("drip must be a positive number of bytes per second")
        if self.body_size is not None and self.body_size < 16:
            raise ValueError("body_size must be at least 16 bytes")
        if any(not isinstance(key, str) or not key for key in self.overrides):
            raise ValueError("override keys are JSON pointers or property name patterns")

    @property
    def replaces_answer(self) -> bool:
        """Whether the spec's answer is skipped (validation included)."""
        return self.drop or self.status is not None or self.body_size is not None

    @property
    def changes_answer(self) -> bool:
        """Whether the answer (the spec's or the fault's own) is changed after it is made."""
        return bool(self.overrides) or self.echo_credential or self.content_type is not None

    @classmethod
    def hang(cls, seconds: float = 3600.0) -> Fault:
        """Read the request, then answer nothing for `seconds` (closing the sandbox cuts it short)."""
        return cls(delay=seconds)

    @classmethod
    def retry_later(cls, status: int = 503, retry_after: float | str = 1) -> Fault:
        """A refusal that says when to come back (429 or 503 with Retry-After)."""
        return cls(status=status, headers={"Retry-After": str(retry_after)})

    @classmethod
    def server_error(cls, status: int = 500) -> Fault:
        """A 5xx with the spec's error body for it (or a short JSON one): the vendor may have acted."""
        if not 500 <= status <= 599:
            raise ValueError(f"a server error is 5xx, not {status}")
        return cls(status=status)

    @classmethod
    def garbage(cls, status: int = 201) -> Fault:
        """A body that claims to be JSON and is not even UTF-8 (a truncated, corrupted answer)."""
        return cls(status=status, body=_GARBAGE, content_type="application/json")

    @classmethod
    def html(cls, status: int = 502) -> Fault:
        """A proxy's HTML error page where the vendor's JSON should be."""
        page = f"<html><head><title>{status}</title></head><body><h1>{status}</h1><hr>nginx</body></html>"
        return cls(status=status, body=page, content_type="text/html")

    @classmethod
    def drop_connection(cls, delay: float = 0.0) -> Fault:
        """Read the request (the vendor may act on it), then close the connection without answering."""
        return cls(drop=True, delay=delay)

    @classmethod
    def close_mid_answer(cls, where: str = "body", status: int | None = None) -> Fault:
        """Start the answer, then close: `headers` cuts inside the headers, `body` inside the body.

        The body's Content-Length promises more than is sent; the spec's success is what starts.
        """
        cuts = {"headers": _CUT_IN_HEADERS, "body": _CUT_IN_BODY}
        if where not in cuts:
            raise ValueError(f"close mid-answer in the headers or the body, not {where!r}")
        return cls(status=status, cut_after=cuts[where])

    @classmethod
    def success_with(cls, overrides: Mapping[str, Any], *, content_type: str | None = None) -> Fault:
        """The spec's own success answer (request validated), with `overrides` applied to its body."""
        return cls(overrides=dict(overrides), content_type=content_type)

    @classmethod
    def overlong(cls, length: int = 10_000) -> Fault:
        """A success whose campaign id and status are `length` characters long."""
        return cls.success_with({ID_NAMES: "i" * length, STATUS_NAMES: "s" * length})

    @classmethod
    def nul_bearing(cls) -> Fault:
        """A success whose campaign id and status carry NUL bytes (PostgreSQL's text refuses them)."""
        return cls.success_with({ID_NAMES: "id\x00with\x00nul", STATUS_NAMES: "sent\x00"})

    @classmethod
    def huge_count(cls, value: int = 2**70) -> Fault:
        """A success whose counts are beyond 64 bits (and whose id is such a number)."""
        return cls.success_with({COUNT_NAMES: value, ID_NAMES: value})

    @classmethod
    def odd_instant(cls, value: str = "9999-12-31T23:59:59-23:59") -> Fault:
        """A success whose instants overflow on conversion to UTC (or are out of range)."""
        return cls.success_with({INSTANT_NAMES: value})

    @classmethod
    def odd_content_type(cls, content_type: str = "application/vnd.vendor+json; charset=latin-1") -> Fault:
        """The spec's success body, sent under another content type."""
        return cls.success_with({}, content_type=content_type)

    @classmethod
    def echo(cls, status: int | None = 422) -> Fault:
        """An answer (error, or the spec's success with None) echoing the presented credential.

        The echo (see `gateway.sandbox._tamper.credential_echo`) goes where the body has a
        message, error, detail, description or name field, else into a top-level `message`.
        """
        return cls(status=status, echo_credential=True)

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
            if item.name not in ("headers", "overrides") and getattr(self, item.name) != item.default
        }
        if self.headers:
            data["headers"] = dict(self.headers)
        if self.overrides:
            data["overrides"] = dict(self.overrides)
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
        if not isinstance(fields.get("overrides", {}), Mapping):
            raise TypeError("fault field overrides has the wrong type")
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
    "overrides": dict,
    "echo_credential": bool,
    "cut_after": int,
}

ID_NAMES = "id|_id|campaign_id|campaignId"
"""Name patterns of a campaign's id in vendors' answers."""
STATUS_NAMES = "status|state"
"""Name patterns of a campaign's status (voiceable's `status` object is left alone: not a scalar)."""
COUNT_NAMES = "*count*|*Count*|total*|size"
"""Name patterns of counts."""
INSTANT_NAMES = "*_at|*At|*_date|*Date|created|updated|timestamp|schedule*"
"""Name patterns of instants."""

_GARBAGE = b'{"id": "\xff\xfe\x00<truncated'
# 22 bytes is "HTTP/1.1 201 Created\r\n": 40 ends inside the Date header.
_CUT_IN_HEADERS = 40
_CUT_IN_BODY = -8
