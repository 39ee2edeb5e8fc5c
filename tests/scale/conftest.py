"""Real server processes (`campaign-gateway serve`) against the sandbox, for scale-out tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.sandbox.server import Sandbox, start_sandbox

KEY = "scale-key"
AUTH = {"Authorization": f"Bearer {KEY}"}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with start_sandbox() as running:
        yield running


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """One `campaign-gateway serve` process tree."""

    def __init__(
        self, sandbox: Sandbox, database_url: str, workers: int, cwd: Path, env: dict[str, str] | None = None
    ) -> None:
        self.port = free_port()
        overrides = env or {}
        env = {**os.environ, "GATEWAY_API_KEYS": f"scale:{KEY}", "GATEWAY_DATABASE_URL": database_url}
        env["GATEWAY_VENDOR_TIMEOUT_S"] = "5"
        for vendor in load_vendors(GeneratorPaths()):
            env[f"GATEWAY_{vendor.slug.upper()}_BASE_URL"] = sandbox.base_url(vendor.slug)
            env[f"GATEWAY_{vendor.slug.upper()}_API_KEY"] = sandbox.credential(vendor.slug)
        env.update(overrides)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gateway.cli", "serve", "--port", str(self.port), "--workers", str(workers)],
            env=env,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # so kill() reaches the workers too
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 30, headers: dict[str, str] | None = None) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}")
            try:
                if httpx.get(f"{self.url}/v1/vendors", headers=headers or AUTH, timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise TimeoutError("server did not start")

    def kill(self) -> None:
        """SIGKILL the whole process group: no graceful anything."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            self.kill()
