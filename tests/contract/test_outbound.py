"""Every request an adapter sends, checked against the vendor's own spec with openapi-core.

Hypothesis draws vendor-neutral campaigns (tests/contract/campaigns.py); each goes through the
route's front door (`accepted`), the adapter's payload and its real send path, and the request is
taken where it would reach the socket (`wire.capture`). Three properties, for every vendor:

- a campaign the vendor can take is sent, and the request breaks nothing in the vendor's spec;
- any campaign is either refused with Unprocessable (422) or sent as the spec says: never
  another error, never a malformed request;
- each thing the vendor cannot take is refused with a 422 naming the field.

A last test shows that the check bites: requests broken on purpose are caught.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gateway.errors import Unprocessable

from .campaigns import CANONICAL, UNSUPPORTED, accepted, any_campaigns, campaigns, with_field
from .conftest import SLUGS, create_operation
from .outbound import adapter, sent
from .wire import contract, form_parts

EXAMPLES = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _fields(slug: str, request: httpx.Request) -> dict[str, Any]:
    if slug == "voiceable":
        return {part.name: part.data.decode() for part in form_parts(request)}
    body: dict[str, Any] = json.loads(request.content)
    return body


def _phones_on_wire(slug: str, request: httpx.Request) -> list[str] | None:
    fields = _fields(slug, request)
    if slug == "volubile":
        return [recipient["phone"] for recipient in fields["recipients"]]
    if slug == "voiceable":
        rows = list(csv.reader(io.StringIO(fields["recipients_file"])))
        assert rows[0] == ["phone_number"]
        return [row[0] for row in rows[1:]]
    if slug == "tetherai":
        return [contact["phoneNumber"] for contact in fields.get("newContacts", [])] or None
    return None


@pytest.mark.parametrize("slug", SLUGS)
@EXAMPLES
@given(data=st.data())
def test_what_the_vendor_can_take_is_sent_as_its_spec_says(slug: str, data: st.DataObject) -> None:
    campaign = accepted(data.draw(campaigns(slug), label="campaign"))

    request = sent(slug, campaign)

    fields = _fields(slug, request)
    assert fields["name"] == campaign.name
    assert _phones_on_wire(slug, request) == ([r.phone for r in campaign.recipients] if campaign.recipients else None)


@pytest.mark.parametrize("slug", SLUGS)
@EXAMPLES
@given(data=st.data())
def test_any_campaign_is_refused_with_422_or_sent_as_the_spec_says(slug: str, data: st.DataObject) -> None:
    option_names = sorted(_request_schema(slug).get("properties", {}))
    campaign = accepted(data.draw(any_campaigns(slug, option_names), label="campaign"))
    try:
        sent(slug, campaign)
    except Unprocessable as refusal:
        event("refused with 422")
        assert refusal.status == 422
        assert refusal.vendor == slug
        assert refusal.errors, "a refusal names the fields it refuses"
    else:
        event("sent")


CANNOT_TAKE = [(slug, path, values, field) for slug, rows in UNSUPPORTED.items() for path, values, field in rows]


@pytest.mark.parametrize(
    ("slug", "path", "values", "field"),
    CANNOT_TAKE,
    ids=[f"{slug}-{path}-{field}" for slug, path, _, field in CANNOT_TAKE],
)
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_what_the_vendor_cannot_take_is_refused_with_422(
    slug: str, path: str, values: st.SearchStrategy[Any], field: str, data: st.DataObject
) -> None:
    base = data.draw(campaigns(slug), label="campaign")
    campaign = accepted(with_field(base, path, data.draw(values, label=path)))

    with pytest.raises(Unprocessable) as refused:
        adapter(slug).payload(campaign)

    assert refused.value.status == 422
    named = [error.field for error in refused.value.errors]
    assert any(re.search(field, name) for name in named), f"the 422 names {named}, not {field}"


def test_volubile_variables_arrive_as_their_json_text() -> None:
    """Volubile's context values are text: each variable goes as the JSON text the client sent."""
    variables = {"count": 12345678901234567890, "ratio": 0.1, "vip": True, "code": "5HZ99FRT"}
    campaign = accepted({**CANONICAL["volubile"], "recipients": [{"phone": "+33612345678", "variables": variables}]})

    context = json.loads(sent("volubile", campaign).content)["recipients"][0]["context"]

    assert context == {"count": "12345678901234567890", "ratio": "0.1", "vip": "true", "code": "5HZ99FRT"}


def test_every_vendor_has_campaigns_and_refusals() -> None:
    assert sorted(UNSUPPORTED) == sorted(SLUGS)
    for slug in SLUGS:
        campaigns(slug)


# --- the check bites --------------------------------------------------------------------------


def _with_json(request: httpx.Request, body: Any) -> httpx.Request:
    headers = {key: value for key, value in request.headers.items() if key != "content-length"}
    return httpx.Request(request.method, request.url, headers=headers, json=body)


def _without_header(request: httpx.Request, name: str) -> httpx.Request:
    headers = {key: value for key, value in request.headers.items() if key.lower() != name.lower()}
    return httpx.Request(request.method, request.url, headers=headers, content=request.content)


def _with_form(request: httpx.Request, **changes: Any) -> httpx.Request:
    """The multipart request again, with fields changed (None drops one; bytes make a file)."""
    fields: dict[str, Any] = {}
    files: dict[str, Any] = {}
    for part in form_parts(request):
        if part.filename is not None:
            files[part.name] = (part.filename, part.data, part.content_type)
        else:
            fields[part.name] = part.data.decode()
    for name, value in changes.items():
        fields.pop(name, None)
        files.pop(name, None)
        if isinstance(value, bytes):
            files[name] = (f"{name}.bin", value, "application/octet-stream")
        elif isinstance(value, tuple):
            files[name] = value
        elif value is not None:
            fields[name] = value
    headers = {
        key: value for key, value in request.headers.items() if key.lower() not in ("content-length", "content-type")
    }
    broken = httpx.Request(request.method, request.url, headers=headers, data=fields, files=files)
    broken.read()
    return broken


def _broken(slug: str, request: httpx.Request) -> dict[str, httpx.Request]:
    auth_header = adapter(slug).auth.header
    cases = {"no credential": _without_header(request, auth_header)}
    if slug == "voiceable":
        csv_file = next((p.filename, p.data, p.content_type) for p in form_parts(request) if p.filename)
        cases |= {
            "integer as text": _with_form(request, phone_number_id="one"),
            "boolean in Python's spelling": _with_form(request, send_immediately="False"),
            "schedule missing when not immediate": _with_form(request, schedule_date=None),
            "unknown part": _with_form(request, bogus="x"),
            "file sent as a field": _with_form(request, recipients_file=csv_file[1].decode()),
            "field sent as a file": _with_form(request, recipients_file=csv_file, name=b"c"),
            "file of the wrong type": _with_form(request, recipients_file=(csv_file[0], csv_file[1], "text/plain")),
            "bad date": _with_form(request, schedule_date="2030-02-30"),
        }
        return cases
    body = json.loads(request.content)
    for name in _request_schema(slug).get("required", []):
        cases[f"without {name}"] = _with_json(request, {k: v for k, v in body.items() if k != name})
    cases["unknown property"] = _with_json(request, {**body, "zzUnknown": 1})
    cases["wrong type"] = _with_json(request, {**body, "name": 42})
    return cases


@pytest.mark.parametrize("slug", SLUGS)
def test_the_check_catches_broken_requests(slug: str) -> None:
    request = sent(slug, accepted(CANONICAL[slug]))
    missed = [name for name, broken in _broken(slug, request).items() if not contract(slug).violations(broken)]
    assert missed == [], f"{slug}: the check let these through: {missed}"


def _request_schema(slug: str) -> dict[str, Any]:
    document = contract(slug).document
    operation = create_operation(document)[1]
    schema: dict[str, Any] = next(iter(operation["requestBody"]["content"].values()))["schema"]
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema
