"""The machine and software a run measured, for the results' header."""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

__all__ = ["changed_since", "describe", "load_average", "revision", "snapshot"]

ROOT = Path(__file__).resolve().parents[1]
MEASURED = ("gateway", "specs", "generated")
PACKAGES = ("connexion", "uvicorn", "jsonschema-rs", "orjson", "pydantic", "httpx", "aiohttp", "sqlalchemy")


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def _memory() -> str:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    return "?"


def _os() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return platform.system()


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()


def revision() -> str:
    """The commit, and whether the code the bench measures has uncommitted changes."""
    commit = _git("rev-parse", "--short", "HEAD") or "?"
    dirty = _git("status", "--porcelain", "--", *MEASURED)
    return f"{commit}{' (gateway/, specs/ or generated/ modified)' if dirty else ''}"


def snapshot() -> tuple[str, str]:
    """The commit and the uncommitted diff of the measured code, to tell later whether it changed."""
    commit = _git("rev-parse", "HEAD")
    return commit, _git("diff", commit, "--", *MEASURED)


def changed_since(start: tuple[str, str]) -> list[str]:
    """Files of the measured code changed (committed or not) since `snapshot()` returned `start`."""
    commit, diff = start
    if _git("diff", commit, "--", *MEASURED) == diff:
        return []
    return _git("diff", "--name-only", commit, "--", *MEASURED).splitlines()


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def describe(tools: dict[str, str]) -> dict[str, str]:
    """Date, machine, software versions; ordered for display."""
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{_cpu_model()}, {os.cpu_count()} cores, {_memory()} memory",
        "system": f"{_os()}, Linux {platform.release()}, Python {platform.python_version()}",
        "gateway": f"commit {revision()}; " + ", ".join(f"{name} {_version(name)}" for name in PACKAGES),
        "tools": ", ".join(tools.values()),
    }
