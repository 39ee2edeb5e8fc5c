"""The deliverer against a real local receiver: signatures, rotation, retries, 410, redirects, deadline."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))
from webhook_kit import Kit, make_kit, once, receiving, verify

from gateway.events.delivery import SCHEDULE, Outcome, retry_wait
from gateway.store.schema import webhook_attempts, webhook_deliveries, webhook_subscriptions


@pytest.fixture
def kit(database_url_any: str) -> Iterator[Kit]:
    made = make_kit(database_url_any)
    yield made
    made.registry.close()


def _deliveries(kit: Kit) -> list[dict[str, object]]:
    with kit.registry.engine.connect() as connection:
        return [dict(row) for row in connection.execute(select(webhook_deliveries)).mappings()]


def _subscription(kit: Kit, subscription_id: str) -> dict[str, object]:
    with kit.registry.engine.connect() as connection:
        query = select(webhook_subscriptions).where(webhook_subscriptions.c.id == subscription_id)
        return dict(connection.execute(query).mappings().one())


def test_a_delivery_is_signed_by_the_standard_and_carries_the_event(kit: Kit) -> None:
    with receiving() as receiver:
        created = kit.subscriptions.create("one", receiver.url, ["call.*"], "mine")
        kit.subscriptions.create("two", receiver.url, ["*"], "another tenant's")
        [event_id] = kit.emit("one")
        kit.emit("one", event_type="message.sent")  # not subscribed to
        assert once(kit.deliverer()) == 1
    [received] = receiver.received
    assert received.headers["webhook-id"] == event_id
    assert received.headers["webhook-timestamp"] == str(int(kit.clock().timestamp()))
    assert verify(created["secret"], received.headers, received.body)
    assert not verify("whsec_" + "A" * 32, received.headers, received.body)
    payload = received.payload
    assert payload["type"] == "call.completed" and payload["data"]["id"] == event_id
    assert payload["data"]["tenant"] == "one" and payload["timestamp"] == payload["data"]["occurred_at"]
    [delivery] = [d for d in _deliveries(kit) if d["status"] != "pending"]
    assert delivery["status"] == "delivered" and delivery["attempts"] == 1 and delivery["last_status_code"] == 204


def test_a_rotated_secret_signs_beside_the_new_one_for_24_hours(kit: Kit) -> None:
    with receiving() as receiver:
        created = kit.subscriptions.create("one", receiver.url, ["*"], None)
        rotated = kit.subscriptions.rotate_secret("one", created["id"])
        kit.emit("one")
        once(kit.deliverer())
        kit.clock.advance(timedelta(hours=24).total_seconds() + 1)
        kit.emit("one")
        once(kit.deliverer())
    during, after = receiver.received
    assert len(during.headers["webhook-signature"].split(" ")) == 2
    assert verify(created["secret"], during.headers, during.body)
    assert verify(rotated["secret"], during.headers, during.body)
    assert len(after.headers["webhook-signature"].split(" ")) == 1
    assert verify(rotated["secret"], after.headers, after.body)
    assert not verify(created["secret"], after.headers, after.body)


def test_failures_are_retried_on_the_schedule_then_failed_then_retryable(kit: Kit) -> None:
    status = {"code": 500}
    with receiving(lambda _r: (status["code"], {}, 0.0)) as receiver:
        created = kit.subscriptions.create("one", receiver.url, ["*"], None)
        [event_id] = kit.emit("one")
        deliverer = kit.deliverer()
        waits = []
        for attempt in range(1, len(SCHEDULE) + 1):
            assert once(deliverer) == 1, attempt
            assert once(deliverer) == 0  # not due again before its wait
            [row] = _deliveries(kit)
            assert row["attempts"] == attempt
            if row["next_attempt_at"] is not None:
                waits.append((row["next_attempt_at"] - kit.clock()).total_seconds())  # type: ignore[operator]
                kit.clock.advance(waits[-1])
        [row] = _deliveries(kit)
        assert row["status"] == "failed" and row["next_attempt_at"] is None and row["last_status_code"] == 500
        assert waits == [float(s) for s in SCHEDULE[1:]]
        assert retry_wait(len(SCHEDULE)) is None
        assert set(receiver.ids()) == {event_id} and len(receiver.received) == len(SCHEDULE)
        status["code"] = 200
        retried = kit.subscriptions.retry("one", created["id"], str(row["id"]))
        assert retried["status"] == "pending" and len(retried["attempt_log"]) == len(SCHEDULE)
        assert once(deliverer) == 1
    [row] = _deliveries(kit)
    assert row["status"] == "delivered" and row["attempts"] == len(SCHEDULE) + 1
    assert receiver.ids() == [event_id] * (len(SCHEDULE) + 1)  # the same webhook-id every attempt
    with kit.registry.engine.connect() as connection:
        assert len(connection.execute(select(webhook_attempts)).all()) == len(SCHEDULE) + 1


def test_410_disables_the_subscription_and_sets_its_deliveries_aside_until_enabled(kit: Kit) -> None:
    gone = {"yes": True}
    with receiving(lambda _r: (410 if gone["yes"] else 200, {}, 0.0)) as receiver:
        created = kit.subscriptions.create("one", receiver.url, ["*"], None)
        kit.emit("one", count=3)
        assert once(kit.deliverer(concurrency=1, batch=1)) == 1
        subscription = _subscription(kit, created["id"])
        assert subscription["status"] == "disabled" and "410" in str(subscription["disabled_reason"])
        assert {d["status"] for d in _deliveries(kit)} == {"failed"}
        assert once(kit.deliverer()) == 0
        kit.emit("one")  # not fanned out to a disabled subscription
        assert len(_deliveries(kit)) == 3
        gone["yes"] = False
        enabled = kit.subscriptions.update("one", created["id"], {"status": "active"})
        assert enabled["status"] == "active" and enabled["disabled_reason"] is None
        assert once(kit.deliverer()) == 2  # the two set aside; the 410'd one stays failed
    assert sorted(str(d["status"]) for d in _deliveries(kit)) == ["delivered", "delivered", "failed"]
    assert len(receiver.received) == 3


def test_a_redirect_is_not_followed_and_counts_as_a_failed_attempt(kit: Kit) -> None:
    with receiving(lambda r: (307, {"Location": "/elsewhere"}, 0.0) if r.path == "/hook" else (200, {}, 0.0)) as rec:
        kit.subscriptions.create("one", rec.url, ["*"], None)
        kit.emit("one")
        once(kit.deliverer())
    assert [item.path for item in rec.received] == ["/hook"]
    [row] = _deliveries(kit)
    assert row["status"] == "pending" and row["last_status_code"] == 307 and "not followed" in str(row["last_error"])
    assert row["next_attempt_at"] == kit.clock() + timedelta(seconds=SCHEDULE[1])


def test_a_slow_receiver_meets_the_deadline_and_does_not_hold_the_worker(kit: Kit) -> None:
    with receiving(lambda _r: (200, {}, 3.0)) as receiver:
        kit.subscriptions.create("one", receiver.url, ["*"], None)
        kit.emit("one")
        started = time.perf_counter()
        once(kit.deliverer(deadline_s=0.5))
        elapsed = time.perf_counter() - started
    assert elapsed < 2.0
    [row] = _deliveries(kit)
    assert row["status"] == "pending" and row["last_status_code"] is None and "within 0.5 s" in str(row["last_error"])


def test_an_unreachable_receiver_is_a_failed_attempt(kit: Kit) -> None:
    with receiving() as receiver:
        url = receiver.url
    kit.subscriptions.create("one", url, ["*"], None)  # its server is gone now
    kit.emit("one")
    once(kit.deliverer())
    [row] = _deliveries(kit)
    assert row["status"] == "pending" and row["attempts"] == 1 and "Connect" in str(row["last_error"])


def test_deleting_a_subscription_drops_its_pending_deliveries(kit: Kit) -> None:
    with receiving() as receiver:
        created = kit.subscriptions.create("one", receiver.url, ["*"], None)
        kit.emit("one", count=2)
        kit.subscriptions.delete("one", created["id"])
        assert _deliveries(kit) == []
        assert once(kit.deliverer()) == 0
    assert receiver.received == []


def test_a_killed_claim_comes_due_again_when_its_lease_runs_out(kit: Kit) -> None:
    with receiving() as receiver:
        kit.subscriptions.create("one", receiver.url, ["*"], None)
        [event_id] = kit.emit("one")
        deliverer = kit.deliverer()
        assert len(deliverer.claim(10)) == 1  # and then the worker dies
        assert deliverer.claim(10) == []
        kit.clock.advance(31)
        assert once(deliverer) == 1
    assert receiver.ids() == [event_id]


def test_backlog_and_oldest_age_are_measured(kit: Kit) -> None:
    with receiving() as receiver:
        kit.subscriptions.create("one", receiver.url, ["*"], None)
        kit.emit("one", count=3)
        kit.clock.advance(12)
        assert kit.deliverer().measure() == (3, 12.0)
        once(kit.deliverer())
    assert kit.deliverer().measure() == (0, 0.0)


def test_a_receiver_back_up_gets_its_backlog_at_once(kit: Kit) -> None:
    up = {"yes": False}
    with receiving(lambda _r: (200 if up["yes"] else 503, {}, 0.0)) as receiver:
        kit.subscriptions.create("one", receiver.url, ["*"], None)
        kit.emit("one", count=3)
        deliverer = kit.deliverer()
        assert once(deliverer) == 3
        kit.clock.advance(SCHEDULE[1])
        assert once(deliverer) == 3  # second failures: now 5 min away
        kit.clock.advance(60)
        up["yes"] = True
        [new] = kit.emit("one")
        assert once(deliverer) == 1  # the new event reaches it; the three waiting are due now
        assert once(deliverer) == 3
    assert {d["status"] for d in _deliveries(kit)} == {"delivered"}
    assert receiver.ids()[6] == new


def test_a_subscription_deleted_mid_delivery_leaves_nothing_behind(kit: Kit) -> None:
    with receiving() as receiver:
        created = kit.subscriptions.create("one", receiver.url, ["*"], None)
        kit.emit("one", count=2)
        deliverer = kit.deliverer()
        claimed = deliverer.claim(10)
        kit.subscriptions.delete("one", created["id"])  # while the attempts are in flight

        async def attempts() -> list[Outcome]:
            try:
                return [await deliverer.attempt(delivery) for delivery in claimed]
            finally:
                await deliverer.aclose()

        deliverer.settle(asyncio.run(attempts()))
    assert _deliveries(kit) == [] and len(receiver.received) == 2
    with kit.registry.engine.connect() as connection:
        assert connection.execute(select(webhook_attempts)).all() == []
