"""Where a served request's CPU goes: py-spy samples a 1-worker gateway serving one at a time.

Only the thread holding the GIL is sampled (`--gil`), so the shares are of the Python CPU
time; each sampled stack is put in the first bucket whose markers it contains. py-spy is
installed into bench/.venv (not the project's venv); without it, or without the right to
attach to a process, the section is left out.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.large import CASES, post_campaign
from bench.peers import Peer, ready_gateway, start_gateway
from bench.procs import cpu_seconds, say
from bench.wrk import run_wrk

__all__ = ["BUCKETS", "Profile", "profile_large", "profile_peer"]

BENCH = Path(__file__).resolve().parent
PY_SPY_VERSION = "0.4.3"
# First match wins, so a JSON dump inside the registry counts as registry time.
BUCKETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("request schema validation (jsonschema-rs)", ("rust_errors", "_too_deep", "_lone_surrogate", "jsonschema")),
    ("registry writes (SQLite, group commit)", ("gateway/store/", "sqlalchemy/")),
    ("vendor call (generated client, httpx over aiohttp)", ("send_payload", "httpx/", "aiohttp/")),
    ("phone number checks (phonenumbers)", ("normalise_phone", "phonenumbers/")),
    ("campaign model, rules, translation (pydantic)", ("check_campaign", "gateway/vendors/", "pydantic")),
    ("JSON access log and metrics", ("logging/", "prometheus_client/", "gateway/observe.py")),
    ("JSON parsing and serialising", ("json/", "jsoncodec")),
    ("HTTP stack: uvicorn, Connexion middleware and handler layer, thread hand-off", ()),
)


@dataclass(frozen=True)
class Profile:
    """Share of sampled CPU per bucket for one kind of request, and its CPU cost."""

    label: str
    samples: int
    gil_share: float
    shares: dict[str, float]
    cpu_ms_per_request: float


def _py_spy() -> Path | None:
    binary = BENCH / ".venv" / "bin" / "py-spy"
    if binary.exists():
        return binary
    say(f"installing py-spy {PY_SPY_VERSION} into {BENCH / '.venv'}")
    try:
        subprocess.run([sys.executable, "-m", "venv", str(BENCH / ".venv")], check=True)
        pip = [str(BENCH / ".venv" / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, f"py-spy=={PY_SPY_VERSION}"], check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        say(f"no py-spy ({exc}); the profile section is left out")
        return None
    return binary if binary.exists() else None


def _bucket(stack: str) -> str:
    for name, markers in BUCKETS:
        if not markers or any(marker in stack for marker in markers):
            return name
    return BUCKETS[-1][0]


def _profile(label: str, pid: int, work: Path, load: Callable[[float], int], seconds: float) -> Profile | None:
    """Sample `pid` while `load(seconds)` runs (it returns how many requests it completed)."""
    py_spy = _py_spy()
    if py_spy is None:
        return None
    rate = 250
    out = work / f"profile-{pid}-{len(list(work.glob('profile-*')))}.txt"
    command = [str(py_spy), "record", "--pid", str(pid), "--duration", str(round(seconds)), "--rate", str(rate),
               "--gil", "--nonblocking", "--format", "raw", "--output", str(out)]  # fmt: skip
    before = cpu_seconds([pid])
    spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    requests = load(seconds + 1)
    _, errors = spy.communicate(timeout=seconds + 60)
    cpu_ms = (cpu_seconds([pid]) - before) * 1000 / requests if requests else 0.0
    if spy.returncode != 0 or not out.exists():
        say(f"py-spy could not sample {label}: {errors.decode(errors='replace').strip()[-300:]}")
        return None
    counts: Counter[str] = Counter()
    for line in out.read_text().splitlines():
        stack, _, number = line.rpartition(" ")
        if stack and number.isdigit():
            counts[_bucket(stack)] += int(number)
    total = sum(counts.values())
    if not total:
        return None
    say(f"profiled {label}: {total} samples, {requests} requests, {cpu_ms:.1f} CPU ms/request")
    shares = {name: counts[name] / total for name, _ in BUCKETS}
    return Profile(label, total, min(1.0, total / (rate * seconds)), shares, cpu_ms)


def profile_peer(peer: Peer, work: Path, seconds: float = 8.0) -> Profile | None:
    """Profile `peer`'s (single) process while wrk sends it one request at a time."""

    def load(duration: float) -> int:
        return run_wrk(peer.url, peer.body, peer.headers, connections=1, seconds=duration).requests

    return _profile(f"{peer.label}, c=1", peer.service.process.pid, work, load, seconds)


def profile_large(work: Path, upstream_port: int, recipients: int, seconds: float = 8.0) -> list[Profile]:
    """Profile a 1-worker gateway taking `recipients`-recipient campaigns one after another."""
    service = start_gateway(work, upstream_port, workers=1, name="gateway-profile-large")
    profiles = []
    try:
        ready_gateway(service)
        for vendor, make in CASES.items():
            body = json.dumps(make(recipients)).encode()
            post_campaign(service.port, body)

            def load(duration: float, body: bytes = body) -> int:
                deadline = time.perf_counter() + duration
                count = 0
                while time.perf_counter() < deadline:
                    post_campaign(service.port, body)
                    count += 1
                return count

            found = _profile(f"{vendor}, {recipients:,} recipients", service.process.pid, work, load, seconds)
            if found is not None:
                profiles.append(found)
    finally:
        service.stop()
    return profiles
