"""generated/ imports, and holds nothing but reproducible source: no caches, no timestamps."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess

from pydantic import BaseModel

from gateway.codegen.config import ROOT, GeneratorPaths

REPO = GeneratorPaths()
CACHES = {"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache", ".hypothesis"}
# A date or time of day in generated output must come from a spec (an example, a description);
# anything else is a generator stamping the moment it ran.
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?")


def test_client_package_imports(vendor: str) -> None:
    package = importlib.import_module(f"generated.{vendor}_client")

    modules = [
        importlib.import_module(info.name) for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")
    ]

    assert {"AuthenticatedClient", "Client"} <= set(dir(package))
    assert any(hasattr(module, "sync_detailed") for module in modules), "no operation generated"


def test_models_module_imports(vendor: str) -> None:
    models = importlib.import_module(f"generated.models.{vendor}")

    classes = [value for value in vars(models).values() if isinstance(value, type)]

    assert any(issubclass(cls, BaseModel) and cls.__module__ == models.__name__ for cls in classes)


def test_no_cache_is_committed() -> None:
    committed = _git("ls-files", "-z", "generated").split("\0")

    cached = [path for path in committed if CACHES & set(path.split("/")) or path.endswith((".pyc", ".pyo"))]

    assert cached == []


def test_no_cache_left_in_generated() -> None:
    # Bytecode from importing the packages is expected (and gitignored); a generator's own cache
    # (openapi-python-client's post-hooks leave .ruff_cache) would ship with every rebuild.
    left = [path for path in REPO.generated.rglob("*") if path.name in CACHES - {"__pycache__"}]

    assert left == []


def test_no_timestamp_in_generated() -> None:
    specs = "".join(path.read_text() for path in sorted(REPO.specs.rglob("*.yaml")))
    stamped = []
    for path in sorted(REPO.generated.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        text = path.read_text()
        rel = path.relative_to(REPO.generated)
        stamped += [f"{rel}: {line.strip()}" for line in text.splitlines() if re.match(r"#\s*timestamp:", line)]
        stamped += [f"{rel}: {found}" for found in set(DATE.findall(text)) if found not in specs]

    assert stamped == []


def _git(*args: str) -> str:
    completed = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return completed.stdout
