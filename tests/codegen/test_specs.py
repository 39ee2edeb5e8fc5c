"""Every spec is valid OpenAPI, and a broken one is reported by file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.codegen.specs import SpecError, load_spec

REPO = GeneratorPaths()
SPECS = sorted(REPO.vendor_specs.glob("*.yaml")) + ([REPO.gateway_spec] if REPO.gateway_spec.exists() else [])


@pytest.mark.parametrize("spec", SPECS, ids=[spec.stem for spec in SPECS])
def test_spec_is_valid_openapi(spec: Path) -> None:
    document = load_spec(spec)

    assert re.fullmatch(r"3\.[01]\.\d+", str(document["openapi"]))
    assert document["paths"], f"{spec.name} declares no operation"


def test_every_vendor_spec_is_listed_in_vendors_toml() -> None:
    # A spec missing from vendors.toml is never compiled; a listed vendor without a spec fails
    # regenerate.
    listed = {vendor.slug for vendor in load_vendors(REPO)}

    assert {spec.stem for spec in REPO.vendor_specs.glob("*.yaml")} == listed


def test_vendor_spec_has_no_duplicate_keys(vendor: str) -> None:
    # PyYAML keeps the last of two equal keys without a word, so a duplicated `properties` or
    # `required` in a hand-written spec silently loses half of itself.
    # load_spec reads with the loader that refuses them (test_duplicate_key_is_a_spec_error).
    load_spec(REPO.vendor_specs / f"{vendor}.yaml")


def test_duplicate_key_is_a_spec_error(tmp_path: Path) -> None:
    spec = tmp_path / "vendor.yaml"
    spec.write_text(
        "openapi: 3.0.3\n"
        "info: {title: t, version: '1'}\n"
        "paths: {}\n"
        "components:\n"
        "  schemas:\n"
        "    Body:\n"
        "      type: object\n"
        "      properties: {name: {type: string}}\n"
        "      properties: {id: {type: integer}}\n"
    )

    with pytest.raises(SpecError, match=rf"^{re.escape(str(spec))}:9\b"):
        load_spec(spec)


def test_invalid_yaml_names_file_and_line(tmp_path: Path, vendor: str) -> None:
    lines = (REPO.vendor_specs / f"{vendor}.yaml").read_text().splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("  title:"))
    lines[number - 1] = "  title: a: b\n"
    broken = tmp_path / f"{vendor}.yaml"
    broken.write_text("".join(lines))

    with pytest.raises(SpecError, match=rf"^{re.escape(str(broken))}:{number}:\d+: invalid YAML"):
        load_spec(broken)


def test_schema_type_typo_names_file_and_line(tmp_path: Path, vendor: str) -> None:
    # Every schema of the spec in turn, wherever it sits (components, an inline request body, a
    # response): each typo must be caught and reported at its own line.
    lines = (REPO.vendor_specs / f"{vendor}.yaml").read_text().splitlines(keepends=True)
    broken = tmp_path / f"{vendor}.yaml"
    misreported = []
    for number, line in enumerate(lines, 1):
        if line.strip() != "type: object":
            continue
        broken.write_text("".join([*lines[: number - 1], line.replace("object", "objet"), *lines[number:]]))
        try:
            load_spec(broken)
        except SpecError as exc:
            expected = rf"{re.escape(str(broken))}:{number}: at \S+/type: .*objet"
            if not re.match(expected, str(exc)):
                misreported.append(f"line {number}: {exc}")
        else:
            misreported.append(f"line {number}: not reported at all")

    assert not misreported, "\n".join(misreported)


def test_missing_spec_is_a_spec_error(tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"

    with pytest.raises(SpecError, match=rf"^{re.escape(str(missing))}: cannot read"):
        load_spec(missing)
