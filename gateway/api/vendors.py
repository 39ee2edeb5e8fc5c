"""GET /v1/vendors: the capability matrix, read from the adapters themselves."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from starlette.responses import Response

from gateway.api.context import current
from gateway.api.responses import json_response
from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.vendors import ADAPTERS

__all__ = ["capability_rows", "capability_table", "list_vendors"]


def capability_rows(names: dict[str, str], native_routes: dict[str, list[str]]) -> list[dict[str, Any]]:
    """One row per adapter; also used to write the README's table."""
    rows = []
    for slug, adapter in ADAPTERS.items():
        capabilities = asdict(adapter.capabilities)
        rows.append(
            {
                "vendor": slug,
                "name": names.get(slug, slug),
                **{key: list(value) if isinstance(value, tuple) else value for key, value in capabilities.items()},
                "native_routes": native_routes.get(slug, []),
            }
        )
    return rows


def list_vendors() -> Response:
    """The capability matrix."""
    gateway = current()
    return json_response({"vendors": capability_rows(gateway.vendor_names, gateway.native_routes)})


def capability_table() -> str:
    """The capability matrix as a Markdown table."""
    names = {v.slug: v.name for v in load_vendors(GeneratorPaths())}
    rows = capability_rows(names, {})
    header = "| vendor | channels | inline recipients | audience | scheduling | windows | retries | notes |"
    lines = [header, "|" + "---|" * 8]
    for row in rows:
        flags = [
            "yes" if row[key] else "no" for key in ("inline_recipients", "audience", "scheduling", "windows", "retries")
        ]
        if row["max_recipients"]:
            flags[0] += f" (≤ {row['max_recipients']})"
        lines.append(
            f"| {row['name']} (`{row['vendor']}`) | {', '.join(row['channels'])} | {' | '.join(flags)} | "
            f"{'; '.join(row['notes'])} |"
        )
    return "\n".join(lines)
