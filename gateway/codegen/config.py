"""Where things live, which vendors exist, and the exact generator recipe.

Two places hold the specs. The source tree (`ROOT`: specs/ and generated/ of a checkout) is
what `regenerate` and `check` read and write. The runtime reads only what ships inside the
installed `generated` package (`PACKAGED`: the served spec, a copy of every vendor's spec and
of the vendor list), so an installed gateway works with no checkout anywhere; the drift check
keeps those copies equal to specs/.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any

__all__ = [
    "CLIENT_TEMPLATES",
    "DATAMODEL_CODEGEN_ARGS",
    "GENERATED_RUFF_TOML",
    "PACKAGED",
    "PACKAGED_SPECS",
    "ROOT",
    "SERVED_SPEC",
    "GeneratorPaths",
    "SourceTreeMissing",
    "VendorConfig",
    "load_vendors",
    "source_tree",
]

ROOT = Path(__file__).resolve().parents[2]


def _package_folder(name: str) -> Path:
    """Where an installed package's files are, found without importing it.

    The sandbox must not import `generated` at all (it knows the vendors only through their
    specs); a wheel installs unzipped, so the folder is a real one that Path readers can use.
    """
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the {name!r} package is not installed", name=name)
    return Path(next(iter(spec.submodule_search_locations)))


PACKAGED = _package_folder("generated")
# Copies written by `make regenerate`: <slug>.yaml per vendor, gateway.yaml and vendors.toml.
PACKAGED_SPECS = PACKAGED / "specs"
# The spec Connexion serves: gateway.yaml composed with every vendor's native routes.
SERVED_SPEC = PACKAGED / "openapi.json"
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


class SourceTreeMissing(Exception):
    """The code generators were run from an installed package, without a checkout to write to."""


def source_tree() -> GeneratorPaths:
    """The checkout's specs/ and generated/, or SourceTreeMissing when this is an installed package."""
    paths = GeneratorPaths()
    if not (ROOT / "pyproject.toml").is_file() or not paths.vendors_toml.is_file():
        raise SourceTreeMissing(
            f"no source checkout around this installation ({ROOT} has no pyproject.toml and specs/vendors.toml): "
            "the code generators read specs/ and write generated/ of a clone. Run this command in a clone "
            "installed with `make install` (an editable install); an installed gateway needs neither to serve."
        )
    return paths


@dataclass(frozen=True)
class VendorConfig:
    """One entry of specs/vendors.toml."""

    slug: str
    name: str
    docs: str = ""
    client_options: dict[str, Any] = field(default_factory=dict)


def load_vendors(paths: GeneratorPaths | None = None) -> list[VendorConfig]:
    """Read specs/vendors.toml (by default the packaged copy); the order of the file is the order everywhere."""
    vendors_toml = paths.vendors_toml if paths else PACKAGED_SPECS / "vendors.toml"
    with vendors_toml.open("rb") as fh:
        raw = tomllib.load(fh)
    vendors = []
    for slug, entry in raw.items():
        if not slug.isidentifier() or not slug.islower():
            raise ValueError(f"{vendors_toml}: vendor slug {slug!r} must be a lowercase identifier")
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
