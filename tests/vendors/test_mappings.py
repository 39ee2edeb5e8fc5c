"""The pure mappings of docs/mapping.md, one row at a time, without HTTP."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from gateway.campaign import CampaignRequest
from gateway.errors import Unprocessable
from gateway.vendors import ADAPTERS, Adapter
from gateway.vendors._base import VendorReply

NOW = datetime(2030, 3, 1, 12, 0, tzinfo=UTC)
AGENT = "3f0c8a52-7d1e-4f7b-9a53-0c2d5e8b6a10"


def adapter(slug: str) -> Adapter:
    kwargs: dict[str, Any] = {"base_url": None, "credential": "secret", "timeout_s": 1.0, "max_in_flight": 1}
    if slug in ("volubile", "smallest"):
        kwargs["clock"] = lambda: NOW
    return ADAPTERS[slug](**kwargs)


def payload(slug: str, **fields: Any) -> Any:
    return adapter(slug).payload(CampaignRequest.model_validate({"vendor": slug, "name": "n", **fields}))


def refused(slug: str, **fields: Any) -> set[str]:
    with pytest.raises(Unprocessable) as caught:
        payload(slug, **fields)
    return {error.field for error in caught.value.errors}


CLERK = {"sender": "+14155550100", "message": "Hi", "audience": "VIPs"}


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, {"sender": "+14155550100", "body": "Hi", "listName": "VIPs", "mediaUrls": [], "name": "n"}),
        ({"channel": "whatsapp"}, {"provider": "whatsapp"}),
        ({"channel": "rcs"}, {"provider": "rcs"}),
        ({"channel": "sms", "options": {"provider": "twilio"}}, {"provider": "twilio"}),
        ({"media_urls": ["https://example.com/a.png"]}, {"mediaUrls": ["https://example.com/a.png"]}),
        ({"schedule": {"start_at": "2030-01-01T10:00:00+01:00"}}, {"timestamp": "2030-01-01T10:00:00+01:00"}),
        ({"message": "Hi {{first_name}}"}, {"body": "Hi {{first_name}}"}),
    ],
)
def test_clerk(extra: dict[str, Any], expected: dict[str, Any]) -> None:
    sent = payload("clerk", **{**CLERK, **extra})
    assert expected.items() <= sent.items()
    if extra.get("channel") in (None, "sms") and "options" not in extra:
        assert "provider" not in sent


def test_clerk_refusals() -> None:
    assert refused("clerk", **CLERK, recipients=[{"phone": "+14155550133"}]) == {"recipients"}
    assert refused("clerk", **CLERK, channel="voice") == {"channel"}
    assert refused("clerk", sender="+14155550100", message="Hi") == {"audience"}


VOLUBILE = {
    "agent_id": AGENT,
    "recipients": [
        {"phone": "+33612345678", "first_name": "Ada", "last_name": "L", "variables": {"n": 5, "ok": True, "s": "x"}}
    ],
}


def test_volubile_defaults() -> None:
    sent = payload("volubile", **VOLUBILE)
    assert sent["startDate"] == "2030-03-01"  # today in UTC, from the clock
    assert sent["timeSlots"] == [{"startTime": "10:00", "endTime": "13:00"}, {"startTime": "14:00", "endTime": "20:00"}]
    assert sent["days"] == ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]
    assert sent["batchSize"] == 1
    assert sent["timezone"] == "UTC"
    assert sent["recipients"] == [
        {"phone": "+33612345678", "context": {"firstName": "Ada", "lastName": "L", "n": "5", "ok": "true", "s": "x"}}
    ]
    assert "retry" not in sent


def test_volubile_schedule_and_retry() -> None:
    sent = payload(
        "volubile",
        **VOLUBILE,
        schedule={
            "start_at": "2030-01-10T23:30:00-05:00",
            "timezone": "America/New_York",
            "daily_limit": 40,
            "windows": [{"start": "09:00", "end": "12:00"}],
        },
        retry={"max_retries": 2, "delay_minutes": 120, "on": ["NO_ANSWER"]},
    )
    assert sent["startDate"] == "2030-01-10"  # the date in the campaign's time zone, not UTC's
    assert sent["timeSlots"] == [{"startTime": "14:00", "endTime": "17:00"}]  # EST is UTC-5 in January
    assert sent["batchSize"] == 40
    assert sent["retry"] == {"max": 2, "delay": 2, "retryOn": ["NO_ANSWER"]}


def test_volubile_refusals() -> None:
    assert refused("volubile", **VOLUBILE, audience="list") == {"audience"}
    assert refused("volubile", agent_id=AGENT) == {"recipients"}
    assert refused("volubile", **VOLUBILE, retry={"max_retries": 1, "delay_minutes": 30, "on": ["x"]}) == {
        "retry.delay_minutes"
    }
    assert "volubile:timeSlots" in refused(
        "volubile", **VOLUBILE, schedule={"windows": [{"start": f"0{i}:00", "end": f"0{i}:30"} for i in range(3)]}
    )
    assert refused("volubile", **VOLUBILE, channel="sms") == {"channel"}


def test_voiceable() -> None:
    campaign = {"sender": "7", "agent_id": "a1", "recipients": [{"phone": "+14155550133"}, {"phone": "+33612345678"}]}
    sent = payload("voiceable", **campaign)
    assert sent["phone_number_id"] == 7 and sent["send_immediately"] is True
    assert sent["recipients_file"] == ("recipients.csv", b"phone_number\n+14155550133\n+33612345678\n", "text/csv")
    scheduled = payload("voiceable", **campaign, schedule={"start_at": "2030-02-01T10:00:00+01:00"})
    assert (scheduled["send_immediately"], scheduled["schedule_date"], scheduled["schedule_time"]) == (
        False,
        "2030-02-01",
        "09:00:00",
    )
    assert refused("voiceable", **{**campaign, "sender": "+14155550100"}) == {"sender"}
    assert refused("voiceable", **campaign, retry={"max_retries": 1}, audience="x") == {"retry", "audience"}


def test_tetherai() -> None:
    sent = payload(
        "tetherai",
        message="Hi {{first_name}} {{last_name}}, {{first_name}}!",
        recipients=[{"phone": "+14155550133", "first_name": "Jamie"}],
        schedule={"start_at": "2030-05-20T15:00:00Z"},
    )
    assert sent == {
        "name": "n",
        "message": "Hi {{firstName}} {{lastName}}, {{firstName}}!",
        "type": "sms",
        "newContacts": [{"firstName": "Jamie", "phoneNumber": "+14155550133"}],
        "scheduleDate": "2030-05-20T15:00:00Z",
    }
    assert refused("tetherai", message="x", recipients=[{"phone": "+14155550133", "variables": {"a": "b"}}]) == {
        "recipients[*].variables"
    }
    assert refused("tetherai", message="x", sender="+14155550100") == {"sender"}


def test_smallest() -> None:
    base = {"agent_id": "ag", "audience": "au"}
    assert payload("smallest", **base) == {"name": "n", "agentId": "ag", "audienceId": "au"}  # no default leaks
    sent = payload(
        "smallest",
        **base,
        sender="pn1",
        schedule={"start_at": "2030-04-01T00:00:00Z"},
        retry={"max_retries": 0, "delay_minutes": 30},
    )
    assert sent["phoneNumberIds"] == ["pn1"] and sent["maxRetries"] == 0 and sent["retryDelay"] == 30
    assert sent["scheduledAt"] == "2030-04-01T00:00:00Z"
    assert refused("smallest", **base, schedule={"start_at": "2030-01-01T00:00:00Z"}) == {"schedule.start_at"}
    assert refused("smallest", **base, recipients=[{"phone": "+14155550133"}]) == {"recipients"}
    assert refused("smallest", agent_id="ag") == {"audience"}


@pytest.mark.parametrize(
    ("slug", "body", "status", "vendor_status"),
    [
        ("smallest", {"status": True, "data": {"_id": "c1", "status": "processing"}}, "starting", "processing"),
        ("volubile", {"id": "3f0c8a52-7d1e-4f7b-9a53-0c2d5e8b6a10", "status": "PAUSED"}, "paused", "PAUSED"),
        (
            "clerk",
            {
                "data": {
                    "id": 7,
                    "body": "b",
                    "teamId": "t",
                    "userId": "u",
                    "name": "n",
                    "inboxId": "i",
                    "status": "planned",
                    "created": "2030-01-01T00:00:00Z",
                    "updated": "2030-01-01T00:00:00Z",
                    "error": "",
                }
            },
            "scheduled",
            "planned",
        ),
        ("tetherai", {"success": True, "data": {"_id": "x", "status": "archived"}}, "unmapped", "archived"),
    ],
)
def test_vendor_status_words(slug: str, body: dict[str, Any], status: str, vendor_status: str) -> None:
    target = adapter(slug)
    response_model = {
        "smallest": "generated.smallest_client.models:CampaignsCreateACampaignResponse201",
        "volubile": "generated.volubile_client.models:CampaignResponse",
        "clerk": "generated.clerk_client.models:CampaignResponse",
        "tetherai": "generated.tetherai_client.models:CampaignCreatedResponse",
    }[slug]
    module, _, name = response_model.partition(":")
    parsed = getattr(__import__(module, fromlist=[name]), name).from_dict(body)
    receipt = target.from_vendor(parsed)
    assert (receipt.status, receipt.vendor_status) == (status, vendor_status)
    assert receipt.vendor_campaign_id


@pytest.mark.parametrize("slug", sorted(ADAPTERS))
@pytest.mark.parametrize("parsed", [None, {"status": "scheduled"}, "scheduled"])
def test_a_success_of_another_shape_reads_as_unmapped(slug: str, parsed: Any) -> None:
    # The vendor accepted the campaign (a 2xx): what it said cannot be read, not that it failed.
    reply = VendorReply(status=201, content=b"{}", content_type="application/json", retry_after=None, parsed=parsed)
    receipt = adapter(slug).read_receipt(reply)
    assert (receipt.status, receipt.vendor_campaign_id, receipt.vendor_status) == ("unmapped", None, None)
