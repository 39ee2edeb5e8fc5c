"""The campaign registry: write-ahead before every vendor call, idempotency, listing.

A campaign is recorded `in_flight` and committed before the vendor is called; the outcome
(`accepted`, `rejected`, `unknown`) and the response the client got are written after. An
Idempotency-Key is a row whose primary key is (tenant, key), inserted in the same transaction
as the campaign, so the database itself decides which of several concurrent requests (in any
worker, on any machine sharing the database) sends the campaign.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from anyio import to_thread
from sqlalchemy import (
    BigInteger,
    Connection,
    Engine,
    and_,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.sql.expression import ColumnClause

from gateway import jsoncodec
from gateway.errors import Conflict, DatabaseUnavailable, FieldError, IdempotencyKeyReused, RequestInvalid
from gateway.events.changes import created_statement, created_values
from gateway.store.driver import DriverStatement, DriverTransaction, driver_transaction
from gateway.store.engine import SQLiteWriteLock, write_lock, write_transaction
from gateway.store.group_commit import GroupCommit
from gateway.store.outcome import Finish, fit_outcome
from gateway.store.schema import campaign_actions, campaign_requests, campaigns, campaigns_with_sync, idempotency_keys
from gateway.store.sync_rows import SCHEDULE_COLUMNS, upsert_statement

__all__ = ["Begun", "Finish", "Registry", "Replay", "database_errors", "fingerprint", "new_campaign_id"]

T = TypeVar("T")
DISPATCH_STATES = ("in_flight", "accepted", "rejected", "unknown")


def fingerprint(route: str, vendor: str, body: Any) -> str:
    """Stable hash of what makes two requests "the same payload"."""
    canonical = jsoncodec.dumps({"route": route, "vendor": vendor, "body": body}, sort_keys=True)
    return hashlib.sha256(canonical).hexdigest()


def new_campaign_id() -> str:
    """A UUIDv7 (RFC 9562, section 5.7): the creation millisecond first, then 74 random bits.

    Ids made one after another sort together, so a new row's primary-key entry lands on the
    index page the previous one did, not on a random page of the whole table (a uuid4's).
    """
    milliseconds = time.time_ns() // 1_000_000
    random = int.from_bytes(os.urandom(10), "big")
    rand_a, rand_b = (random >> 62) & 0xFFF, random & ((1 << 62) - 1)
    return str(uuid.UUID(int=(milliseconds << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b))


@dataclass(frozen=True)
class Begun:
    """A vendor call recorded in flight (a new campaign, or an action on one): go ahead and call."""

    campaign_id: str
    created_at: datetime
    tenant: str
    idempotency_key: str | None = None
    action_id: str | None = None


@dataclass(frozen=True)
class Replay:
    """The stored answer to an earlier request with the same key and payload."""

    status: int
    body: bytes
    content_type: str


# The outcome's columns of a campaign's row (`sync_due_at` goes to its campaign_sync row).
_OUTCOME_COLUMNS = tuple(name for name in Finish.__dataclass_fields__ if name != "sync_due_at")
# The statements of the hot path (begin and finish), compiled once per registry and run on the
# driver (gateway/store/driver.py).
_BEGUN_COLUMNS = ("id", "tenant", "vendor", "route", "name", "fingerprint", "dispatch", "created_at", "updated_at")
_REQUEST_COLUMNS = ("campaign_id", "request")
_KEY_COLUMNS = ("tenant", "key", "fingerprint", "campaign_id", "created_at", "expires_at")
_INSERT_CAMPAIGN = insert(campaigns)
_INSERT_REQUEST = insert(campaign_requests)
# Written into the SQL, not bound: PostgreSQL's generic plan for a prepared statement uses a
# partial index only if the statement's own text implies the index's condition.
_UNKNOWN: ColumnClause[str] = literal_column("'unknown'")
_IN_FLIGHT: ColumnClause[str] = literal_column("'in_flight'")
_INSERT_KEY = insert(idempotency_keys)
_EXPIRE_KEY = delete(idempotency_keys).where(
    idempotency_keys.c.tenant == bindparam("k_tenant"),
    idempotency_keys.c.key == bindparam("k_key"),
    idempotency_keys.c.expires_at <= bindparam("k_now"),
)
_FINISH = (
    update(campaigns)
    .where(campaigns.c.id == bindparam("c_id"))
    .values({name: bindparam(name) for name in (*_OUTCOME_COLUMNS, "updated_at")})
)
_RELEASE_KEY = delete(idempotency_keys).where(
    idempotency_keys.c.tenant == bindparam("k_tenant"),
    idempotency_keys.c.key == bindparam("k_key"),
    idempotency_keys.c.campaign_id == bindparam("k_campaign"),
)
# The campaigns a keyless identical request must not be sent beside: any the vendor may have acted
# on, created within the guard (found through ix_campaigns_guard).
_RETRY_GUARD = select(campaigns.c.id, campaigns.c.dispatch).where(
    campaigns.c.tenant == bindparam("g_tenant"),
    campaigns.c.fingerprint == bindparam("g_fingerprint"),
    campaigns.c.created_at > bindparam("g_since"),
    text("dispatch IN ('accepted', 'in_flight', 'unknown')"),
)
# PostgreSQL: identical keyless requests take turns from their guard read to their commit, so
# two workers cannot both find nothing and both send (SQLite's writers take turns anyway).
_GUARD_LOCK = select(func.pg_advisory_xact_lock(bindparam("g_lock", type_=BigInteger)))


@contextmanager
def database_errors() -> Iterator[None]:
    """A database that cannot be reached is 503 (DatabaseUnavailable), not a bug."""
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        raise DatabaseUnavailable() from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise DatabaseUnavailable() from exc
        raise


class Registry:
    """All registry reads and writes."""

    def __init__(
        self,
        engine: Engine,
        *,
        idempotency_ttl: timedelta = timedelta(hours=24),
        retry_guard: timedelta = timedelta(minutes=10),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.engine = engine
        self._write_lock = write_lock(engine)
        self._ttl = idempotency_ttl
        self._guard = retry_guard
        self._clock = clock
        dialect = engine.dialect
        self._insert_campaign = DriverStatement(_INSERT_CAMPAIGN, dialect, _BEGUN_COLUMNS)
        self._insert_request = DriverStatement(_INSERT_REQUEST, dialect, _REQUEST_COLUMNS)
        self._insert_key = DriverStatement(_INSERT_KEY, dialect, _KEY_COLUMNS)
        self._expire_key = DriverStatement(_EXPIRE_KEY, dialect)
        self._finish = DriverStatement(_FINISH, dialect)
        self._release_key = DriverStatement(_RELEASE_KEY, dialect)
        self._schedule = DriverStatement(upsert_statement(dialect.name, SCHEDULE_COLUMNS), dialect, SCHEDULE_COLUMNS)
        self._retry_guard = DriverStatement(_RETRY_GUARD, dialect)
        self._guard_lock = DriverStatement(_GUARD_LOCK, dialect) if dialect.name == "postgresql" else None
        self._emit_created = created_statement(dialect)
        # SQLite has one writer at a time anyway: batch what queues (gateway/store/group_commit.py).
        lock = self._write_lock
        self._group_commit = GroupCommit(engine, lock) if isinstance(lock, SQLiteWriteLock) else None
        self._write: Callable[[Callable[[DriverTransaction], Any]], Any] = (
            self._group_commit.write if self._group_commit is not None else self._write_alone
        )

    def close(self) -> None:
        """Stop the writer thread (SQLite) and close the pool's connections."""
        if self._group_commit is not None:
            self._group_commit.close()
        self.engine.dispose()

    def write(self, work: Callable[[DriverTransaction], T]) -> T:
        """Run `work` in a write transaction (SQLite: group-committed with what queues)."""
        result: T = self._write(work)
        return result

    @property
    def clock(self) -> Callable[[], datetime]:
        """The registry's clock (tests give a fake one)."""
        return self._clock

    def earlier(self, tenant: str, key: str, request_fingerprint: str) -> Replay | None:
        """The stored answer for an Idempotency-Key already claimed (409 while in flight, 422 if reused)."""
        return self._earlier(tenant, key, request_fingerprint)

    async def settle_async(self, begun: Begun, outcome: Finish, *, release: bool) -> None:
        """Record a new campaign's outcome (`finish_async`), releasing its key if `release`."""
        await self.finish_async(begun.campaign_id, outcome, release=begun if release else None)

    def _write_alone(self, work: Callable[[DriverTransaction], T]) -> T:
        with driver_transaction(self.engine, self._write_lock) as transaction:
            return work(transaction)

    def begin(
        self,
        *,
        tenant: str,
        vendor: str,
        route: str,
        name: str | None,
        request: Any,
        request_fingerprint: str,
        idempotency_key: str | None,
    ) -> Begun | Replay:
        """Record the campaign in flight (and claim the key), or say why it must not be sent."""
        row = self._begun_row(tenant, vendor, route, name, request_fingerprint)
        return self._begin_row(row, request, idempotency_key)

    def _begin_row(self, row: dict[str, Any], request: Any, idempotency_key: str | None) -> Begun | Replay:
        for _attempt in range(3):
            try:
                with database_errors():
                    self._write(partial(self._begin, row, request, idempotency_key))
                return Begun(row["id"], row["created_at"], row["tenant"], idempotency_key)
            except IntegrityError:
                assert idempotency_key is not None
                earlier = self._earlier(row["tenant"], idempotency_key, row["fingerprint"])
                if earlier is not None:
                    return earlier
                # The earlier key expired or vanished between our insert and our read: try again.
        raise Conflict("The Idempotency-Key is contended; retry.")

    async def begin_async(
        self,
        *,
        tenant: str,
        vendor: str,
        route: str,
        name: str | None,
        request: Any,
        request_fingerprint: str,
        idempotency_key: str | None,
    ) -> Begun | Replay:
        """`begin` for an event loop, never blocking it.

        A keyless SQLite write is group-committed with the others of this pass of the loop
        (gateway/store/group_commit.py); anything else runs `begin` on a worker thread.
        """
        row = self._begun_row(tenant, vendor, route, name, request_fingerprint)
        if self._group_commit is None or idempotency_key is not None:
            return await to_thread.run_sync(self._begin_row, row, request, idempotency_key)
        with database_errors():  # a keyless write cannot conflict: there is no key to claim
            await self._group_commit.commit_together(self._begin_keyless, (row, request))
        return Begun(row["id"], row["created_at"], row["tenant"])

    def _begun_row(
        self, tenant: str, vendor: str, route: str, name: str | None, request_fingerprint: str
    ) -> dict[str, Any]:
        now = self._clock()
        return {
            "id": new_campaign_id(),
            "tenant": tenant,
            "vendor": vendor,
            "route": route,
            "name": name,
            "fingerprint": request_fingerprint,
            "dispatch": "in_flight",
            "created_at": now,
            "updated_at": now,
        }

    def _begin(
        self, row: dict[str, Any], request: Any, idempotency_key: str | None, transaction: DriverTransaction
    ) -> None:
        tenant, now = row["tenant"], row["created_at"]
        if idempotency_key is None:
            self._guard_retry(transaction, tenant, row["fingerprint"], now)
        else:
            transaction.execute(self._expire_key, {"k_tenant": tenant, "k_key": idempotency_key, "k_now": now})
            transaction.execute(
                self._insert_key,
                {
                    "tenant": tenant,
                    "key": idempotency_key,
                    "fingerprint": row["fingerprint"],
                    "campaign_id": row["id"],
                    "created_at": now,
                    "expires_at": now + self._ttl,
                },
            )
        transaction.execute(self._insert_campaign, row)
        transaction.execute(self._insert_request, {"campaign_id": row["id"], "request": request})

    def _begin_keyless(
        self, transaction: DriverTransaction, items: list[tuple[dict[str, Any], Any]]
    ) -> list[BaseException | None]:
        """The keyless begins of a batch (`GroupCommit.commit_together`): a refusal each, or None.

        Each is checked against the retry guard alone (a read); those that pass are inserted in
        one statement per table.
        """
        refusals: list[BaseException | None] = []
        begun = []
        in_this_batch: dict[tuple[str, str], str] = {}  # not yet inserted, so the guard's read misses them
        for row, request in items:
            identical = (row["tenant"], row["fingerprint"])
            try:
                earlier = in_this_batch.get(identical) if self._guard > timedelta(0) else None
                if earlier is not None:
                    raise _guard_conflict(earlier, "in_flight")
                self._guard_retry(transaction, row["tenant"], row["fingerprint"], row["created_at"])
            except Conflict as refusal:
                refusals.append(refusal)
                continue
            refusals.append(None)
            in_this_batch[identical] = row["id"]
            begun.append((row, request))
        if begun:
            transaction.insert_rows(self._insert_campaign, [row for row, _request in begun])
            requests = [{"campaign_id": row["id"], "request": request} for row, request in begun]
            transaction.insert_rows(self._insert_request, requests)
        return refusals

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction through SQLAlchemy Core (the writes off the hot path)."""
        with self._transaction() as connection:
            yield connection

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with write_transaction(self.engine, self._write_lock) as connection:
            yield connection

    def finish(self, campaign_id: str, outcome: Finish, *, release: Begun | None = None) -> None:
        """Record the outcome and the answer the client got (replayed for its key).

        With `release`, the Idempotency-Key that `release` claimed is freed in the same
        transaction: its outcome proves nothing happened, so the client's retry is sent.
        """
        self._write(self._finish_write(campaign_id, outcome, release))

    async def finish_async(self, campaign_id: str, outcome: Finish, *, release: Begun | None = None) -> None:
        """`finish` for an event loop, never blocking it (SQLite: group-committed, as in `begin_async`)."""
        if self._group_commit is None:
            await to_thread.run_sync(partial(self.finish, campaign_id, outcome, release=release))
        else:
            work = self._finish_write(campaign_id, outcome, release)
            alone = release is None and outcome.dispatch != "accepted"
            await self._group_commit.commit(work, one_statement=alone)

    def _finish_write(
        self, campaign_id: str, outcome: Finish, release: Begun | None
    ) -> Callable[[DriverTransaction], Any]:
        fitted = fit_outcome(outcome)
        now = self._clock()
        values = {key: getattr(fitted, key) for key in _OUTCOME_COLUMNS}
        values.update(updated_at=now, c_id=campaign_id)
        # The vendor took it: campaign.created is written in the same transaction (the outbox).
        created = created_values(campaign_id, fitted, now) if fitted.dispatch == "accepted" else None
        key = None
        if release is not None and release.idempotency_key is not None:
            key = {"k_tenant": release.tenant, "k_key": release.idempotency_key, "k_campaign": campaign_id}
        queued = None
        if fitted.sync_due_at is not None:
            queued = {"campaign_id": campaign_id, "sync_due_at": fitted.sync_due_at, "sync_streak": 0}
        if created is None and key is None and queued is None:
            return lambda transaction: transaction.execute(self._finish, values)

        def finish_and_more(transaction: DriverTransaction) -> None:
            transaction.execute(self._finish, values)
            if queued is not None:
                transaction.execute(self._schedule, queued)
            if created is not None:
                transaction.execute(self._emit_created, created)
            if key is not None:
                transaction.execute(self._release_key, key)

        return finish_and_more

    def get(self, tenant: str, campaign_id: str) -> dict[str, Any] | None:
        """One campaign of `tenant` (another tenant's id reads as absent)."""
        with self.engine.connect() as connection:
            query = campaigns_with_sync.where(campaigns.c.tenant == tenant, campaigns.c.id == campaign_id)
            found = connection.execute(query).mappings().first()
        return dict(found) if found else None

    def by_vendor_id(self, tenant: str, vendor: str, vendor_campaign_id: str) -> dict[str, Any] | None:
        """The tenant's campaign that the vendor knows as `vendor_campaign_id` (the latest, if twice)."""
        query = (
            campaigns_with_sync.where(
                campaigns.c.vendor == vendor,
                campaigns.c.vendor_campaign_id == vendor_campaign_id,
                campaigns.c.tenant == tenant,
            )
            .order_by(campaigns.c.created_at.desc())
            .limit(1)
        )
        with self.engine.connect() as connection:
            found = connection.execute(query).mappings().first()
        return dict(found) if found else None

    def owned_vendor_ids(self, tenant: str, vendor: str, vendor_campaign_ids: list[str]) -> set[str]:
        """Which of these vendor ids name campaigns the tenant created through the gateway."""
        if not vendor_campaign_ids:
            return set()
        query = select(campaigns.c.vendor_campaign_id).where(
            campaigns.c.vendor == vendor,
            campaigns.c.vendor_campaign_id.in_(vendor_campaign_ids),
            campaigns.c.tenant == tenant,
        )
        with self.engine.connect() as connection:
            return {row[0] for row in connection.execute(query)}

    def owned_vendor_id_count(self, tenant: str, vendor: str) -> int:
        """How many distinct vendor ids the tenant's campaigns at `vendor` have (an upper bound of what it can list)."""
        query = select(func.count(campaigns.c.vendor_campaign_id.distinct())).where(
            campaigns.c.vendor == vendor,
            campaigns.c.vendor_campaign_id.is_not(None),
            campaigns.c.tenant == tenant,
        )
        with self.engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    def page(
        self,
        tenant: str,
        *,
        filters: Mapping[str, Any],
        limit: int,
        cursor: str | None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Newest first; `cursor` continues after the last row of the previous page."""
        query = campaigns_with_sync.where(campaigns.c.tenant == tenant)
        for column in ("vendor", "status", "dispatch"):
            if filters.get(column) is not None:
                query = query.where(campaigns.c[column] == filters[column])
        if filters.get("created_after") is not None:
            query = query.where(campaigns.c.created_at > filters["created_after"])
        if filters.get("created_before") is not None:
            query = query.where(campaigns.c.created_at < filters["created_before"])
        if cursor is not None:
            created_at, last_id = _decode_cursor(cursor)
            query = query.where(
                or_(
                    campaigns.c.created_at < created_at,
                    and_(campaigns.c.created_at == created_at, campaigns.c.id < last_id),
                )
            )
        query = query.order_by(campaigns.c.created_at.desc(), campaigns.c.id.desc()).limit(limit + 1)
        with self.engine.connect() as connection:
            rows = [dict(row) for row in connection.execute(query).mappings()]
        page, more = rows[:limit], len(rows) > limit
        return page, _encode_cursor(page[-1]) if more and page else None

    def unknown(self) -> list[dict[str, Any]]:
        """Every campaign whose outcome is unknown, oldest first (for reconcile)."""
        with self.engine.connect() as connection:
            query = select(campaigns).where(campaigns.c.dispatch == _UNKNOWN).order_by(campaigns.c.created_at)
            return [dict(row) for row in connection.execute(query).mappings()]

    def settle_abandoned(self, older_than: timedelta) -> int:
        """Mark `unknown` what is still in flight long after any call could have ended (a crash).

        No live call outlasts the vendor deadline, so a row in flight for longer was left by a
        process that died mid-call: whether the vendor acted is not known.
        """
        with self._transaction() as connection:
            result = connection.execute(
                update(campaigns)
                .where(campaigns.c.dispatch == _IN_FLIGHT, campaigns.c.updated_at < self._clock() - older_than)
                .values(dispatch="unknown", updated_at=self._clock())
            )
        return int(result.rowcount)

    def mark(self, campaign_id: str, dispatch: str, vendor_campaign_id: str | None = None) -> bool:
        """An operator's verdict on an unknown campaign; False if it is not unknown."""
        if dispatch not in ("accepted", "rejected"):
            raise ValueError("an unknown campaign can be marked accepted or rejected")
        values: dict[str, Any] = {"dispatch": dispatch, "updated_at": self._clock()}
        if vendor_campaign_id:
            values["vendor_campaign_id"] = vendor_campaign_id
        with self._transaction() as connection:
            result = connection.execute(
                update(campaigns)
                .where(campaigns.c.id == campaign_id, campaigns.c.dispatch == "unknown")
                .values(**values)
            )
        return bool(result.rowcount)

    def _guard_retry(
        self, transaction: DriverTransaction, tenant: str, request_fingerprint: str, now: datetime
    ) -> None:
        # Without a key, an earlier identical request that the vendor may have acted on (still
        # with it, accepted, or of unknown outcome) blocks: an SDK's automatic retry after a 5xx,
        # a timeout or a lost answer (or a double click) must not send the campaign twice. One
        # that was refused, which created nothing, does not.
        if self._guard <= timedelta(0):
            return
        if self._guard_lock is not None:
            transaction.execute(self._guard_lock, {"g_lock": _lock_number(tenant, request_fingerprint)})
        recent = transaction.first(
            self._retry_guard, {"g_tenant": tenant, "g_fingerprint": request_fingerprint, "g_since": now - self._guard}
        )
        if recent is not None:
            raise _guard_conflict(recent[0], recent[1])

    def _earlier(self, tenant: str, key: str, request_fingerprint: str) -> Replay | None:
        with self.engine.connect() as connection:
            claimed = connection.execute(
                select(idempotency_keys).where(idempotency_keys.c.tenant == tenant, idempotency_keys.c.key == key)
            ).first()
            if claimed is None or claimed.expires_at <= self._clock():
                return None
            if claimed.fingerprint != request_fingerprint:
                raise IdempotencyKeyReused("This Idempotency-Key was used with a different request.", errors=[])
            table = campaigns if claimed.action_id is None else campaign_actions
            earlier = connection.execute(
                select(table.c.dispatch, table.c.response_status, table.c.response_body, table.c.response_type).where(
                    table.c.id == (claimed.action_id or claimed.campaign_id)
                )
            ).first()
        if earlier is not None and earlier.dispatch == "unknown" and earlier.response_status is None:
            raise Conflict(
                "The first request with this Idempotency-Key was cut off mid-flight; its outcome is unknown "
                "(`campaign-gateway reconcile` settles it).",
                campaign_id=claimed.campaign_id,
            )
        if earlier is None or earlier.dispatch == "in_flight" or earlier.response_status is None:
            raise Conflict("A request with this Idempotency-Key is still in flight.", campaign_id=claimed.campaign_id)
        return Replay(
            earlier.response_status, bytes(earlier.response_body or b""), earlier.response_type or "application/json"
        )


_GUARD_SAYS = {
    "in_flight": "is still with the vendor",
    "accepted": "was accepted by the vendor",
    "unknown": "ended with an unknown outcome",
}


def _guard_conflict(campaign_id: str, dispatch: str) -> Conflict:
    return Conflict(
        f"An identical request (campaign {campaign_id}) {_GUARD_SAYS[dispatch]}; this one was taken for a retry "
        "and not sent. Check that campaign, or send this one with an Idempotency-Key of its own to send it anyway.",
        campaign_id=campaign_id,
    )


def _lock_number(tenant: str, request_fingerprint: str) -> int:
    """A PostgreSQL advisory lock number (a signed 64-bit integer) for one tenant's identical requests."""
    digest = hashlib.sha256(f"{tenant}\x00{request_fingerprint}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _encode_cursor(row: Mapping[str, Any]) -> str:
    created_at: datetime = row["created_at"]
    raw = json.dumps([created_at.isoformat(), row["id"]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        created_at, last_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return datetime.fromisoformat(created_at), str(last_id)
    except (ValueError, TypeError) as exc:
        raise RequestInvalid(
            "The cursor is not one this API returned.",
            errors=[FieldError("cursor", "must be a next_cursor from an earlier page")],
        ) from exc
