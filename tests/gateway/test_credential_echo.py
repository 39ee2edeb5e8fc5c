"""A vendor that echoes the gateway's credential, in any encoding, never gets it past the gateway.

The sandbox answers with the credential written each way a vendor, a proxy or a library might
write it; the 422 detail, the relayed native body, the registry's row, the log and the metrics must
carry none of them. Whether a text carries the secret is judged by `leaks.carries`, which
decodes with the standard library only (not with the redactor under test).
"""

from __future__ import annotations

import base64
import html
import json
import logging
import re
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from gateway.sandbox.faults import Fault
from gateway.sandbox.server import Sandbox
from gateway.store.schema import campaigns

from .conftest import AUTH, examples
from .leaks import carries

# `/`, `+`, `=` and non-ASCII (an astral character among them: a surrogate pair in JSON).
ODD = "sk/Ab+cd=é✓…\U0001d11e-42"
# A secret that reads like JSON and URL escapes: decoding it would change it.
LOOKALIKE = "ab\\u0041cd\\/ef%2Fgh&amp;"
SECRETS = {"odd": ODD, "lookalike": LOOKALIKE}
VENDOR = "tetherai"
NATIVE_PATH = "/v1/vendors/tetherai/api/campaigns"
NATIVE_BODY = {
    "name": "Echo",
    "message": "Hi {{firstName}}",
    "newContacts": [{"firstName": "Jamie", "phoneNumber": "+14155550133"}],
    "isAutopilot": False,
    "type": "sms",
    "scheduleDate": "2030-05-20T15:00:00.000Z",
}


def _every_char_escaped(text: str) -> str:
    units = text.encode("utf-16-be")
    return "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))


def _upper_hex(json_text: str) -> str:
    return re.sub(r"\\u([0-9a-f]{4})", lambda m: "\\u" + m.group(1).upper(), json_text)


def _message(text: str, **dumps: Any) -> bytes:
    return json.dumps({"success": False, "message": text}, **dumps).encode()


def _basic(user: str, secret: str, *, urlsafe: bool = False) -> str:
    encode = base64.urlsafe_b64encode if urlsafe else base64.b64encode
    return "Basic " + encode(f"{user}:{secret}".encode()).decode()


# How the vendor writes its answer (TetherAI's error shape, so that both routes pass it on), given the secret.
ECHOES: dict[str, Callable[[str], bytes]] = {
    "json": lambda s: _message(f"invalid key {s}"),
    "json-utf8": lambda s: _message(f"invalid key {s}", ensure_ascii=False),
    "json-escaped-slash": lambda s: _message(f"invalid key {s}").replace(b"/", b"\\/"),
    "json-upper-hex": lambda s: _upper_hex(_message(f"key {s}").decode()).encode(),
    "json-every-char": lambda s: b'{"success": false, "message": "key ' + _every_char_escaped(s).encode() + b'"}',
    "json-in-json": lambda s: _message(json.dumps({"key": s})),
    "url-encoded": lambda s: _message("callback ?key=" + urllib.parse.quote(s, safe="")),
    "url-encoded-lower": lambda s: _message(
        "?key=" + re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), urllib.parse.quote(s, safe=""))
    ),
    "form-encoded": lambda s: _message(f"key={urllib.parse.quote_plus(s)}&x=1"),
    "basic-auth-0": lambda s: _message("sent " + _basic("", s)),
    "basic-auth-1": lambda s: _message("sent " + _basic("u", s)),
    "basic-auth-2": lambda s: _message("sent " + _basic("us", s)),
    "basic-auth-urlsafe": lambda s: _message("sent " + _basic("user", s, urlsafe=True)),
    "html-entities": lambda s: _message("<p>key " + "".join(f"&#x{ord(c):X};" for c in s) + "</p>"),
    "html-escaped": lambda s: _message(f"<p>key {html.escape(s)}</p>"),
    "python-bytes-repr": lambda s: _message(f"got {s.encode()!r}"),
}


@pytest.fixture
def echoing(client_with: Callable[..., TestClient], request: pytest.FixtureRequest) -> Iterator[tuple[TestClient, str]]:
    """A gateway whose tetherai credential is the odd secret (the sandbox takes a fault's answer as is)."""
    secret = SECRETS[request.param]
    yield client_with(**{f"GATEWAY_{VENDOR.upper()}_API_KEY": secret}), secret


def test_the_reading_finds_every_echo() -> None:
    # The judge must see each echo, or the tests below would pass without redaction.
    for secret in SECRETS.values():
        for name, echo in ECHOES.items():
            body = echo(secret)
            assert carries(body.decode("utf-8"), secret), name
    assert not carries("nothing [REDACTED] here", ODD)


@pytest.mark.parametrize("echoing", sorted(SECRETS), indirect=True)
@pytest.mark.parametrize("echo", sorted(ECHOES))
def test_an_echoed_credential_reaches_no_client_row_or_log(
    echoing: tuple[TestClient, str], sandbox: Sandbox, capfd: pytest.CaptureFixture[str], echo: str
) -> None:
    client, secret = echoing
    body = ECHOES[echo](secret)
    names = [f"echo {echo} {uuid.uuid4().hex}", f"native {echo} {uuid.uuid4().hex}"]
    capfd.readouterr()

    sandbox.inject(VENDOR, Fault(status=400, body=body))
    refused = client.post("/v1/campaigns", json={**examples()[VENDOR], "name": names[0]}, headers=AUTH)
    assert refused.status_code == 422, refused.text
    assert refused.json()["vendor_status"] == 400
    assert not carries(refused.text, secret)

    sandbox.inject(VENDOR, Fault(status=400, body=body))
    relayed = client.post(NATIVE_PATH, json={**NATIVE_BODY, "name": names[1]}, headers=AUTH)
    assert relayed.status_code == 400, relayed.text
    assert "[REDACTED]" in relayed.text  # the rest of the vendor's answer is relayed
    assert not carries(relayed.text, secret)

    # Through the app's own log handler: the message, and fields of any shape.
    fields = {"vendor_body": body.decode(), "nested": {"raw": [body], "pair": (body.decode(),)}}
    logging.getLogger("tests.echo").warning("the vendor said %s", body.decode(), extra={"fields": fields})
    logged = capfd.readouterr().err
    assert "the vendor said" in logged and "nested" in logged and not carries(logged, secret)
    assert not carries(client.get("/metrics").text, secret)

    with client.app.gateway.registry.engine.connect() as connection:  # type: ignore[attr-defined]
        rows = connection.execute(
            select(campaigns.c.name, campaigns.c.response_body, campaigns.c.vendor_response, campaigns.c.problem).where(
                campaigns.c.name.in_(names)
            )
        ).all()
    assert len(rows) == 2
    for row in rows:
        stored = [bytes(row.response_body or b"").decode("utf-8", "replace"), json.dumps(row.vendor_response)]
        stored.append(json.dumps(row.problem))
        assert "[REDACTED]" in "".join(stored), row.name
        for text in stored:
            assert not carries(text, secret), (row.name, text)


def _created(message: str, campaign_id: str = "665f1a0c0e0a4b001a2c9f10") -> dict[str, Any]:
    return {
        "success": True,
        "message": message,
        "data": {
            "_id": campaign_id,
            "name": "Q2 Lead Gen",
            "message": "Hi",
            "scheduleDate": "2030-05-20T15:00:00.000Z",
            "isAutopilot": False,
            "type": "sms",
            "status": "scheduled",
        },
    }


@pytest.mark.parametrize("echoing", ["odd"], indirect=True)
@pytest.mark.parametrize("where", ["message", "id"])
def test_an_acceptance_that_echoes_the_credential_is_relayed_and_stored_without_it(
    echoing: tuple[TestClient, str], sandbox: Sandbox, where: str
) -> None:
    client, secret = echoing
    echoed = _created(f"created with key {secret}") if where == "message" else _created("ok", campaign_id=secret)
    names = [f"accepted {uuid.uuid4().hex}", f"accepted native {uuid.uuid4().hex}"]

    sandbox.inject(VENDOR, Fault(status=201, body=echoed))
    created = client.post("/v1/campaigns", json={**examples()[VENDOR], "name": names[0]}, headers=AUTH)
    assert created.status_code == 201, created.text
    assert not carries(created.text, secret)

    sandbox.inject(VENDOR, Fault(status=201, body=echoed))
    relayed = client.post(NATIVE_PATH, json={**NATIVE_BODY, "name": names[1]}, headers=AUTH)
    assert relayed.status_code == 201, relayed.text
    assert "[REDACTED]" in relayed.text and not carries(relayed.text, secret)

    with client.app.gateway.registry.engine.connect() as connection:  # type: ignore[attr-defined]
        rows = connection.execute(select(campaigns).where(campaigns.c.name.in_(names))).all()
    assert len(rows) == 2
    for row in rows:
        assert row.dispatch == "accepted"
        stored = json.dumps({k: v for k, v in row._asdict().items() if k != "response_body"}, default=str)
        assert not carries(stored, secret) and not carries(bytes(row.response_body).decode(), secret), row.name


@pytest.mark.parametrize("echoing", ["odd", "lookalike"], indirect=True)
def test_a_credential_echoed_in_relayed_headers_is_hidden(echoing: tuple[TestClient, str], sandbox: Sandbox) -> None:
    client, secret = echoing
    quoted = urllib.parse.quote(secret, safe="")  # a header carries ASCII
    headers = {"Retry-After": f"key={quoted}"}
    sandbox.inject(
        VENDOR,
        Fault(status=400, body=_message("no"), content_type=f"application/json; echo={quoted}", headers=headers),
    )
    relayed = client.post(NATIVE_PATH, json={**NATIVE_BODY, "name": f"headers {uuid.uuid4().hex}"}, headers=AUTH)
    assert relayed.status_code == 400, relayed.text
    assert relayed.headers["content-type"].startswith("application/json")
    assert "[REDACTED]" in relayed.headers["retry-after"] + relayed.headers["content-type"]
    assert not carries(json.dumps(dict(relayed.headers)), secret)


@pytest.mark.parametrize("echo", ["json-every-char", "url-encoded", "basic-auth-1", "python-bytes-repr"])
def test_on_postgresql_the_stored_rows_carry_no_echo(
    postgres_url: str, client_with: Callable[..., TestClient], sandbox: Sandbox, echo: str
) -> None:  # the schema outlives the gateway: postgres_url is set up first, torn down last
    client = client_with(GATEWAY_DATABASE_URL=postgres_url, **{f"GATEWAY_{VENDOR.upper()}_API_KEY": ODD})
    body = ECHOES[echo](ODD)
    names = [f"pg {echo} {uuid.uuid4().hex}", f"pg native {echo} {uuid.uuid4().hex}"]
    sandbox.inject(VENDOR, Fault(status=400, body=body))
    assert client.post("/v1/campaigns", json={**examples()[VENDOR], "name": names[0]}, headers=AUTH).status_code == 422
    sandbox.inject(VENDOR, Fault(status=400, body=body))
    assert client.post(NATIVE_PATH, json={**NATIVE_BODY, "name": names[1]}, headers=AUTH).status_code == 400
    with client.app.gateway.registry.engine.connect() as connection:  # type: ignore[attr-defined]
        assert connection.dialect.name == "postgresql"
        rows = connection.execute(select(campaigns).where(campaigns.c.name.in_(names))).all()
    assert len(rows) == 2
    for row in rows:
        stored = json.dumps({k: v for k, v in row._asdict().items() if k != "response_body"}, default=str)
        body_text = bytes(row.response_body).decode()
        assert "[REDACTED]" in stored + body_text
        assert not carries(stored, ODD) and not carries(body_text, ODD), row.name
