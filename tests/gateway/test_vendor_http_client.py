"""The httpx client under the generated clients: orjson bodies, one send, nothing carried over."""

from __future__ import annotations

import httpx

from gateway.vendors._http import VendorHTTPClient


def _client(seen: list[httpx.Request], response: httpx.Response) -> VendorHTTPClient:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return response

    return VendorHTTPClient(base_url="http://vendor.test", transport=httpx.MockTransport(handle))


def test_json_bodies_are_compact_utf8_with_their_content_type() -> None:
    seen: list[httpx.Request] = []
    client = _client(seen, httpx.Response(201, json={"id": "c1"}))
    response = client.request("POST", "/v1/campaigns", json={"name": "Été", "n": 2**70})
    assert response.status_code == 201 and response.json() == {"id": "c1"}
    [request] = seen
    assert request.content == '{"name":"Été","n":1180591620717411303424}'.encode()
    assert request.headers["content-type"] == "application/json"
    assert str(request.url) == "http://vendor.test/v1/campaigns"


def test_a_vendor_cookie_is_not_sent_back() -> None:
    # One client serves every tenant: a cookie one call received must not ride on the next.
    seen: list[httpx.Request] = []
    client = _client(seen, httpx.Response(201, headers={"Set-Cookie": "session=tenant-a; Path=/"}))
    client.request("POST", "/v1/campaigns", json={})
    client.request("POST", "/v1/campaigns", json={})
    assert "cookie" not in seen[1].headers


def test_a_redirect_is_answered_not_followed() -> None:
    seen: list[httpx.Request] = []
    client = _client(seen, httpx.Response(307, headers={"Location": "http://elsewhere.test/v1/campaigns"}))
    response = client.request("POST", "/v1/campaigns", json={})
    assert response.status_code == 307 and len(seen) == 1
