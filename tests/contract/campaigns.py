"""Hypothesis strategies for vendor-neutral campaigns, as JSON the gateway accepts.

`campaigns(slug)` draws campaigns that vendor can take, written from docs/mapping.md and the
capability notes (not from the adapters' code): only the fields it supports, within its limits.
`any_campaigns(slug)` draws any campaign that passes the gateway's own checks, whatever the
vendor supports. `UNSUPPORTED[slug]` lists what the vendor cannot take, each with the field the
422 must name.

`accepted(data)` is the route's own front door: the served spec's schema with the gateway's
validator, then the rules beyond it (`check_campaign`); what it returns is what an adapter gets.
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import phonenumbers
from hypothesis import strategies as st

from gateway.app import SERVED_SPEC
from gateway.campaign import CampaignRequest, check_campaign
from gateway.validation import FORMAT_CHECKER, GatewayValidator, schema_errors

__all__ = ["CANONICAL", "FULL_WIDTH", "NOW", "UNSUPPORTED", "accepted", "any_campaigns", "campaigns", "with_field"]

# The adapters' clock in these tests (Volubile's default start date, Smallest's "future").
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
Json = dict[str, Any]


@cache
def _valid_phones() -> tuple[str, ...]:
    """Valid numbers of every region in E.164 (the only shape the gateway takes)."""
    found = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE):
            number = phonenumbers.example_number_for_type(region, kind)
            if number is not None and phonenumbers.is_valid_number(number):
                found.append(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    return tuple(sorted(set(found)))


@cache
def _zones() -> tuple[str, ...]:
    return tuple(sorted(zone for zone in available_timezones() if len(zone) <= 64))


# The gateway refuses C0 control characters and DEL in names, ids and senders (a message may
# keep tab, CR and LF); any other character is fair game.
_CONTROLS = "".join(map(chr, [*range(0x20), 0x7F]))
_CHARACTERS = st.characters(codec="utf-8", exclude_characters=_CONTROLS)
TEXT = st.text(_CHARACTERS, min_size=1, max_size=24)
NAMES = st.text(_CHARACTERS, min_size=1, max_size=40)
PERSON_NAMES = st.text(_CHARACTERS, max_size=40)
# E.164, sometimes with full-width digits, which the gateway reads as ASCII ones.
FULL_WIDTH = str.maketrans("0123456789", "".join(chr(0xFF10 + digit) for digit in range(10)))
PHONES = st.sampled_from(_valid_phones()).flatmap(lambda phone: st.sampled_from([phone, phone.translate(FULL_WIDTH)]))
ZONES = st.sampled_from(_zones())
# RFC 3339 offsets are whole minutes; these cover every offset in use (-12:00 .. +14:00).
OFFSETS = st.integers(-48, 56).map(lambda quarters: timezone(timedelta(minutes=15 * quarters)))
INSTANTS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=OFFSETS)
# Every vendor is refused a start more than a minute before NOW (check_campaign); Smallest any
# start not after NOW (its adapter).
START_AT = INSTANTS.filter(lambda instant: instant >= NOW - timedelta(minutes=1)).map(datetime.isoformat)
FUTURE_START_AT = INSTANTS.filter(lambda instant: instant > NOW + timedelta(minutes=1)).map(datetime.isoformat)
LAST_MINUTE = st.integers(0, 60).map(lambda seconds: (NOW - timedelta(seconds=seconds)).isoformat())
LOCAL_TIMES = st.builds(lambda hour, minute: f"{hour:02d}:{minute:02d}", st.integers(0, 23), st.integers(0, 59))
WINDOWS = st.tuples(LOCAL_TIMES, LOCAL_TIMES).filter(lambda pair: pair[0] < pair[1])
WINDOW = WINDOWS.map(lambda pair: {"start": pair[0], "end": pair[1]})
DAYS = st.lists(st.sampled_from(WEEKDAYS), unique=True)
HTTPS_URLS = st.builds(
    lambda host, path: f"https://{host}/{path}",
    st.sampled_from(["example.com", "cdn.example.org", "media.example.net:8443"]),
    st.text(alphabet=string.ascii_letters + string.digits + "-._~/", max_size=30),
)
PLACEHOLDERS = st.sampled_from(["{{first_name}}", "{{last_name}}", "{{order}}", "{{ first_name }}"])
MESSAGES = (
    st.lists(
        st.one_of(st.text(st.one_of(_CHARACTERS, st.sampled_from("\t\r\n")), max_size=20), PLACEHOLDERS), max_size=6
    )
    .map("".join)
    .filter(bool)
)
VARIABLE_VALUES = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=30),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)
# Any string of digits: ASCII, other scripts' digits and digit-like characters (superscripts).
DIGIT_LIKE = st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=8)


def _recipient(*, names: bool, variables: bool) -> st.SearchStrategy[Json]:
    optional: dict[str, st.SearchStrategy[Any]] = {}
    if names:
        optional |= {"first_name": PERSON_NAMES, "last_name": PERSON_NAMES}
    if variables:
        optional["variables"] = st.dictionaries(TEXT, VARIABLE_VALUES, max_size=4)
    return st.fixed_dictionaries({"phone": PHONES}, optional=optional)


def _schedule(start_at: st.SearchStrategy[str] = START_AT, **optional: st.SearchStrategy[Any]) -> Any:
    return st.fixed_dictionaries({}, optional={"start_at": start_at, "timezone": ZONES, **optional})


def _campaign(slug: str, required: dict[str, Any], optional: dict[str, Any]) -> st.SearchStrategy[Json]:
    return st.fixed_dictionaries({"vendor": st.just(slug), "name": NAMES, **required}, optional=optional)


def _volubile_schedule_fits(campaign: Json) -> bool:
    """No window crosses midnight once converted to UTC on the start date (docs/mapping.md)."""
    schedule = campaign.get("schedule", {})
    zone = ZoneInfo(schedule.get("timezone", "UTC"))
    start_at = datetime.fromisoformat(schedule["start_at"]) if "start_at" in schedule else NOW
    day = start_at.astimezone(zone).date()
    return all(_same_utc_day(day, zone, window) for window in schedule.get("windows", []))


def _same_utc_day(day: date, zone: ZoneInfo, window: Json) -> bool:
    start, end = (
        datetime.combine(day, time.fromisoformat(window[key]), zone).astimezone(UTC).date() for key in ("start", "end")
    )
    return start == end


_VOLUBILE_RETRY = st.one_of(
    st.fixed_dictionaries(
        {"max_retries": st.integers(1, 3), "on": st.lists(TEXT, min_size=1, max_size=3)},
        optional={"delay_minutes": st.integers(1, 72).map(lambda hours: hours * 60)},
    ),
    st.fixed_dictionaries(
        {}, optional={"max_retries": st.just(0), "delay_minutes": st.integers(1, 72).map(lambda hours: hours * 60)}
    ),
)

_VALID: dict[str, Callable[[], st.SearchStrategy[Json]]] = {
    "clerk": lambda: _campaign(
        "clerk",
        {"sender": st.one_of(PHONES, TEXT), "message": st.one_of(MESSAGES, TEXT), "audience": TEXT},
        {
            "channel": st.sampled_from(["sms", "whatsapp", "rcs"]),
            "media_urls": st.lists(HTTPS_URLS, max_size=3),
            "schedule": _schedule(),
        },
    ),
    "volubile": lambda: _campaign(
        "volubile",
        {
            "agent_id": st.uuids().map(str),
            "recipients": st.lists(_recipient(names=True, variables=True), min_size=1, max_size=4),
        },
        {
            "channel": st.just("voice"),
            "schedule": _schedule(windows=st.lists(WINDOW, max_size=2), days=DAYS, daily_limit=st.integers(1, 1000)),
            "retry": _VOLUBILE_RETRY,
        },
    ).filter(_volubile_schedule_fits),
    "voiceable": lambda: _campaign(
        "voiceable",
        {
            "sender": st.integers(0, 10**12).map(str),
            "agent_id": TEXT,
            "recipients": st.lists(_recipient(names=False, variables=False), min_size=1, max_size=4),
        },
        {"channel": st.just("voice"), "schedule": _schedule()},
    ),
    "tetherai": lambda: _campaign(
        "tetherai",
        {"message": MESSAGES},
        {
            "channel": st.just("sms"),
            "recipients": st.lists(_recipient(names=True, variables=False), min_size=1, max_size=4),
            "schedule": _schedule(),
            "options": st.fixed_dictionaries(
                {}, optional={"isAutopilot": st.booleans(), "process": TEXT, "userIds": st.lists(TEXT, max_size=2)}
            ),
        },
    ),
    "smallest": lambda: _campaign(
        "smallest",
        {"agent_id": TEXT, "audience": TEXT},
        {
            "channel": st.just("voice"),
            "sender": TEXT,
            "schedule": _schedule(FUTURE_START_AT),
            "retry": st.fixed_dictionaries(
                {}, optional={"max_retries": st.integers(0, 100), "delay_minutes": st.integers(0, 10**6)}
            ),
            "options": st.fixed_dictionaries({}, optional={"description": PERSON_NAMES}),
        },
    ),
}


def campaigns(slug: str) -> st.SearchStrategy[Json]:
    """Campaigns `slug` can take (docs/mapping.md), as JSON the gateway accepts."""
    return _VALID[slug]()


def any_campaigns(slug: str, option_names: list[str]) -> st.SearchStrategy[Json]:
    """Any campaign for `slug` the gateway accepts, whatever the vendor supports.

    Half are drawn field by field from everything the gateway takes; half are a campaign the
    vendor can take with one field set to any such value, which reaches the adapter's later
    checks instead of stopping at its first refusal. `options` only use the vendor's own field
    names (`option_names`, from its spec), with values of any type: a name the vendor does not
    define is the client's business, not this check's.
    """
    fields = _any_fields(option_names)
    anything = _campaign(slug, {}, fields)
    one_changed = st.tuples(campaigns(slug), st.sampled_from(sorted(fields))).flatmap(
        lambda pair: fields[pair[1]].map(lambda value: {**pair[0], pair[1]: value})
    )
    return st.one_of(anything, one_changed)


def _any_fields(option_names: list[str]) -> dict[str, st.SearchStrategy[Any]]:
    return {
        "channel": st.sampled_from(["sms", "whatsapp", "rcs", "voice"]),
        "sender": st.one_of(PHONES, DIGIT_LIKE, TEXT),
        "message": MESSAGES,
        "media_urls": st.lists(HTTPS_URLS, max_size=2),
        "agent_id": st.one_of(st.uuids().map(str), TEXT),
        "recipients": st.lists(_recipient(names=True, variables=True), min_size=1, max_size=3),
        "audience": TEXT,
        "schedule": _schedule(windows=st.lists(WINDOW, max_size=3), days=DAYS, daily_limit=st.integers(1, 2000)),
        "retry": st.fixed_dictionaries(
            {},
            optional={
                "max_retries": st.integers(0, 100),
                "delay_minutes": st.integers(0, 10**4),
                "on": st.lists(TEXT, max_size=2),
            },
        ),
        "options": st.dictionaries(
            st.sampled_from(option_names),
            st.one_of(TEXT, st.integers(), st.booleans(), st.lists(TEXT, max_size=2), st.none()),
            max_size=3,
        ),
    }


def with_field(campaign: Json, path: str, value: Any) -> Json:
    """A copy of `campaign` with `value` at the dotted `path` (`schedule.windows`)."""
    copy = json.loads(json.dumps(campaign))
    *parents, last = path.split(".")
    node = copy
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
    return copy


# What each vendor cannot take (docs/mapping.md): (path to set, values, a pattern of the field the 422 names).
# A null option is among them everywhere: no vendor's request schema is nullable.
UNSUPPORTED: dict[str, list[tuple[str, st.SearchStrategy[Any], str]]] = {
    "clerk": [
        ("options", st.just({"provider": None}), r"options\.provider"),
        ("recipients", st.lists(_recipient(names=False, variables=False), min_size=1, max_size=2), "recipients"),
        ("agent_id", TEXT, "agent_id"),
        ("retry", st.fixed_dictionaries({"max_retries": st.integers(0, 3)}), "retry"),
        ("schedule.windows", st.lists(WINDOW, min_size=1, max_size=2), "schedule.windows"),
        ("schedule.days", st.lists(st.sampled_from(WEEKDAYS), min_size=1, unique=True), "schedule.days"),
        ("schedule.daily_limit", st.integers(1, 1000), "schedule.daily_limit"),
        ("channel", st.just("voice"), "channel"),
    ],
    "volubile": [
        ("options", st.just({"retry": {"max": None, "retryOn": ["NO_ANSWER"]}}), r"options\.retry"),
        ("audience", TEXT, "audience"),
        ("sender", PHONES, "sender"),
        ("message", MESSAGES, "message"),
        ("media_urls", st.lists(HTTPS_URLS, min_size=1, max_size=2), "media_urls"),
        ("channel", st.sampled_from(["sms", "whatsapp", "rcs"]), "channel"),
        # More than two windows: too many time slots, unless one already crosses midnight in UTC.
        ("schedule.windows", st.lists(WINDOW, min_size=3, max_size=4), r"volubile:timeSlots|schedule\.windows"),
        ("schedule.daily_limit", st.integers(1001, 10**6), "volubile:batchSize"),
        ("retry", st.fixed_dictionaries({"max_retries": st.integers(4, 100), "on": st.just(["NO_ANSWER"])}), "retry"),
        ("retry", st.fixed_dictionaries({"max_retries": st.integers(1, 3)}), "retry.on"),
        (
            "retry",
            st.fixed_dictionaries(
                {"delay_minutes": st.integers(0, 10**4).filter(lambda minutes: minutes < 60 or minutes % 60)}
            ),
            "retry.delay_minutes",
        ),
        ("agent_id", TEXT.filter(lambda text: len(text) != 36), "volubile:agentId"),
    ],
    "voiceable": [
        ("options", st.just({"schedule_time": None}), r"options\.schedule_time"),
        (
            "recipients",
            st.lists(st.fixed_dictionaries({"phone": PHONES, "first_name": TEXT}), min_size=1),
            "recipients",
        ),
        (
            "recipients",
            st.lists(st.fixed_dictionaries({"phone": PHONES, "variables": st.just({"k": "v"})}), min_size=1),
            "recipients",
        ),
        ("audience", TEXT, "audience"),
        ("retry", st.fixed_dictionaries({"max_retries": st.integers(0, 3)}), "retry"),
        ("message", MESSAGES, "message"),
        ("media_urls", st.lists(HTTPS_URLS, min_size=1, max_size=2), "media_urls"),
        ("schedule.windows", st.lists(WINDOW, min_size=1, max_size=2), "schedule.windows"),
        ("schedule.days", st.lists(st.sampled_from(WEEKDAYS), min_size=1, unique=True), "schedule.days"),
        ("schedule.daily_limit", st.integers(1, 1000), "schedule.daily_limit"),
        ("sender", st.one_of(DIGIT_LIKE, TEXT).filter(lambda text: not (text.isascii() and text.isdigit())), "sender"),
        ("channel", st.sampled_from(["sms", "whatsapp", "rcs"]), "channel"),
    ],
    "tetherai": [
        ("options", st.just({"isAutopilot": None}), r"options\.isAutopilot"),
        (
            "recipients",
            st.lists(st.fixed_dictionaries({"phone": PHONES, "variables": st.just({"k": 1})}), min_size=1),
            "recipients",
        ),
        ("audience", TEXT, "audience"),
        ("sender", PHONES, "sender"),
        ("media_urls", st.lists(HTTPS_URLS, min_size=1, max_size=2), "media_urls"),
        ("retry", st.fixed_dictionaries({"max_retries": st.integers(0, 3)}), "retry"),
        ("agent_id", TEXT, "agent_id"),
        ("schedule.windows", st.lists(WINDOW, min_size=1, max_size=2), "schedule.windows"),
        ("schedule.days", st.lists(st.sampled_from(WEEKDAYS), min_size=1, unique=True), "schedule.days"),
        ("schedule.daily_limit", st.integers(1, 1000), "schedule.daily_limit"),
        ("channel", st.sampled_from(["whatsapp", "rcs", "voice"]), "channel"),
    ],
    "smallest": [
        ("options", st.just({"description": None}), r"options\.description"),
        ("recipients", st.lists(_recipient(names=False, variables=False), min_size=1, max_size=2), "recipients"),
        ("retry.on", st.lists(TEXT, min_size=1, max_size=2), "retry.on"),
        ("message", MESSAGES, "message"),
        ("media_urls", st.lists(HTTPS_URLS, min_size=1, max_size=2), "media_urls"),
        ("schedule.windows", st.lists(WINDOW, min_size=1, max_size=2), "schedule.windows"),
        ("schedule.days", st.lists(st.sampled_from(WEEKDAYS), min_size=1, unique=True), "schedule.days"),
        ("schedule.daily_limit", st.integers(1, 1000), "schedule.daily_limit"),
        (
            "schedule.start_at",
            LAST_MINUTE,
            "schedule.start_at",
        ),
        ("channel", st.sampled_from(["sms", "whatsapp", "rcs"]), "channel"),
    ],
}


# One campaign per vendor using most of what it can take: the outbound snapshots' subject.
CANONICAL: dict[str, Json] = {
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


@cache
def _campaign_validator() -> Any:
    spec = json.loads(SERVED_SPEC.read_text())
    schema = {"$ref": "#/components/schemas/CampaignRequest", "components": spec["components"]}
    return GatewayValidator(schema, format_checker=FORMAT_CHECKER)


def accepted(data: Json) -> CampaignRequest:
    """The campaign as the route hands it to an adapter; AssertionError if the route would refuse it."""
    errors = schema_errors(_campaign_validator(), data)
    assert not errors, f"not a campaign the gateway accepts: {errors}"
    campaign, errors = check_campaign(CampaignRequest.model_validate(data), now=NOW)
    assert not errors, f"breaks the gateway's rules: {errors}"
    return campaign
