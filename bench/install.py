"""What the bench needs beyond the project's venv: wrk and nginx (Debian), Prism (npm, local)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PRISM_VERSION", "Tools", "ensure_tools"]

PRISM_VERSION = "5.14.2"
PRISM_DIR = Path(__file__).resolve().parent / ".prism"
_APT_PACKAGES = {"wrk": "wrk", "nginx": "nginx", "npm": "npm", "node": "nodejs"}


@dataclass(frozen=True)
class Tools:
    """Paths of the external programs and their versions (for the results' header)."""

    wrk: str
    nginx: str
    prism: str
    versions: dict[str, str]


def _which(name: str) -> str | None:
    # nginx lives in /usr/sbin, which is not on every user's PATH.
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin")


def _say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _apt_install(packages: list[str]) -> None:
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    # RUNLEVEL=1 keeps Debian's maintainer scripts from starting a system nginx on port 80.
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "RUNLEVEL": "1"}
    _say(f"installing {' '.join(packages)} from Debian's packages")
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        [*prefix, "apt-get", "install", "-y", "-qq", *packages], check=True, env=env, stdout=subprocess.DEVNULL
    )


def _prism() -> str:
    binary = PRISM_DIR / "node_modules" / ".bin" / "prism"
    if binary.exists() and _version([str(binary), "--version"]) == PRISM_VERSION:
        return str(binary)
    _say(f"installing @stoplight/prism-cli@{PRISM_VERSION} into {PRISM_DIR}")
    PRISM_DIR.mkdir(exist_ok=True)
    subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(PRISM_DIR),
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            f"@stoplight/prism-cli@{PRISM_VERSION}",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return str(binary)


def _version(command: list[str]) -> str:
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    text = (completed.stdout + completed.stderr).strip()
    return text.splitlines()[0] if text else "?"


def ensure_tools() -> Tools:
    """Install whatever is missing; return the tools with their versions."""
    missing = [package for tool, package in _APT_PACKAGES.items() if _which(tool) is None]
    if missing:
        _apt_install(missing)
    wrk, nginx = _which("wrk"), _which("nginx")
    assert wrk is not None and nginx is not None
    prism = _prism()
    versions = {
        "wrk": _version([wrk, "--version"]).split(" [")[0],
        "nginx": _version([nginx, "-v"]).removeprefix("nginx version: "),
        "prism": f"prism-cli {_version([prism, '--version'])}",
        "node": f"node {_version(['node', '--version'])}",
    }
    return Tools(wrk=wrk, nginx=nginx, prism=prism, versions=versions)
