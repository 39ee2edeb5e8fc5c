"""The control endpoint, `/_sandbox/...`: drive a sandbox running in another process.

- `GET /_sandbox`: `{"vendors": {slug: {"base_url": ...}}}`
- `DELETE /_sandbox`: forget every request and fault; `DELETE /_sandbox/<slug>`: one vendor's
- `POST /_sandbox/<slug>/faults`: inject a fault (a JSON `Fault`, see `Fault.from_json`); 201
- `DELETE /_sandbox/<slug>/faults`: clear that vendor's faults
- `GET /_sandbox/<slug>/requests`: `{"requests": [RecordedRequest.to_json(), ...]}`
- `DELETE /_sandbox/<slug>/requests`: forget what that vendor received
- `POST /_sandbox/<slug>/requests/drain`: `{"requests": [...]}`, forgotten in the same step (a
  long run reads them as it goes; the sandbox keeps only the recent ones)
- `GET /_sandbox/<slug>/campaigns`: `{"campaigns": [state, ...]}` (see `Sandbox.campaign`)
- `GET /_sandbox/<slug>/campaigns/<id>`: one campaign's state; 404 when unknown
- `DELETE /_sandbox/<slug>/campaigns`: forget that vendor's campaigns
"""

from __future__ import annotations

import binascii
import json
from typing import Any, Protocol

from gateway.sandbox.faults import Fault
from gateway.sandbox.records import RecordedRequest
from gateway.sandbox.vendor import Reply

__all__ = ["CONTROL_PREFIX", "Controlled", "control"]

CONTROL_PREFIX = "_sandbox"


class Controlled(Protocol):
    """What the control endpoint drives (a `Sandbox`)."""

    @property
    def vendors(self) -> tuple[str, ...]:
        """The vendor slugs served."""
        ...

    def base_url(self, slug: str) -> str:
        """Where the vendor is served."""
        ...

    def requests(self, slug: str) -> list[RecordedRequest]:
        """What the vendor received."""
        ...

    def drain_requests(self, slug: str) -> list[RecordedRequest]:
        """What the vendor received, forgotten at once."""
        ...

    def inject(self, slug: str, fault: Fault) -> None:
        """Add a fault."""
        ...

    def clear_faults(self, slug: str | None = None) -> None:
        """Drop faults."""
        ...

    def clear_requests(self, slug: str | None = None) -> None:
        """Drop recorded requests."""
        ...

    def clear(self, slug: str | None = None) -> None:
        """Drop faults and recorded requests."""
        ...

    def campaign(self, slug: str, campaign_id: object) -> dict[str, Any] | None:
        """One campaign's state, None when unknown."""
        ...

    def campaigns(self, slug: str) -> list[dict[str, Any]]:
        """Every campaign's state."""
        ...

    def forget_campaigns(self, slug: str | None = None) -> None:
        """Drop campaigns."""
        ...


def control(sandbox: Controlled, method: str, path: str, body: bytes) -> Reply:
    """Answer one control request; `path` starts with `/_sandbox`."""
    segments = [segment for segment in path.split("/") if segment][1:]
    if not segments:
        if method == "GET":
            vendors = {slug: {"base_url": sandbox.base_url(slug)} for slug in sandbox.vendors}
            return _json(200, {"vendors": vendors})
        if method == "DELETE":
            sandbox.clear()
            return Reply(204, content_type=None)
        return _json(405, {"message": "use GET or DELETE"})
    slug, rest = segments[0], segments[1:]
    if slug not in sandbox.vendors:
        return _json(404, {"message": f"no vendor {slug!r}; known: {', '.join(sandbox.vendors)}"})
    match method, rest:
        case "DELETE", []:
            sandbox.clear(slug)
            return Reply(204, content_type=None)
        case "POST", ["faults"]:
            return _inject(sandbox, slug, body)
        case "DELETE", ["faults"]:
            sandbox.clear_faults(slug)
            return Reply(204, content_type=None)
        case "GET", ["requests"]:
            return _json(200, {"requests": [item.to_json() for item in sandbox.requests(slug)]})
        case "POST", ["requests", "drain"]:
            return _json(200, {"requests": [item.to_json() for item in sandbox.drain_requests(slug)]})
        case "DELETE", ["requests"]:
            sandbox.clear_requests(slug)
            return Reply(204, content_type=None)
        case "GET", ["campaigns"]:
            return _json(200, {"campaigns": sandbox.campaigns(slug)})
        case "GET", ["campaigns", campaign_id]:
            state = sandbox.campaign(slug, campaign_id)
            if state is None:
                return _json(404, {"message": f"no {slug} campaign {campaign_id!r}"})
            return _json(200, state)
        case "DELETE", ["campaigns"]:
            sandbox.forget_campaigns(slug)
            return Reply(204, content_type=None)
    return _json(404, {"message": f"no control operation {method} {path}"})


def _inject(sandbox: Controlled, slug: str, body: bytes) -> Reply:
    try:
        fault = Fault.from_json(json.loads(body or b"{}"))
    except (ValueError, TypeError, binascii.Error) as exc:
        return _json(400, {"message": f"not a fault: {exc}"})
    sandbox.inject(slug, fault)
    return _json(201, {"fault": fault.to_json()})


def _json(status: int, data: Any) -> Reply:
    return Reply(status, json.dumps(data).encode("utf-8"))
