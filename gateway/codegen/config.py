"""Where things live, which vendors exist, and the exact generator recipe."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "CLIENT_TEMPLATES",
    "DATAMODEL_CODEGEN_ARGS",
    "GENERATED_RUFF_TOML",
    "ROOT",
    "GeneratorPaths",
    "VendorConfig",
    "load_vendors",
]

ROOT = Path(__file__).resolve().parents[2]
# Templates that override openapi-python-client's own (each says why in its header).
CLIENT_TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class GeneratorPaths:
    """The input and output folders of one regenerate run (tests point them elsewhere)."""

    specs: Path = ROOT / "specs"
    generated: Path = ROOT / "generated"

    @property
    def vendor_specs(self) -> Path:
        """Folder of the vendors' OpenAPI documents."""
        return self.specs / "vendors"

    @property
    def vendors_toml(self) -> Path:
        """The vendor list."""
        return self.specs / "vendors.toml"

    @property
    def gateway_spec(self) -> Path:
        """The gateway's own hand-written contract."""
        return self.specs / "gateway.yaml"


@dataclass(frozen=True)
class VendorConfig:
    """One entry of specs/vendors.toml."""

    slug: str
    name: str
    docs: str = ""
    client_options: dict[str, Any] = field(default_factory=dict)


def load_vendors(paths: GeneratorPaths) -> list[VendorConfig]:
    """Read specs/vendors.toml; the order of the file is the order everywhere."""
    with paths.vendors_toml.open("rb") as fh:
        raw = tomllib.load(fh)
    vendors = []
    for slug, entry in raw.items():
        if not slug.isidentifier() or not slug.islower():
            raise ValueError(f"{paths.vendors_toml}: vendor slug {slug!r} must be a lowercase identifier")
        vendors.append(
            VendorConfig(
                slug=slug,
                name=str(entry.get("name", slug)),
                docs=str(entry.get("docs", "")),
                client_options=dict(entry.get("openapi-python-client", {})),
            )
        )
    return vendors


# Every flag is here for a reason measured on these specs (see ../shared/STACK-NOTES.md):
# no timestamp (determinism), paths scope (Smallest's inline request body), literals for enums
# (plain strings on the wire), no formatter (we run our pinned ruff ourselves).
DATAMODEL_CODEGEN_ARGS = (
    "--input-file-type=openapi",
    "--output-model-type=pydantic_v2.BaseModel",
    "--use-annotated",
    "--field-constraints",
    "--use-standard-collections",
    "--use-union-operator",
    "--target-python-version=3.11",
    "--disable-timestamp",
    "--enum-field-as-literal=all",
    "--snake-case-field",
    "--allow-population-by-field-name",
    "--openapi-scopes",
    "schemas",
    "paths",
    "--collapse-root-models",
    "--strict-nullable",
    "--no-formatters",
)

# Formatting of generated code is pinned here, inside generated/, so the project's own lint
# settings never change generated output.
GENERATED_RUFF_TOML = """\
# Written by `make regenerate`; the format of generated code, independent of the project's lint.
line-length = 120
target-version = "py311"

[lint]
select = ["F401", "I"]

[format]
quote-style = "double"
"""
