"""Fixtures for the codegen contract tests: the vendor list and scratch copies of the tree."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.codegen.regenerate import regenerate

REPO = GeneratorPaths()
VENDORS = [vendor.slug for vendor in load_vendors(REPO)]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that takes `vendor` once per slug of specs/vendors.toml, in its order."""
    if "vendor" in metafunc.fixturenames:
        metafunc.parametrize("vendor", VENDORS)


@pytest.fixture
def workspace(tmp_path: Path) -> GeneratorPaths:
    """A private copy of specs/ and generated/ that a test may break and regenerate."""
    shutil.copytree(REPO.specs, tmp_path / "specs")
    # Bytecode is never part of generated/ (gitignored, and find_drift skips it).
    shutil.copytree(REPO.generated, tmp_path / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    # The gateway's client lives beside generated/ (clients/python), outside it.
    clients = REPO.generated.parent / "clients"
    shutil.copytree(clients, tmp_path / "clients", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return GeneratorPaths(specs=tmp_path / "specs", generated=tmp_path / "generated")


@pytest.fixture
def read_tree() -> Callable[[Path], dict[str, bytes]]:
    """Return a function giving every file under a folder, by relative path, with its bytes."""

    def read(root: Path) -> dict[str, bytes]:
        return {
            path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()
        }

    return read


@pytest.fixture
def narrow() -> Callable[[GeneratorPaths, list[str]], None]:
    """Return a function cutting a workspace down to some vendors and no gateway spec.

    It removes the other vendors' outputs through regenerate (no generator runs), so a test
    that then rebuilds pays for its own vendors only.
    """

    def keep_only(paths: GeneratorPaths, slugs: list[str]) -> None:
        text = paths.vendors_toml.read_text()
        for vendor in load_vendors(paths):
            if vendor.slug not in slugs:
                text = re.sub(rf"(?ms)^\[{vendor.slug}(\.[^\]]*)?\]\n.*?(?=^\[|\Z)", "", text)
        paths.vendors_toml.write_text(text)
        paths.gateway_spec.unlink(missing_ok=True)
        results = regenerate(paths, report=lambda _: None)
        assert [result.name for result in results] == slugs
        assert not any(result.generated for result in results)

    return keep_only
