"""docs/vendors.md: its generated tables are what the code says now, and every vendor has a section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from gateway.codegen.config import GeneratorPaths, VendorConfig, load_vendors
from gateway.docs import vendors

from .conftest import AUTH


def test_the_generated_tables_are_current(docs_dir: Path) -> None:
    page = (docs_dir / "vendors.md").read_text()
    assert vendors.page(page) == page, "docs/vendors.md's tables are stale: run `make docs`"


def test_the_tables_are_those_of_the_command() -> None:
    from gateway.api.vendors import capability_table, lifecycle_table

    made = vendors.blocks()
    assert (made["capabilities"], made["lifecycle"]) == (capability_table(), lifecycle_table())


def test_the_native_routes_are_those_get_v1_vendors_lists(gateway_client: TestClient, docs_dir: Path) -> None:
    rows = gateway_client.get("/v1/vendors", headers=AUTH).json()["vendors"]
    listed = {row["vendor"]: row["native_routes"] for row in rows if row["native_routes"]}
    on_the_page: dict[str, list[str]] = {}
    for slug, route in re.findall(
        r"^\| `([a-z]+)` \| `([A-Z]+ /v1/[^`]+)` \|", (docs_dir / "vendors.md").read_text(), re.M
    ):
        on_the_page.setdefault(slug, []).append(route)
    assert on_the_page == listed


@pytest.mark.parametrize("vendor", load_vendors(GeneratorPaths()), ids=lambda vendor: vendor.slug)
def test_every_vendor_has_a_section(docs_dir: Path, vendor: VendorConfig) -> None:
    heading = f"## {vendor.name} (`{vendor.slug}`)\n"
    assert heading in (docs_dir / "vendors.md").read_text()


def test_a_page_without_its_blocks_is_refused() -> None:
    with pytest.raises(ValueError, match="capabilities"):
        vendors.page("# Vendors\n")
