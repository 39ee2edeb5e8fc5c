"""What we send each vendor for one canonical campaign, as a reviewed snapshot (syrupy).

Any change in method, path, headers or body shows up as a diff of __snapshots__/ to review (and
`pytest tests/contract --snapshot-update` to accept). The credential's value, the User-Agent
(httpx's version), Content-Length and the multipart boundary (random) are left out; where the
credential goes is kept.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from syrupy.assertion import SnapshotAssertion

from .campaigns import CANONICAL, accepted
from .conftest import SLUGS
from .outbound import CREDENTIAL, adapter, sent
from .wire import form_parts

VOLATILE = {"content-length", "user-agent"}


def outbound(slug: str, request: httpx.Request) -> dict[str, Any]:
    """The request as data: credential, volatile headers and the multipart boundary left out."""
    credential_header = adapter(slug).auth.header.lower()
    headers = {}
    for name, value in sorted(request.headers.items()):
        if name in VOLATILE:
            continue
        if name == credential_header:
            value = value.replace(CREDENTIAL, "<credential>")
        if name == "content-type" and "boundary=" in value:
            value = value.split("boundary=")[0] + "boundary=<boundary>"
        headers[name] = value
    body: Any
    if request.headers["content-type"].startswith("multipart/form-data"):
        body = [
            {
                "name": part.name,
                "filename": part.filename,
                "content_type": part.content_type,
                "content": part.data.decode(),
            }
            for part in form_parts(request)
        ]
    else:
        body = json.loads(request.content)
    return {"method": request.method, "url": str(request.url), "headers": headers, "body": body}


@pytest.mark.parametrize("slug", SLUGS)
def test_outbound_request_of_the_canonical_campaign(slug: str, snapshot: SnapshotAssertion) -> None:
    request = sent(slug, accepted(CANONICAL[slug]))

    assert outbound(slug, request) == snapshot


def test_every_vendor_has_a_canonical_campaign() -> None:
    assert sorted(CANONICAL) == sorted(SLUGS)
