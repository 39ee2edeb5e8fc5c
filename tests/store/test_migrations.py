"""Migrations move what earlier revisions stored, both ways, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text

from gateway.store.engine import make_engine
from gateway.store.migrate import _config, is_current, migrate

_CAMPAIGN_0001 = (
    "INSERT INTO campaigns (id, tenant, vendor, route, name, request, fingerprint, dispatch, created_at, updated_at) "
    "VALUES (:id, 'acme', 'clerk', 'campaigns', 'x', :request, :fingerprint, :dispatch, :now, :now)"
)


def _to(engine: Engine, revision: str, *, down: bool = False) -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


@pytest.fixture
def engine(database_url_any: str) -> Iterator[Engine]:
    engine = make_engine(database_url_any)
    yield engine
    engine.dispose()


def _indexes(engine: Engine) -> set[str]:
    return {index["name"] for index in inspect(engine).get_indexes("campaigns") if index["name"]}


def test_0002_moves_requests_out_of_campaigns_and_back(engine: Engine) -> None:
    _to(engine, "0001")
    with engine.begin() as connection:
        for number, dispatch in enumerate(("accepted", "unknown")):
            connection.execute(
                text(_CAMPAIGN_0001),
                {
                    "id": f"c{number}",
                    "request": f'{{"n": {number}}}',
                    "fingerprint": "f" * 64,
                    "dispatch": dispatch,
                    "now": "2030-01-01 00:00:00",
                },
            )
    migrate(engine)
    assert is_current(engine)
    with engine.connect() as connection:
        moved = connection.execute(
            text("SELECT campaign_id, CAST(request AS TEXT) FROM campaign_requests ORDER BY campaign_id")
        ).all()
    assert [(row[0], json.loads(row[1])) for row in moved] == [("c0", {"n": 0}), ("c1", {"n": 1})]
    assert "request" not in {column["name"] for column in inspect(engine).get_columns("campaigns")}
    assert {"ix_campaigns_guard", "ix_campaigns_in_flight"} <= _indexes(engine)
    assert "ix_campaigns_unknown" not in _indexes(engine)
    assert not {"ix_campaigns_retry_guard", "ix_campaigns_dispatch"} & _indexes(engine)

    _to(engine, "0001", down=True)
    with engine.connect() as connection:
        back = connection.execute(text("SELECT id, CAST(request AS TEXT) FROM campaigns ORDER BY id")).all()
    assert [(row[0], json.loads(row[1])) for row in back] == [("c0", {"n": 0}), ("c1", {"n": 1})]
    assert {"ix_campaigns_retry_guard", "ix_campaigns_dispatch"} <= _indexes(engine)
    assert "campaign_requests" not in inspect(engine).get_table_names()


_SYNC_COLUMNS = "CAST(synced_at AS TEXT), CAST(sync_due_at AS TEXT), sync_streak"
_CAMPAIGN_0005 = (
    "INSERT INTO campaigns (id, tenant, vendor, route, fingerprint, dispatch, created_at, updated_at, synced_at, "
    "sync_due_at, sync_streak) VALUES (:id, 'acme', 'volubile', 'campaigns', :fingerprint, 'accepted', :now, :now, "
    ":synced, :due, :streak)"
)


def _sync_columns(engine: Engine, query: str) -> dict[str, tuple[object, ...]]:
    with engine.connect() as connection:
        return {row[0]: tuple(row[1:]) for row in connection.execute(text(query))}


def test_0006_moves_the_sync_columns_into_campaign_sync_and_back(engine: Engine) -> None:
    _to(engine, "0005")
    stored = {  # synced and queued; queued, never read; read, then out of the queue; never queued
        "c0": ("2030-01-01 00:00:00", "2030-01-01 00:00:30", 2),
        "c1": (None, "2030-01-01 00:00:20", 0),
        "c2": ("2030-01-01 00:00:10", None, None),
        "c3": (None, None, None),
    }
    with engine.begin() as connection:
        for campaign_id, (synced, due, streak) in stored.items():
            values = {"id": campaign_id, "fingerprint": "f" * 64, "now": "2030-01-01 00:00:00"}
            connection.execute(text(_CAMPAIGN_0005), {**values, "synced": synced, "due": due, "streak": streak})
    before = _sync_columns(engine, f"SELECT id, {_SYNC_COLUMNS} FROM campaigns")
    migrate(engine)
    assert is_current(engine)
    moved = _sync_columns(engine, f"SELECT campaign_id, {_SYNC_COLUMNS} FROM campaign_sync")
    # A campaign never queued nor read has no row; a missing streak is a streak of 0.
    expected = {campaign_id: before[campaign_id] for campaign_id in ("c0", "c1")} | {"c2": (*before["c2"][:2], 0)}
    assert moved == expected
    assert not {"synced_at", "sync_due_at", "sync_streak"} & {
        column["name"] for column in inspect(engine).get_columns("campaigns")
    }
    assert "ix_campaign_sync_due" in {index["name"] for index in inspect(engine).get_indexes("campaign_sync")}
    assert "ix_campaigns_sync_due" not in _indexes(engine)

    _to(engine, "0005", down=True)
    back = _sync_columns(engine, f"SELECT id, {_SYNC_COLUMNS} FROM campaigns")
    assert back == expected | {"c3": before["c3"]}
    assert "campaign_sync" not in inspect(engine).get_table_names()
    assert "ix_campaigns_sync_due" in _indexes(engine)
