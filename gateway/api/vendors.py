"""GET /v1/vendors: the capability matrix, read from the adapters themselves."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from starlette.responses import Response

from gateway.api.context import current
from gateway.api.responses import json_response
from gateway.codegen.config import load_vendors
from gateway.vendors import ADAPTERS

__all__ = ["AFTER_CREATE", "capability_rows", "capability_table", "lifecycle_table", "list_vendors"]

# The capability matrix's columns for the life after the launch (LIFECYCLE.md).
AFTER_CREATE = ("get", "start", "pause", "resume", "cancel", "progress")


def capability_rows(names: dict[str, str], native_routes: dict[str, list[str]]) -> list[dict[str, Any]]:
    """One row per adapter; also used to write docs/vendors.md's tables (`make docs`)."""
    rows = []
    for slug, adapter in ADAPTERS.items():
        capabilities = asdict(adapter.capabilities)
        rows.append(
            {
                "vendor": slug,
                "name": names.get(slug, slug),
                **{key: list(value) if isinstance(value, tuple) else value for key, value in capabilities.items()},
                "native_routes": native_routes.get(slug, []),
                "webhooks": adapter.webhooks.describe(),
                **{column: column not in adapter.cannot for column in AFTER_CREATE},
                "lifecycle_notes": {
                    column: adapter.cannot.get(column) or adapter.lifecycle_notes.get(column, "")
                    for column in AFTER_CREATE
                    if column in adapter.cannot or column in adapter.lifecycle_notes
                },
            }
        )
    return rows


def list_vendors() -> Response:
    """The capability matrix."""
    gateway = current()
    return json_response({"vendors": capability_rows(gateway.vendor_names, gateway.native_routes)})


def capability_table() -> str:
    """The capability matrix as a Markdown table."""
    names = {v.slug: v.name for v in load_vendors()}
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


def lifecycle_table() -> str:
    """What each vendor can do after the launch, and how its webhooks come in, as a Markdown table.

    Every "no" says why; the webhooks column is the adapter's scheme (gateway/vendors/_hooks.py).
    """
    names = {v.slug: v.name for v in load_vendors()}
    lines = ["| vendor | " + " | ".join(AFTER_CREATE) + " | webhooks |", "|" + "---|" * (len(AFTER_CREATE) + 2)]
    for row in capability_rows(names, {}):
        cells = []
        for column in AFTER_CREATE:
            note = row["lifecycle_notes"].get(column, "")
            answer = "yes" if row[column] else "no"
            cells.append(f"{answer}: {note}" if note else answer)
        lines.append(f"| {row['name']} (`{row['vendor']}`) | " + " | ".join(cells) + f" | {row['webhooks']} |")
    return "\n".join(lines)
