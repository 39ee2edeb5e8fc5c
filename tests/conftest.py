"""Fixtures shared by every test folder."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

# Property-based tests (Hypothesis, Schemathesis) draw the same examples on every run: CI sees
# exactly what was seen here, and a failure reproduces. New examples come with new code.
settings.register_profile("campaign-gateway", derandomize=True)
settings.load_profile("campaign-gateway")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout's top folder."""
    return ROOT


PG_BASE = "postgresql://root@127.0.0.1:5432/test"


def _postgres_reachable() -> str | None:
    """None if PostgreSQL answers, else why not (after one attempt to start a stopped server)."""
    import shutil
    import subprocess

    import psycopg

    def attempt() -> str | None:
        try:
            psycopg.connect("host=127.0.0.1 port=5432 user=root dbname=test", connect_timeout=3).close()
        except psycopg.OperationalError as exc:
            return str(exc).strip().splitlines()[0]
        return None

    problem = attempt()
    if problem and shutil.which("pg_ctlcluster") and Path("/etc/postgresql").is_dir():
        # The machine's server may merely be stopped (the env skill's machine page gives this command).
        for version in sorted(p.name for p in Path("/etc/postgresql").iterdir()):
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
                capture_output=True,
                check=False,
                timeout=60,
            )
        problem = attempt()
    return problem


@pytest.fixture(scope="session")
def postgres_available() -> None:
    """Skip, saying why, where no PostgreSQL server answers on 127.0.0.1:5432."""
    problem = _postgres_reachable()
    if problem:
        pytest.skip(f"PostgreSQL not reachable on 127.0.0.1:5432 (trust auth, database test): {problem}")


@pytest.fixture
def postgres_url(postgres_available: None) -> Iterator[str]:
    """A fresh schema in database `test`, as a plain postgresql:// URL; dropped afterwards."""
    import uuid

    import psycopg

    schema = f"cg_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect("host=127.0.0.1 port=5432 user=root dbname=test", autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_BASE}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect("host=127.0.0.1 port=5432 user=root dbname=test", autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url_any(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The embedded default and the scale-out database, one test each."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'gateway.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The machine's Redis (started if it is installed but stopped); skip, saying why, where absent."""
    import shutil
    import subprocess

    import redis

    url = "redis://127.0.0.1:6379/0"

    def attempt() -> str | None:
        try:
            redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        except redis.RedisError as exc:
            return str(exc)
        return None

    problem = attempt()
    if problem and shutil.which("redis-server"):
        # The env skill's machine page gives this command for a stopped server.
        subprocess.run(
            [
                "redis-server",
                "--daemonize",
                "yes",
                "--bind",
                "127.0.0.1",
                "-::1",
                "--port",
                "6379",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                "/var/lib/redis",
                "--logfile",
                "/var/log/redis/ci.log",
            ],
            capture_output=True,
            check=False,
            timeout=30,
        )
        time.sleep(0.5)
        problem = attempt()
    if problem:
        pytest.skip(f"Redis not reachable on 127.0.0.1:6379: {problem}")
    return url
