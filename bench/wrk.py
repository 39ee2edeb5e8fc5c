"""One wrk run: POST a body file at a fixed concurrency, parsed from the script's result line."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["WrkResult", "run_wrk"]

SCRIPT = Path(__file__).resolve().parent / "post.lua"
_RESULT = re.compile(r"^BENCH_RESULT (.*)$", re.MULTILINE)


@dataclass(frozen=True)
class WrkResult:
    """Throughput and latency of one run; errors are socket errors plus non-2xx/3xx answers."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def rps(self) -> float:
        """Completed requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0


def run_wrk(
    url: str,
    body: Path,
    headers: Mapping[str, str],
    *,
    connections: int,
    seconds: float,
    timeout_s: float = 10.0,
) -> WrkResult:
    """Run wrk with one thread (the cores belong to the peers) and `connections` connections."""
    env = {
        **os.environ,
        "BENCH_BODY": str(body),
        "BENCH_HEADERS": "\n".join(f"{name}: {value}" for name, value in headers.items()),
    }
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        f"--timeout={round(timeout_s)}s",
        "-s",
        str(SCRIPT),
        url,
    ]
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=seconds + 60)
    match = _RESULT.search(completed.stdout)
    if completed.returncode != 0 or match is None:
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stdout}\n{completed.stderr}")
    values = {key: int(value) for key, value in (item.split("=") for item in match.group(1).split())}
    errors = sum(values[k] for k in ("connect", "read", "write", "status", "timeout"))
    return WrkResult(
        requests=values["requests"],
        seconds=values["duration_us"] / 1e6,
        p50_ms=values["p50_us"] / 1000,
        p99_ms=values["p99_us"] / 1000,
        errors=errors,
    )
