"""Where a served request's CPU goes: py-spy samples the 1-worker gateway at concurrency 1.

Only the thread holding the GIL is sampled (`--gil`), so the shares are of the Python CPU
time; each sampled stack is put in the first bucket whose markers it contains. py-spy is
installed into bench/.venv (not the project's venv); without it, or without the right to
attach to a process, the section is left out.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.peers import Peer
from bench.procs import say
from bench.wrk import run_wrk

__all__ = ["BUCKETS", "Profile", "profile_peer"]

BENCH = Path(__file__).resolve().parent
PY_SPY_VERSION = "0.4.3"
# First match wins, so a JSON dump inside the registry counts as registry time.
BUCKETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("request schema validation (jsonschema)", ("schema_errors", "jsonschema/", "_too_deep")),
    ("registry writes (SQLAlchemy, SQLite)", ("gateway/store/", "sqlalchemy/")),
    ("vendor call (generated client, httpx)", ("send_payload", "httpx/", "httpcore/")),
    ("campaign model, rules, translation (pydantic, phonenumbers)", ("check_campaign", "gateway/vendors/", "pydantic")),
    ("JSON access log and metrics", ("logging/", "prometheus_client/", "gateway/observe.py")),
    ("JSON parsing and serialising", ("json/",)),
    ("HTTP stack: uvicorn, Connexion middleware, a2wsgi, Flask", ()),
)


@dataclass(frozen=True)
class Profile:
    """Share of sampled CPU per bucket for one peer."""

    peer: str
    samples: int
    gil_share: float
    shares: dict[str, float]


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


def profile_peer(peer: Peer, work: Path, seconds: float = 8.0, rate: int = 250) -> Profile | None:
    """Sample `peer`'s process while wrk sends it one request at a time."""
    py_spy = _py_spy()
    if py_spy is None:
        return None
    out = work / f"profile-{peer.key}.txt"
    command = [str(py_spy), "record", "--pid", str(peer.service.process.pid), "--duration", str(round(seconds)),
               "--rate", str(rate), "--gil", "--nonblocking", "--format", "raw", "--output", str(out)]  # fmt: skip
    spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    load = threading.Thread(
        target=run_wrk, args=(peer.url, peer.body, peer.headers), kwargs={"connections": 1, "seconds": seconds + 1}
    )
    load.start()
    _, errors = spy.communicate(timeout=seconds + 60)
    load.join()
    if spy.returncode != 0 or not out.exists():
        say(f"py-spy could not sample {peer.label}: {errors.decode(errors='replace').strip()[-300:]}")
        return None
    counts: Counter[str] = Counter()
    for line in out.read_text().splitlines():
        stack, _, number = line.rpartition(" ")
        if stack and number.isdigit():
            counts[_bucket(stack)] += int(number)
    total = sum(counts.values())
    if not total:
        return None
    shares = {name: counts[name] / total for name, _ in BUCKETS}
    say(f"profiled {peer.label}: {total} samples")
    return Profile(peer.key, total, min(1.0, total / (rate * seconds)), shares)
