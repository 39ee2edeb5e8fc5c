"""Fixtures for the codegen contract tests: the vendor list and scratch copies of the tree."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from gateway.codegen.config import GeneratorPaths, load_vendors

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
    return GeneratorPaths(specs=tmp_path / "specs", generated=tmp_path / "generated")


@pytest.fixture
def read_tree() -> Callable[[Path], dict[str, bytes]]:
    """Return a function giving every file under a folder, by relative path, with its bytes."""

    def read(root: Path) -> dict[str, bytes]:
        return {
            path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()
        }

    return read
