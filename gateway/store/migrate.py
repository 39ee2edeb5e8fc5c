"""Apply the Alembic migrations: at start-up and by `campaign-gateway db upgrade`.

Alembic is imported only when the schema is behind: a start-up against a current database
checks one row, and saves the quarter second that importing Alembic costs.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from gateway.store.engine import write_transaction

__all__ = ["HEAD_REVISION", "current_revision", "is_current", "migrate"]

_SCRIPTS = Path(__file__).resolve().parent / "migrations"
# The newest revision in migrations/versions (a test keeps the two in step).
HEAD_REVISION = "0006"
# Any constant: workers starting together on PostgreSQL take turns instead of racing.
_ADVISORY_LOCK = 7_204_118_522


def _config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    return config


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError as exc:
            if "alembic_version" in str(exc.orig):  # no such table yet
                connection.rollback()
                return None
            raise


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (idempotent; safe from several processes)."""
    if current_revision(engine) == HEAD_REVISION:
        return
    from alembic import command

    config = _config()
    with write_transaction(engine, nullcontext()) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def is_current(engine: Engine) -> bool:
    """Whether every migration has been applied."""
    return current_revision(engine) == HEAD_REVISION
