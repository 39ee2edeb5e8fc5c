"""openapi-core's verdict on a request without a body is kept, keyed on all it reads."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from werkzeug.datastructures import Headers

from gateway.sandbox import Sandbox
from gateway.sandbox.vendor import VendorStandIn


class _Judged:
    """Counts the requests openapi-core validates for one vendor spec."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, stand_in: VendorStandIn) -> None:
        self.count = 0
        openapi = stand_in.spec.openapi
        judge = openapi.iter_request_errors

        def counted(request: Any) -> Iterator[Exception]:
            self.count += 1
            return judge(request)

        monkeypatch.setattr(openapi, "iter_request_errors", counted)


def _stand_in(sandbox: Sandbox, slug: str) -> VendorStandIn:
    stand_in = sandbox.stand_in(slug)
    assert stand_in is not None
    return stand_in


def _get(stand_in: VendorStandIn, path: str, headers: dict[str, str], query: str = "") -> int:
    return stand_in.handle("GET", path, query, Headers(headers), b"").status


def test_a_repeated_read_is_judged_once_whatever_headers_the_operation_does_not_read(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    volubile = _stand_in(sandbox, "volubile")
    judged = _Judged(monkeypatch, volubile)
    path = f"/v1/campaigns/{uuid.uuid4()}"
    key = {"X-Api-Key": sandbox.credential("volubile")}

    statuses = [_get(volubile, path, {**key, "X-Request-ID": str(uuid.uuid4())}) for _ in range(3)]

    assert statuses == [404, 404, 404]  # valid, but no such campaign
    assert judged.count == 1


def test_each_header_the_operation_reads_is_part_of_what_is_judged(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    volubile = _stand_in(sandbox, "volubile")
    judged = _Judged(monkeypatch, volubile)
    path = f"/v1/campaigns/{uuid.uuid4()}"
    credential = sandbox.credential("volubile")
    by_key, by_token = {"X-Api-Key": credential}, {"Authorization": f"Bearer {credential}"}

    for headers in (by_key, by_token, by_key, by_token):
        assert _get(volubile, path, headers) == 404

    assert judged.count == 2


def test_a_cached_verdict_never_crosses_to_another_query(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    smallest = _stand_in(sandbox, "smallest")
    judged = _Judged(monkeypatch, smallest)
    auth = {"Authorization": f"Bearer {sandbox.credential('smallest')}"}
    page = uuid.uuid4().int % 10**9 + 2  # a page no other test asked for

    answers = [
        smallest.handle("GET", "/atoms/v1/campaign", query, Headers(auth), b"")
        for query in (f"page={page}", f"page={page}x", f"page={page}", f"page={page}x")
    ]

    assert [answer.status for answer in answers] == [200, 400, 200, 400]
    assert "page" in answers[1].body.decode() and answers[1].body == answers[3].body
    assert judged.count == 2


def test_a_request_with_a_body_is_judged_every_time(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    volubile = _stand_in(sandbox, "volubile")
    judged = _Judged(monkeypatch, volubile)
    path = f"/v1/campaigns/{uuid.uuid4()}/status"
    headers = Headers({"X-Api-Key": sandbox.credential("volubile"), "Content-Type": "application/json"})

    for _ in range(2):
        volubile.handle("POST", path, "", headers, json.dumps("PAUSED").encode())

    assert judged.count == 2
