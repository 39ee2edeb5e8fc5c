"""What the runtime reads ships inside the `generated` package, equal to the checkout's specs/ (fast)."""

from __future__ import annotations

from gateway.codegen.config import PACKAGED, PACKAGED_SPECS, SERVED_SPEC, GeneratorPaths, load_vendors, source_tree
from gateway.sandbox import load_vendor_specs


def test_runtime_reads_the_packaged_copies_not_specs() -> None:
    assert SERVED_SPEC.parent == PACKAGED == PACKAGED_SPECS.parent
    assert PACKAGED.name == "generated" and (PACKAGED / "__init__.py").is_file()


def test_packaged_vendor_list_and_specs_equal_the_sources() -> None:
    source = source_tree()  # a checkout here
    assert (PACKAGED_SPECS / "vendors.toml").read_bytes() == source.vendors_toml.read_bytes()
    assert load_vendors() == load_vendors(GeneratorPaths())
    for vendor in load_vendors():
        packaged = PACKAGED_SPECS / f"{vendor.slug}.yaml"
        assert packaged.read_bytes() == (source.vendor_specs / f"{vendor.slug}.yaml").read_bytes()
    assert list(load_vendor_specs()) == [vendor.slug for vendor in load_vendors()]
