"""docs/adding-a-vendor.md, performed: its steps in a scratch copy of the repository, then "Try it".

The copy holds what the steps touch and what runs them: pyproject.toml, specs/, gateway/,
generated/ and clients/python. Each marked block of the guide goes where the guide says (the
spec, the line of the vendor list, the adapter, its registration), and `make regenerate` runs as
the Makefile runs it, `campaign-gateway regenerate`. Nothing else is written. Then the copy is
served as `make run` serves it, and the guide's "Try it" commands must get the answers they
promise: the new vendor launches (a dry run, then for real at its sandbox), refuses what it cannot
do, serves its native route and is listed. Were a step missing from the guide, this would fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from gateway.codegen.config import GeneratorPaths, load_vendors

from ._guide_support import (
    REPO,
    Block,
    Call,
    expectations,
    get_json,
    marked_blocks,
    mismatch,
    run_bash,
    served_like_make_run,
)

pytestmark = pytest.mark.slow  # the code generators run for the new vendor

GUIDE = REPO / "docs" / "adding-a-vendor.md"
STEPS = ("spec", "vendors-toml", "regenerate", "adapter", "register", "try")
# What the steps need and touch; generated/ whole, so that only the new vendor is built.
COPIED = ("pyproject.toml", "specs", "gateway", "generated", "clients/python")
# The tables of the tests that the guide says a new vendor needs an entry in.
TEST_TABLES = {"tests/contract/campaigns.py": ("_VALID", "UNSUPPORTED", "CANONICAL")}


@pytest.fixture(scope="module")
def guide() -> dict[str, Block]:
    blocks = {block.label: block for block in marked_blocks(GUIDE.read_text(), "vendor-walkthrough")}
    assert tuple(blocks) == STEPS, "the guide's steps, each marked <!-- vendor-walkthrough: STEP -->"
    return blocks


@pytest.fixture(scope="module")
def slug(guide: dict[str, Block]) -> str:
    [name] = tomllib.loads(guide["vendors-toml"].code)
    assert name not in {vendor.slug for vendor in load_vendors(GeneratorPaths())}, "the guide's vendor is new"
    return name


def _python(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Python with the scratch copy's packages first, in the copy."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _registered(module: str, block: str) -> str:
    """gateway/vendors/__init__.py with the block's import among the adapters' and its entry in ADAPTERS."""
    lines = module.splitlines()
    added_imports = [line for line in block.splitlines() if line.startswith("from ")]
    added_entries = [line for line in block.splitlines() if line.strip().startswith('"')]
    assert len(added_imports) == len(added_entries) == 1, block
    adapters = [index for index, line in enumerate(lines) if line.startswith("from gateway.vendors.")]
    # isort's order: the adapters' imports stay sorted.
    sorted_imports = sorted([*(lines[index] for index in adapters), *added_imports])
    lines[adapters[0] : adapters[-1] + 1] = sorted_imports
    mapping = next(index for index, line in enumerate(lines) if line.startswith("ADAPTERS"))
    closing = next(index for index in range(mapping, len(lines)) if lines[index] == "}")
    lines[closing:closing] = added_entries
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory, guide: dict[str, Block], slug: str) -> Path:
    root = tmp_path_factory.mktemp("repository")
    ignored = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in COPIED:
        source, target = REPO / name, root / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=ignored)
        else:
            shutil.copyfile(source, target)

    (root / "specs" / "vendors" / f"{slug}.yaml").write_text(guide["spec"].code)
    vendors_toml = root / "specs" / "vendors.toml"
    vendors_toml.write_text(vendors_toml.read_text().rstrip("\n") + "\n\n" + guide["vendors-toml"].code)
    assert guide["regenerate"].code.strip() == "make regenerate"
    regenerated = _python(root, "-c", "from gateway.cli import main; main()", "regenerate")
    assert regenerated.returncode == 0, regenerated.stdout + regenerated.stderr
    (root / "gateway" / "vendors" / f"{slug}.py").write_text(guide["adapter"].code)
    init = root / "gateway" / "vendors" / "__init__.py"
    init.write_text(_registered(init.read_text(), guide["register"].code))
    return root


@dataclass(frozen=True)
class Tried:
    """The guide's "Try it" commands, their answers, and the campaigns the gateway then holds."""

    script: str
    calls: list[Call]
    campaigns: list[dict[str, Any]]


@pytest.fixture(scope="module")
def tried(scratch: Path, guide: dict[str, Block], slug: str, tmp_path_factory: pytest.TempPathFactory) -> Tried:
    with served_like_make_run(tmp_path_factory.mktemp("served"), checkout=scratch) as base:
        calls = run_bash(guide["try"].code, base, tmp_path_factory.mktemp("curl"))
        campaigns = get_json(f"{base}/v1/campaigns?vendor={slug}")["campaigns"]
    return Tried(guide["try"].code, calls, campaigns)


def test_the_guide_names_what_each_step_writes(slug: str) -> None:
    text = GUIDE.read_text()
    for path in (f"specs/vendors/{slug}.yaml", "specs/vendors.toml", f"gateway/vendors/{slug}.py"):
        assert f"`{path}`" in text
    assert "gateway/vendors/__init__.py" in text and "`ADAPTERS`" in text


def test_the_steps_are_enough_to_launch_at_the_new_vendor(tried: Tried, slug: str) -> None:
    calls, promised = tried.calls, expectations(tried.script)

    assert len(calls) == len(promised) == tried.script.count("curl ")
    for number, (call, expected) in enumerate(zip(calls, promised, strict=True), 1):
        problem = mismatch(call, expected)
        assert problem is None, f"curl call {number} {problem}"
    dry_run, launched = calls[0].json(), calls[1].json()
    assert (dry_run["vendor"], dry_run["would_send"], dry_run["violations"]) == (slug, True, [])
    assert (launched["vendor"], launched["dispatch"]) == (slug, "accepted")
    [row] = [row for row in calls[-1].json()["vendors"] if row["vendor"] == slug]
    assert row["native_routes"] and not any(row[column] for column in ("get", "start", "pause", "resume", "cancel"))
    # Both launches are in the ledger: the vendor-neutral one and the native one.
    routes = sorted(campaign["route"] for campaign in tried.campaigns)
    assert routes == sorted(["campaigns", f"/v1/vendors/{slug}/campaigns"])


def test_the_guides_adapter_passes_the_projects_lint(scratch: Path, slug: str) -> None:
    files = [f"gateway/vendors/{slug}.py", "gateway/vendors/__init__.py"]

    checked = _python(scratch, "-m", "ruff", "check", "--no-cache", *files)
    formatted = _python(scratch, "-m", "ruff", "format", "--check", "--no-cache", *files)

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr


@pytest.mark.parametrize("path", TEST_TABLES)
def test_the_test_tables_the_guide_names_exist(path: str) -> None:
    source = (REPO / path).read_text()
    for name in TEST_TABLES[path]:
        assert f"`{name}`" in GUIDE.read_text()
        assert re.search(rf"^{name}\b.*=", source, flags=re.MULTILINE), f"{path} has no {name}"
