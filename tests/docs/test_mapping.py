"""docs/mapping.md says what the code does: its examples and the rules of its tables go through the gateway.

Each ```json campaign``` block is sent with `?dry_run=true` and must answer the ```json dry-run```
block after it (headers aside). Each cell of "What each vendor does with each field" is checked
by sending a campaign the vendor takes with and without that field; each row of "Rules with
limits" by sending its example for real (it is refused before any vendor is called).
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from starlette.testclient import TestClient

from gateway.codegen.config import SERVED_SPEC

from .conftest import AUTH, DOCS, SLUGS

PAGE = (DOCS / "mapping.md").read_text()
Json = dict[str, Any]

# A campaign each vendor takes, with as little as it needs.
BASE: dict[str, Json] = {
    "clerk": {"name": "n", "sender": "+14155550100", "message": "Hi", "audience": "VIPs"},
    "volubile": {
        "name": "n",
        "agent_id": "3f0c8a52-7d1e-4f7b-9a53-0c2d5e8b6a10",
        "recipients": [{"phone": "+33612345678"}],
    },
    "voiceable": {"name": "n", "sender": "42", "agent_id": "agent-1", "recipients": [{"phone": "+14155550133"}]},
    "tetherai": {"name": "n", "message": "Hi"},
    "smallest": {"name": "n", "agent_id": "60d0fe4f5311236168a109ca", "audience": "60d0fe4f5311236168a109cb"},
}
# A value of each field of the matrix that differs from the bases' own.
SAMPLE: Json = {
    "name": "Another name",
    "sender": "+14155550199",
    "message": "Hello",
    "media_urls": ["https://example.com/a.png"],
    "agent_id": "0b6f2c1e-9a4d-4e3b-8c7a-1d2e3f4a5b6c",
    "recipients": [{"phone": "+14155550133"}],
    "recipients[].first_name": "Ada",
    "recipients[].last_name": "Lovelace",
    "recipients[].variables": {"plan": "gold"},
    "audience": "Others",
    "schedule.start_at": "2030-03-20T09:30:00+02:00",
    "schedule.timezone": "Europe/Paris",
    "schedule.windows": [{"start": "09:00", "end": "12:00"}],
    "schedule.days": ["monday"],
    "schedule.daily_limit": 100,
    "retry.max_retries": 0,
    "retry.delay_minutes": 60,
    "retry.on": ["NO_ANSWER"],
}


def _section(title: str) -> str:
    start = PAGE.index(f"\n## {title}\n")
    end = PAGE.find("\n## ", start + 1)
    return PAGE[start : end if end > 0 else None]


def _table(section: str) -> list[list[str]]:
    """The section's first table, header row first, as cells (without the separator row)."""
    lines = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[:1] + lines[2:]]


def _rows(section: str) -> list[list[str]]:
    return _table(section)[1:]


def _code(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def _examples() -> list[Any]:
    pairs = re.findall(r"```json campaign\n(.*?)```\n.*?```json dry-run\n(.*?)```", PAGE, re.DOTALL)
    examples = [(json.loads(campaign), json.loads(answer)) for campaign, answer in pairs]
    return [
        pytest.param(campaign, answer, id=f"{index}-{campaign['vendor']}")
        for index, (campaign, answer) in enumerate(examples)
    ]


def _matrix() -> list[Any]:
    header, *rows = _table(_section("What each vendor does with each field"))
    slugs = header[1:]
    assert slugs == SLUGS
    cells = [(_code(row[0])[0], slug, cell) for row in rows for slug, cell in zip(slugs, row[1:], strict=True)]
    return [pytest.param(field, slug, cell, id=f"{field}-{slug}") for field, slug, cell in cells]


def _limits() -> list[Any]:
    cases = []
    for vendor, _rule, example, answer in _rows(_section("Rules with limits")):
        status, field = answer.split(" ", 1)
        for slug in SLUGS if vendor == "every vendor" else [vendor]:
            change, named = json.loads(_code(example)[0]), _code(field)[0]
            cases.append(pytest.param(slug, change, int(status), named, id=f"{slug}-{named}"))
    return cases


def _merged(base: Json, change: Json) -> Json:
    merged = copy.deepcopy(base)
    for key, value in change.items():
        merged[key] = _merged(merged[key], value) if isinstance(value, dict) and key in merged else value
    return merged


def _dry_run(client: TestClient, slug: str, campaign: Json) -> tuple[int, Json]:
    """The dry run's status and answer, without the request's headers (a multipart boundary is random)."""
    response = client.post("/v1/campaigns", json={"vendor": slug, **campaign}, headers=AUTH, params={"dry_run": "true"})
    answer = response.json()
    if isinstance(answer.get("request"), dict):
        answer["request"].pop("headers")
    return response.status_code, answer


def _refused(status: int, answer: Json) -> set[str]:
    """The fields a dry run names: its violations, or the errors of a 4xx problem."""
    found = answer.get("violations") if status == 200 else answer.get("errors")
    return {re.sub(r"\[[^]]*\]", "", error["field"]) for error in found or []}


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for child in value.values() for key in _keys(child)}
    if isinstance(value, list):
        return {key for child in value for key in _keys(child)}
    return set()


def _with(campaign: Json, path: str, value: Any) -> Json:
    copied = copy.deepcopy(campaign)
    if path.startswith("recipients[]."):
        for recipient in copied.setdefault("recipients", copy.deepcopy(SAMPLE["recipients"])):
            recipient[path.partition(".")[2]] = value
    elif "." in path:
        parent, _, key = path.partition(".")
        copied.setdefault(parent, {})[key] = value
    else:
        copied[path] = value
    return copied


def _without(campaign: Json, path: str) -> Json:
    copied = copy.deepcopy(campaign)
    if path.startswith("recipients[]."):
        copied.setdefault("recipients", copy.deepcopy(SAMPLE["recipients"]))
    copied.pop(path, None)
    return copied


@pytest.mark.parametrize(("campaign", "expected"), _examples())
def test_each_example_is_what_the_gateway_would_send(
    gateway_client: TestClient, campaign: Json, expected: Json
) -> None:
    status, answer = _dry_run(gateway_client, campaign.pop("vendor"), campaign)
    assert status == 200, answer
    assert answer == expected


@pytest.mark.parametrize(("field", "slug", "cell"), _matrix())
def test_each_cell_of_the_matrix_holds(gateway_client: TestClient, field: str, slug: str, cell: str) -> None:
    base = BASE[slug]
    given = _dry_run(gateway_client, slug, _with(base, field, SAMPLE[field]))
    left_out = _dry_run(gateway_client, slug, _without(base, field))
    neutral = field.replace("[]", "")
    if cell == "refused":
        assert any(neutral.startswith(name) for name in _refused(*given)), given
        return
    if cell == "ignored":
        assert given == left_out
        return
    required = cell.startswith("**required**")
    sent_as, arrow = cell.removeprefix("**required**").strip(), "→ "
    assert sent_as.startswith(arrow), f"unknown cell {cell!r}"
    names = [name.rpartition(".")[2] for name in _code(sent_as.split("(")[0])]
    status, answer = _dry_run(gateway_client, slug, base) if required else given
    assert status == 200 and answer["would_send"], answer
    request = answer["request"]
    assert set(names) <= _keys(request["body"]) | set(request.get("files", {}))
    if required:
        assert neutral in _refused(*left_out), left_out
    else:
        assert given != left_out


@pytest.mark.parametrize(("slug", "change", "status", "field"), _limits())
def test_each_rule_with_a_limit_refuses_its_example(
    gateway_client: TestClient, slug: str, change: Json, status: int, field: str
) -> None:
    campaign = {"vendor": slug, **_merged(BASE[slug], change)}
    response = gateway_client.post("/v1/campaigns", json=campaign, headers=AUTH)
    assert response.status_code == status, response.text
    assert field in [error["field"] for error in response.json()["errors"]]


def _schema(name: str) -> Json:
    schema: Json = json.loads(SERVED_SPEC.read_text())["components"]["schemas"][name]
    return schema


def test_the_request_table_is_the_schema() -> None:
    rows = _rows(_section("The request"))
    assert [_code(row[0])[0] for row in rows] == list(_schema("CampaignRequest")["properties"])
    assert _code(rows[0][1]) == SLUGS


def test_the_answer_table_is_the_schema() -> None:
    section = _section("The answer")
    assert {_code(row[0])[0] for row in _rows(section)} == set(_schema("Campaign")["properties"])
    [statuses] = [line for line in section.splitlines() if line.startswith("`status` is one of")]
    assert _code(statuses)[1:] == _schema("CampaignStatus")["enum"]
