"""regenerate() rebuilds only what changed, and a failure leaves generated/ as it was."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import gateway.codegen.config as config
import gateway.codegen.regenerate as regenerate_module
from gateway.codegen.config import GENERATED_RUFF_TOML, GeneratorPaths, load_vendors
from gateway.codegen.regenerate import CodegenError, Result, regenerate
from gateway.codegen.specs import SpecError

Tree = Callable[[Path], dict[str, bytes]]
Narrow = Callable[[GeneratorPaths, list[str]], None]
# Ways to break a spec that validation must catch before any generator runs.
BREAKAGES = {
    "invalid-yaml": lambda text: text.replace("\ninfo:\n", "\ninfo: [\n", 1),
    "type-typo": lambda text: text.replace("type: object", "type: objet", 1),
}


def _regenerate(paths: GeneratorPaths) -> dict[str, bool]:
    results: list[Result] = regenerate(paths, report=lambda _: None)
    return {result.name: result.generated for result in results}


def _leftovers(paths: GeneratorPaths) -> list[str]:
    return sorted(p.name for p in paths.generated.parent.iterdir() if p.name.startswith("."))


def _gateway_outputs(paths: GeneratorPaths) -> set[str]:
    manifest = json.loads((paths.generated / "manifest.json").read_text())
    return set(manifest["targets"].get("gateway", {}).get("outputs", []))


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_broken_spec_stops_regenerate_untouched(
    workspace: GeneratorPaths, read_tree: Tree, vendor: str, breakage: str
) -> None:
    spec = workspace.vendor_specs / f"{vendor}.yaml"
    spec.write_text(BREAKAGES[breakage](spec.read_text()))
    before = read_tree(workspace.generated)

    with pytest.raises(SpecError, match=rf"^{re.escape(str(spec))}:\d+"):
        regenerate(workspace, report=lambda _: None)

    assert read_tree(workspace.generated) == before
    assert _leftovers(workspace) == []


@pytest.mark.slow
def test_generator_failure_leaves_generated_untouched(
    workspace: GeneratorPaths, read_tree: Tree, narrow: Narrow
) -> None:
    # Valid OpenAPI that openapi-python-client refuses: a `*/*` response without the
    # content_type_overrides that Volubile's original document needs (--fail-on-warning).
    slug = load_vendors(workspace)[0].slug
    narrow(workspace, [slug])
    spec = workspace.vendor_specs / f"{slug}.yaml"
    text = spec.read_text()
    assert "      responses:\n" in text
    spec.write_text(
        text.replace(
            "      responses:\n",
            "      responses:\n        '599':\n          description: Undocumented\n"
            "          content:\n            '*/*':\n              schema:\n"
            "                type: string\n",
            1,
        )
    )
    before = read_tree(workspace.generated)

    with pytest.raises(CodegenError, match=slug):
        regenerate(workspace, report=lambda _: None)

    assert read_tree(workspace.generated) == before
    assert _leftovers(workspace) == []


def test_unchanged_specs_generate_nothing(workspace: GeneratorPaths, read_tree: Tree) -> None:
    before = read_tree(workspace.generated)

    generated = _regenerate(workspace)

    assert set(generated) >= {vendor.slug for vendor in load_vendors(workspace)}
    assert not any(generated.values()), generated
    assert read_tree(workspace.generated) == before


@pytest.mark.slow
def test_changed_spec_regenerates_that_vendor_only(workspace: GeneratorPaths, read_tree: Tree, narrow: Narrow) -> None:
    # A comment changes the spec's bytes (so its fingerprint) but not what it compiles to: the
    # rebuilt client and models must equal the committed ones byte for byte, which is also a
    # second build of this vendor giving identical output.
    vendors = [vendor.slug for vendor in load_vendors(workspace)]
    other, slug = vendors[0], vendors[-1]
    narrow(workspace, [other, slug])
    spec = workspace.vendor_specs / f"{slug}.yaml"
    spec.write_text(spec.read_text() + "# touched by test_changed_spec_regenerates_that_vendor_only\n")
    before = read_tree(workspace.generated)

    generated = _regenerate(workspace)

    assert generated == {other: False, slug: True}
    after = read_tree(workspace.generated)
    changed = {rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel)}
    # The vendor's last change report, if generated/ has one, goes: the API is the reviewed one's.
    report = {rel for rel in before if rel == f"changes/{slug}.json"}
    assert changed == {f"specs/{slug}.yaml", "manifest.json", *report}
    assert after[f"specs/{slug}.yaml"] == spec.read_bytes()
    assert _leftovers(workspace) == []


def test_removed_vendor_loses_its_outputs(workspace: GeneratorPaths, read_tree: Tree) -> None:
    slug = load_vendors(workspace)[-1].slug
    toml = workspace.vendors_toml
    toml.write_text(re.sub(rf"(?ms)^\[{slug}(\.[^\]]*)?\]\n.*?(?=^\[|\Z)", "", toml.read_text()))
    before = read_tree(workspace.generated)

    generated = _regenerate(workspace)

    assert slug not in generated
    after = read_tree(workspace.generated)
    owned = (f"{slug}_client/", f"models/{slug}.py", f"specs/{slug}.yaml", f"changes/{slug}.json")
    assert [rel for rel in after if rel.startswith(owned)] == []
    assert slug not in json.loads(after["manifest.json"])["targets"]
    kept = {rel for rel in before if not rel.startswith(owned)}
    changed = {rel for rel in kept if before[rel] != after.get(rel)}
    assert changed - _gateway_outputs(workspace) == {"manifest.json"}
    assert _leftovers(workspace) == []


def test_changed_ruff_settings_regenerate_every_target(
    workspace: GeneratorPaths, narrow: Narrow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pinned ruff settings shape every generated .py file, like a generator flag does; a
    # change to them must make every target stale, or `make regenerate` reports "unchanged"
    # while `make check` reports drift. One vendor keeps the rebuild short.
    first = load_vendors(workspace)[0]
    narrow(workspace, [first.slug])
    edited = GENERATED_RUFF_TOML.replace("line-length = 120", "line-length = 100")
    assert edited != GENERATED_RUFF_TOML
    for module in (config, regenerate_module):
        monkeypatch.setattr(module, "GENERATED_RUFF_TOML", edited)
    monkeypatch.setitem(regenerate_module._SHARED_FILES, "ruff.toml", edited)

    generated = _regenerate(workspace)

    assert generated == {first.slug: True}
