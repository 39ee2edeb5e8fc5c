"""The outbox and its relay: positions in commit order, fan-out once, held events, retention."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import insert, select

from gateway.events.feed import read_feed
from gateway.events.model import NewEvent, matches, valid_type_filter
from gateway.events.outbox import emit
from gateway.events.relay import Relay
from gateway.store.engine import make_engine
from gateway.store.migrate import migrate
from gateway.store.registry import Registry
from gateway.store.schema import events, webhook_deliveries, webhook_subscriptions

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


@pytest.fixture
def registry(database_url_any: str) -> Iterator[Registry]:
    engine = make_engine(database_url_any)
    migrate(engine)
    registry = Registry(engine, clock=lambda: NOW)
    yield registry
    registry.close()


def _event(tenant: str | None = "one", type_: str = "call.completed", **changes: Any) -> NewEvent:
    return NewEvent(type=type_, occurred_at=NOW, received_at=NOW, source="webhook", data={}, tenant=tenant, **changes)


def _write(registry: Registry, *written: NewEvent) -> None:
    with registry.transaction() as connection:
        for event in written:
            emit(connection, event)


def _subscribe(registry: Registry, tenant: str, types: list[str], status: str = "active") -> str:
    subscription_id = f"wh_{len(types)}{tenant}{status}".ljust(35, "0")
    with registry.transaction() as connection:
        connection.execute(
            insert(webhook_subscriptions).values(
                id=subscription_id,
                tenant=tenant,
                url="https://example.invalid/hook",
                event_types=types,
                status=status,
                secrets=Fernet.generate_key(),
                created_at=NOW,
                updated_at=NOW,
            )
        )
    return subscription_id


def test_positions_follow_the_order_events_were_published_and_every_event_gets_one(registry: Registry) -> None:
    written = [_event() for _ in range(7)]
    _write(registry, *written)
    relay = Relay(registry, batch=3)

    assert relay.pending()
    assert relay.publish_all().events == 7
    assert not relay.pending()
    page = read_feed(registry.engine, tenant="one", after=None, limit=100)
    assert [row["position"] for row in page.events] == list(range(1, 8))
    assert {row["id"] for row in page.events} == {event.id for event in written}


def test_events_are_numbered_in_the_order_they_were_received_batch_after_batch(registry: Registry) -> None:
    received = [NOW - timedelta(seconds=seconds) for seconds in (5, 1, 9, 3, 7, 2, 8)]
    _write(registry, *(replace(_event(), received_at=at) for at in received))
    relay = Relay(registry, batch=3)

    assert relay.publish_all().events == 7
    page = read_feed(registry.engine, tenant="one", after=None, limit=100)
    assert [row["received_at"] for row in page.events] == sorted(received)
    assert [row["position"] for row in page.events] == list(range(1, 8))


def test_a_reader_keeping_its_cursor_sees_an_event_that_committed_late(postgres_url: str) -> None:
    """The outbox's promise: a transaction that wrote its event first but committed last is not skipped.

    PostgreSQL only: SQLite has one writer, so there the second transaction cannot commit first.
    """
    engine = make_engine(postgres_url)
    migrate(engine)
    registry = Registry(engine, clock=lambda: NOW)
    relay = Relay(registry)
    late, early = _event(), _event()
    try:
        with engine.begin() as slow:
            emit(slow, late)  # written first...
            _write(registry, early)  # ...while this one commits
            relay.publish_all()
            first = read_feed(engine, tenant="one", after=None)
        relay.publish_all()  # ...and committed last
        second = read_feed(engine, tenant="one", after=int(first.next_cursor or 0))
    finally:
        registry.close()

    assert [row["id"] for row in first.events] == [early.id]
    assert [row["id"] for row in second.events] == [late.id]


def test_publishers_racing_give_each_event_one_position(registry: Registry) -> None:
    _write(registry, *[_event() for _ in range(200)])
    relays = [Relay(registry, batch=7) for _ in range(4)]
    threads = [threading.Thread(target=relay.publish_all) for relay in relays]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    Relay(registry).publish_all()  # whatever a publisher that lost its turn left

    with registry.engine.connect() as connection:
        positions = [row.position for row in connection.execute(select(events.c.position))]
    assert sorted(positions) == list(range(1, 201))


def test_an_event_is_fanned_out_once_to_each_matching_active_subscription_of_its_tenant(registry: Registry) -> None:
    calls = _subscribe(registry, "one", ["call.*"])
    everything = _subscribe(registry, "one", ["*", "campaign.created"])
    _subscribe(registry, "one", ["call.*"], status="disabled")
    _subscribe(registry, "two", ["*"])
    _write(registry, _event(), _event(type_="campaign.created"), _event(tenant=None))

    published = Relay(registry).publish_all()
    Relay(registry).publish_all()

    with registry.engine.connect() as connection:
        rows = connection.execute(select(webhook_deliveries.c.subscription_id, webhook_deliveries.c.status)).all()
    assert published.deliveries == len(rows) == 3
    assert sorted(row.subscription_id for row in rows) == sorted([calls, everything, everything])
    assert {row.status for row in rows} == {"pending"}


def test_a_held_event_waits_until_it_is_released(registry: Registry) -> None:
    held = _event(held=True)
    _write(registry, held, _event())
    relay = Relay(registry)

    assert relay.publish_all().events == 1
    with registry.transaction() as connection:
        connection.execute(events.update().where(events.c.id == held.id).values(held=False))
    assert relay.publish_all().events == 1
    assert read_feed(registry.engine, tenant="one", after=1).events[0]["id"] == held.id


def test_a_redelivered_hook_is_kept_once(registry: Registry) -> None:
    with registry.transaction() as connection:
        assert emit(connection, _event(dedupe_key="smallest::abc"))
        assert not emit(connection, _event(dedupe_key="smallest::abc"))
    with registry.engine.connect() as connection:
        assert len(connection.execute(select(events.c.id)).all()) == 1


def test_the_feed_filters_by_tenant_type_and_campaign(registry: Registry) -> None:
    _write(
        registry,
        _event(campaign_id="c1"),
        _event(type_="campaign.created", campaign_id="c1"),
        _event(type_="message.delivered", campaign_id="c2"),
        _event(tenant="two"),
        _event(tenant=None),
    )
    Relay(registry).publish_all()

    def types(**query: Any) -> list[str]:
        return [row["type"] for row in read_feed(registry.engine, after=None, **query).events]

    assert types(tenant="one") == ["call.completed", "campaign.created", "message.delivered"]
    assert types(tenant="one", types=["call.*", "message.delivered"]) == ["call.completed", "message.delivered"]
    assert types(tenant="one", types=["campaign.created"]) == ["campaign.created"]
    assert types(tenant="one", campaign_id="c1") == ["call.completed", "campaign.created"]
    assert types(tenant="two") == ["call.completed"]
    assert types(tenant=None, untied=True) == ["call.completed"]
    assert read_feed(registry.engine, tenant="one", after=3).next_cursor is None


def test_retention_forgets_old_events_and_their_deliveries(registry: Registry) -> None:
    _subscribe(registry, "one", ["*"])
    _write(registry, _event())
    Relay(registry).publish_all()
    with registry.transaction() as connection:
        connection.execute(events.update().values(received_at=NOW - timedelta(days=31)))
    _write(registry, fresh := _event())

    assert Relay(registry).expire(timedelta(days=30)) == 1

    with registry.engine.connect() as connection:
        assert [row.id for row in connection.execute(select(events.c.id))] == [fresh.id]
        assert connection.execute(select(webhook_deliveries.c.id)).all() == []


@pytest.mark.parametrize(
    ("pattern", "valid"),
    [("*", True), ("call.*", True), ("call.completed", True), ("call", False), ("call.*.x", False), ("", False)],
)
def test_type_filters(pattern: str, valid: bool) -> None:
    assert valid_type_filter(pattern) is valid


def test_matching() -> None:
    assert matches("call.completed", ["call.*"])
    assert matches("call.completed", ["*"])
    assert not matches("campaign.created", ["call.*", "message.sent"])
    assert not matches("callx.completed", ["call.*"])
