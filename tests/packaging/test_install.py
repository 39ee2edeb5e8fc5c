"""The product as a user gets it: build the sdist and wheel, install the wheel into a fresh venv, serve.

Nothing of the checkout is reachable from the installed gateway: it runs from an empty folder,
without PYTHONPATH, and must find its specs, vendor list and migrations inside the installed
packages. About a minute (building, then installing the dependencies from the local index the
Makefile uses), so it is marked slow; it still runs in `make test`.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import tarfile
import time
import venv
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import httpx
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.packaging]

ROOT = Path(__file__).resolve().parents[2]
DEV_KEY = "dev-key-change-me"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m build`: the sdist, then the wheel built from that sdist (so the sdist is complete)."""
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], cwd=ROOT, timeout=180)
    return out


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean venv (no system site-packages) with the wheel and its pinned dependencies; its bin/."""
    home = tmp_path_factory.mktemp("venv")
    venv.create(home, with_pip=True, symlinks=True)
    wheel = next(dist.glob("campaign_gateway-*.whl"))
    pip = [str(home / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run([*pip, "-c", str(ROOT / "constraints.txt"), str(wheel)], cwd=home, timeout=300)
    return home / "bin"


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """An empty working folder, far from the checkout."""
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


def _env(**extra: str) -> dict[str, str]:
    # Nothing that could lead the installed gateway back to the checkout or this test's venv.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"} and not k.startswith("GATEWAY_")
    }
    return {**env, "PYTHONDONTWRITEBYTECODE": "1", **extra}


def _run(command: list[str], cwd: Path, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(command, cwd=cwd, env=_env(**env), capture_output=True, text=True, timeout=timeout)
    assert completed.returncode == 0, f"{command} failed:\n{completed.stdout}\n{completed.stderr}"
    return completed


def test_sdist_holds_the_sources(dist: Path) -> None:
    sdist = next(dist.glob("campaign_gateway-*.tar.gz"))
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    expected = {"pyproject.toml", "MANIFEST.in", "README.md", "constraints.txt", "specs/vendors.toml"}
    expected |= {"generated/openapi.json", "generated/specs/vendors.toml", "gateway/store/migrations/script.py.mako"}
    assert expected <= names
    assert not [name for name in names if "__pycache__" in name or ".ruff_cache" in name]


def test_version_comes_from_the_package_metadata(installed: Path, elsewhere: Path) -> None:
    completed = _run([str(installed / "campaign-gateway"), "--version"], cwd=elsewhere)
    assert completed.stdout.strip() == f"campaign-gateway {version('campaign-gateway')}"


def test_imports_resolve_inside_the_venv(installed: Path, elsewhere: Path) -> None:
    code = "import gateway, generated, json; print(json.dumps([gateway.__file__, generated.__file__]))"
    completed = _run([str(installed / "python"), "-c", code], cwd=elsewhere)
    site_packages = installed.parent / "lib"
    for module_file in json.loads(completed.stdout):
        assert Path(module_file).is_relative_to(site_packages), module_file
        assert not Path(module_file).is_relative_to(ROOT), module_file


def test_codegen_outside_a_checkout_says_why(installed: Path, elsewhere: Path) -> None:
    for command in ("check", "regenerate"):
        completed = subprocess.run(
            [str(installed / "campaign-gateway"), command], cwd=elsewhere, env=_env(), capture_output=True, text=True
        )
        assert completed.returncode == 1, completed
        assert "no source checkout" in completed.stderr
        assert "Traceback" not in completed.stderr


def test_dev_serves_a_campaign_from_an_empty_folder(installed: Path, elsewhere: Path) -> None:
    port = _free_port()
    database = elsewhere / "gateway.db"
    with _serving(
        [str(installed / "campaign-gateway"), "dev", "--port", str(port)],
        elsewhere,
        port,
        GATEWAY_DATABASE_URL=f"sqlite:///{database}",
    ) as base:
        headers = {"Authorization": f"Bearer {DEV_KEY}"}
        spec = httpx.get(f"{base}/v1/openapi.json", timeout=10).json()
        examples = spec["paths"]["/campaigns"]["post"]["requestBody"]["content"]["application/json"]["examples"]
        body = next(iter(examples.values()))["value"]
        created = httpx.post(f"{base}/v1/campaigns", json=body, headers=headers, timeout=30)
        assert created.status_code == 201, created.text
        campaign_id = created.json()["id"]
        fetched = httpx.get(f"{base}/v1/campaigns/{campaign_id}", headers=headers, timeout=30)
        assert fetched.status_code == 200, fetched.text
        assert fetched.json()["id"] == campaign_id
        assert fetched.json()["vendor"] == body["vendor"]
        vendors = httpx.get(f"{base}/v1/vendors", headers=headers, timeout=10)
        assert vendors.status_code == 200, vendors.text
    assert database.is_file()


def test_serve_starts_from_an_empty_folder(installed: Path, elsewhere: Path) -> None:
    port = _free_port()
    with _serving(
        [str(installed / "campaign-gateway"), "serve", "--port", str(port)],
        elsewhere,
        port,
        GATEWAY_DATABASE_URL=f"sqlite:///{elsewhere / 'gateway.db'}",
        GATEWAY_API_KEYS="acme:k-acme-0123456789",
    ) as base:
        assert httpx.get(f"{base}/readyz", timeout=10).status_code == 200
        listed = httpx.get(f"{base}/v1/campaigns", headers={"Authorization": "Bearer k-acme-0123456789"}, timeout=10)
        assert listed.status_code == 200, listed.text


@contextlib.contextmanager
def _serving(command: list[str], cwd: Path, port: int, **env: str) -> Iterator[str]:
    """Run a server until its /healthz answers, yield its base URL, stop it; its output tells why it failed."""
    log = cwd / "server.log"
    base = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=cwd, env=_env(**env), stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while not _healthy(base):
                if process.poll() is not None:
                    pytest.fail(f"{command} exited {process.returncode}:\n{log.read_text()}")
                if time.monotonic() > deadline:
                    pytest.fail(f"{command} did not answer in 60 s:\n{log.read_text()}")
                time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _healthy(base: str) -> bool:
    try:
        return httpx.get(f"{base}/healthz", timeout=1).status_code == 200
    except httpx.TransportError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
