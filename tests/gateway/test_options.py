"""`options` carries vendor fields under the vendor's own names; one the vendor has no field for is
refused, never dropped (the generated models ignore unknown keys)."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from gateway.sandbox.server import Sandbox

from .conftest import AUTH, examples


def _volubile(options: dict[str, Any]) -> dict[str, Any]:
    campaign = {**examples()["volubile"], "options": options}
    campaign.pop("retry", None)  # options.retry below would clash with a mapped retry
    return campaign


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"batchSise": 10}, "options.batchSise"),
        ({"retry": {"max": 2, "delay": 1}, "priority": "high"}, "options.priority"),
        ({"retry": {"max": 2, "delay": 1, "backoff": "exponential"}}, "options.retry.backoff"),
    ],
)
def test_an_unknown_option_is_refused_naming_it_and_the_allowed_ones(
    client: TestClient, sandbox: Sandbox, options: dict[str, Any], field: str
) -> None:
    response = client.post("/v1/campaigns", json=_volubile(options), headers=AUTH)
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert error["field"] == field
    allowed = "batchSize" if field.count(".") == 1 else "retryOn"  # the level's own fields
    assert allowed in error["message"]
    assert sandbox.requests("volubile") == []
    dry = client.post("/v1/campaigns", json=_volubile(options), headers=AUTH, params={"dry_run": "true"})
    assert dry.status_code == 200
    assert (dry.json()["would_send"], dry.json()["violations"]) == (False, [error])


def test_known_options_are_sent(client: TestClient, sandbox: Sandbox) -> None:
    response = client.post("/v1/campaigns", json=_volubile({"retry": {"max": 2, "delay": 1}}), headers=AUTH)
    assert response.status_code == 201, response.text
    [sent] = sandbox.requests("volubile")
    assert sent.json()["retry"] == {"max": 2, "delay": 1}
