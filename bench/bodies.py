"""Request bodies every peer receives, the invalid ones they must refuse, and canned answers.

The upstream's answers come from the vendor specs themselves (Voiceable's and TetherAI's
documented 201 examples); Volubile documents none, so its CampaignResponse is written here and
checked against the spec before any peer sees it.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

__all__ = [
    "AGENT_ID",
    "VENDOR_PATHS",
    "Invalid",
    "canned_responses",
    "invalid_native",
    "invalid_neutral",
    "neutral_tetherai",
    "neutral_voiceable",
    "neutral_volubile",
    "phone",
    "volubile_native",
]

ROOT = Path(__file__).resolve().parents[1]
VENDOR_SPECS = ROOT / "specs" / "vendors"
AGENT_ID = "3f0c8a52-7d1e-4f7b-9a53-0c2d5e8b6a10"
# The vendor path each canned answer is served on (the upstream routes by path).
VENDOR_PATHS = {"volubile": "/v1/campaigns", "voiceable": "/api/v1/campaigns", "tetherai": "/api/campaigns"}
START_AT = "2030-01-15T09:00:00+01:00"

_FIRST = ("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Dennis", "Frances", "Ken")
_LAST = ("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Ritchie", "Allen", "Thompson")


@dataclass(frozen=True)
class Invalid:
    """A body a validating peer must refuse, and why."""

    why: str
    body: bytes


def phone(index: int) -> str:
    """A distinct, valid French mobile number (+33 6 12 3x xx xx) for each index below 100,000."""
    return f"+336123{index:05d}"


def _variables(index: int) -> dict[str, str]:
    return {
        "orderNumber": f"5HZ{index:05d}FRT",
        "plan": "Premium annual, monthly",
        "renewal": "2030-02-01",
        "city": "Paris",
    }


def volubile_native(recipients: int = 50) -> dict[str, Any]:
    """Volubile's own CreateCampaignRequest (~9.9 KB with 50 recipients)."""
    return {
        "name": "Renewal reminders",
        "agentId": AGENT_ID,
        "startDate": "2030-01-15",
        "timeSlots": [{"startTime": "09:00", "endTime": "11:30"}],
        "batchSize": recipients,
        "days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
        "retry": {"max": 2, "delay": 1, "retryOn": ["NO_ANSWER", "BUSY"]},
        "timezone": "Europe/Paris",
        "recipients": [
            {
                "phone": phone(i),
                "context": {"firstName": _FIRST[i % 10], "lastName": _LAST[i % 10], **_variables(i)},
            }
            for i in range(recipients)
        ],
    }


def neutral_volubile(recipients: int = 50) -> dict[str, Any]:
    """The same campaign through POST /v1/campaigns."""
    return {
        "vendor": "volubile",
        "name": "Renewal reminders",
        "agent_id": AGENT_ID,
        "recipients": [
            {"phone": phone(i), "first_name": _FIRST[i % 10], "last_name": _LAST[i % 10], "variables": _variables(i)}
            for i in range(recipients)
        ],
        "schedule": {"start_at": START_AT, "timezone": "Europe/Paris", "windows": [{"start": "10:00", "end": "12:30"}]},
    }


def neutral_voiceable(recipients: int) -> dict[str, Any]:
    """A Voiceable campaign (sent as a one-column CSV) through POST /v1/campaigns."""
    return {
        "vendor": "voiceable",
        "name": "Q1 product launch",
        "sender": "1",
        "agent_id": "123",
        "recipients": [{"phone": phone(i)} for i in range(recipients)],
        "schedule": {"start_at": START_AT},
    }


def neutral_tetherai(recipients: int) -> dict[str, Any]:
    """A TetherAI campaign (JSON newContacts with names) through POST /v1/campaigns."""
    return {
        "vendor": "tetherai",
        "name": "Q2 lead gen",
        "message": "Hi {{first_name}}, are you still interested?",
        "recipients": [
            {"phone": phone(i), "first_name": _FIRST[i % 10], "last_name": _LAST[i % 10]} for i in range(recipients)
        ],
        "schedule": {"start_at": "2030-05-20T15:00:00Z"},
    }


def _mutate(base: dict[str, Any], path: str, value: Any) -> bytes:
    """`base` with `path` (dotted, list indexes as numbers) set to `value`, or removed if ...."""
    body = copy.deepcopy(base)
    *parents, last = path.split(".")
    node: Any = body
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    key: Any = int(last) if isinstance(node, list) else last
    if value is ...:
        del node[key]
    else:
        node[key] = value
    return json.dumps(body).encode()


def invalid_native() -> list[Invalid]:
    """Volubile bodies that break its spec: required, types, limits, enums, formats, nesting."""
    base = volubile_native()
    three_slots = [{"startTime": "09:00", "endTime": "10:00"}] * 3
    return [
        Invalid("agentId missing (required)", _mutate(base, "agentId", ...)),
        Invalid("agentId not a UUID (format uuid)", _mutate(base, "agentId", "not-a-uuid")),
        Invalid("startDate not a date (format date)", _mutate(base, "startDate", "2030-13-45")),
        Invalid("batchSize 0 (minimum 1)", _mutate(base, "batchSize", 0)),
        Invalid("batchSize as a string (type)", _mutate(base, "batchSize", "50")),
        Invalid("days FUNDAY (enum)", _mutate(base, "days", ["FUNDAY"])),
        Invalid("3 timeSlots (maxItems 2)", _mutate(base, "timeSlots", three_slots)),
        Invalid("timeSlot without endTime (nested required)", _mutate(base, "timeSlots.0.endTime", ...)),
        Invalid("recipients empty (minItems 1)", _mutate(base, "recipients", [])),
        Invalid("recipient without phone (nested required)", _mutate(base, "recipients.7.phone", ...)),
        Invalid("context value a number (additionalProperties type)", _mutate(base, "recipients.3.context.n", 5)),
        Invalid("retry.max 5 (maximum 3)", _mutate(base, "retry.max", 5)),
        Invalid("a JSON array, not an object", b"[]"),
        Invalid("malformed JSON", json.dumps(base).encode()[:-2]),
    ]


def invalid_neutral() -> list[Invalid]:
    """Vendor-neutral bodies the gateway must refuse (schema, phone, time zone, Volubile limits)."""
    base = neutral_volubile()
    windows = [
        {"start": "09:00", "end": "10:00"},
        {"start": "11:00", "end": "12:00"},
        {"start": "14:00", "end": "15:00"},
    ]
    return [
        Invalid("vendor missing (required)", _mutate(base, "vendor", ...)),
        Invalid("vendor acme (enum)", _mutate(base, "vendor", "acme")),
        Invalid("unknown field (additionalProperties false)", _mutate(base, "colour", "blue")),
        Invalid("name empty (minLength 1)", _mutate(base, "name", "")),
        Invalid("phone not a valid number (E.164 rule)", _mutate(base, "recipients.3.phone", "+3361234")),
        Invalid("start_at not a date-time (format)", _mutate(base, "schedule.start_at", "tomorrow")),
        Invalid("timezone unknown (IANA rule)", _mutate(base, "schedule.timezone", "Mars/Olympus")),
        Invalid("window ends before it starts", _mutate(base, "schedule.windows.0.end", "09:00")),
        Invalid("agent_id not a UUID (Volubile)", _mutate(base, "agent_id", "agent-7")),
        Invalid("3 windows (Volubile takes 2)", _mutate(base, "schedule.windows", windows)),
        Invalid("1,001 recipients (Volubile takes 1,000)", json.dumps(neutral_volubile(1001)).encode()),
        Invalid("malformed JSON", json.dumps(base).encode()[:-2]),
    ]


def _spec(slug: str) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load((VENDOR_SPECS / f"{slug}.yaml").read_text())
    return spec


def _documented_201(slug: str, path: str) -> Any:
    return _spec(slug)["paths"][path]["post"]["responses"]["201"]["content"]["application/json"]["example"]


def _volubile_201() -> dict[str, Any]:
    body = {
        "id": "9b2f7c1e-4d3a-4e8b-8f6a-2c1d0e9b7a65",
        "name": "Renewal reminders",
        "agentId": AGENT_ID,
        "startDate": "2030-01-15",
        "timeSlots": [{"startTime": "09:00", "endTime": "11:30"}],
        "batchSize": 50,
        "retry": {"max": 2, "delay": 1, "retryOn": ["NO_ANSWER", "BUSY"]},
        "days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
        "status": "ACTIVE",
        "timezone": "Europe/Paris",
    }
    spec = _spec("volubile")
    schema = {"$ref": "#/components/schemas/CampaignResponse", "components": spec["components"]}
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(body)
    return body


def canned_responses() -> dict[str, bytes]:
    """The upstream's 201 body for each vendor path."""
    bodies = {
        VENDOR_PATHS["volubile"]: _volubile_201(),
        VENDOR_PATHS["voiceable"]: _documented_201("voiceable", VENDOR_PATHS["voiceable"]),
        VENDOR_PATHS["tetherai"]: _documented_201("tetherai", VENDOR_PATHS["tetherai"]),
    }
    return {path: json.dumps(body, separators=(",", ":")).encode() for path, body in bodies.items()}
