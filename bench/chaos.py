"""`make chaos`: the launch promise under faults and SIGKILL, on PostgreSQL with two workers.

The gateway (`campaign-gateway serve --workers 2`, a fresh PostgreSQL schema) talks to the
sandbox run as its own process (`campaign-gateway sandbox`), driven over its control endpoint.
Client threads send logical campaigns (see `bench.chaos_load`) while, each round, the vendor
switches fault modes and the gateway's whole process group is killed with SIGKILL at a random
moment and started again on the same database. Then the clients finish their keyed retries
against a healthy vendor, the gateway stops, the abandoned-call window passes and
`campaign-gateway reconcile` settles what was left; the figures are matched from what clients
were told, what the vendor received and what the registry holds (see `bench.chaos_report`).

    python -m bench.chaos --rounds 20 --round-seconds 3     # CHAOS_ROUNDS, CHAOS_ROUND_SECONDS...

Exit status 1 when a must-be-zero figure is not zero.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy import select

from bench.chaos_load import Load
from bench.chaos_report import VendorSend, figures, render, sent_names, write_section
from bench.machine import revision
from bench.procs import Service, free_port, say, start, wait_http
from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.sandbox import Fault, RemoteSandbox, default_credential
from gateway.service import ABANDONED_AFTER_S
from gateway.settings import vendor_variable
from gateway.store.engine import make_engine
from gateway.store.schema import campaigns

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]
PG = "host=127.0.0.1 port=5432 user=root dbname=test"
VENDOR = "smallest"
CAMPAIGN = {"vendor": VENDOR, "agent_id": "60d0fe4f5311236168a109ca", "audience": "chaos-audience"}
KEY = "chaos-key"


@dataclass(frozen=True)
class Config:
    """One chaos run's settings."""

    rounds: int
    round_s: float
    clients: int
    keyless_share: float
    vendor_timeout_s: float
    settle_s: float
    seed: int
    out: Path | None


def _modes(timeout_s: float) -> dict[str, Callable[[], Fault | None]]:
    """Each fault mode the vendor switches between, as the sticky fault it injects (None: healthy)."""
    return {
        "healthy": lambda: None,
        "slow": lambda: Fault(delay=0.5, sticky=True),
        "500": lambda: Fault(status=500, sticky=True),
        "503 Retry-After": lambda: Fault(status=503, headers={"Retry-After": "1"}, sticky=True),
        "429 Retry-After": lambda: Fault(status=429, headers={"Retry-After": "1"}, sticky=True),
        "timeout": lambda: Fault(delay=timeout_s + 1, sticky=True),
        "drop": lambda: Fault(drop=True, sticky=True),
        "close mid-answer": lambda: Fault(cut_after=-8, sticky=True),
        "garbage 2xx": lambda: Fault(status=201, body=b'{"_id": "\xff\xfe<cut', sticky=True),
        "overlong ids": lambda: Fault(overrides={"id|_id|status": "x" * 5000}, sticky=True),
        "NUL ids": lambda: Fault(overrides={"id|_id|status": "id\x00nul"}, sticky=True),
        "count beyond 64 bits": lambda: dataclasses.replace(Fault.huge_count(), sticky=True),
        "instant overflowing": lambda: dataclasses.replace(Fault.odd_instant(), sticky=True),
    }


def parse_args(argv: Sequence[str] | None = None) -> Config:
    """Read the command line; each flag defaults to a CHAOS_* variable."""

    def env(name: str, default: str) -> str:
        return os.environ.get(f"CHAOS_{name}", default)

    parser = argparse.ArgumentParser(prog="python -m bench.chaos", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=int(env("ROUNDS", "20")), help="SIGKILL rounds (20)")
    parser.add_argument("--round-seconds", type=float, default=float(env("ROUND_SECONDS", "3")), help="load per round")
    parser.add_argument("--clients", type=int, default=int(env("CLIENTS", "4")), help="client threads (4)")
    parser.add_argument("--keyless-share", type=float, default=float(env("KEYLESS_SHARE", "0.3")))
    parser.add_argument("--vendor-timeout", type=float, default=float(env("VENDOR_TIMEOUT", "2")), help="seconds")
    parser.add_argument(
        "--settle-seconds",
        type=float,
        default=None,
        help="wait before reconciling (default: the gateway's abandoned-call window, vendor timeout + 60 s)",
    )
    parser.add_argument("--seed", type=int, default=int(env("SEED", "19")))
    parser.add_argument("--out", type=Path, default=Path(env("OUT", str(ROOT / "bench" / "results.md"))))
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/results.md alone")
    args = parser.parse_args(argv)
    settle = args.settle_seconds if args.settle_seconds is not None else args.vendor_timeout + ABANDONED_AFTER_S
    return Config(
        rounds=args.rounds,
        round_s=args.round_seconds,
        clients=args.clients,
        keyless_share=args.keyless_share,
        vendor_timeout_s=args.vendor_timeout,
        settle_s=settle,
        seed=args.seed,
        out=None if args.no_write else args.out,
    )


class Gateway:
    """`campaign-gateway serve --workers 2`, started again after each SIGKILL on the same database."""

    def __init__(self, env: dict[str, str], port: int, logs: Path) -> None:
        self.env, self.port, self.logs = env, port, logs
        self.service: Service | None = None

    def start(self) -> None:
        """Start it and wait until it answers."""
        argv = [sys.executable, "-m", "gateway.cli", "serve", "--port", str(self.port), "--workers", "2"]
        self.service = start("gateway", argv, port=self.port, log_dir=self.logs, env=self.env, cwd=ROOT)
        wait_http(self.service, "/v1/vendors", headers={"Authorization": f"Bearer {KEY}"}, want_status=200)

    def kill(self) -> None:
        """SIGKILL the whole process group (supervisor and workers): nothing graceful."""
        if self.service is not None:
            with suppress(ProcessLookupError):
                os.killpg(self.service.process.pid, signal.SIGKILL)
            self.service.process.wait(10)

    def stop(self) -> None:
        """SIGTERM: in-flight requests finish first."""
        if self.service is not None:
            self.service.stop()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the rounds, reconcile, print the table; 1 if a must-be-zero figure is not zero."""
    config = parse_args(argv)
    started = time.monotonic()
    run = uuid.uuid4().hex[:8]
    schema = f"cg_chaos_{run}"
    database_url = f"postgresql://root@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    rng = random.Random(config.seed)
    modes = _modes(config.vendor_timeout_s)
    used: Counter[str] = Counter()
    sends: list[VendorSend] = []
    kills = 0
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="campaign-gateway-chaos-") as tmp:
        logs = Path(tmp)
        _create_schema(schema)
        stack.callback(_drop_schema, schema)
        sandbox_port = free_port()
        sandbox_service = start(
            "sandbox",
            [sys.executable, "-m", "gateway.cli", "sandbox", "--port", str(sandbox_port)],
            port=sandbox_port,
            log_dir=logs,
            cwd=ROOT,
        )
        stack.callback(sandbox_service.stop)
        wait_http(sandbox_service, "/_sandbox", want_status=200)
        remote = stack.enter_context(RemoteSandbox(f"http://127.0.0.1:{sandbox_port}"))
        env = _gateway_env(remote, database_url, config, logs)
        gateway = Gateway(env, free_port(), logs)
        stack.callback(gateway.stop)
        gateway.start()
        load = Load(
            f"http://127.0.0.1:{gateway.port}",
            KEY,
            CAMPAIGN,
            run=run,
            clients=config.clients,
            keyless_share=config.keyless_share,
            max_attempts=40,
            timeout_s=config.vendor_timeout_s + 5,
            seed=config.seed,
        )
        load.start()
        stack.callback(load.stop)
        names = list(modes)
        for number in range(config.rounds):
            killed_at = time.monotonic() + rng.uniform(0.4, 1.0) * config.round_s
            for phase in range(2):
                mode = names[(2 * number + phase) % len(names)]
                used[mode] += 1
                _switch(remote, modes[mode]())
                _sleep_until(min(killed_at, time.monotonic() + config.round_s * 0.5))
            gateway.kill()
            kills += 1
            sends += _drain(remote)
            say(f"round {number + 1}/{config.rounds}: killed; {load.tally.sent} requests so far")
            gateway.start()
        say(f"healthy vendor: clients finish their keyed retries ({load.pending()} pending)")
        _switch(remote, None)
        load.new_campaigns.clear()
        deadline = time.monotonic() + 60
        while load.pending() and time.monotonic() < deadline:
            time.sleep(0.2)
        load.stop()
        gateway.stop()
        sends += _drain(remote)
        in_flight_before = _count_in_flight(database_url)
        say(f"waiting {config.settle_s:.0f} s (the abandoned-call window), then campaign-gateway reconcile")
        time.sleep(config.settle_s)
        subprocess.run(
            [sys.executable, "-m", "gateway.cli", "reconcile"],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        result = figures(
            rounds=config.rounds,
            kills=kills,
            modes=used,
            tally=load.tally,
            campaigns=load.campaigns,
            sends=sends,
            rows=_rows(database_url),
            in_flight_before=in_flight_before,
        )
    header = [
        f"Measured at {revision()} in {(time.monotonic() - started) / 60:.1f} min: {config.rounds} rounds of "
        f"{config.round_s:g} s, {config.clients} client threads, two workers on PostgreSQL, vendor {VENDOR} "
        f"(vendor timeout {config.vendor_timeout_s:g} s, circuit breaker out of the way), seed {config.seed}. "
        "Reproduce: `make chaos` (`python -m bench.chaos --help`).",
    ]
    section = render(result, header)
    print(section)
    if config.out is not None:
        write_section(config.out, section)
        say(f"wrote the chaos section of {config.out}")
    return 1 if result.failures else 0


def _gateway_env(remote: RemoteSandbox, database_url: str, config: Config, logs: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GATEWAY_")}
    env.update(
        {
            "GATEWAY_API_KEYS": f"chaos:{KEY}",
            "GATEWAY_DATABASE_URL": database_url,
            "GATEWAY_VENDOR_TIMEOUT_S": f"{config.vendor_timeout_s:g}",
            # The breaker would answer 503 itself after a few failures: the vendor call is what
            # is being tried here.
            "GATEWAY_BREAKER_THRESHOLD": "1000000",
            "PROMETHEUS_MULTIPROC_DIR": str(logs / "metrics"),
        }
    )
    (logs / "metrics").mkdir(exist_ok=True)
    for vendor in load_vendors(GeneratorPaths()):
        env[vendor_variable(vendor.slug, "base_url")] = remote.base_url(vendor.slug)
        env[vendor_variable(vendor.slug, "api_key")] = default_credential(vendor.slug)
    return env


def _switch(remote: RemoteSandbox, fault: Fault | None) -> None:
    remote.clear_faults(VENDOR)
    if fault is not None:
        remote.inject(VENDOR, fault)


def _sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))


def _drain(remote: RemoteSandbox) -> list[VendorSend]:
    return [
        VendorSend(name, request.status)
        for request in remote.drain_requests(VENDOR)
        if (name := sent_names(request.body)) is not None
    ]


def _create_schema(schema: str) -> None:
    with psycopg.connect(PG, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')


def _drop_schema(schema: str) -> None:
    with psycopg.connect(PG, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _rows(database_url: str) -> list[dict[str, object]]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            query = select(campaigns.c.id, campaigns.c.name, campaigns.c.dispatch)
            return [dict(row._mapping) for row in connection.execute(query)]
    finally:
        engine.dispose()


def _count_in_flight(database_url: str) -> int:
    return sum(1 for row in _rows(database_url) if row["dispatch"] == "in_flight")


if __name__ == "__main__":
    sys.exit(main())
