"""The sandbox's parts without HTTP, its start-up and its logs."""

from __future__ import annotations

import concurrent.futures
import logging
import subprocess
import sys
from typing import Any

import httpx
import pytest
from jsonschema_path import SchemaPath

from gateway.sandbox import Sandbox, default_credential, parse_multipart, start_sandbox
from gateway.sandbox._checks import required_unless
from gateway.sandbox._openapi import cast_form
from gateway.sandbox._schemas import SchemaTools

DOCUMENT: dict[str, Any] = {
    "openapi": "3.0.3",
    "components": {
        "schemas": {
            "Window": {
                "type": "object",
                "x-required-unless": [{"allDay": True, "required": ["start", "end"]}],
                "properties": {"allDay": {"type": "boolean"}, "start": {"type": "string"}, "end": {"type": "string"}},
            },
            "Plan": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "integer", "format": "int32"},
                    "kind": {"type": "string", "enum": ["a", "b"]},
                    "when": {"type": "string", "format": "date-time"},
                    "note": {"type": "string", "nullable": True},
                    "windows": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/Window"}},
                    "ok": {"type": "boolean"},
                    "code": {"type": "integer"},
                },
            },
        }
    },
}
TOOLS = SchemaTools(DOCUMENT)
PLAN = {"$ref": "#/components/schemas/Plan"}


def test_samples_follow_refs_and_are_valid() -> None:
    sample = TOOLS.sample(PLAN, status=422)

    assert sample["kind"] == "a"
    assert sample["note"] is None
    assert sample["ok"] is False  # an error answer: a bare boolean reads as failure
    assert sample["code"] == 422
    assert len(sample["windows"]) == 1
    assert TOOLS.checker(PLAN)(sample)


def test_x_required_unless_is_applied_at_any_depth() -> None:
    value = {"id": 1, "windows": [{"allDay": True}, {"allDay": False, "start": "09:00"}, {"allDay": 1}]}

    found = [str(violation) for violation in required_unless(value, PLAN, TOOLS)]

    assert found == [
        "windows.1.end: is required unless allDay is true",
        # 1 is not true: a rule on a boolean is not met by a number.
        "windows.2.start: is required unless allDay is true",
        "windows.2.end: is required unless allDay is true",
    ]


def test_form_fields_are_cast_strictly() -> None:
    schema = SchemaPath.from_dict(DOCUMENT) / "components" / "schemas" / "Plan"
    cast = cast_form({"id": "7", "ok": "TRUE", "code": "1e3", "kind": "a", "extra": "x"}, schema)

    assert cast == {"id": 7, "ok": True, "code": "1e3", "kind": "a", "extra": "x"}
    assert cast_form({"id": " 7", "ok": "yes"}, schema) == {"id": " 7", "ok": "yes"}


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n", "multipart/form-data; boundary=b", "form-data"),
        (b"", "multipart/form-data", "no boundary"),
        (b"", "application/json", "not multipart"),
    ],
)
def test_malformed_multipart_is_refused(body: bytes, content_type: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_multipart(body, content_type)


def test_credentials_can_be_chosen_per_vendor(client: httpx.Client) -> None:
    with start_sandbox(credentials={"smallest": "s3cret-for-test"}) as other:
        url = other.base_url("smallest") + "/campaign"
        body = {"name": "n", "audienceId": "a", "agentId": "b"}

        refused = client.post(url, json=body, headers={"Authorization": f"Bearer {default_credential('smallest')}"})
        accepted = client.post(url, json=body, headers={"Authorization": "Bearer s3cret-for-test"})

    assert other.credential("smallest") == "s3cret-for-test"
    assert other.credential("clerk") == default_credential("clerk")
    assert (refused.status_code, accepted.status_code) == (401, 201)


def test_credentials_for_unknown_vendors_are_refused() -> None:
    with pytest.raises(ValueError, match="nobody"):
        Sandbox(credentials={"nobody": "x"})


def test_logs_never_show_a_credential(
    caplog: pytest.LogCaptureFixture, make_call: Any, client: httpx.Client, sandbox: Sandbox
) -> None:
    caplog.set_level(logging.DEBUG, logger="gateway.sandbox")
    for slug in sandbox.vendors:
        make_call(slug).send(client)
        make_call(slug, credential="wrong-key-in-logs").send(client)
    lines = sandbox.describe()

    assert len(lines) == len(sandbox.vendors)
    assert all(sandbox.base_url(slug) in line for slug, line in zip(sandbox.vendors, lines, strict=True))
    text = caplog.text + "\n".join(lines)
    assert "POST /smallest/atoms/v1/campaign -> 201" in caplog.text
    for slug in sandbox.vendors:
        assert sandbox.credential(slug) not in text
    assert "wrong-key-in-logs" not in text


def test_concurrent_requests_to_every_vendor(make_call: Any, sandbox: Sandbox, id_of: Any) -> None:
    calls = [make_call(slug) for slug in sandbox.vendors] * 6
    with httpx.Client(timeout=5) as http, concurrent.futures.ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(lambda call: (call.slug, call.send(http)), calls))

    assert {response.status_code for _, response in responses} == {201}
    ids = [(slug, id_of(slug, response.json())) for slug, response in responses]
    assert len(set(ids)) == len(ids)


def test_the_sandbox_knows_vendors_only_through_their_specs() -> None:
    script = (
        "import sys\n"
        "from gateway.sandbox import start_sandbox\n"
        "with start_sandbox() as sandbox:\n"
        "    pass\n"
        "leaked = sorted(name for name in sys.modules if name.startswith(('gateway.vendors', 'generated')))\n"
        "print(leaked)\n"
    )

    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=True)

    assert result.stdout.strip() == "[]"
