"""The registry's per-request writes, run on the database driver's own connection.

Every request writes the registry twice (in flight, then its outcome). Through SQLAlchemy's
execution layer those two short transactions cost about four times the database's own work
(pool proxies, an execution context, events and a result object per statement). Here the same
Core statements are compiled once for the engine's dialect and run on a connection from the
engine's pool, with the dialect's own conversions of each parameter (dates, JSON). Errors come
out as the SQLAlchemy exceptions the rest of the code expects, and a connection the dialect
calls dead is invalidated, as SQLAlchemy would. Reads, listing and operators' commands keep
using SQLAlchemy: they are not per request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement

from gateway.store.engine import SQLITE_BEGIN

__all__ = ["DriverStatement", "DriverTransaction", "driver_transaction", "wrap_driver_error"]

# SQLite's limit on one statement's parameters before 3.32 (32,766 since).
_MAX_PARAMETERS = 999


class DriverStatement:
    """A Core statement compiled once for `dialect`, with the conversion of each parameter."""

    def __init__(self, statement: ClauseElement, dialect: Dialect, column_keys: Sequence[str] | None = None) -> None:
        compiled: Any = statement.compile(dialect=dialect, column_keys=list(column_keys) if column_keys else None)
        self.sql: str = compiled.string
        binds = {name: bind for bind, name in compiled.bind_names.items()}
        self._positional = bool(compiled.positional)
        self._names: tuple[str, ...] = tuple(compiled.positiontup if self._positional else binds)
        # Literals written into the statement (`dispatch == "unknown"`) are binds with a value.
        self._literals = {name: binds[name].value for name in self._names if binds[name].value is not None}
        self._converters: dict[str, Callable[[Any], Any]] = {}
        for name in self._names:
            converter = binds[name].type.dialect_impl(dialect).bind_processor(dialect)
            if converter is not None:
                self._converters[name] = converter

    def rows_sql(self, count: int) -> str:
        """This single-row INSERT's SQL for `count` rows (positional parameters only)."""
        assert self._positional and " VALUES " in self.sql, "a single-row INSERT with positional parameters"
        head, row = self.sql.split(" VALUES ", 1)
        return f"{head} VALUES {', '.join([row] * count)}"

    @property
    def parameters_per_row(self) -> int:
        """How many parameters one row binds."""
        return len(self._names)

    def parameters(self, values: Mapping[str, Any]) -> list[Any] | dict[str, Any]:
        """`values` by bind name, converted, in the driver's parameter style."""
        converted = [self._convert(name, values) for name in self._names]
        return converted if self._positional else dict(zip(self._names, converted, strict=True))

    def _convert(self, name: str, values: Mapping[str, Any]) -> Any:
        value = values[name] if name in values else self._literals.get(name)
        converter = self._converters.get(name)
        # None too: a JSON column stores it as JSON null, as SQLAlchemy does.
        return converter(value) if converter is not None else value


class DriverTransaction:
    """One open transaction on a driver connection."""

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor

    def execute(self, statement: DriverStatement, values: Mapping[str, Any]) -> None:
        """Run `statement` with `values`."""
        self.cursor.execute(statement.sql, statement.parameters(values))

    def insert_rows(self, statement: DriverStatement, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run a single-row INSERT for all `rows` in as few statements as the driver allows."""
        per_statement = max(1, _MAX_PARAMETERS // statement.parameters_per_row)
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            parameters = [value for row in chunk for value in statement.parameters(row)]
            self.cursor.execute(statement.rows_sql(len(chunk)), parameters)

    def first(self, statement: DriverStatement, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """Run `statement`; its first row, or None."""
        self.cursor.execute(statement.sql, statement.parameters(values))
        row = self.cursor.fetchone()
        return tuple(row) if row is not None else None


def wrap_driver_error(engine: Engine, error: Any, connection: Any = None) -> DBAPIError:
    """The SQLAlchemy exception for a driver's `error`; a dead pooled `connection` is invalidated."""
    dialect = engine.dialect
    dead = dialect.is_disconnect(error, connection, None)
    if dead and connection is not None:
        connection.invalidate(error)
    wrapped = DBAPIError.instance(
        None, None, error, dialect.loaded_dbapi.Error, connection_invalidated=dead, dialect=dialect
    )
    assert isinstance(wrapped, DBAPIError)  # instance() returns `error` itself only for non-driver errors
    return wrapped


@contextmanager
def driver_transaction(engine: Engine, lock: AbstractContextManager[Any]) -> Iterator[DriverTransaction]:
    """A connection from the pool, then `lock` for the transaction only, committed on success.

    Checking the connection out and back in happens outside `lock`, which SQLite's writers
    queue on.
    """
    # SQLite's connections are in autocommit (gateway/store/engine.py): open the transaction as
    # the engine's own transactions do. PostgreSQL's driver opens one by itself.
    begin = SQLITE_BEGIN if engine.dialect.name == "sqlite" else None
    driver_error = engine.dialect.loaded_dbapi.Error
    try:
        connection = engine.raw_connection()
    except driver_error as exc:  # the pool hands out the driver's own connect errors
        raise wrap_driver_error(engine, exc) from exc
    try:
        with lock:
            cursor = connection.cursor()
            try:
                if begin is not None:
                    cursor.execute(begin)
                yield DriverTransaction(cursor)
                connection.commit()
            except BaseException:
                with suppress(driver_error):  # a dead connection: the error that brought us here says more
                    connection.rollback()
                raise
            finally:
                cursor.close()
    except driver_error as exc:
        raise wrap_driver_error(engine, exc, connection) from exc
    finally:
        connection.close()
