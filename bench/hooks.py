"""Inbound vendor webhooks, measured: verified Smallest hooks on two `serve` workers on PostgreSQL.

Each hook is a distinct `post-conversation` body (its own delivery id, so none is a duplicate)
signed as Smallest signs (`X-Signature`, hex HMAC-SHA256 of the raw body), sent by client
processes over keep-alive connections at a fixed concurrency (closed loop) to
`campaign-gateway serve --workers 2` on a fresh PostgreSQL schema. Figures: hooks answered 2xx
per second, and the latency to the 2xx (p50, p99). Targets (issue 21): ≥ 1,000/s, p99 ≤ 50 ms.

`python -m bench.hooks` runs only this and replaces its section of bench/results.md;
`make bench` runs it with the rest when PostgreSQL answers on 127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import json
import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.config import BENCH_DIR
from bench.machine import revision
from bench.peers import API_KEY, GATEWAY
from bench.procs import Service, cpu_seconds, free_port, say, start, wait_http
from bench.stats import median, percentile

__all__ = [
    "END",
    "QUICK",
    "START",
    "HookFigures",
    "main",
    "postgres_reachable",
    "render",
    "run_hooks_bench",
    "section_in",
    "write_section",
]

START = "<!-- hooks:start -->"
END = "<!-- hooks:end -->"
SECRET = "bench-smallest-signing-secret"
TENANT = "bench"
PG = "host=127.0.0.1 port=5432 user=root dbname=test"
PG_URL = "postgresql://root@127.0.0.1:5432/test"
TARGET_RATE, TARGET_P99_MS = 1000.0, 50.0
QUICK: dict[str, Any] = {"seconds": 3.0, "reps": 1}
"""`make bench --quick`'s settings."""


def postgres_reachable() -> bool:
    """Whether PostgreSQL answers on 127.0.0.1:5432 (the bench needs it; `make bench` skips it otherwise)."""
    import psycopg

    try:
        psycopg.connect(PG, connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


@dataclass
class Run:
    """One measured run: answers by status, latencies (ms) of the 2xx, its length, the gateway's CPU."""

    ok: int
    failed: int
    latencies_ms: list[float]
    seconds: float
    gateway_cpu_s: float = 0.0

    @property
    def rate(self) -> float:
        """2xx answers a second."""
        return self.ok / self.seconds if self.seconds else 0.0


@dataclass
class HookFigures:
    """Everything the section reports."""

    workers: int
    concurrency: int
    seconds: float
    commit: str
    runs: list[Run] = field(default_factory=list)
    stored: int = 0


def signed_hook(index: int, prefix: str) -> tuple[bytes, str]:
    """A distinct post-conversation body and its X-Signature."""
    body = {
        "url": "https://gateway.example/v1/hooks/smallest/x",
        "description": "bench",
        "event": "69fc7dd072a0c1d28d948ace.post-conversation",
        "id": f"{prefix}-{index}",
        "metadata": {
            "agentId": "69fc7dd072a0c1d28d948ace",
            "eventType": "post-conversation",
            "conversationType": "telephonyOutbound",
            "callId": f"CALL-{prefix}-{index}",
            "recordingUrl": "https://example.com/r.wav",
            "callData": {
                "fromNumber": "+918035317096",
                "toNumber": "+916296641821",
                "callDuration": 49.35,
                "callStatus": "completed" if index % 4 else "no_answer",
                "callDirection": "telephony_outbound",
                "answerTime": "2026-05-08T07:51:45.000Z",
                "endTime": "2026-05-08T07:52:34.000Z",
            },
            "transcript": [{"role": "agent", "content": "Hello", "timestamp": "2026-05-08T07:51:46.000Z"}],
            "variables": {"name": "Ada"},
        },
    }
    raw = json.dumps(body).encode()
    return raw, hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest()


def _client(port: int, path: str, deadline: float, warm_until: float, count: int, results: Any) -> None:
    """One connection, one request at a time until `deadline`; latencies after `warm_until`.

    The bodies are signed before the first request: the clients share the machine's cores with
    the gateway and the database, and signing as they go took CPU from what is measured.
    """
    prefix = uuid.uuid4().hex[:12]
    bodies = [signed_hook(index, prefix) for index in range(count)]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    ok = failed = 0
    latencies: list[float] = []
    index = 0
    while True:
        raw, signature = bodies[index % count] if index < count else signed_hook(index, prefix)
        index += 1
        started = time.perf_counter()
        if started >= deadline:
            break
        try:
            connection.request(
                "POST", path, body=raw, headers={"Content-Type": "application/json", "X-Signature": signature}
            )
            response = connection.getresponse()
            response.read()
            status = response.status
        except OSError:
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            status = 0
        elapsed = (time.perf_counter() - started) * 1000
        if started >= warm_until:
            if 200 <= status < 300:
                ok += 1
                latencies.append(elapsed)
            else:
                failed += 1
    connection.close()
    results.put((ok, failed, latencies))


def _measure(port: int, path: str, concurrency: int, seconds: float, warmup_s: float) -> Run:
    # Enough signed bodies for 3,000 hooks a second; beyond that they are signed as they go.
    count = int(3000 * (seconds + warmup_s) / concurrency)
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    now = time.perf_counter()
    warm_until, deadline = now + warmup_s, now + warmup_s + seconds
    # perf_counter is per machine (CLOCK_MONOTONIC): the same in the client processes.
    clients = [
        context.Process(target=_client, args=(port, path, deadline, warm_until, count, results))
        for _ in range(concurrency)
    ]
    for process in clients:
        process.start()
    gathered = [results.get(timeout=seconds + warmup_s + 60) for _ in clients]
    for process in clients:
        process.join()
    latencies = [value for _, _, found in gathered for value in found]
    return Run(sum(g[0] for g in gathered), sum(g[1] for g in gathered), latencies, seconds)


def _schema() -> tuple[str, str]:
    import psycopg

    schema = f"cg_bench_hooks_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    return schema, f"{PG_URL}?options=-csearch_path%3D{schema}"


def _drop(schema: str) -> None:
    import psycopg

    with psycopg.connect(PG, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _env(database: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GATEWAY_")}
    env.update(
        GATEWAY_API_KEYS=f"{TENANT}:{API_KEY}",
        GATEWAY_DATABASE_URL=database,
        GATEWAY_SMALLEST_WEBHOOK_SECRET=SECRET,
        GATEWAY_SMALLEST_EVENTS_TENANT=TENANT,
        GATEWAY_SYNC_IN_SERVE="0",
        GATEWAY_DELIVER_IN_SERVE="0",
    )
    return env


def _token(database: str) -> str:
    from gateway.events.endpoints import HookEndpoints
    from gateway.store.engine import make_engine
    from gateway.store.migrate import migrate
    from gateway.store.registry import Registry

    engine = make_engine(database)
    migrate(engine)
    registry = Registry(engine)
    try:
        return HookEndpoints(registry).token_for("smallest")
    finally:
        registry.close()


def _stored(database: str) -> int:
    from sqlalchemy import func, select

    from gateway.store.engine import make_engine
    from gateway.store.schema import events

    engine = make_engine(database)
    try:
        with engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(events)).scalar_one())
    finally:
        engine.dispose()


def run_hooks_bench(
    work: Path, *, workers: int = 2, concurrency: int = 8, seconds: float = 15.0, reps: int = 3, warmup_s: float = 3.0
) -> HookFigures:
    """Serve on a fresh PostgreSQL schema and send signed hooks `reps` times."""
    figures = HookFigures(workers, concurrency, seconds, revision())
    schema, database = _schema()
    service: Service | None = None
    try:
        path = f"/v1/hooks/smallest/{_token(database)}"
        port = free_port()
        argv = [str(GATEWAY), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
        service = start("hooks-serve", argv, port=port, log_dir=work, env=_env(database), cwd=work)
        wait_http(service, "/v1/vendors", headers={"Authorization": f"Bearer {API_KEY}"}, want_status=200)
        for rep in range(reps):
            say(f"hooks: run {rep + 1}/{reps}, {concurrency} connections, {seconds:g} s")
            cpu_before = cpu_seconds(service.pids())
            run = _measure(port, path, concurrency, seconds, warmup_s)
            run.gateway_cpu_s = cpu_seconds(service.pids()) - cpu_before  # the warm-up's included
            figures.runs.append(run)
        figures.stored = _stored(database)
    finally:
        if service is not None:
            service.stop()
        _drop(schema)
    return figures


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def render(figures: HookFigures) -> str:
    """The section of bench/results.md, markers included."""
    rates = [run.rate for run in figures.runs]
    p99s = [percentile(run.latencies_ms, 99) for run in figures.runs]
    p50s = [percentile(run.latencies_ms, 50) for run in figures.runs]
    rate, p99 = median(rates) if rates else 0.0, median(p99s) if p99s else 0.0
    cpu_ms = [run.gateway_cpu_s * 1000 / run.ok for run in figures.runs if run.ok and run.gateway_cpu_s]
    lines = [
        START,
        "## Inbound vendor webhooks (verified Smallest hooks, PostgreSQL)",
        "",
        f"`python -m bench.hooks` at {figures.commit}: `campaign-gateway serve --workers {figures.workers}` on a",
        f"fresh PostgreSQL schema; {figures.concurrency} client connections, one request at a time each",
        f"(closed loop), {figures.seconds:g} s per run after a warm-up; every hook a distinct `post-conversation`",
        "body signed as Smallest signs (`X-Signature`, hex HMAC-SHA256), verified, mapped and stored",
        "(one event each) before its 2xx. Medians over the runs; each run's figures in brackets.",
        f"The clients, the gateway and PostgreSQL share this machine's {os.cpu_count()} cores (and other",
        "sessions may too): the gateway's CPU per hook says what its workers would do alone.",
        "",
        "| figure | median | runs |",
        "|---|---|---|",
        f"| hooks answered 2xx per second | {rate:,.0f} | {', '.join(f'{r:,.0f}' for r in rates)} |",
        f"| p50 to the 2xx | {median(p50s) if p50s else 0:.1f} ms | {', '.join(f'{v:.1f}' for v in p50s)} |",
        f"| p99 to the 2xx | {p99:.1f} ms | {', '.join(f'{v:.1f}' for v in p99s)} |",
        f"| gateway CPU per hook (2 workers, warm-up included) | {median(cpu_ms) if cpu_ms else 0:.2f} ms | "
        f"{', '.join(f'{v:.2f}' for v in cpu_ms)} |",
        f"| non-2xx answers | {sum(run.failed for run in figures.runs)} | |",
        f"| events stored (warm-up included) | {figures.stored:,} | |",
        "",
        "| target | figure | verdict |",
        "|---|---|---|",
        f"| ≥ {TARGET_RATE:,.0f} verified hooks/s on {figures.workers} workers | {rate:,.0f}/s | "
        f"{_verdict(rate >= TARGET_RATE)} |",
        f"| p99 ≤ {TARGET_P99_MS:g} ms to the 2xx | {p99:.1f} ms | {_verdict(p99 <= TARGET_P99_MS)} |",
        END,
    ]
    return "\n".join(lines) + "\n"


def section_in(text: str) -> str | None:
    """The hooks section of a results file's text, markers included, if it has one."""
    start, end = text.find(START), text.find(END)
    return text[start : end + len(END)] + "\n" if start != -1 and end > start else None


def write_section(path: Path, section: str) -> None:
    """Replace the hooks section of `path`, or add it at the end."""
    text = path.read_text() if path.exists() else ""
    start, end = text.find(START), text.find(END)
    if start != -1 and end > start:
        text = text[:start] + section.rstrip("\n") + text[end + len(END) :]
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + section
    path.write_text(text if text.endswith("\n") else text + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m bench.hooks`: measure, print the section, replace it in the results file."""
    parser = argparse.ArgumentParser(prog="python -m bench.hooks", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="serve workers (2)")
    parser.add_argument("--concurrency", type=int, default=8, help="client connections (8)")
    parser.add_argument("--seconds", type=float, default=15.0, help="seconds per run (15)")
    parser.add_argument("--reps", type=int, default=3, help="runs (3)")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results.md", help="results file (bench/results.md)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="campaign-gateway-hooks-bench-") as tmp:
        figures = run_hooks_bench(
            Path(tmp), workers=args.workers, concurrency=args.concurrency, seconds=args.seconds, reps=args.reps
        )
    section = render(figures)
    print(section)
    write_section(args.out, section)
    say(f"wrote the hooks section of {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
