"""The registry's per-request writes on the driver store what SQLAlchemy would, and fail as it would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from gateway.store.driver import DriverStatement, driver_transaction
from gateway.store.engine import make_engine
from gateway.store.migrate import migrate
from gateway.store.schema import campaigns

MOMENT = datetime(2030, 5, 17, 9, 30, 15, 123456, tzinfo=UTC)


def _row(campaign_id: str) -> dict[str, object]:
    return {
        "id": campaign_id,
        "tenant": "acme",
        "vendor": "volubile",
        "route": "campaigns",
        "name": "Ünïcode ✓",
        "vendor_response": {"recipients": [{"phone": "+14155550100", "context": {"n": 1.5, "big": 2**70}}], "x": None},
        "fingerprint": "f" * 64,
        "dispatch": "in_flight",
        "scheduled_at": MOMENT,
        "problem": None,
        "response_body": b"\x00\xffbytes",
        "created_at": MOMENT,
        "updated_at": MOMENT,
    }


@pytest.fixture
def engine(database_url_any: str) -> Iterator[Engine]:
    engine = make_engine(database_url_any)
    migrate(engine)
    yield engine
    engine.dispose()


def test_stored_exactly_as_sqlalchemy_stores_it(engine: Engine) -> None:
    columns = list(_row("x"))
    statement = DriverStatement(insert(campaigns), engine.dialect, columns)
    with driver_transaction(engine, nullcontext()) as transaction:
        transaction.execute(statement, _row("by-driver"))
    with engine.begin() as connection:
        connection.execute(insert(campaigns), _row("by-sqlalchemy"))
    with engine.connect() as connection:
        # As the database holds them (text, JSON, timestamps), not as SQLAlchemy reads them back.
        stored = {
            row[0]: row[1:]
            for row in connection.execute(
                text(
                    "SELECT id, CAST(vendor_response AS TEXT), CAST(created_at AS TEXT), CAST(scheduled_at AS TEXT), "
                    "name, response_body, problem IS NULL FROM campaigns"
                )
            )
        }
        read = {row.id: row for row in connection.execute(select(campaigns))}
    assert stored["by-driver"] == stored["by-sqlalchemy"]
    assert read["by-driver"].vendor_response == _row("x")["vendor_response"]
    assert read["by-driver"].created_at.replace(tzinfo=UTC) == MOMENT


def test_literals_of_a_statement_are_bound(engine: Engine) -> None:
    unknown = DriverStatement(select(campaigns.c.id).where(campaigns.c.dispatch == "unknown"), engine.dialect)
    with engine.begin() as connection:
        connection.execute(insert(campaigns), [{**_row("a"), "dispatch": "unknown"}, _row("b")])
    with driver_transaction(engine, nullcontext()) as transaction:
        assert transaction.first(unknown, {}) == ("a",)


def test_driver_errors_come_out_as_sqlalchemy_errors(engine: Engine) -> None:
    statement = DriverStatement(insert(campaigns), engine.dialect, list(_row("x")))
    with driver_transaction(engine, nullcontext()) as transaction:
        transaction.execute(statement, _row("twice"))
    with pytest.raises(IntegrityError), driver_transaction(engine, nullcontext()) as transaction:
        transaction.execute(statement, _row("once"))
        transaction.execute(statement, _row("twice"))
    with engine.connect() as connection:  # the failed transaction was rolled back whole
        assert [row.id for row in connection.execute(select(campaigns.c.id))] == ["twice"]


def test_a_connection_the_server_dropped_is_invalidated(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    try:
        with pytest.raises(DBAPIError) as dropped, driver_transaction(engine, nullcontext()) as transaction:
            transaction.cursor.execute("SELECT pg_backend_pid()")
            (backend,) = transaction.cursor.fetchone()
            with engine.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
            transaction.cursor.execute("SELECT 1")
        assert dropped.value.connection_invalidated
        with driver_transaction(engine, nullcontext()) as transaction:  # the pool opens a new one
            transaction.cursor.execute("SELECT pg_backend_pid()")
            assert transaction.cursor.fetchone()[0] != backend
    finally:
        engine.dispose()
