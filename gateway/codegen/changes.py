"""Vendor spec updates: the change report `regenerate` writes and the acknowledgements `check` reads.

When a vendor's spec differs from the copy generated/ was last built from, regenerate lists
what changed since the last *reviewed* version of that spec in generated/changes/<slug>.json.
A report whose breaking changes are all acknowledged (specs/acknowledged-changes.toml, one
entry per change with who reviewed it and why it is safe) is reviewed, and the next update is
counted from the spec it replaces. A report with a breaking change nobody acknowledged keeps
its base (stored in the report, since generated/specs/ moves on to the new spec), so a second
update before the review is counted from the same reviewed spec: nothing slips through, and a
change the second update undoes disappears. `campaign-gateway check` fails while a breaking
change is not acknowledged, including one in a spec changed without running regenerate.
"""

from __future__ import annotations

import base64
import json
import re
import tomllib
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from gateway.codegen.breaking import Change, diff_specs, operations
from gateway.codegen.config import ROOT, GeneratorPaths, load_vendors
from gateway.codegen.specs import SpecError, load_spec

__all__ = [
    "ACKNOWLEDGEMENTS",
    "CHANGES",
    "Report",
    "describe",
    "format_unacknowledged",
    "load_acknowledged",
    "plan_reports",
    "unacknowledged",
    "write_reports",
]

# generated/<CHANGES>/<slug>.json: the report of the last update of each vendor's spec.
CHANGES = "changes"
# specs/<ACKNOWLEDGEMENTS>: the breaking changes someone has reviewed.
ACKNOWLEDGEMENTS = "acknowledged-changes.toml"
_ENTRY_KEYS = {"vendor", "id", "by", "why"}
_OPTIONAL_KEYS = {"what"}


@dataclass(frozen=True)
class Report:
    """A vendor's spec changes since its last reviewed version (`base`, the spec's text)."""

    vendor: str
    changes: tuple[Change, ...]
    base: str

    @property
    def breaking(self) -> list[Change]:
        """The changes that break the gateway."""
        return [change for change in self.changes if change.breaking]

    def to_json(self) -> str:
        """The report as written in generated/changes/<slug>.json."""
        data: dict[str, Any] = {
            "vendor": self.vendor,
            "breaking": len(self.breaking),
            "non_breaking": len(self.changes) - len(self.breaking),
            "changes": [change.to_json() for change in self.changes],
        }
        if self.breaking:
            # Compressed: the old spec's examples would otherwise read as stamps in generated/,
            # and only the next update needs it (to count from the spec last reviewed).
            data["base_yaml_zlib_base64"] = base64.b64encode(zlib.compress(self.base.encode(), 9)).decode()
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Report:
        """Read back what `to_json` wrote."""
        data = json.loads(text)
        packed = data.get("base_yaml_zlib_base64")
        base = zlib.decompress(base64.b64decode(packed)).decode() if packed else ""
        return cls(str(data["vendor"]), tuple(Change.from_json(item) for item in data["changes"]), base)


def plan_reports(paths: GeneratorPaths, names: Iterable[str], removed: Iterable[str] = ()) -> dict[str, Report | None]:
    """The report each named vendor's spec update calls for; None deletes the vendor's report.

    Only vendors whose spec differs from generated/specs/ are planned; a new vendor (no copy
    yet) has nothing to compare with. A removed vendor's report goes with its other outputs.
    """
    vendors = {vendor.slug for vendor in load_vendors(paths)}
    updated = [name for name in names if name in vendors and _updated(paths, name)]
    acknowledged = load_acknowledged(paths) if updated else set()
    plans: dict[str, Report | None] = {name: _plan(paths, name, acknowledged) for name in updated}
    plans.update({name: None for name in removed if _report_path(paths.generated, name).exists()})
    return plans


def write_reports(staging: Path, plans: dict[str, Report | None]) -> list[str]:
    """Write the planned reports under `staging`; return every report path to replace or delete."""
    written = []
    for slug, report in plans.items():
        path = _report_path(staging, slug)
        if report is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(report.to_json())
        written.append(str(path.relative_to(staging)))
    return written


def describe(paths: GeneratorPaths, slug: str, report: Report | None) -> list[str]:
    """The lines regenerate prints for one vendor's spec update."""
    spec = f"specs/vendors/{slug}.yaml"
    if report is None:
        return [f"{slug}: {spec} changed; its API is the same as the last reviewed spec's."]
    breaking = report.breaking
    lines = [
        f"{slug}: {spec} changed since the last reviewed spec: {len(breaking)} breaking, "
        f"{len(report.changes) - len(breaking)} non-breaking (generated/{CHANGES}/{slug}.json)",
    ]
    for title, changes in (("breaking", breaking), ("non-breaking", [c for c in report.changes if not c.breaking])):
        if changes:
            lines.append(f"  {title}:")
            lines += [f"    {change.id:<30} {change.location}: {change.detail}" for change in changes]
    lines.append("  affected:")
    lines += [f"    {line}" for line in _affected(paths, slug, report)]
    lines.append("  next: `make contract` and `make test` show what the contract checks say now.")
    if breaking:
        lines.append(
            f"  `make check` fails until each breaking change is acknowledged in specs/{ACKNOWLEDGEMENTS} "
            "(`campaign-gateway check` prints the entries to fill in)."
        )
    return lines


def unacknowledged(paths: GeneratorPaths) -> list[tuple[str, Change]]:
    """Breaking changes, by vendor, that no entry of specs/acknowledged-changes.toml covers.

    A spec changed without running regenerate counts as regenerate would count it.
    """
    acknowledged = load_acknowledged(paths)
    pending = []
    for vendor in load_vendors(paths):
        if _updated(paths, vendor.slug):
            report = _plan(paths, vendor.slug, acknowledged)
        else:
            report = _read_report(paths.generated, vendor.slug)
        for change in report.breaking if report else ():
            if (vendor.slug, change.id) not in acknowledged:
                pending.append((vendor.slug, change))
    return pending


def format_unacknowledged(pending: list[tuple[str, Change]]) -> str:
    """What `check` prints: the unacknowledged changes, then the entries that would acknowledge them."""
    lines = [f"{slug}: {change.id}  {change.location}: {change.detail}" for slug, change in pending]
    lines += ["", f"After reviewing each one, add to specs/{ACKNOWLEDGEMENTS} (`by` and `why` are required):"]
    for slug, change in pending:
        what = json.dumps(f"{change.location}: {change.detail}")
        lines += ["", "[[change]]", f'vendor = "{slug}"', f'id = "{change.id}"', f"what = {what}"]
        lines += ['by = ""', 'why = ""']
    return "\n".join(lines)


def load_acknowledged(paths: GeneratorPaths) -> set[tuple[str, str]]:
    """The (vendor, change id) pairs acknowledged in specs/acknowledged-changes.toml."""
    path = paths.specs / ACKNOWLEDGEMENTS
    if not path.exists():
        return set()
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("change", [])
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"{path}: invalid TOML: {exc}") from exc
    if not isinstance(entries, list):
        raise SpecError(f"{path}: `change` must be an array of tables ([[change]])")
    acknowledged = set()
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: [[change]] #{number}"
        if not isinstance(entry, dict):
            raise SpecError(f"{where}: not a table")
        if missing := sorted(key for key in _ENTRY_KEYS if not str(entry.get(key, "")).strip()):
            raise SpecError(f"{where}: {', '.join(missing)} missing or empty (who reviewed it, and why it is safe)")
        if unknown := sorted(set(entry) - _ENTRY_KEYS - _OPTIONAL_KEYS):
            raise SpecError(f"{where}: unknown key {', '.join(unknown)}")
        acknowledged.add((str(entry["vendor"]), str(entry["id"])))
    return acknowledged


def _updated(paths: GeneratorPaths, slug: str) -> bool:
    """Whether the vendor's spec differs from the copy generated/ was last built from."""
    baseline = paths.generated / "specs" / f"{slug}.yaml"
    spec = paths.vendor_specs / f"{slug}.yaml"
    return baseline.exists() and spec.exists() and spec.read_bytes() != baseline.read_bytes()


def _plan(paths: GeneratorPaths, slug: str, acknowledged: set[tuple[str, str]]) -> Report | None:
    base = (paths.generated / "specs" / f"{slug}.yaml").read_text(encoding="utf-8")
    stored = _read_report(paths.generated, slug)
    if stored and stored.base and any((slug, change.id) not in acknowledged for change in stored.breaking):
        base = stored.base  # the last update is still unreviewed: count from the spec before it
    new = load_spec(paths.vendor_specs / f"{slug}.yaml")
    changes = diff_specs(yaml.safe_load(base), new)
    return Report(slug, tuple(changes), base) if changes else None


def _read_report(generated: Path, slug: str) -> Report | None:
    path = _report_path(generated, slug)
    try:
        return Report.from_json(path.read_text(encoding="utf-8")) if path.exists() else None
    except (ValueError, KeyError, zlib.error) as exc:
        raise SpecError(f"{path}: unreadable change report ({exc}); restore it from version control") from exc


def _report_path(generated: Path, slug: str) -> Path:
    return generated / CHANGES / f"{slug}.json"


def _affected(paths: GeneratorPaths, slug: str, report: Report) -> list[str]:
    """The adapter, native routes and snapshot that the changed operations reach."""
    changed = list(dict.fromkeys(change.operation for change in report.changes if change.operation))
    new_ops = operations(yaml.safe_load((paths.vendor_specs / f"{slug}.yaml").read_text(encoding="utf-8")))
    every = {**operations(yaml.safe_load(report.base)), **new_ops}
    lines = []
    adapter = ROOT / "gateway" / "vendors" / f"{slug}.py"
    calls = _adapter_calls(adapter, slug)
    # An adapter whose generated calls cannot be read is counted as calling everything.
    reached = [op for op in changed if calls is None or _module_name(every[op].get("operationId", "")) in calls]
    if reached:
        lines.append(f"adapter   gateway/vendors/{slug}.py (calls {', '.join(reached)})")
        lines.append(f"snapshot  {slug}'s outbound request, tests/contract/__snapshots__/ (`make contract`)")
    elif adapter.exists():
        lines.append(f"adapter   gateway/vendors/{slug}.py calls none of the changed operations")
    served = paths.generated / "openapi.json"
    if paths.gateway_spec.exists() and served.exists():
        root = (json.loads(served.read_text(encoding="utf-8")).get("servers") or [{}])[0].get("url", "")
        for op in changed:
            method, path = op.split(" ", 1)
            # compose() serves each vendor operation at /vendors/<slug><path>.
            gone = "" if op in new_ops else " (removed with the operation)"
            lines.append(f"native    {method} {root}/vendors/{slug}{path}{gone}")
    return lines or ["nothing the gateway calls"]


def _adapter_calls(adapter: Path, slug: str) -> set[str] | None:
    """Generated operation modules the adapter imports (`from generated.<slug>_client.api.x import y`)."""
    if not adapter.exists():
        return set()
    pattern = rf"from generated\.{slug}_client\.api\.\w+ import (?:\(([^)]*)\)|([^\n]+))"
    imported = (grouped or plain for grouped, plain in re.findall(pattern, adapter.read_text()))
    found = {name.split(" as ")[0].strip() for names in imported for name in names.split(",")}
    return (found - {""}) or None


def _module_name(operation_id: str) -> str:
    """openapi-python-client's module name for an operationId (its snake_case)."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", operation_id)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").lower()
