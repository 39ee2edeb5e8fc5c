"""Every request example of the vendor docs, sent to the gateway's native route, reaches the vendor as sent.

The examples are the docs' own bodies (tests/fixtures/vendor_examples/, see its README): each is
posted to `/v1/vendors/<slug>/...` with the gateway key where the vendor's SDK would put its key,
must be accepted (the vendor's 2xx relayed), and must arrive at the sandbox vendor with the same
content and the gateway's vendor credential instead of the key. Voiceable's is multipart: the
form is built as its docs' curl example sends it (`-F name=value`, `-F recipients_file=@recipients.csv`).

Clerk and Volubile publish no whole-body example (their sources.toml says so); their body is the
one their spec's per-field `example`s make, as the docs page shows them.
"""

from __future__ import annotations

import json
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from gateway.sandbox.records import RecordedRequest
from gateway.sandbox.server import Sandbox

from .conftest import EXAMPLES, KEY, SLUGS, create_operation, key_headers, served_spec
from .wire import contract

# curl's own boundary style; curl sends text fields without a Content-Type and a file whose
# extension it does not know (.csv) as application/octet-stream.
CURL_BOUNDARY = "------------------------d74496d66958873e"


def native_path(slug: str) -> str:
    """The served path of the vendor's create operation."""
    path = f"/vendors/{slug}{create_operation(contract(slug).document)[0]}"
    assert "post" in served_spec()["paths"][path]
    return path


def _documented(slug: str) -> list[tuple[str, dict[str, Any], dict[str, str]]]:
    """(name, body, files by part name) of each whole-body request example of `slug`."""
    folder = EXAMPLES / slug
    sources = tomllib.loads((folder / "sources.toml").read_text())
    found = []
    for path in sorted(folder.glob("request-*.json")):
        files = sources.get(path.stem, {}).get("files", {})
        found.append((path.stem, json.loads(path.read_text()), files))
    return found


def _from_field_examples(slug: str) -> dict[str, Any]:
    """The body the spec's per-field examples make (fillers only where a required field has none)."""
    document = contract(slug).document

    def resolve(schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def build(schema: dict[str, Any], example: Any = None) -> Any:
        schema = resolve(schema)
        if example is not None or "example" in schema:
            return example if example is not None else schema["example"]
        if "enum" in schema:
            return schema["enum"][0]
        if schema.get("type") == "array":
            return [build(schema["items"])]
        if schema.get("type") == "object" or "properties" in schema:
            required = schema.get("required", [])
            return {
                name: build(prop, prop.get("example"))
                for name, prop in schema.get("properties", {}).items()
                if name in required or _has_example(resolve(prop), resolve)
            }
        return _FILLERS[(schema.get("type"), schema.get("format"))]

    operation = create_operation(document)[1]
    body: dict[str, Any] = build(operation["requestBody"]["content"]["application/json"]["schema"])
    return body


_FILLERS: dict[tuple[Any, Any], Any] = {
    ("string", None): "Example",
    ("string", "uuid"): "3f0c8a52-7d1e-4f7b-9a53-0c2d5e8b6a10",
    ("integer", "int32"): 1,
    ("integer", None): 1,
}


def _has_example(schema: dict[str, Any], resolve: Any) -> bool:
    if "example" in schema:
        return True
    if schema.get("type") == "array":
        return _has_example(resolve(schema["items"]), resolve)
    return any(_has_example(resolve(prop), resolve) for prop in schema.get("properties", {}).values())


JSON_EXAMPLES = [
    (slug, name, body)
    for slug in SLUGS
    if slug != "voiceable"
    for name, body, _ in (_documented(slug) or [("spec-field-examples", _from_field_examples(slug), {})])
]


def _same_data(sent: Any, received: Any) -> bool:
    """Equal as data; date-time strings as instants (RFC 3339 spells one instant several ways)."""
    if isinstance(sent, dict) and isinstance(received, dict):
        return sent.keys() == received.keys() and all(_same_data(sent[k], received[k]) for k in sent)
    if isinstance(sent, list) and isinstance(received, list):
        return len(sent) == len(received) and all(_same_data(a, b) for a, b in zip(sent, received, strict=True))
    if isinstance(sent, str) and isinstance(received, str) and sent != received:
        try:
            return datetime.fromisoformat(sent) == datetime.fromisoformat(received)
        except ValueError:
            return False
    return type(sent) is type(received) and sent == received


def _arrived(sandbox: Sandbox, slug: str) -> RecordedRequest:
    [request] = sandbox.requests(slug)
    assert request.header(next(iter(key_headers(native_path(slug))))) != KEY, "the gateway key reached the vendor"
    assert sandbox.credential(slug) in json.dumps(request.headers), "the vendor credential was not sent"
    return request


@pytest.mark.parametrize(("slug", "name", "body"), JSON_EXAMPLES, ids=[f"{s}-{n}" for s, n, _ in JSON_EXAMPLES])
def test_json_example_is_accepted_and_reaches_the_vendor_unchanged(
    client: TestClient, fresh_sandbox: Sandbox, slug: str, name: str, body: dict[str, Any]
) -> None:
    path = native_path(slug)
    response = client.post(f"/v1{path}", json=body, headers=key_headers(path))

    assert 200 <= response.status_code < 300, response.text
    received = _arrived(fresh_sandbox, slug)
    assert received.status == response.status_code
    assert _same_data(body, received.json()), f"sent {body}\nreceived {received.json()}"


def _curl_form(fields: dict[str, Any], files: dict[str, Path]) -> bytes:
    """The body `curl -F name=value ... -F part=@file` sends, field by field in that order."""
    chunks = []
    for name, value in fields.items():
        text = json.dumps(value) if isinstance(value, bool) else str(value)
        chunks.append(f'--{CURL_BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{text}\r\n'.encode())
    for name, path in files.items():
        head = (
            f'--{CURL_BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="{path.name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        chunks.append(head.encode() + path.read_bytes() + b"\r\n")
    return b"".join(chunks) + f"--{CURL_BOUNDARY}--\r\n".encode()


@pytest.mark.parametrize(("name", "fields", "files"), [pytest.param(*ex, id=ex[0]) for ex in _documented("voiceable")])
def test_voiceable_curl_example_is_accepted_and_reaches_the_vendor_unchanged(
    client: TestClient, fresh_sandbox: Sandbox, name: str, fields: dict[str, Any], files: dict[str, str]
) -> None:
    path = native_path("voiceable")
    documents = {part: EXAMPLES / "voiceable" / file for part, file in files.items()}
    headers = {**key_headers(path), "Content-Type": f"multipart/form-data; boundary={CURL_BOUNDARY}"}

    response = client.post(f"/v1{path}", content=_curl_form(fields, documents), headers=headers)

    assert response.status_code == 201, response.text
    received = {part.name: part for part in _arrived(fresh_sandbox, "voiceable").form()}
    assert sorted(received) == sorted([*fields, *files])
    for field, value in fields.items():
        assert received[field].filename is None
        assert received[field].text() == (json.dumps(value) if isinstance(value, bool) else str(value))
    for part, document in documents.items():
        assert received[part].filename == document.name
        assert received[part].data == document.read_bytes()
        assert received[part].content_type == "application/octet-stream"


def test_every_vendor_has_an_example() -> None:
    assert {slug for slug, _, _ in JSON_EXAMPLES} | {"voiceable"} == set(SLUGS)
    assert _documented("voiceable")
