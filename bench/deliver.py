"""Webhooks out, measured: fan-out latency, and a subscriber's outage drained (issue 21).

(a) 10,000 events, written one per transaction at a steady rate (as the gateway writes them
when it takes a vendor's webhook), for one tenant with 2 subscriptions, each a receiver on
loopback; `campaign-gateway deliver` process(es) publish and deliver them. Ingest-to-delivery
is the receiver's arrival time minus the event's `received_at`.

(b) One of the two receivers answers 503 while events keep arriving for `--down-s` seconds
(10 minutes by default, as the issue asks; shorter by flag for a quick run), then answers 2xx
again: every event must reach it (0 lost), the backlog must drain, and the drain rate is the
backlog when it came back over the time until its last delivery.

`python -m bench.deliver` runs only this and replaces its section of bench/results.md;
`python -m bench` runs it with the rest.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from sqlalchemy import func, select

from bench.config import BENCH_DIR
from bench.machine import revision
from bench.procs import say
from gateway.events.model import NewEvent
from gateway.events.outbox import emit
from gateway.events.subscriptions import SecretSealer, Subscriptions
from gateway.store.engine import make_engine
from gateway.store.migrate import migrate
from gateway.store.registry import Registry
from gateway.store.schema import webhook_deliveries

__all__ = ["END", "QUICK", "START", "DeliverFigures", "main", "render", "run_deliver_bench", "section_in"]

START = "<!-- deliver:start -->"
END = "<!-- deliver:end -->"
TENANT = "bench"
QUICK: dict[str, Any] = {"events": 500, "rate": 250.0, "down_s": 5.0, "outage_rate": 50.0}
_ROOT = Path(__file__).resolve().parents[1]


@dataclass
class DeliverFigures:
    """What one run measured."""

    events: int
    rate: float
    workers: int
    database: str
    commit: str
    latencies_ms: list[float] = field(default_factory=list)
    fanout_lost: int = 0
    fanout_duplicates: int = 0
    fanout_s: float = 0.0
    down_s: float = 0.0
    outage_rate: float = 0.0
    outage_events: int = 0
    backlog_at_back: int = 0
    first_after_back_s: float = 0.0
    drain_s: float = 0.0
    drain_95_s: float = 0.0
    outage_lost: int = 0
    elapsed_s: float = 0.0


class _Server(ThreadingHTTPServer):
    # The default listen backlog (5) drops a burst of new connections, which then retry their
    # SYN a second later: a receiver's artefact, not the deliverer's latency.
    request_queue_size = 512


class _Receiver:
    """A loopback receiver recording each delivery's arrival; `up` False answers 503."""

    def __init__(self) -> None:
        self.up = True
        self.lock = threading.Lock()
        self.arrivals: dict[str, float] = {}  # webhook-id -> first 2xx arrival (wall clock)
        self.received_at: dict[str, float] = {}
        self.answered = 0
        self.duplicates = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                arrived = time.time()
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                status = 204 if receiver.up else 503
                if receiver.up:
                    event_id = self.headers["webhook-id"]
                    stamp = datetime.fromisoformat(json.loads(body)["data"]["received_at"]).timestamp()
                    with receiver.lock:
                        receiver.answered += 1
                        if event_id in receiver.arrivals:
                            receiver.duplicates += 1
                        else:
                            receiver.arrivals[event_id] = arrived
                            receiver.received_at[event_id] = stamp
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def count(self, ids: set[str]) -> int:
        with self.lock:
            return len(ids & self.arrivals.keys())

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def _deliverers(work: Path, database_url: str, key: str, workers: int) -> Iterator[None]:
    command = shutil.which("campaign-gateway", path=str(Path(sys.executable).parent)) or "campaign-gateway"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")},
        "GATEWAY_DATABASE_URL": database_url,
        "GATEWAY_SECRET_KEY": key,
        "GATEWAY_WEBHOOK_ALLOW_PRIVATE": "1",
        "GATEWAY_DELIVERY_CONCURRENCY": os.environ.get("GATEWAY_DELIVERY_CONCURRENCY", "32"),
    }
    processes = []
    for index in range(workers):
        with (work / f"deliver-{index}.log").open("ab") as log:
            processes.append(subprocess.Popen([command, "deliver"], cwd=work, env=env, stdout=log, stderr=log))
    try:
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _paced(registry: Registry, count: int, rate: float) -> set[str]:
    """`count` events at `rate` a second, each in a transaction of its own; their ids."""
    ids: set[str] = set()
    started = time.perf_counter()
    for index in range(count):
        delay = started + index / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        now = datetime.now(UTC)
        event = NewEvent("call.completed", now, now, "gateway", {"n": index}, tenant=TENANT)
        with registry.transaction() as connection:
            emit(connection, event)
        ids.add(event.id)
    return ids


def _wait_for(receiver: _Receiver, ids: set[str], timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if receiver.count(ids) == len(ids):
            return True
        time.sleep(0.05)
    return False


def _percentile(values: Sequence[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def run_deliver_bench(
    work: Path,
    *,
    events: int = 10_000,
    rate: float = 500.0,
    down_s: float = 600.0,
    outage_rate: float = 20.0,
    workers: int = 1,
    database_url: str | None = None,
) -> DeliverFigures:
    """Run (a) and (b); the figures."""
    started = time.perf_counter()
    database_url = database_url or f"sqlite:///{work / 'deliver-bench.db'}"
    database = "PostgreSQL" if database_url.startswith("postgresql") else "SQLite"
    figures = DeliverFigures(events, rate, workers, database, revision(), down_s=down_s, outage_rate=outage_rate)
    key = Fernet.generate_key().decode()
    engine = make_engine(database_url)
    migrate(engine)
    registry = Registry(engine)
    subscriptions = Subscriptions(registry, SecretSealer(key), allow_private=True)
    steady, flaky = _Receiver(), _Receiver()
    try:
        flaky_id = ""
        for receiver in (steady, flaky):
            made = subscriptions.create(TENANT, receiver.url, ["*"], "bench")
            flaky_id = made["id"]
        with _deliverers(work, database_url, key, workers):
            # The deliverers import and open the database: measured from their first delivery on.
            warm = _paced(registry, 1, 1.0)
            for receiver in (steady, flaky):
                _wait_for(receiver, warm, 60)
            say(f"deliver: (a) {events:,} events at {rate:g}/s to 2 subscribers")
            begun = time.perf_counter()
            ids = _paced(registry, events, rate)
            for receiver in (steady, flaky):
                _wait_for(receiver, ids, 120)
            figures.fanout_s = time.perf_counter() - begun
            for receiver in (steady, flaky):
                with receiver.lock:
                    figures.latencies_ms += [
                        1000 * (receiver.arrivals[i] - receiver.received_at[i]) for i in ids if i in receiver.arrivals
                    ]
                    figures.fanout_duplicates += receiver.duplicates
                figures.fanout_lost += len(ids) - receiver.count(ids)
            say(f"deliver: (b) one subscriber down for {down_s:g} s while events arrive at {outage_rate:g}/s")
            flaky.up = False
            outage = _paced(registry, max(1, round(down_s * outage_rate)), outage_rate)
            figures.outage_events = len(outage)
            _wait_for(steady, outage, 120)
            query = select(func.count()).where(
                webhook_deliveries.c.subscription_id == flaky_id, webhook_deliveries.c.status == "pending"
            )
            with engine.connect() as connection:
                figures.backlog_at_back = int(connection.execute(query).scalar_one())
            flaky.up = True
            back, back_wall = time.perf_counter(), time.time()
            while flaky.count(outage) == 0 and time.perf_counter() - back < 60:
                time.sleep(0.01)
            figures.first_after_back_s = time.perf_counter() - back
            _wait_for(flaky, outage, 600)
            figures.drain_s = time.perf_counter() - back
            with flaky.lock:
                after = sorted(flaky.arrivals[i] - back_wall for i in outage if i in flaky.arrivals)
            figures.drain_95_s = after[max(0, round(0.95 * len(after)) - 1)] if after else 0.0
            figures.outage_lost = len(outage) - flaky.count(outage) + len(outage) - steady.count(outage)
    finally:
        steady.close()
        flaky.close()
        registry.close()
    figures.elapsed_s = time.perf_counter() - started
    return figures


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def render(figures: DeliverFigures) -> str:
    """The section, between its markers."""
    p50, p99 = _percentile(figures.latencies_ms, 50), _percentile(figures.latencies_ms, 99)
    drain_rate = figures.backlog_at_back / figures.drain_s if figures.drain_s else 0.0
    rate_95 = 0.95 * figures.backlog_at_back / figures.drain_95_s if figures.drain_95_s else 0.0
    full = figures.down_s >= 600
    lines = [
        START,
        "## Webhooks out: fan-out latency and an outage drained (`python -m bench.deliver`)",
        "",
        f"Measured at {figures.commit} in {figures.elapsed_s / 60:.1f} min: {figures.workers} "
        f"`campaign-gateway deliver` process(es) (GATEWAY_DELIVERY_CONCURRENCY=32), {figures.database} registry, "
        "two receivers on loopback (Python's threading HTTP server, in the bench's process). Events are written "
        "one per transaction by the bench, as the gateway writes a vendor's webhook. Reproduce: "
        "`python -m bench.deliver` (`--help` for sizes and durations).",
        "",
        f"### (a) {figures.events:,} events to 2 subscribers at {figures.rate:g} events/s",
        "",
        f"{len(figures.latencies_ms):,} deliveries in {figures.fanout_s:.1f} s; lost: {figures.fanout_lost}; "
        f"duplicates: {figures.fanout_duplicates}.",
        "",
        "| ingest to delivery | p50 ms | p99 ms | max ms |",
        "|---|--:|--:|--:|",
        f"| event `received_at` to the receiver's arrival | {p50:.1f} | {p99:.1f} "
        f"| {max(figures.latencies_ms, default=0):.1f} |",
        "",
        f"### (b) a subscriber down for {figures.down_s:g} s, then back",
        "",
        f"{figures.outage_events:,} events at {figures.outage_rate:g}/s while one receiver answered 503"
        + ("" if full else f" (a shorter outage than the issue's 10 minutes, by `--down-s {figures.down_s:g}`)")
        + f". Backlog when it came back: {figures.backlog_at_back:,} deliveries; first delivery "
        f"{figures.first_after_back_s:.1f} s after (the first retry due, 5 s at most, then every waiting delivery "
        f"is made due at once); 95 % of it delivered {figures.drain_95_s:.1f} s after "
        f"(**{rate_95:,.0f} deliveries/s**), all of it in {figures.drain_s:.1f} s ({drain_rate:,.0f}/s overall: the "
        "last ones wait out a retry that was due within ~35 s anyway). "
        f"Lost: {figures.outage_lost}.",
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| ingest-to-delivery p50 ≤ 200 ms | {p50:.1f} ms | {_verdict(p50 <= 200)} |",
        f"| ingest-to-delivery p99 ≤ 1 s | {p99:.1f} ms | {_verdict(p99 <= 1000)} |",
        f"| 0 lost (fan-out and outage) | {figures.fanout_lost + figures.outage_lost} "
        f"| {_verdict(figures.fanout_lost + figures.outage_lost == 0)} |",
        f"| backlog drained after the outage ({figures.down_s:g} s{'' if full else ', shortened'}) "
        f"| in {figures.drain_s:.1f} s | {_verdict(figures.outage_lost == 0)} |",
        END,
    ]
    return "\n".join(lines) + "\n"


def section_in(text: str) -> str | None:
    """The deliver section of a results file's text, markers included, if it has one."""
    start, end = text.find(START), text.find(END)
    return text[start : end + len(END)] + "\n" if start != -1 and end > start else None


def write_section(path: Path, section: str) -> None:
    """Replace the section of `path`, or add it before the chaos section (bench.sync's rule)."""
    from bench.sync import write_section as write_any

    write_any(path, section)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m bench.deliver`: run (a) and (b), print the section, replace it in the results file."""
    parser = argparse.ArgumentParser(prog="python -m bench.deliver", description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000, help="events for (a) (10,000)")
    parser.add_argument("--rate", type=float, default=500.0, help="events a second in (a) (500)")
    parser.add_argument("--down-s", type=float, default=600.0, help="seconds the subscriber is down in (b) (600)")
    parser.add_argument("--outage-rate", type=float, default=20.0, help="events a second during (b) (20)")
    parser.add_argument("--workers", type=int, default=1, help="`campaign-gateway deliver` processes (1)")
    parser.add_argument("--database-url", help="an empty database (default: SQLite in a temporary folder)")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results.md", help="results file (bench/results.md)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="campaign-gateway-deliver-bench-") as tmp:
        figures = run_deliver_bench(
            Path(tmp),
            events=args.events,
            rate=args.rate,
            down_s=args.down_s,
            outage_rate=args.outage_rate,
            workers=args.workers,
            database_url=args.database_url,
        )
    section = render(figures)
    print(section)
    write_section(args.out, section)
    say(f"wrote the deliver section of {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
