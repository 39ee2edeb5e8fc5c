"""Each adapter's webhook table: every documented event name, and what an unknown one becomes."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.events.model import EVENT_TYPES
from gateway.vendors import ADAPTERS
from gateway.vendors.clerk import HOOK_EVENTS as CLERK_EVENTS
from gateway.vendors.clerk import ClerkAdapter
from gateway.vendors.smallest import CALL_OUTCOMES, SmallestAdapter
from gateway.vendors.smallest import HOOK_EVENTS as SMALLEST_EVENTS
from gateway.vendors.volubile import HOOK_EVENTS as VOLUBILE_EVENTS
from gateway.vendors.volubile import VolubileAdapter

from ._hooks_support import smallest_post_conversation


def test_every_table_maps_to_event_types() -> None:
    for table in (SMALLEST_EVENTS, CALL_OUTCOMES, VOLUBILE_EVENTS, CLERK_EVENTS):
        assert set(table.values()) <= set(EVENT_TYPES)


def test_the_schemes_are_the_documented_ones() -> None:
    described = {slug: adapter.webhooks.describe() for slug, adapter in ADAPTERS.items()}
    assert described == {
        "smallest": "signed (X-Signature, HMAC-SHA256)",
        "volubile": "token only: signature not verified (scheme not documented)",
        "clerk": "static auth header (Authorization by default) when a secret is configured, else token only",
        "tetherai": "none: sync only",
        "voiceable": "none: sync only",
    }


# --- Smallest: pre-conversation, post-conversation, analytics-completed (its webhooks guide) ----


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("completed", "call.completed"),
        ("no-answer", "call.failed"),
        ("no_answer", "call.failed"),
        ("busy", "call.failed"),
        ("failed", "call.failed"),
        ("canceled", "call.failed"),
        ("cancelled", "call.failed"),
        ("something-new", "vendor.event"),
    ],
)
def test_smallest_post_conversation_by_call_status(status: str, expected: str) -> None:
    reading = SmallestAdapter.read_hook(smallest_post_conversation(status=status))
    [event] = reading.events
    assert reading.event_id == "69fd96118fd277fc807e4c23"
    assert event.type == expected and event.vendor_campaign_id is None
    assert event.data["vendor_call_id"] == "CALL-1778226705739-7e4c17"
    if expected != "vendor.event":
        assert event.data["duration_s"] == 49.350622 and event.data["outcome"] == status


def test_smallest_pre_conversation_and_analytics_are_vendor_events() -> None:
    pre = {
        "url": "https://example.com/webhook",
        "description": "d",
        "event": "agent.pre-conversation",
        "id": "d1",
        "metadata": {
            "agentId": "agent",
            "eventType": "pre-conversation",
            "conversationType": "telephonyOutbound",
            "toPhone": "+916296641821",
            "fromPhone": "+918035317096",
            "callId": "CALL-1",
        },
    }
    [event] = SmallestAdapter.read_hook(pre).events
    assert event.type == "vendor.event" and event.data["name"] == "pre-conversation"
    assert event.data["phone"] == "+916296641821" and event.data["vendor_payload"] == pre
    analytics = smallest_post_conversation()
    analytics["metadata"]["eventType"] = "analytics-completed"
    analytics["metadata"]["analytics"] = {"summary": "ok", "dispositionMetrics": [], "successMetrics": []}
    [event] = SmallestAdapter.read_hook(analytics).events
    assert event.type == "vendor.event" and event.data["name"] == "analytics-completed"


def test_smallest_event_name_from_the_envelope_when_metadata_lacks_it() -> None:
    body = {"id": "x", "event": "agent.post-conversation", "metadata": {"callData": {"callStatus": "completed"}}}
    assert SmallestAdapter.read_hook(body).events[0].type == "call.completed"


# --- Volubile: the call object, by status ------------------------------------------------------


@pytest.mark.parametrize(("status", "expected"), sorted(VOLUBILE_EVENTS.items()))
def test_volubile_call_statuses(status: str, expected: str) -> None:
    call = {"id": "c1", "phone": "+33612345678", "status": status, "duration": 42, "endTime": "2026-01-01T10:00:00Z"}
    reading = VolubileAdapter.read_hook(call)
    [event] = reading.events
    assert reading.event_id is None  # no event id: the body's hash dedupes
    assert event.type == expected
    assert event.data["phone"] == "+33612345678" and event.data["duration_s"] == 42
    assert event.data["outcome"] == status.lower() and event.data["vendor_call_id"] == "c1"
    assert event.occurred_at is not None and event.occurred_at.isoformat() == "2026-01-01T10:00:00+00:00"


def test_volubile_in_progress_and_unknown_are_vendor_events() -> None:
    for status in ("IN_PROGRESS", "SOMETHING_NEW", None):
        assert VolubileAdapter.read_hook({"id": "c", "status": status}).events[0].type == "vendor.event"


def test_volubile_keeps_a_campaign_id_if_one_comes() -> None:
    assert VolubileAdapter.read_hook({"status": "COMPLETED", "campaignId": "v-1"}).events[0].vendor_campaign_id == "v-1"


# --- Clerk Chat: the six documented types -------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), sorted(CLERK_EVENTS.items()))
def test_clerk_documented_types(name: str, expected: str) -> None:
    body: dict[str, Any] = {
        "eventId": "e1",
        "type": name,
        "teamId": "t1",
        "data": {"id": "m1", "campaignId": "cc-1", "members": ["+14155550100"], "sender": "+14155550123"},
    }
    reading = ClerkAdapter.read_hook(body)
    [event] = reading.events
    assert reading.event_id == "e1" and event.type == expected and event.vendor_campaign_id == "cc-1"
    assert event.data["vendor_payload"] == body
    if expected.startswith("message."):
        assert event.data["phone"] == "+14155550100" and event.data["vendor_message_id"] == "m1"


@pytest.mark.parametrize("reply", ["STOP", "stop", " Unsubscribe ", "QUIT"])
def test_clerk_an_opt_out_reply_is_also_opted_out(reply: str) -> None:
    body = {"eventId": "e", "type": "message.received", "data": {"body": reply, "inbound": True, "sender": "+1415"}}
    types = [event.type for event in ClerkAdapter.read_hook(body).events]
    assert types == ["message.received", "recipient.opted_out"]
    assert ClerkAdapter.read_hook(body).events[1].data["phone"] == "+1415"


def test_clerk_other_replies_and_outbound_stop_are_not_opt_outs() -> None:
    reply = {"eventId": "e", "type": "message.received", "data": {"body": "please stop by", "inbound": True}}
    assert len(ClerkAdapter.read_hook(reply).events) == 1
    sent = {"eventId": "e", "type": "message.sent", "data": {"body": "STOP"}}
    assert len(ClerkAdapter.read_hook(sent).events) == 1


@pytest.mark.parametrize("adapter", [SmallestAdapter, VolubileAdapter, ClerkAdapter])
def test_unknown_names_and_odd_payloads_become_vendor_events(adapter: Any) -> None:
    for body in ({"type": "brand.new", "event": "x.brand-new", "status": "NEW"}, {"metadata": "odd", "data": [1]}, {}):
        [event] = adapter.read_hook(body).events
        assert event.type == "vendor.event" and event.data["vendor_payload"] == body
