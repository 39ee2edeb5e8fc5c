"""The registry on SQLite and on PostgreSQL: write-ahead, idempotency, isolation, listing."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import func, select

from gateway.errors import Conflict, DatabaseUnavailable, IdempotencyKeyReused, RequestInvalid
from gateway.store.engine import SQLiteWriteLock, make_engine
from gateway.store.migrate import is_current, migrate
from gateway.store.registry import Begun, Finish, Registry, Replay, fingerprint, new_campaign_id
from gateway.store.schema import campaign_requests, campaigns
from gateway.store.tenants import ApiKeys, SealedCredential, TenantCredential, VendorCredentials

from .conftest import on_one_loop, traced_statements


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2030, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def registry(database_url_any: str, clock: Clock) -> Iterator[Registry]:
    engine = make_engine(database_url_any)
    migrate(engine)
    registry = Registry(engine, idempotency_ttl=timedelta(hours=24), retry_guard=timedelta(minutes=10), clock=clock)
    yield registry
    registry.close()


def begin(registry: Registry, body: object = None, *, tenant: str = "a", key: str | None = "k1") -> Begun | Replay:
    body = {"name": "x"} if body is None else body
    return registry.begin(
        tenant=tenant,
        vendor="clerk",
        route="campaigns",
        name="x",
        request=body,
        request_fingerprint=fingerprint("campaigns", "clerk", body),
        idempotency_key=key,
    )


def accept(registry: Registry, begun: Begun | Replay, body: bytes = b'{"ok":1}') -> None:
    assert isinstance(begun, Begun)
    registry.finish(begun.campaign_id, Finish("accepted", 201, body, "application/json", status="running"))


def test_migrations_are_applied_and_idempotent(registry: Registry) -> None:
    migrate(registry.engine)
    assert is_current(registry.engine)


def test_a_moment_with_an_offset_is_stored_as_the_same_moment(registry: Registry, clock: Clock) -> None:
    # SQLite keeps no offset: 09:00 at +01:00 came back as 09:00 UTC, an hour late.
    paris = timezone(timedelta(hours=1))
    scheduled = datetime(2030, 1, 15, 9, 0, tzinfo=paris)
    begun = begin(registry, key=None)
    assert isinstance(begun, Begun)
    registry.finish(begun.campaign_id, Finish("accepted", 201, b"{}", "application/json", scheduled_at=scheduled))
    stored = registry.get("a", begun.campaign_id)
    assert stored is not None and stored["scheduled_at"] == scheduled
    assert stored["scheduled_at"].utcoffset() == timedelta(0)  # read back in UTC
    found, _cursor = registry.page(
        "a", filters={"created_after": clock.now.astimezone(paris) - timedelta(minutes=30)}, limit=10, cursor=None
    )
    assert [row["id"] for row in found] == [begun.campaign_id]  # a bound moment's offset counts too


def test_write_ahead_then_replay(registry: Registry) -> None:
    first = begin(registry)
    assert isinstance(first, Begun)
    assert registry.get("a", first.campaign_id)["dispatch"] == "in_flight"  # type: ignore[index]
    with pytest.raises(Conflict, match="in flight"):
        begin(registry)
    accept(registry, first, b'{"id":"c1"}')
    replay = begin(registry)
    assert replay == Replay(201, b'{"id":"c1"}', "application/json")
    with registry.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(campaigns)).scalar_one() == 1


def test_same_key_other_payload_is_refused(registry: Registry) -> None:
    accept(registry, begin(registry))
    with pytest.raises(IdempotencyKeyReused):
        begin(registry, {"name": "y"})


def test_key_expires(registry: Registry, clock: Clock) -> None:
    accept(registry, begin(registry))
    clock.now += timedelta(hours=24, seconds=1)
    again = begin(registry, {"name": "other"})
    assert isinstance(again, Begun)


def test_keys_are_per_tenant(registry: Registry) -> None:
    first = begin(registry, tenant="a")
    accept(registry, first)
    other = begin(registry, {"name": "b's own"}, tenant="b")
    assert isinstance(other, Begun)
    assert registry.get("b", first.campaign_id) is None  # type: ignore[union-attr]
    assert registry.get("a", first.campaign_id) is not None  # type: ignore[union-attr]


def test_keyless_identical_request_is_blocked_while_in_flight_and_after_unknown(
    registry: Registry, clock: Clock
) -> None:
    first = begin(registry, key=None)
    assert isinstance(first, Begun)
    with pytest.raises(Conflict, match="still with the vendor") as in_flight:
        begin(registry, key=None)  # the first is still with the vendor
    assert in_flight.value.campaign_id == first.campaign_id
    registry.finish(first.campaign_id, Finish("unknown", 504, b"", "application/problem+json"))
    with pytest.raises(Conflict, match="unknown outcome") as unknown:
        begin(registry, key=None)
    assert unknown.value.to_problem()["campaign_id"] == first.campaign_id
    assert isinstance(begin(registry, {"name": "different"}, key=None), Begun)
    assert isinstance(begin(registry, tenant="b", key=None), Begun)  # another tenant's is its own
    clock.now += timedelta(minutes=11)
    assert isinstance(begin(registry, key=None), Begun)


@pytest.mark.parametrize(("dispatch", "blocks"), [("accepted", True), ("rejected", False), ("unknown", True)])
def test_keyless_guard_blocks_only_where_the_vendor_may_have_acted(
    registry: Registry, dispatch: str, blocks: bool
) -> None:
    first = begin(registry, key=None)
    assert isinstance(first, Begun)
    registry.finish(first.campaign_id, Finish(dispatch, 502, b"", "application/problem+json"))
    if blocks:
        with pytest.raises(Conflict):
            begin(registry, key=None)
    else:
        assert isinstance(begin(registry, key=None), Begun)


def test_keyless_guard_off_lets_identical_requests_through(database_url_any: str) -> None:
    registry = Registry(make_engine(database_url_any), retry_guard=timedelta(0))
    migrate(registry.engine)
    try:
        assert isinstance(begin(registry, key=None), Begun)
        assert isinstance(begin(registry, key=None), Begun)
    finally:
        registry.close()


def test_identical_keyless_begins_in_one_batch_send_one(registry: Registry) -> None:
    # On SQLite they meet in one group-committed batch, whose inserts follow every guard read;
    # on PostgreSQL each takes the advisory lock in turn.
    results = on_one_loop(
        *(
            registry.begin_async(
                tenant="a",
                vendor="clerk",
                route="campaigns",
                name="x",
                request={"name": "same"},
                request_fingerprint=fingerprint("campaigns", "clerk", {"name": "same"}),
                idempotency_key=None,
            )
            for _ in range(8)
        )
    )
    begun = [result for result in results if isinstance(result, Begun)]
    assert len(begun) == 1, results
    assert all(isinstance(result, Conflict) for result in results if not isinstance(result, Begun))


def test_released_key_lets_the_same_key_send_again(registry: Registry) -> None:
    first = begin(registry, key="later")
    assert isinstance(first, Begun)
    assert first.idempotency_key == "later"
    registry.finish(first.campaign_id, Finish("rejected", 429, b"{}", "application/problem+json"), release=first)
    again = begin(registry, key="later")
    assert isinstance(again, Begun) and again.campaign_id != first.campaign_id
    registry.finish(again.campaign_id, Finish("rejected", 422, b"{}", "application/problem+json"))
    replay = begin(registry, key="later")  # a definitive refusal stays pinned
    assert isinstance(replay, Replay) and replay.status == 422


def test_listing_filters_and_cursor(registry: Registry, clock: Clock) -> None:
    ids = []
    for index in range(5):
        clock.now += timedelta(seconds=1)
        begun = begin(registry, {"n": index}, key=None)
        assert isinstance(begun, Begun)
        ids.append(begun.campaign_id)
        if index % 2 == 0:
            accept(registry, begun)
    page, cursor = registry.page("a", filters={}, limit=2, cursor=None)
    assert [row["id"] for row in page] == ids[::-1][:2]
    assert cursor is not None
    rest, end = registry.page("a", filters={}, limit=10, cursor=cursor)
    assert [row["id"] for row in rest] == ids[::-1][2:]
    assert end is None
    accepted, _ = registry.page("a", filters={"dispatch": "accepted"}, limit=10, cursor=None)
    assert [row["id"] for row in accepted] == [ids[4], ids[2], ids[0]]
    later, _ = registry.page(
        "a", filters={"created_after": datetime(2030, 1, 1, 0, 0, 3, tzinfo=UTC)}, limit=10, cursor=None
    )
    assert [row["id"] for row in later] == [ids[4], ids[3]]
    assert registry.page("b", filters={}, limit=10, cursor=None) == ([], None)
    with pytest.raises(RequestInvalid):
        registry.page("a", filters={}, limit=2, cursor="garbage!")


def test_reconcile_marks_unknown(registry: Registry) -> None:
    begun = begin(registry, key=None)
    assert isinstance(begun, Begun)
    registry.finish(begun.campaign_id, Finish("unknown", 504, b"", "application/problem+json"))
    assert [row["id"] for row in registry.unknown()] == [begun.campaign_id]
    assert registry.mark(begun.campaign_id, "accepted", "vendor-7")
    assert registry.unknown() == []
    assert not registry.mark(begun.campaign_id, "rejected")


def test_unreachable_database_is_503(tmp_path: object) -> None:
    dead = Registry(make_engine("postgresql://root@127.0.0.1:1/test?connect_timeout=1"))
    with pytest.raises(DatabaseUnavailable):
        begin(dead)


def test_api_keys_are_hashed_and_revocable(registry: Registry) -> None:
    keys = ApiKeys(registry.engine)
    key = keys.create("acme")
    assert keys.tenant_for(key) == "acme"
    listed = keys.listing()
    assert len(listed) == 1 and key not in str(listed)
    assert keys.revoke(listed[0]["id"])
    assert keys.tenant_for(key) is None


def test_vendor_credentials_are_encrypted(registry: Registry) -> None:
    secret = Fernet.generate_key().decode()
    store = VendorCredentials(registry.engine, secret)
    store.set("acme", "tetherai", "tk-123", "https://acme.tether.example")
    store.set("acme", "tetherai", "tk-456", "https://acme.tether.example")
    with registry.engine.connect() as connection:
        raw = connection.exec_driver_sql("SELECT secret FROM vendor_credentials").scalar_one()
    assert b"tk-456" not in bytes(raw)
    opened = store.all()[("acme", "tetherai")]
    assert opened == TenantCredential("tk-456", "https://acme.tether.example")
    wrong_key = VendorCredentials(registry.engine, Fernet.generate_key().decode()).all()
    assert wrong_key == {("acme", "tetherai"): SealedCredential("it does not open with GATEWAY_SECRET_KEY")}
    assert VendorCredentials(registry.engine, None).all() == {
        ("acme", "tetherai"): SealedCredential("GATEWAY_SECRET_KEY is not set")
    }


def test_abandoned_in_flight_campaigns_become_unknown(registry: Registry, clock: Clock) -> None:
    begun = begin(registry)
    assert isinstance(begun, Begun)
    assert registry.settle_abandoned(timedelta(minutes=2)) == 0  # a live call is left alone
    clock.now += timedelta(minutes=3)
    assert registry.settle_abandoned(timedelta(minutes=2)) == 1
    assert [row["id"] for row in registry.unknown()] == [begun.campaign_id]
    with pytest.raises(Conflict, match="cut off mid-flight"):
        begin(registry)


def test_head_revision_constant_matches_the_migrations() -> None:
    from alembic.script import ScriptDirectory

    from gateway.store.migrate import HEAD_REVISION, _config

    assert ScriptDirectory.from_config(_config()).get_current_head() == HEAD_REVISION


def test_campaign_ids_are_uuid7_in_creation_order() -> None:
    before = datetime.now(UTC)
    ids = [new_campaign_id() for _ in range(3)]
    time.sleep(0.002)
    later = new_campaign_id()
    for campaign_id in [*ids, later]:
        parsed = uuid.UUID(campaign_id)
        assert (parsed.version, parsed.variant) == (7, uuid.RFC_4122)
        created = datetime.fromtimestamp((parsed.int >> 80) / 1000, UTC)
        assert before - timedelta(milliseconds=1) <= created <= datetime.now(UTC)
    assert len(set(ids)) == 3  # random bits tell apart ids of one millisecond
    assert max(ids) < later


def test_the_request_is_written_once_beside_its_campaign(registry: Registry) -> None:
    body = {"name": "x", "recipients": [{"phone": "+14155550100"}]}
    begun = begin(registry, body, key=None)
    accept(registry, begun)
    assert isinstance(begun, Begun)
    with registry.engine.connect() as connection:
        stored = connection.execute(
            select(campaign_requests.c.request).where(campaign_requests.c.campaign_id == begun.campaign_id)
        ).scalar_one()
    assert stored == body


def _recording_writers(registry: Registry) -> list[int]:
    """The thread of every keyless begin and outcome the registry writes from now on."""
    writers: list[int] = []
    begin_together, finish_write = registry._begin_keyless, registry._finish_write

    def begin(*args: Any) -> Any:
        writers.append(threading.get_ident())
        return begin_together(*args)

    def finish(*args: Any) -> Any:
        work = finish_write(*args)
        return lambda transaction: (writers.append(threading.get_ident()), work(transaction))[1]

    registry._begin_keyless = begin  # type: ignore[method-assign]
    registry._finish_write = finish  # type: ignore[method-assign]
    return writers


_KEYLESS = {"tenant": "a", "vendor": "volubile", "route": "native", "name": None, "idempotency_key": None}


async def _begin_and_finish(registry: Registry, count: int) -> list[str]:
    begun = await asyncio.gather(
        *(registry.begin_async(request={"n": n}, request_fingerprint=f"f{n}", **_KEYLESS) for n in range(count))
    )
    ids = [b.campaign_id for b in begun if isinstance(b, Begun)]
    outcome = Finish("accepted", 201, b"{}", "application/json")
    await asyncio.gather(*(registry.finish_async(campaign_id, outcome) for campaign_id in ids))
    return ids


def test_from_an_event_loop_the_writes_of_one_pass_are_written_there_in_one_transaction(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'registry.db'}")
    migrate(engine)
    registry = Registry(engine)
    writers = _recording_writers(registry)
    statements = traced_statements(engine)

    async def requests() -> tuple[int, list[str]]:
        return threading.get_ident(), await _begin_and_finish(registry, 5)

    try:
        loop_thread, ids = asyncio.run(requests())
        assert len(ids) == 5
        # One group of begins, then five outcomes: no hand-off to the writer thread and back.
        assert writers == [loop_thread] * 6
        assert statements.count("BEGIN IMMEDIATE") == 2  # a transaction for the begins, one for the outcomes
        assert registry._group_commit is not None and registry._group_commit._thread is None
        with engine.connect() as connection:
            dispatches = connection.execute(select(campaigns.c.dispatch)).scalars().all()
        assert dispatches == ["accepted"] * 5
    finally:
        registry.close()


def test_from_an_event_loop_a_taken_write_lock_sends_the_writes_to_the_writer_thread(tmp_path: Path) -> None:
    database = tmp_path / "registry.db"
    engine = make_engine(f"sqlite:///{database}")
    migrate(engine)
    registry = Registry(engine)
    writers = _recording_writers(registry)
    other_worker = SQLiteWriteLock(str(database))  # another descriptor of the lock file: another process's flock
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        with other_worker:
            taken.set()
            release.wait(5)  # a loop that waited for the lock would be released only by this timeout

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(5)

    async def requests() -> tuple[int, int, list[str]]:
        task = asyncio.create_task(_begin_and_finish(registry, 3))
        passes = 0
        while passes < 50:  # the loop goes on while the writes wait for the lock
            await asyncio.sleep(0.001)
            passes += 1
        assert not task.done()
        release.set()
        return threading.get_ident(), passes, await task

    try:
        loop_thread, passes, ids = asyncio.run(requests())
        assert passes == 50 and len(ids) == 3
        assert writers[0] != loop_thread  # the begins waited for the lock on the writer thread
        with engine.connect() as connection:
            dispatches = connection.execute(select(campaigns.c.dispatch)).scalars().all()
        assert dispatches == ["accepted"] * 3
    finally:
        release.set()
        holder.join(5)
        registry.close()


@pytest.mark.parametrize("write", ["create key", "revoke key", "set credential"])
def test_key_and_credential_writes_take_turns_with_the_registry_s_writers(tmp_path: Path, write: str) -> None:
    # So a gateway's event loop finds the write lock taken, and never waits on SQLite's own lock.
    database = tmp_path / "registry.db"
    engine = make_engine(f"sqlite:///{database}")
    migrate(engine)
    keys, credentials = ApiKeys(engine), VendorCredentials(engine, Fernet.generate_key().decode())
    keys.create("a")
    key_id = str(keys.listing()[0]["id"])
    action = {
        "create key": lambda: keys.create("b"),
        "revoke key": lambda: keys.revoke(key_id),
        "set credential": lambda: credentials.set("a", "volubile", "vendor-key"),
    }[write]
    gateway_writer = SQLiteWriteLock(str(database))
    with gateway_writer:
        operator = threading.Thread(target=action)
        operator.start()
        operator.join(0.2)
        assert operator.is_alive()  # waiting for the lock
    operator.join(5)
    assert not operator.is_alive()
    engine.dispose()


def test_keyless_begins_queued_together_are_written_together_and_refused_alone(tmp_path: Path, clock: Clock) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'registry.db'}")
    migrate(engine)
    registry = Registry(engine, retry_guard=timedelta(minutes=10), clock=clock)
    assert registry._group_commit is not None
    unknown = begin(registry, {"name": "sent once"}, key=None)
    assert isinstance(unknown, Begun)
    registry.finish(unknown.campaign_id, Finish("unknown", 504, b"", "application/problem+json"))
    statements = traced_statements(engine)
    writer = registry._group_commit
    bodies = [{"name": "one"}, {"name": "sent once"}, {"name": "three"}]
    rows = [registry._begun_row("a", "clerk", "campaigns", None, fingerprint("campaigns", "clerk", b)) for b in bodies]
    items = list(zip(rows, bodies, strict=True))
    answers = on_one_loop(*(writer.commit_together(registry._begin_keyless, item) for item in items))
    try:
        assert answers[0] is None and answers[2] is None
        assert isinstance(answers[1], Conflict)  # the retry guard, for that one alone
        assert registry.get("a", rows[0]["id"]) is not None and registry.get("a", rows[2]["id"]) is not None
        assert registry.get("a", rows[1]["id"]) is None
        for table in ("campaigns", "campaign_requests"):
            assert sum(sql.startswith(f"INSERT INTO {table} ") for sql in statements) == 1
    finally:
        registry.close()
