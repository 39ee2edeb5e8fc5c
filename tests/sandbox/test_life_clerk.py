"""Clerk Chat's campaign lifecycle, driven directly with a fake clock."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from gateway.sandbox.lifecycle import RUN_STEPS, Answer, LifeRequest, Pacing
from gateway.sandbox.lifecycle.clerk import ClerkLife, contacts_in
from gateway.sandbox.lifecycle.pacing import iso

BODY = {"sender": "+14155550100", "listName": "Premium", "mediaUrls": [], "body": "Sale ends Friday", "name": "Sale"}


@pytest.fixture
def life(pacing: Pacing) -> ClerkLife:
    return ClerkLife(pacing)


def ask(life: ClerkLife, method: str, template: str, **kwargs: Any) -> Answer:
    answer = life.answer(LifeRequest(method, template, **kwargs))
    assert answer is not None
    return answer


def create(life: ClerkLife, **changes: Any) -> dict[str, Any]:
    answer = ask(life, "post", "/public/campaigns", body={**BODY, **changes})
    assert answer.status == 201
    data: dict[str, Any] = answer.body["data"]
    return data


def messages_of(life: ClerkLife, campaign_id: int) -> list[dict[str, Any]]:
    listed = ask(life, "get", "/public/messages", query={"limit": "50"}).body
    return [message for message in listed["data"] if message["campaignId"] == campaign_id]


def test_create_answers_what_was_sent(life: ClerkLife, clock: Any) -> None:
    data = create(life)

    assert (data["name"], data["body"], data["status"], data["error"]) == ("Sale", "Sale ends Friday", "running", "")
    assert data["created"] == iso(clock.now)
    assert create(life)["id"] == data["id"] + 1
    assert create(life, name=None, listName="VIP")["name"] == "VIP"


def test_messages_go_sending_sent_delivered_batch_by_batch(life: ClerkLife, steps: Any) -> None:
    campaign_id = create(life)["id"]
    total = contacts_in("Premium")

    first = messages_of(life, campaign_id)
    steps(1)
    second = messages_of(life, campaign_id)
    steps(RUN_STEPS + 1)
    last = messages_of(life, campaign_id)

    assert 0 < len(first) < len(second) < total
    assert {message["status"] for message in first} == {"sending"}
    assert Counter(message["status"] for message in second)["sent"] == len(first) - sum(
        message["status"] == "failed" for message in second
    )
    assert len(last) == total
    assert {message["status"] for message in last} <= {"delivered", "failed"}
    assert all(message["senderType"] == "campaign" and message["inbound"] is False for message in last)
    assert all(message["body"] == "Sale ends Friday" for message in last)
    assert life.state(str(campaign_id))["status"] == "ok"  # type: ignore[index]


def test_a_campaign_takes_at_least_run_steps_steps(life: ClerkLife, steps: Any) -> None:
    campaign_id = create(life)["id"]

    steps(RUN_STEPS - 0.5)

    assert life.state(str(campaign_id))["status"] == "running"  # type: ignore[index]


def test_a_future_timestamp_schedules_the_messages(life: ClerkLife, steps: Any, clock: Any) -> None:
    data = create(life, timestamp=iso(clock.now + 20))
    campaign_id = data["id"]

    waiting = messages_of(life, campaign_id)
    steps(10)
    going = messages_of(life, campaign_id)

    assert data["status"] == "scheduled"
    assert len(waiting) == contacts_in("Premium")
    assert {message["status"] for message in waiting} == {"scheduled"}
    assert "sending" in {message["status"] for message in going}
    assert life.state(str(campaign_id))["status"] == "running"  # type: ignore[index]


def test_a_past_timestamp_sends_at_once(life: ClerkLife, clock: Any) -> None:
    assert create(life, timestamp=iso(clock.now - 60))["status"] == "running"


def test_messages_page_at_most_fifty(life: ClerkLife, steps: Any) -> None:
    for name in ("a", "b", "c"):
        create(life, listName=name)
    steps(RUN_STEPS + 2)
    total = sum(contacts_in(name) for name in ("a", "b", "c"))

    first = ask(life, "get", "/public/messages", query={"limit": "500"}).body
    page_two = ask(life, "get", "/public/messages", query={"limit": "10", "page": "2"}).body

    assert first["total"] == total
    assert len(first["data"]) == min(50, total)
    assert len(page_two["data"]) == 10
    assert page_two["links"]["prev"] == "/public/messages?page=1&limit=10"


def test_state_counts_messages(life: ClerkLife, steps: Any) -> None:
    campaign_id = create(life)["id"]
    steps(3)

    state = life.state(str(campaign_id))

    assert state is not None
    progress = state["progress"]
    assert progress["total"] == contacts_in("Premium")
    assert 0 < progress["attempted"] < progress["total"]
    assert progress["succeeded"] + progress["failed"] <= progress["attempted"]


def test_messages_are_all_in_the_sandbox_inbox(life: ClerkLife, steps: Any) -> None:
    create(life)
    steps(2)
    inbox = ask(life, "get", "/public/messages").body["data"][0]["inboxId"]

    mine = ask(life, "get", "/public/messages", query={"inboxIds": inbox}).body
    other = ask(life, "get", "/public/messages", query={"inboxIds": "another-inbox"}).body

    assert mine["total"] > 0
    assert (other["data"], other["total"]) == ([], 0)
