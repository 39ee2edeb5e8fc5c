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

from .campaigns import FULL_WIDTH, accepted
from .conftest import SLUGS
from .outbound import CREDENTIAL, adapter, sent
from .wire import form_parts

VOLATILE = {"content-length", "user-agent"}

CANONICAL: dict[str, dict[str, Any]] = {
    "clerk": {
        "vendor": "clerk",
        "name": "Spring sale",
        "channel": "whatsapp",
        "sender": "+14155550100",
        "message": "Hi {{first_name}}, our spring sale starts today.",
        "media_urls": ["https://example.com/sale.jpg", "https://example.com/terms.pdf"],
        "audience": "PremiumTierSubscribers",
        "schedule": {"start_at": "2030-03-20T09:30:00+02:00"},
    },
    "volubile": {
        "vendor": "volubile",
        "name": "Renewal reminders",
        "agent_id": "3f0c8a52-7d1e-4f7b-9a53-0c2d5e8b6a10",
        "recipients": [
            {"phone": "+33612345678", "first_name": "Ada", "variables": {"orderNumber": "5HZ99FRT", "items": 3}},
            {"phone": "+33612345679", "last_name": "Lovelace", "variables": {"vip": True, "balance": 12.5}},
        ],
        "schedule": {
            "start_at": "2030-07-01T08:00:00+02:00",
            "timezone": "Europe/Paris",
            "windows": [{"start": "10:00", "end": "12:30"}, {"start": "14:00", "end": "18:00"}],
            "days": ["monday", "wednesday", "friday"],
            "daily_limit": 200,
        },
        "retry": {"max_retries": 2, "delay_minutes": 120, "on": ["NO_ANSWER", "BUSY"]},
    },
    "voiceable": {
        "vendor": "voiceable",
        "name": "Q1 product launch",
        "channel": "voice",
        "sender": "42",
        "agent_id": "agent-123",
        "recipients": [{"phone": "+14155550133"}, {"phone": "+14165550100".translate(FULL_WIDTH)}],
        "schedule": {"start_at": "2030-02-01T10:00:00+01:00"},
    },
    "tetherai": {
        "vendor": "tetherai",
        "name": "Q2 lead gen",
        "message": "Hi {{first_name}} {{last_name}}, are you still interested in {{product}}?",
        "recipients": [
            {"phone": "+14155550133", "first_name": "Jamie"},
            {"phone": "+14165550100", "first_name": "Sam", "last_name": "Patel"},
        ],
        "schedule": {"start_at": "2030-05-20T15:00:00Z"},
        "options": {"isAutopilot": False},
    },
    "smallest": {
        "vendor": "smallest",
        "name": "Appointment confirmations",
        "agent_id": "60d0fe4f5311236168a109ca",
        "audience": "60d0fe4f5311236168a109cb",
        "sender": "60d0fe4f5311236168a109cc",
        "schedule": {"start_at": "2030-01-15T09:00:00-05:00"},
        "retry": {"max_retries": 2, "delay_minutes": 30},
        "options": {"description": "Confirms next week's appointments"},
    },
}


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
