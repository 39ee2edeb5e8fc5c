"""Incremental, atomic regeneration of generated/ and the drift check.

Every target (one per vendor, plus the gateway and its own client once specs/gateway.yaml
exists) is built into a temporary folder, formatted with the ruff settings pinned in
generated/ruff.toml, and only then swapped into generated/ (the client into clients/python,
beside it). A spec that fails to load stops the run before anything is touched. A manifest
records a fingerprint of each target's inputs (spec bytes, config entry, generator recipe and
versions) so unchanged targets are skipped.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

from gateway.codegen.changes import CHANGES, describe, plan_reports, write_reports
from gateway.codegen.compose import compose
from gateway.codegen.config import (
    CLIENT_TEMPLATES,
    DATAMODEL_CODEGEN_ARGS,
    GENERATED_RUFF_TOML,
    GeneratorPaths,
    VendorConfig,
    load_vendors,
)
from gateway.codegen.specs import SpecError, load_spec, validate_spec

__all__ = [
    "CLIENT",
    "CLIENT_CONFIG",
    "SERVED_SPEC",
    "CodegenError",
    "Drift",
    "Result",
    "build_all",
    "find_drift",
    "regenerate",
]

MANIFEST = "manifest.json"
# The spec Connexion serves: gateway.yaml composed with every vendor's native routes.
SERVED_SPEC = "openapi.json"
# The gateway's own typed client, a package of its own beside generated/ (its own setup.py and
# pyproject.toml), so users install it without the gateway: `pip install clients/python`.
CLIENT = "clients/python"
CLIENT_CONFIG: dict[str, Any] = {
    "project_name_override": "campaign-gateway-client",
    "package_name_override": "campaign_gateway_client",
    "post_hooks": [],
}
GENERATORS = ("openapi-python-client", "datamodel-code-generator", "ruff")
# Files written by the run itself rather than by a target.
_SHARED_FILES = {
    "__init__.py": '"""Output of `make regenerate`; never edited by hand."""\n',
    "models/__init__.py": '"""Pydantic models compiled from specs/ by datamodel-code-generator."""\n',
    "ruff.toml": GENERATED_RUFF_TOML,
}


class CodegenError(Exception):
    """Generation failed; generated/ was left as it was."""


@dataclass
class Target:
    """One unit of generation with its inputs, outputs and build recipe."""

    name: str
    inputs: tuple[Path, ...]
    settings: dict[str, Any]
    outputs: tuple[str, ...]
    build: Callable[[Path], None] = field(repr=False)

    def fingerprint(self, generator_versions: dict[str, str]) -> str:
        """Hash of everything that determines this target's output."""
        digest = hashlib.sha256()
        recipe = {"settings": self.settings, "versions": generator_versions, "recipe": _recipe_digest()}
        digest.update(json.dumps(recipe, sort_keys=True).encode())
        for path in self.inputs:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        return digest.hexdigest()


@dataclass(frozen=True)
class Result:
    """Outcome of one target in a regenerate run."""

    name: str
    generated: bool
    seconds: float


@dataclass(frozen=True)
class Drift:
    """Files that differ between generated/ and a fresh build, for one target."""

    name: str
    files: list[str]


def _recipe_digest() -> str:
    """Hash of the generation code itself, its templates and the pinned ruff settings.

    Any change to how generated/ is produced makes every target stale, so `regenerate`
    never reports "unchanged" for output that `check` would call drifted.
    """
    digest = hashlib.sha256(GENERATED_RUFF_TOML.encode())
    here = Path(__file__).resolve().parent
    for path in sorted([*here.glob("*.py"), *CLIENT_TEMPLATES.rglob("*.jinja")]):
        digest.update(str(path.relative_to(here)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def generator_versions() -> dict[str, str]:
    """The pinned generator versions in this environment (part of every fingerprint)."""
    return {name: version(name) for name in GENERATORS}


def regenerate(
    paths: GeneratorPaths | None = None,
    *,
    force: bool = False,
    report: Callable[[str], None] = print,
) -> list[Result]:
    """Bring generated/ up to date with specs/, building only targets whose inputs changed."""
    paths = paths or GeneratorPaths()
    started = time.perf_counter()
    versions = generator_versions()
    targets = _targets(paths)
    manifest = _read_manifest(paths.generated)
    previous = manifest.get("targets", {})
    fingerprints = {t.name: t.fingerprint(versions) for t in targets}
    stale = [
        t
        for t in targets
        if force
        or previous.get(t.name, {}).get("fingerprint") != fingerprints[t.name]
        or not all(_location(paths, out).exists() for out in t.outputs)
    ]
    removed = [name for name in previous if name not in fingerprints]
    shared_stale = any(
        not (paths.generated / rel).is_file() or (paths.generated / rel).read_text() != text
        for rel, text in _SHARED_FILES.items()
    )
    results = {t.name: Result(t.name, False, 0.0) for t in targets}
    # Planned before the swap replaces generated/specs/, the copies an update is compared with.
    changes = plan_reports(paths, [t.name for t in stale], removed) if stale or removed else {}
    if stale or removed or shared_stale:
        with tempfile.TemporaryDirectory(prefix=".regenerate-", dir=paths.generated.parent) as tmp:
            staging = Path(tmp)
            timings = _build(stale, staging)
            new_manifest = {
                "generator_versions": versions,
                "targets": {t.name: {"fingerprint": fingerprints[t.name], "outputs": list(t.outputs)} for t in targets},
            }
            _write_shared(staging, new_manifest)
            reports = write_reports(staging, changes)
            _swap_in(paths, staging, stale, [previous[n]["outputs"] for n in removed], reports)
        results.update({name: Result(name, True, s) for name, s in timings.items()})
    for result in results.values():
        state = "generated" if result.generated else "unchanged"
        report(f"{result.name:<10} {state:<10} {result.seconds:6.2f} s")
    built = sum(r.generated for r in results.values())
    elapsed = time.perf_counter() - started
    removed_note = f", {len(removed)} removed ({', '.join(removed)})" if removed else ""
    report(
        f"{len(results)} targets: {built} generated, {len(results) - built} unchanged{removed_note} in {elapsed:.2f} s"
    )
    for slug, change_report in changes.items():
        if slug not in removed:
            for line in describe(paths, slug, change_report):
                report(line)
    return list(results.values())


def build_all(paths: GeneratorPaths, into: Path) -> None:
    """Build every target from scratch into `into` (an empty folder), as generated/ should be."""
    versions = generator_versions()
    targets = _targets(paths)
    _build(targets, into)
    _write_shared(
        into,
        {
            "generator_versions": versions,
            "targets": {t.name: {"fingerprint": t.fingerprint(versions), "outputs": list(t.outputs)} for t in targets},
        },
    )


def find_drift(paths: GeneratorPaths | None = None) -> list[Drift]:
    """Regenerate everything into a temporary folder and compare it with generated/."""
    paths = paths or GeneratorPaths()
    with tempfile.TemporaryDirectory(prefix=".golden-") as tmp:
        fresh = Path(tmp)
        build_all(paths, fresh)
        expected = _tree(fresh)
        # Change reports record history (the spec before the last update), not a build output.
        actual = {rel for rel in _tree(paths.generated) if not rel.startswith(f"{CHANGES}/")}
        client = _location(paths, CLIENT)
        if client.is_dir():
            actual |= {f"{CLIENT}/{rel}" for rel in _tree(client)}
        differing = sorted(
            rel
            for rel in expected | actual
            if rel not in expected
            or rel not in actual
            or not filecmp.cmp(fresh / rel, _location(paths, rel), shallow=False)
        )
    owners = _owners(paths)
    by_target: dict[str, list[str]] = {}
    for rel in differing:
        by_target.setdefault(owners(rel), []).append(rel)
    return [Drift(name, files) for name, files in by_target.items()]


# --- targets ---------------------------------------------------------------------------------


def _targets(paths: GeneratorPaths) -> list[Target]:
    vendors = load_vendors(paths)
    targets = [_vendor_target(paths, vendor) for vendor in vendors]
    if paths.gateway_spec.exists():
        targets += [_gateway_target(paths, vendors), _client_target(paths)]
    return targets


def _vendor_target(paths: GeneratorPaths, vendor: VendorConfig) -> Target:
    spec = paths.vendor_specs / f"{vendor.slug}.yaml"
    if not spec.exists():
        raise SpecError(f"{spec}: missing (listed in {paths.vendors_toml} as [{vendor.slug}])")
    client_config = {"post_hooks": [], **vendor.client_options}

    def build(staging: Path) -> None:
        copy = staging / "specs" / f"{vendor.slug}.yaml"
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(spec, copy)
        config_file = staging / f".{vendor.slug}-client.yaml"
        config_file.write_text(yaml.safe_dump(client_config))
        _run(
            vendor.slug,
            [
                *_module("openapi_python_client"),
                "generate",
                f"--path={copy}",
                f"--config={config_file}",
                f"--custom-template-path={CLIENT_TEMPLATES}",
                "--meta=none",
                f"--output-path={staging / f'{vendor.slug}_client'}",
                "--overwrite",
                "--fail-on-warning",
            ],
        )
        config_file.unlink()
        _models(vendor.slug, copy, staging)

    return Target(
        name=vendor.slug,
        inputs=(spec,),
        settings={"client": client_config, "models": DATAMODEL_CODEGEN_ARGS},
        outputs=(f"{vendor.slug}_client", f"models/{vendor.slug}.py", f"specs/{vendor.slug}.yaml"),
        build=build,
    )


def _gateway_target(paths: GeneratorPaths, vendors: list[VendorConfig]) -> Target:
    spec = paths.gateway_spec
    vendor_specs = tuple(paths.vendor_specs / f"{vendor.slug}.yaml" for vendor in vendors)

    def build(staging: Path) -> None:
        copy = staging / "specs" / "gateway.yaml"
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(spec, copy)
        # The runtime's vendor list, shipped with the package beside the vendors' spec copies.
        shutil.copyfile(paths.vendors_toml, copy.parent / "vendors.toml")
        _models("gateway", copy, staging)
        served = compose(load_spec(spec), [(v, load_spec(s)) for v, s in zip(vendors, vendor_specs, strict=True)])
        validate_spec(served, staging / SERVED_SPEC)
        (staging / SERVED_SPEC).write_text(json.dumps(served, indent=1, ensure_ascii=False) + "\n")

    return Target(
        name="gateway",
        inputs=(spec, *vendor_specs, paths.vendors_toml),
        settings={"models": DATAMODEL_CODEGEN_ARGS},
        outputs=("models/gateway.py", "specs/gateway.yaml", "specs/vendors.toml", SERVED_SPEC),
        build=build,
    )


def _client_target(paths: GeneratorPaths) -> Target:
    spec = paths.gateway_spec

    def build(staging: Path) -> None:
        out = staging / CLIENT
        out.parent.mkdir(parents=True, exist_ok=True)
        config_file = staging / ".client-config.yaml"
        config_file.write_text(yaml.safe_dump(CLIENT_CONFIG))
        client_spec = staging / ".client-gateway.json"
        client_spec.write_text(json.dumps(_client_spec(spec), indent=1, ensure_ascii=False))
        _run(
            "client",
            [
                *_module("openapi_python_client"),
                "generate",
                f"--path={client_spec}",
                f"--config={config_file}",
                f"--custom-template-path={CLIENT_TEMPLATES}",
                "--meta=setup",
                f"--output-path={out}",
                "--overwrite",
                "--fail-on-warning",
            ],
        )
        config_file.unlink()
        client_spec.unlink()

    return Target(
        name="client",
        inputs=(spec,),
        settings={"client": CLIENT_CONFIG, "meta": "setup"},
        outputs=(CLIENT,),
        build=build,
    )


def _client_spec(spec: Path) -> dict[str, Any]:
    """The gateway's spec as its client sees it: operations named for people, not for Connexion.

    The spec's operationIds are handler paths (`gateway.api.campaigns.create`); the client's
    modules and functions take the last part (`api.campaigns.create`), which is unique.
    """
    document: dict[str, Any] = yaml.safe_load(spec.read_text())
    seen: dict[str, str] = {}
    for path_item in document.get("paths", {}).values():
        for operation in path_item.values():
            if isinstance(operation, dict) and "operationId" in operation:
                full = operation["operationId"]
                short = full.rsplit(".", 1)[-1]
                if short in seen:
                    raise CodegenError(f"{spec}: operationIds {seen[short]} and {full} give the client one name")
                seen[short] = full
                operation["operationId"] = short
    return document


def _models(name: str, spec_copy: Path, staging: Path) -> None:
    out = staging / "models" / f"{name}.py"
    out.parent.mkdir(parents=True, exist_ok=True)
    # Run beside the spec copy so the header names the file, not a temporary path.
    _run(
        name,
        [
            *_module("datamodel_code_generator"),
            f"--input={spec_copy.name}",
            f"--output={out}",
            *DATAMODEL_CODEGEN_ARGS,
        ],
        cwd=spec_copy.parent,
    )


# --- building and swapping -------------------------------------------------------------------


def _build(targets: Iterable[Target], staging: Path) -> dict[str, float]:
    targets = list(targets)
    # Validate every spec before building anything: a broken one stops the run untouched.
    for target in targets:
        for spec in target.inputs:
            if spec.suffix == ".yaml":
                load_spec(spec)
    timings: dict[str, float] = {}

    def timed(target: Target) -> None:
        start = time.perf_counter()
        target.build(staging)
        timings[target.name] = time.perf_counter() - start

    # The generators are separate processes: two at a time keeps both cores busy.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(timed, t) for t in targets]:
            future.result()
    (staging / "ruff.toml").write_text(GENERATED_RUFF_TOML)
    if targets:
        sources = [
            str(staging / rel)
            for t in targets
            for rel in t.outputs
            if rel.endswith((".py", "_client")) or rel == CLIENT
        ]
        pinned = ["--config", str(staging / "ruff.toml"), "--no-cache", "--quiet"]
        _run("ruff", [*_module("ruff"), "check", "--fix-only", *pinned, *sources])
        _run("ruff", [*_module("ruff"), "format", *pinned, *sources])
    return timings


def _write_shared(staging: Path, manifest: dict[str, Any]) -> None:
    for rel, text in _SHARED_FILES.items():
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        (staging / rel).write_text(text)
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def _swap_in(
    paths: GeneratorPaths, staging: Path, targets: list[Target], removed: list[list[str]], reports: list[str]
) -> None:
    """Move built outputs into generated/, keeping the old ones until every move is done.

    `reports` are change reports to replace, or to delete when staging holds none.
    """
    paths.generated.mkdir(exist_ok=True)
    trash = staging / ".old"
    trash.mkdir()
    moves = [rel for t in targets for rel in t.outputs] + [*_SHARED_FILES, MANIFEST]
    moves += [rel for rel in reports if (staging / rel).exists()]
    for rel in dict.fromkeys([rel for outputs in removed for rel in outputs] + reports + moves):
        current = _location(paths, rel)
        if current.exists():
            (trash / rel).parent.mkdir(parents=True, exist_ok=True)
            current.rename(trash / rel)
    for rel in moves:
        _location(paths, rel).parent.mkdir(parents=True, exist_ok=True)
        (staging / rel).rename(_location(paths, rel))


def _run(name: str, command: list[str], cwd: Path | None = None) -> None:
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        output = (completed.stdout + completed.stderr).strip()
        raise CodegenError(f"{name}: `{command[2]}` failed (exit {completed.returncode}):\n{output}")


def _module(name: str) -> list[str]:
    return [sys.executable, "-m", name]


def _read_manifest(generated: Path) -> dict[str, Any]:
    try:
        data = json.loads((generated / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _location(paths: GeneratorPaths, rel: str) -> Path:
    """Where an output lives: the client beside generated/, everything else inside it."""
    if rel == CLIENT or rel.startswith(f"{CLIENT}/"):
        return paths.generated.parent / rel
    return paths.generated / rel


def _tree(root: Path) -> set[str]:
    # Bytecode and the metadata an editable install writes into the client are not outputs.
    return {
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file()
        and not any(part == "__pycache__" or part.endswith(".egg-info") for part in p.relative_to(root).parts)
    }


def _owners(paths: GeneratorPaths) -> Callable[[str], str]:
    prefixes = {rel: target.name for target in _targets(paths) for rel in target.outputs}

    def owner(rel: str) -> str:
        for prefix, name in prefixes.items():
            if rel == prefix or rel.startswith(prefix + "/"):
                return name
        return "(shared)"

    return owner
