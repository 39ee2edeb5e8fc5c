"""The tables (SQLAlchemy Core); migrations/ creates them, this module only describes them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    TypeDecorator,
    UniqueConstraint,
    false,
    select,
    text,
)

__all__ = [
    "Moment",
    "api_keys",
    "campaign_actions",
    "campaign_requests",
    "campaign_sync",
    "campaigns",
    "campaigns_with_sync",
    "events",
    "hook_endpoints",
    "idempotency_keys",
    "metadata",
    "vendor_credentials",
    "webhook_attempts",
    "webhook_deliveries",
    "webhook_subscriptions",
]

metadata = MetaData()


class Moment(TypeDecorator[datetime]):
    """A point in time: stored in UTC, read back aware, in UTC.

    SQLite's DateTime keeps no offset: a campaign scheduled at 09:00+01:00 was stored as 09:00
    and read back as 09:00 UTC, an hour late, and a listing filter written with an offset was
    compared as wall-clock text. PostgreSQL's timestamptz keeps the moment either way.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """An aware moment in UTC; a naive one is taken as UTC already (as every one of ours is)."""
        if value is None or value.tzinfo is None:
            return value
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Aware, in UTC (SQLite hands back the naive UTC it stored)."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _only_where(condition: str) -> dict[str, Any]:
    """The keyword arguments of a partial index, on both databases."""
    return {f"{dialect}_where": text(condition) for dialect in ("sqlite", "postgresql")}


campaigns = Table(
    "campaigns",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("tenant", String(200), nullable=False),
    Column("vendor", String(64), nullable=False),
    Column("route", String(300), nullable=False),  # "campaigns" or the native path
    Column("name", String(200)),
    Column("fingerprint", String(64), nullable=False),
    Column("dispatch", String(16), nullable=False),  # in_flight, accepted, rejected, unknown
    Column("status", String(16)),
    Column("vendor_status", String(200)),
    Column("vendor_campaign_id", String(200)),
    Column("recipients_count", Integer),
    Column("scheduled_at", Moment()),
    Column("problem", JSON),
    Column("response_status", Integer),  # what the client was answered, replayed for its key
    Column("response_body", LargeBinary),
    Column("response_type", String(200)),
    Column("vendor_response", JSON),  # the vendor's status and body (credentials redacted)
    Column("created_at", Moment(), nullable=False),
    Column("updated_at", Moment(), nullable=False),
    # The life after the launch (gateway/lifecycle.py, gateway/sync.py).
    Column("progress", JSON),  # {total, attempted, succeeded, failed, pending}, where reported
    Column("status_changed_at", Moment()),
    Index("ix_campaigns_listing", "tenant", "created_at", "id"),
    # Partial: each holds only the few rows its query looks for, so a request's two writes (a
    # row in flight, then settled) touch one small index instead of two over the whole table.
    # The keyless retry guard's (gateway/store/registry.py): over every row and on columns that
    # never change, so recording an outcome leaves it alone; the guard reads the dispatch from
    # the few rows it finds.
    Index("ix_campaigns_guard", "tenant", "fingerprint", "created_at"),
    Index("ix_campaigns_in_flight", "updated_at", **_only_where("dispatch = 'in_flight'")),
    # Native routes name a campaign by the vendor's id (tenancy is checked before the vendor is called).
    Index("ix_campaigns_vendor_id", "vendor", "vendor_campaign_id"),
)

# The status sync's queue and what it last read (gateway/store/sync.py), beside the campaigns
# rather than in their rows: every refresh writes its campaign twice (the lease, then what it
# read), and on PostgreSQL an update of an indexed column copies the whole row and adds an entry
# to each of the table's indexes: in the wide campaigns row, the sync's bookkeeping would dwarf
# what changed. Here a refresh that finds nothing new writes one narrow row with two indexes;
# the campaign's own row is written only when its status or progress changed, in the same
# transaction. A campaign has a row once it is first due, and keeps it (and its `synced_at`)
# after it leaves the queue.
campaign_sync = Table(
    "campaign_sync",
    metadata,
    Column("campaign_id", String(36), ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True),
    Column("synced_at", Moment()),  # when the vendor's own state was last read
    # When the status sync should next read the vendor (null: never, a terminal campaign or a
    # vendor without a get). A refresher claims a campaign by moving it forward by its lease, so
    # a crash mid-refresh only delays the next one.
    Column("sync_due_at", Moment()),
    # Refreshes in a row that found nothing new: the interval grows.
    Column("sync_streak", Integer, nullable=False, server_default=text("0")),
    Index("ix_campaign_sync_due", "sync_due_at", **_only_where("sync_due_at IS NOT NULL")),
)

# Campaigns as their views read them: each row with its sync columns (null: it never joined the sync).
campaigns_with_sync = select(
    campaigns, campaign_sync.c.synced_at, campaign_sync.c.sync_due_at, campaign_sync.c.sync_streak
).select_from(campaigns.outerjoin(campaign_sync))

# Every vendor call after the launch (start, pause, resume, cancel, and the native actions), in
# the same ledger as a create: recorded `in_flight` before the call, settled after it.
campaign_actions = Table(
    "campaign_actions",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("campaign_id", String(36), ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    Column("tenant", String(200), nullable=False),
    Column("action", String(32), nullable=False),  # start, pause, resume, cancel, delete
    Column("route", String(300), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("dispatch", String(16), nullable=False),
    Column("problem", JSON),
    Column("response_status", Integer),
    Column("response_body", LargeBinary),
    Column("response_type", String(200)),
    Column("vendor_response", JSON),
    Column("requested_at", Moment(), nullable=False),
    Column("completed_at", Moment()),
    Index("ix_campaign_actions_campaign", "campaign_id", "requested_at"),
    Index("ix_campaign_actions_in_flight", "requested_at", **_only_where("dispatch = 'in_flight'")),
)

# The normalised request (multipart files as digests), written once: kept out of the campaign
# row, which the outcome rewrites (SQLite rewrites a whole row, overflow pages included).
campaign_requests = Table(
    "campaign_requests",
    metadata,
    Column("campaign_id", String(36), ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True),
    Column("request", JSON, nullable=False),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("tenant", String(200), primary_key=True),
    Column("key", String(255), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("campaign_id", String(36), nullable=False),
    Column("action_id", String(36)),  # set when the key was given to an action on the campaign
    Column("created_at", Moment(), nullable=False),
    Column("expires_at", Moment(), nullable=False),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("tenant", String(200), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),
    Column("created_at", Moment(), nullable=False),
    Column("revoked_at", Moment()),
)

vendor_credentials = Table(
    "vendor_credentials",
    metadata,
    Column("tenant", String(200), nullable=False),
    Column("vendor", String(64), nullable=False),
    Column("secret", LargeBinary, nullable=False),  # Fernet token of {"api_key", "base_url"}
    Column("updated_at", Moment(), nullable=False),
    UniqueConstraint("tenant", "vendor", name="uq_vendor_credentials"),
)


# The event stream (gateway/events/, ../EVENTS.md). An event is written in the transaction of the
# change that caused it (the outbox); `position` is given afterwards by the one publisher
# (gateway/events/relay.py), in commit order, so a reader paging by position never skips an
# event that committed late. `held` keeps an event unpublished until it is tied to a campaign.
events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),  # "evt_" + 32 hex: the webhook-id of its deliveries
    Column("position", BigInteger, unique=True),  # the feed's order; null until published
    Column("type", String(64), nullable=False),
    Column("occurred_at", Moment(), nullable=False),
    Column("received_at", Moment(), nullable=False),
    Column("tenant", String(200)),  # null: tied to no tenant (operators see it, no tenant does)
    Column("campaign_id", String(36)),
    Column("vendor", String(64)),
    Column("vendor_campaign_id", String(200)),
    Column("account", String(200)),  # the vendor account a webhook came in on: a tenant, or "" (ours)
    Column("source", String(16), nullable=False),  # webhook, sync, gateway
    Column("data", JSON, nullable=False),
    # A vendor's redelivery of a hook already kept: the vendor account, and its event id or the
    # body's hash.
    Column("dedupe_key", String(300), unique=True),
    Column("held", Boolean, nullable=False, server_default=false()),
    Index("ix_events_feed", "tenant", "position"),
    Index("ix_events_campaign", "campaign_id", "position"),
    Index("ix_events_unpublished", "received_at", **_only_where("position IS NULL")),
    Index("ix_events_received", "received_at"),
    Index("ix_events_held", "received_at", **_only_where("held")),
)

# One inbound URL per vendor account: `/v1/hooks/<vendor>/<token>`; tenant "" is the gateway's
# own account. The token is the URL's secret (the vendor's signature, where it documents one,
# is checked as well).
hook_endpoints = Table(
    "hook_endpoints",
    metadata,
    Column("token", String(100), primary_key=True),
    Column("vendor", String(64), nullable=False),
    Column("tenant", String(200), nullable=False),
    Column("created_at", Moment(), nullable=False),
    UniqueConstraint("vendor", "tenant", name="uq_hook_endpoints_account"),
)

# A tenant's subscription to its events; the signing secrets are sealed like vendor credentials
# (a Fernet token of [{secret, expires_at}], the newest first: a rotated secret signs beside the
# new one until it expires).
webhook_subscriptions = Table(
    "webhook_subscriptions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("tenant", String(200), nullable=False),
    Column("url", String(2048), nullable=False),
    Column("event_types", JSON, nullable=False),
    Column("description", String(500)),
    Column("status", String(16), nullable=False),  # active, disabled
    Column("disabled_reason", String(500)),
    Column("secrets", LargeBinary, nullable=False),
    Column("created_at", Moment(), nullable=False),
    Column("updated_at", Moment(), nullable=False),
    Index("ix_webhook_subscriptions_tenant", "tenant", "created_at"),
)

# One event to one subscription. `next_attempt_at` is the queue and the lease in one column, as
# the status sync's `sync_due_at`: a deliverer claims a delivery by moving it forward by its
# lease, so a worker killed mid-delivery leaves it to be delivered again.
webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", String(40), primary_key=True),
    Column(
        "subscription_id",
        String(40),
        ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("tenant", String(200), nullable=False),
    Column("status", String(16), nullable=False),  # pending, delivered, failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", Moment()),  # null: nothing more to do
    Column("last_attempt_at", Moment()),
    Column("last_status_code", Integer),
    Column("last_error", String(500)),
    Column("delivered_at", Moment()),
    Column("created_at", Moment(), nullable=False),
    UniqueConstraint("subscription_id", "event_id", name="uq_webhook_deliveries_once"),
    Index("ix_webhook_deliveries_due", "next_attempt_at", **_only_where("next_attempt_at IS NOT NULL")),
    Index("ix_webhook_deliveries_subscription", "subscription_id", "created_at"),
)

# Every delivery attempt: when, what the receiver answered (or why there was no answer), how long.
webhook_attempts = Table(
    "webhook_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "delivery_id",
        String(40),
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("attempted_at", Moment(), nullable=False),
    Column("status_code", Integer),
    Column("error", String(500)),
    Column("response_excerpt", String(1000)),
    Column("duration_ms", Integer, nullable=False),
    Index("ix_webhook_attempts_delivery", "delivery_id", "attempted_at"),
)
