"""The life after the launch, measured: an action beside a create, and the status sync under create traffic.

(a) One gateway worker, one request at a time: a vendor-neutral create (Volubile, 50
recipients) and a vendor-neutral action (pause and resume in turn, over a pool of Volubile
campaigns, so no campaign's ledger grows long), interleaved, against the stateful sandbox.

(b) 10,000 active Volubile campaigns, created in the sandbox and seeded in the registry as
accepted, kept in sync at a 30 s interval (GATEWAY_SYNC_INTERVAL_S = _MAX_INTERVAL_S = 30)
while creates arrive at a steady rate, one at a time, to one `serve` worker. Four ways,
interleaved, each phase from the same steady state (every campaign synced within the last
interval, due within the next; on PostgreSQL, vacuumed): no sync at all
(GATEWAY_SYNC_IN_SERVE=0); the sync `serve` runs beside its worker (the default: its reads at
idle CPU priority, on the last CPU); no sync, but the synced vendor's sandbox read as the sync
reads it, by a bare HTTP client where the sync would run (what the stand-in vendor costs the
creates, which a vendor on another machine would not); and a control: no sync, but the last
CPU's spare cycles burnt by a busy loop at idle CPU priority. The synced vendor's sandbox
stands in for a vendor on another machine, so it runs at idle CPU priority on the last CPU: it
takes only CPU the gateway leaves, and never keeps every CPU busy. The sync lag is now -
synced_at over the 10,000 campaigns, sampled through each phase.

`python -m bench.sync` runs only this and replaces its section of bench/results.md;
`make bench` runs it with the rest.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from bench import bodies
from bench.config import BENCH_DIR
from bench.machine import revision
from bench.peers import API_KEY, GATEWAY
from bench.procs import Service, cpu_seconds, free_port, say, start, wait_http
from bench.stats import fmt, median, percentile
from bench.wakeups import ON_THE_LAST_CPU_AT_IDLE, Wakeups, busy_loops, measure_wakeups
from gateway.settings import vendor_variable

__all__ = ["QUICK", "SyncFigures", "main", "markers", "render", "run_sync_bench", "section_in", "write_section"]

START = "<!-- sync:start -->"
END = "<!-- sync:end -->"
INTERVAL_S = 30.0
TENANT = "bench"
# How often the sync lag is sampled through a phase.
_LAG_EVERY_S = 3.0
SEEDED_TENANT = "bench-sync"
AUTH = {"Authorization": f"Bearer {API_KEY}"}
VOLUBILE_BODY = {
    "name": "Sync bench",
    "agentId": bodies.AGENT_ID,
    "startDate": "2030-01-15",
    "timeSlots": [{"startTime": "09:00", "endTime": "11:30"}],
    "batchSize": 1,
    "days": ["MONDAY"],
    "retry": {"max": 1, "delay": 1, "retryOn": ["NO_ANSWER"]},
    "timezone": "Europe/Paris",
    "recipients": [{"phone": bodies.phone(1), "context": {"firstName": "Ada"}}],
}
CONTROL = "no sync, the last CPU's spare cycles burnt at idle priority (a control)"
VENDOR_READS = "no sync, the synced vendor read as the sync reads it, by a bare client (the stand-in's share)"
MODES = ("no sync", "sync run by serve (the default)", VENDOR_READS, CONTROL)
# Each mode's settings for `serve`.
_MODE_ENV = (
    {"GATEWAY_SYNC_IN_SERVE": "0"},
    {"GATEWAY_SYNC_IN_SERVE": "1"},
    {"GATEWAY_SYNC_IN_SERVE": "0"},
    {"GATEWAY_SYNC_IN_SERVE": "0"},
)
# `make bench`'s --quick smoke run: the same story, small and short.
QUICK: dict[str, Any] = {"campaigns": 1000, "phase_s": 5.0, "reps": 1, "actions": 100, "round_trips": 500}


@dataclass
class Phase:
    """One measured stretch of create traffic under one way of syncing."""

    mode: str
    rep: int
    create_ms: list[float]
    errors: int
    lags_s: list[float]
    refreshed: int
    seconds: float
    cpu_s: dict[str, float]

    @property
    def p99_ms(self) -> float:
        return percentile(self.create_ms, 99)


@dataclass
class SyncFigures:
    """Everything `render` writes."""

    campaigns: int
    phase_s: float
    rate: float
    reps: int
    create_ms: list[float] = field(default_factory=list)
    action_ms: list[float] = field(default_factory=list)
    action_errors: int = 0
    phases: list[Phase] = field(default_factory=list)
    elapsed_s: float = 0.0
    commit: str = ""
    database: str = "SQLite"
    wakeups: list[Wakeups] = field(default_factory=list)


def _gateway_env(vendors: dict[str, dict[str, str]], database: str, **extra: str) -> dict[str, str]:
    import os

    # The caller's GATEWAY_* would change what is measured; the sync's concurrency is the knob to compare.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GATEWAY_") or key == "GATEWAY_SYNC_CONCURRENCY"
    }
    env.update(
        GATEWAY_API_KEYS=f"{TENANT}:{API_KEY}",
        GATEWAY_DATABASE_URL=database,
        GATEWAY_SYNC_INTERVAL_S=str(INTERVAL_S),
        GATEWAY_SYNC_MAX_INTERVAL_S=str(INTERVAL_S),
        GATEWAY_SANDBOX_STEP_S="2",
    )
    for slug, where in vendors.items():
        env[vendor_variable(slug, "base_url")] = where["base_url"]
        env[vendor_variable(slug, "api_key")] = where["key"]
    env.update(extra)
    return env


def _start_sandbox(work: Path, name: str, *, idle: bool = False) -> tuple[Service, dict[str, dict[str, str]]]:
    port = free_port()
    describe = work / f"{name}.json"
    argv = [sys.executable, "-m", "bench.sync_sandbox", "--port", str(port), "--describe", str(describe)]
    if idle:
        argv.append("--idle-priority")
    service = start(name, argv, port=port, log_dir=work, cwd=BENCH_DIR.parent)
    deadline = time.monotonic() + 30
    while not describe.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    vendors: dict[str, dict[str, str]] = json.loads(describe.read_text())
    return service, vendors


def _serve(work: Path, env: dict[str, str], name: str) -> Service:
    port = free_port()
    argv = [str(GATEWAY), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    service = start(name, argv, port=port, log_dir=work, env=env, cwd=work)
    wait_http(service, "/v1/vendors", headers=AUTH, want_status=200)
    return service


def _cpu_by_part(serve: Service) -> dict[str, float]:
    """CPU seconds so far of serve's worker(s) and of the sync it runs (its child `sync --parent`)."""
    parts = {"serve": 0.0}
    for pid in serve.pids():
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        part = "sync" if b"--parent" in argv else "serve"
        parts[part] = parts.get(part, 0.0) + cpu_seconds([pid])
    return parts


def _timed(client: httpx.Client, method: str, url: str, **kwargs: Any) -> tuple[float, int]:
    started = time.perf_counter()
    status = client.request(method, url, **kwargs).status_code
    return (time.perf_counter() - started) * 1000, status


# (a) an action beside a create


def _action_vs_create(work: Path, vendors: dict[str, dict[str, str]], count: int, figures: SyncFigures) -> None:
    env = _gateway_env(vendors, f"sqlite:///{work / 'actions.db'}", GATEWAY_SYNC_IN_SERVE="0")
    service = _serve(work, env, "sync-actions")
    create = bodies.neutral_volubile(50)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{service.port}", headers=AUTH, timeout=30) as client:
            pool = []
            for index in range(100):
                answer = client.post("/v1/campaigns", json={**create, "name": f"pool {index}"})
                answer.raise_for_status()
                pool.append(str(answer.json()["id"]))
            paused: set[str] = set()
            for index in range(count + 50):  # the first 50 pairs warm up
                create_ms, create_status = _timed(client, "POST", "/v1/campaigns", json={**create, "name": f"c{index}"})
                campaign = pool[index % len(pool)]
                action = "resume" if campaign in paused else "pause"
                action_ms, action_status = _timed(client, "POST", f"/v1/campaigns/{campaign}/{action}")
                paused.symmetric_difference_update({campaign})
                if index < 50:
                    continue
                if create_status != 201 or action_status != 200:
                    figures.action_errors += 1
                    continue
                figures.create_ms.append(create_ms)
                figures.action_ms.append(action_ms)
    finally:
        service.stop()
    say(f"sync bench (a): create p50 {median(figures.create_ms):.2f} ms, action p50 {median(figures.action_ms):.2f} ms")


# (b) the sync under create traffic


def _sandbox_campaigns(vendors: dict[str, dict[str, str]], count: int) -> list[str]:
    where = vendors["volubile"]
    local = threading.local()

    def one(_index: int) -> str:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=where["base_url"], headers={"X-Api-Key": where["key"]}, timeout=30)
        answer = local.client.post("/v1/campaigns", json=VOLUBILE_BODY)
        answer.raise_for_status()
        return str(answer.json()["id"])

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, range(count)))


def _engine(database: str) -> Any:
    from gateway.store.engine import make_engine

    return make_engine(database)


def _seed_registry(database: str, vendor_ids: list[str]) -> list[str]:
    from sqlalchemy import insert

    from gateway.store.migrate import migrate
    from gateway.store.schema import campaign_sync, campaigns

    engine = _engine(database)
    migrate(engine)
    now = datetime.now(UTC)
    ids = [str(uuid.uuid4()) for _ in vendor_ids]
    rows = [
        {
            "id": campaign_id,
            "tenant": SEEDED_TENANT,
            "vendor": "volubile",
            "route": "campaigns",
            "name": "Sync bench",
            "fingerprint": uuid.uuid4().hex,
            "dispatch": "accepted",
            "status": "running",
            "vendor_status": "ACTIVE",
            "vendor_campaign_id": vendor_id,
            "created_at": now,
            "updated_at": now,
        }
        for campaign_id, vendor_id in zip(ids, vendor_ids, strict=True)
    ]
    with engine.begin() as connection:
        connection.execute(insert(campaigns), rows)
        connection.execute(insert(campaign_sync), [{"campaign_id": campaign_id} for campaign_id in ids])
    engine.dispose()
    return ids


def _steady_state(database: str, ids: list[str], seed: int) -> None:
    """Each campaign synced one interval before a due time spread over the next interval.

    On PostgreSQL, then a VACUUM ANALYZE: every refresh leaves a dead row version behind, which
    autovacuum clears in production; where the server runs without it (this machine's test
    server does), the dead rows of every earlier phase would slow the next one's queries.
    """
    from sqlalchemy import bindparam, text, update

    from gateway.store.schema import campaign_sync

    spread = random.Random(seed)
    now = datetime.now(UTC)
    values = []
    for campaign_id in ids:
        due = now + timedelta(seconds=spread.uniform(0, INTERVAL_S))
        values.append({"c_id": campaign_id, "due": due, "synced": due - timedelta(seconds=INTERVAL_S)})
    statement = (
        update(campaign_sync)
        .where(campaign_sync.c.campaign_id == bindparam("c_id"))
        .values(sync_due_at=bindparam("due"), synced_at=bindparam("synced"), sync_streak=0)
    )
    engine = _engine(database)
    with engine.begin() as connection:
        connection.execute(statement, values)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def _lags(connection: Any) -> list[float]:
    """The sync lag of every seeded campaign (now - synced_at), in seconds."""
    from sqlalchemy import select

    from gateway.store.schema import campaign_sync, campaigns

    query = (
        select(campaign_sync.c.synced_at).join_from(campaign_sync, campaigns).where(campaigns.c.tenant == SEEDED_TENANT)
    )
    synced = connection.execute(query).scalars()
    now = datetime.now(UTC)
    lags = [(now - at).total_seconds() for at in synced if at is not None]
    connection.rollback()  # no transaction kept open between samples
    return lags


def _idle_server_side(connection: Any) -> None:
    """On PostgreSQL, the server process answering `connection` at idle CPU priority too, where allowed.

    The sampler is the bench's, not the gateway's: its reads must take no CPU the creates want.
    On SQLite they run in the sampler's own process, at idle priority; on PostgreSQL a server
    process of its own reads the rows, at normal priority unless moved (the server is on this
    machine, and the bench may set another user's process's priority only as root).
    """
    if connection.dialect.name != "postgresql":
        return
    backend = int(connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())
    connection.rollback()
    with contextlib.suppress(OSError):  # not permitted, or the server is elsewhere: its priority stays
        os.sched_setscheduler(backend, os.SCHED_IDLE, os.sched_param(0))


class _LagSampler:
    """Samples the sync lag every `_LAG_EVERY_S` from a process of its own, at idle CPU priority.

    Not a thread beside the load generator: reading 10,000 rows holds the interpreter lock long
    enough to delay the creates it times.
    """

    def __init__(self, database: str) -> None:
        context = multiprocessing.get_context("spawn")
        self._stop = context.Event()
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_sample_lags, args=(database, self._stop, send), daemon=True)
        self.samples: list[float] = []

    def __enter__(self) -> _LagSampler:
        self._process.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.samples = self._receive.recv()
        self._process.join()


class _VendorReads:
    """Reads the synced vendor's campaigns as the sync does, each once an interval.

    From a process of its own, where the sync runs: on the last CPU, at idle CPU priority.
    """

    def __init__(self, vendor: dict[str, str], vendor_ids: list[str]) -> None:
        context = multiprocessing.get_context("spawn")
        self._stop = context.Event()
        self._process = context.Process(target=_read_vendor, args=(vendor, vendor_ids, self._stop), daemon=True)

    def __enter__(self) -> _VendorReads:
        self._process.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._process.join()
        if self._process.exitcode:  # its traceback is on stderr; a phase read less is no share
            raise RuntimeError(f"the vendor reads stopped early (exit code {self._process.exitcode})")


def _read_vendor(vendor: dict[str, str], vendor_ids: list[str], stop: Any) -> None:
    os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
    os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    every_s = INTERVAL_S / len(vendor_ids)
    with httpx.Client(base_url=vendor["base_url"], headers={"X-Api-Key": vendor["key"]}, timeout=30) as client:
        started = time.monotonic()
        for sent, vendor_id in enumerate(_cycle(vendor_ids, random.Random(0))):
            if stop.is_set():
                return
            pause = started + sent * every_s - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            client.get(f"/v1/campaigns/{vendor_id}").raise_for_status()


def _cycle(items: list[str], shuffle: random.Random) -> Iterator[str]:
    """The items over and over, each round in a new order (the sync's jitter spreads them so)."""
    while True:
        order = list(items)
        shuffle.shuffle(order)
        yield from order


def _sample_lags(database: str, stop: Any, send: Any) -> None:
    os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    samples: list[float] = []
    engine = _engine(database)
    try:
        with engine.connect() as connection:  # one connection, one server process, for the phase
            _idle_server_side(connection)
            while not stop.wait(_LAG_EVERY_S):
                samples.extend(_lags(connection))
    finally:
        engine.dispose()
    send.send(samples)


def _refreshed_since(database: str, since: datetime) -> int:
    from sqlalchemy import func, select

    from gateway.store.schema import campaign_sync, campaigns

    engine = _engine(database)
    try:
        with engine.connect() as connection:
            query = (
                select(func.count())
                .select_from(campaign_sync.join(campaigns))
                .where(campaigns.c.tenant == SEEDED_TENANT, campaign_sync.c.synced_at >= since)
            )
            return int(connection.execute(query).scalar_one())
    finally:
        engine.dispose()


def _paced_creates(url: str, rate: float, seconds: float, body: dict[str, Any]) -> tuple[list[float], int]:
    """Creates one at a time at `rate` a second (each start on its own schedule), for `seconds`."""
    latencies: list[float] = []
    errors = 0
    with httpx.Client(base_url=url, headers=AUTH, timeout=30) as client:
        started = time.perf_counter()
        sent = 0
        while (now := time.perf_counter()) - started < seconds:
            due = started + sent / rate
            if due > now:
                time.sleep(due - now)
            elapsed_ms, status = _timed(
                client, "POST", "/v1/campaigns", json={**body, "name": f"load {uuid.uuid4().hex[:12]}"}
            )
            sent += 1
            if status == 201:
                latencies.append(elapsed_ms)
            else:
                errors += 1
    return latencies, errors


def _phase(
    work: Path,
    vendors: dict[str, dict[str, str]],
    database: str,
    ids: list[str],
    mode: str,
    rep: int,
    figures: SyncFigures,
    body: dict[str, Any],
    sandbox: Service,
    vendor_ids: list[str],
) -> Phase:
    _steady_state(database, ids, seed=rep)
    env = _gateway_env(vendors, database, **_MODE_ENV[MODES.index(mode)])
    serve = _serve(work, env, f"sync-serve-{rep}-{MODES.index(mode)}")
    url = f"http://127.0.0.1:{serve.port}"
    try:
        _paced_creates(url, figures.rate, 3.0, body)  # warm-up

        def cpu_now() -> dict[str, float]:
            return {**_cpu_by_part(serve), "sandbox": cpu_seconds(sandbox.pids())}

        cpu_before = cpu_now()
        began = datetime.now(UTC)
        reads = _VendorReads(vendors["volubile"], vendor_ids) if mode == VENDOR_READS else nullcontext()
        with (
            _LagSampler(database) as sampler,
            busy_loops(1 if mode == CONTROL else 0, ON_THE_LAST_CPU_AT_IDLE),
            reads,
        ):
            latencies, errors = _paced_creates(url, figures.rate, figures.phase_s, body)
        samples = sampler.samples
        cpu = {name: used - cpu_before.get(name, 0.0) for name, used in cpu_now().items()}
        refreshed = _refreshed_since(database, began)
        seconds = (datetime.now(UTC) - began).total_seconds()
    finally:
        serve.stop()
    phase = Phase(mode, rep, latencies, errors, samples if _syncs(mode) else [], refreshed, seconds, cpu)
    lag = f", sync lag p99 {percentile(phase.lags_s, 99):.1f} s" if phase.lags_s else ""
    say(f"sync bench (b) rep {rep} {mode}: create p99 {phase.p99_ms:.2f} ms{lag}, {refreshed:,} campaigns refreshed")
    return phase


def run_sync_bench(
    work: Path,
    *,
    campaigns: int = 10_000,
    phase_s: float = 45.0,
    rate: float = 50.0,
    reps: int = 2,
    actions: int = 1000,
    database_url: str | None = None,
    round_trips: int = 4000,
) -> SyncFigures:
    """Run (a) and (b) in `work` ((b) on `database_url`, an empty database; default SQLite in `work`).

    Every process it starts is stopped before it returns.
    """
    started = time.perf_counter()
    figures = SyncFigures(campaigns=campaigns, phase_s=phase_s, rate=rate, reps=reps, commit=revision())
    figures.database = "PostgreSQL" if database_url and database_url.startswith("postgres") else "SQLite"
    sandbox, vendors = _start_sandbox(work, "sync-sandbox", idle=True)
    # The creates' vendor apart: a sandbox is one Python process, and the sync's reads would
    # slow its answers to the creates, which no real vendor's would.
    creates_sandbox, creates_vendors = _start_sandbox(work, "sync-sandbox-creates")
    try:
        _action_vs_create(work, vendors, actions, figures)
        say(f"sync bench (b): creating {campaigns:,} Volubile campaigns in the sandbox")
        vendor_ids = _sandbox_campaigns(vendors, campaigns)
        database = database_url or f"sqlite:///{work / 'sync.db'}"
        ids = _seed_registry(database, vendor_ids)
        body = _clerk_body()
        split = {**vendors, "clerk": creates_vendors["clerk"]}
        for rep in range(reps):
            order = MODES if rep % 2 == 0 else tuple(reversed(MODES))
            for mode in order:
                figures.phases.append(_phase(work, split, database, ids, mode, rep, figures, body, sandbox, vendor_ids))
    finally:
        sandbox.stop()
        creates_sandbox.stop()
    say("sync bench (c): wake-ups beside busy loops")
    figures.wakeups = measure_wakeups(round_trips)
    figures.elapsed_s = time.perf_counter() - started
    return figures


def _clerk_body() -> dict[str, Any]:
    """The served spec's vendor-neutral Clerk example: a create whose campaign never joins the sync."""
    spec = json.loads((BENCH_DIR.parent / "generated" / "openapi.json").read_text())
    examples = spec["paths"]["/campaigns"]["post"]["requestBody"]["content"]["application/json"]["examples"]
    return dict(examples["clerk"]["value"])


# The report


def _by_mode(figures: SyncFigures, mode: str) -> list[Phase]:
    return [phase for phase in figures.phases if phase.mode == mode]


def _rises(figures: SyncFigures, mode: str) -> list[float]:
    """The p99's rise over the same repetition's no-sync phase, in percent."""
    base = {phase.rep: phase.p99_ms for phase in _by_mode(figures, MODES[0])}
    return [100 * (phase.p99_ms / base[phase.rep] - 1) for phase in _by_mode(figures, mode) if base.get(phase.rep)]


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def render(figures: SyncFigures) -> str:
    """The section, between its markers."""
    create, action = figures.create_ms, figures.action_ms
    differences = [a - c for a, c in zip(action, create, strict=True)]
    start, end = markers(figures.database)
    title = "" if figures.database == "SQLite" else f", on {figures.database}"
    lines = [
        start,
        f"## After the launch: actions and the status sync{title} (`python -m bench.sync`)",
        "",
        f"Measured at {figures.commit} in {figures.elapsed_s / 60:.1f} min: 1 `serve` worker, "
        f"{figures.database} registry in (b) (SQLite in (a)), "
        "the stateful sandbox (its own process) as every vendor, the creates' vendor (Clerk) in (b) on a "
        "second sandbox process so that the sync's reads do not slow the creates' vendor. In (b) the synced "
        "vendor's sandbox stands in for a vendor on another machine: it runs at idle CPU priority "
        "(SCHED_IDLE) on the last CPU, taking only CPU the gateway leaves and never keeping every CPU busy "
        "(its CPU is in the table). Reproduce: "
        "`python -m bench.sync` (`--help` for sizes and durations); `make bench` runs it too.",
        "",
        "### An action beside a create (c=1)",
        "",
        f"{len(create):,} pairs, interleaved: a vendor-neutral create (Volubile, 50 recipients) then a vendor-neutral "
        "action (pause and resume in turn over 100 Volubile campaigns). Both go through the same ledger and one "
        f"vendor call; errors: {figures.action_errors}.",
        "",
        "| request | p50 ms | p99 ms |",
        "|---|--:|--:|",
        f"| create `POST /v1/campaigns` | {percentile(create, 50):.2f} | {percentile(create, 99):.2f} |",
        f"| action `POST /v1/campaigns/{{id}}/pause` or `/resume` | {percentile(action, 50):.2f} "
        f"| {percentile(action, 99):.2f} |",
        f"| action minus create | {percentile(action, 50) - percentile(create, 50):+.2f} "
        f"| {percentile(action, 99) - percentile(create, 99):+.2f} |",
        "",
        f"Per pair, action minus create: median {median(differences):+.2f} ms.",
        "",
        "### 10,000 active campaigns kept in sync under create traffic",
        "",
        f"{figures.campaigns:,} active Volubile campaigns (created in the sandbox, seeded in the registry as "
        f"accepted and running), refreshed every {INTERVAL_S:.0f} s (±20 % jitter; the interval kept from "
        f"doubling); creates (Clerk's example, whose campaigns never join the sync) at {figures.rate:.0f} a second, "
        f"one at a time. Phases of {figures.phase_s:.0f} s (scaled down from a long soak so the bench stays "
        f"minutes; one phase is more than an interval), {figures.reps} repetition(s), modes interleaved, each "
        "phase from the same steady state (on PostgreSQL, after a VACUUM ANALYZE, as autovacuum would keep it). "
        "Sync lag: now - synced_at over the campaigns, sampled every "
        f"{_LAG_EVERY_S:.0f} s (by a process of its own at idle CPU priority, not beside the creates' timer); "
        f"keeping up, it stays under the longest jittered interval ({1.2 * INTERVAL_S:.0f} s) plus a pass. "
        "The control runs no sync, but a busy loop at idle CPU priority (SCHED_IDLE) on the CPU the sync keeps "
        "to: the kernel gives the creates every cycle they want, so its rise is what this machine charges for "
        "any other work at all on that CPU (shared caches, the hypervisor, wake-ups), a floor no CPU priority "
        "of the sync can go under. The stand-in's share runs no sync either, but a bare HTTP client reads the "
        "synced vendor's sandbox as the sync does (each campaign once an interval) from where the sync runs: "
        "what the vendor's answers cost the creates on this machine, which a vendor elsewhere would not.",
        "",
        "| mode | create p50 ms | create p99 ms | p99 rise over no sync | sync lag p99 s | sync lag max s "
        "| campaigns refreshed in the phase | CPU s per s (serve / sync / synced vendor's sandbox) | errors |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for mode in MODES:
        phases = _by_mode(figures, mode)
        if not phases:
            continue
        p50 = fmt([percentile(phase.create_ms, 50) for phase in phases], 2)
        p99 = fmt([phase.p99_ms for phase in phases], 2)
        rise = fmt(_rises(figures, mode), 1, " %") if mode != MODES[0] else "—"
        lag99 = fmt([percentile(phase.lags_s, 99) for phase in phases], 1) if _syncs(mode) else "—"
        lagmax = fmt([max(phase.lags_s, default=0) for phase in phases], 1) if _syncs(mode) else "—"
        covered = fmt([100 * phase.refreshed / figures.campaigns for phase in phases], 0, " %") if _syncs(mode) else "—"
        cpu = " / ".join(
            fmt([phase.cpu_s[name] / phase.seconds for phase in phases if name in phase.cpu_s], 2)
            if any(name in phase.cpu_s for phase in phases)
            else "—"
            for name in ("serve", "sync", "sandbox")
        )
        errors = sum(phase.errors for phase in phases)
        lines.append(f"| {mode} | {p50} | {p99} | {rise} | {lag99} | {lagmax} | {covered} | {cpu} | {errors} |")
    lines += ["", "| target (the default: the sync `serve` runs) | measured (median) | |", "|---|---|---|"]
    for mode in MODES[1:2]:
        rises = _rises(figures, mode)
        lags = [percentile(phase.lags_s, 99) for phase in _by_mode(figures, mode)]
        if rises:
            lines.append(f"| create p99 rises ≤ 10 % | {median(rises):+.1f} % | {_verdict(median(rises) <= 10)} |")
        if lags:
            lines.append(f"| sync lag p99 < 60 s | {median(lags):.1f} s | {_verdict(median(lags) < 60)} |")
    lines += _pooled_lines(figures)
    lines += _wakeup_lines(figures.wakeups)
    lines.append(end)
    return "\n".join(lines) + "\n"


def _pooled_lines(figures: SyncFigures) -> list[str]:
    """Each mode's p99 over every create of its phases: a phase's p99 rests on a few dozen creates."""
    pooled = {mode: [ms for phase in _by_mode(figures, mode) for ms in phase.create_ms] for mode in MODES}
    if not pooled[MODES[0]] or figures.reps < 2:
        return []
    base = percentile(pooled[MODES[0]], 99)
    lines = [
        "",
        f"The creates of all {figures.reps} repetitions together (a phase's p99 rests on its slowest "
        f"{figures.phase_s * figures.rate / 100:.0f} creates, so it moves from one repetition to the next):",
        "",
        "| mode | create p99 ms, all phases | rise over no sync |",
        "|---|--:|--:|",
    ]
    for mode, latencies in pooled.items():
        if latencies:
            p99 = percentile(latencies, 99)
            rise = f"{100 * (p99 / base - 1):+.1f} %" if mode != MODES[0] else "—"
            lines.append(f"| {mode} | {p99:.2f} | {rise} |")
    return lines


def _wakeup_lines(wakeups: list[Wakeups]) -> list[str]:
    """(c): why the sync keeps to one CPU."""
    if not wakeups:
        return []
    count = len(wakeups[0].round_trips_ms)
    lines = [
        "",
        "### Wake-ups beside busy loops (why the sync keeps to one CPU)",
        "",
        f"{count:,} round trips under each condition between two processes over a socket pair (the answering one "
        "works 0.1 ms per message), a thousand a second: one link of the chain of wake-ups a request is. "
        "Reproduce: `python -m bench.sync` runs it last.",
        "",
        "| beside the round trips | p50 ms | p99 ms | p99.9 ms | max ms |",
        "|---|--:|--:|--:|--:|",
    ]
    for measured in wakeups:
        figures = " | ".join(f"{measured.percentile(pct):.3f}" for pct in (50, 99, 99.9, 100))
        lines.append(f"| {measured.condition} | {figures} |")
    return lines


def _syncs(mode: str) -> bool:
    return _MODE_ENV[MODES.index(mode)]["GATEWAY_SYNC_IN_SERVE"] == "1"


def markers(database: str = "SQLite") -> tuple[str, str]:
    """The section's markers: one section per database measured."""
    if database == "SQLite":
        return START, END
    return f"<!-- sync-{database.lower()}:start -->", f"<!-- sync-{database.lower()}:end -->"


def section_in(text: str, database: str = "SQLite") -> str | None:
    """The sync section of a results file's text, markers included, if it has one."""
    first, last = markers(database)
    start, end = text.find(first), text.find(last)
    return text[start : end + len(last)] + "\n" if start != -1 and end > start else None


def write_section(path: Path, section: str) -> None:
    """Replace the section of `path` with the same markers as `section`'s, or add it before the chaos section."""
    from bench.chaos_report import START as CHAOS_START

    first = section.split("\n", 1)[0]
    last = first.replace(":start", ":end")
    text = path.read_text() if path.exists() else ""
    start, end = text.find(first), text.find(last)
    if start != -1 and end > start:
        text = text[:start] + section.rstrip("\n") + text[end + len(last) :]
    elif (chaos := text.find(CHAOS_START)) != -1:
        text = text[:chaos] + section.rstrip("\n") + "\n\n" + text[chaos:]
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + section
    path.write_text(text if text.endswith("\n") else text + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m bench.sync`: run (a) and (b), print the section, replace it in the results file."""
    parser = argparse.ArgumentParser(prog="python -m bench.sync", description=__doc__.split("\n\n")[0])
    parser.add_argument("--campaigns", type=int, default=10_000, help="active campaigns kept in sync (10,000)")
    parser.add_argument("--phase-s", type=float, default=45.0, help="seconds of create traffic per phase (45)")
    parser.add_argument("--rate", type=float, default=50.0, help="creates a second during each phase (50)")
    parser.add_argument("--reps", type=int, default=2, help="repetitions of the modes (2)")
    parser.add_argument("--actions", type=int, default=1000, help="create/action pairs for (a) (1000)")
    parser.add_argument("--database-url", help="an empty database for (b) (default: SQLite in a temporary folder)")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results.md", help="results file (bench/results.md)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="campaign-gateway-sync-bench-") as tmp:
        figures = run_sync_bench(
            Path(tmp),
            campaigns=args.campaigns,
            phase_s=args.phase_s,
            rate=args.rate,
            reps=args.reps,
            actions=args.actions,
            database_url=args.database_url,
        )
    section = render(figures)
    print(section)
    write_section(args.out, section)
    say(f"wrote the sync section of {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
