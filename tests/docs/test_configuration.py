"""docs/configuration.md is generated from the settings and names every variable the code reads."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.docs import configuration, render, stale, write
from gateway.settings import API_KEYS_VARIABLE, SCALAR_VARIABLES, Settings, VendorSettings

GATEWAY = Path(configuration.__file__).resolve().parents[1]
VARIABLE = re.compile(r"\bGATEWAY_[A-Z0-9]+(?:_[A-Z0-9]+)*\b")


def test_the_page_is_what_the_settings_make(docs_dir: Path) -> None:
    assert (docs_dir / "configuration.md").read_text() == configuration.page(), "stale: run `make docs`"


def test_every_setting_is_described_and_placed() -> None:
    for model in (Settings, VendorSettings):
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"
    for name, field in Settings.model_fields.items():
        extra = field.json_schema_extra
        assert isinstance(extra, dict) and extra.get("group") in configuration.GROUPS, f"{name} has no page group"
    assert set(Settings.model_fields) == {"vendors", "api_keys", *SCALAR_VARIABLES}


def _read_by_the_code() -> tuple[set[str], set[str]]:
    """Variable names in gateway/'s string literals and environment reads, and f-string templates (`GATEWAY_{}_X`)."""
    trees = [ast.parse(path.read_text()) for path in GATEWAY.rglob("*.py")]
    identifiers = {node.id for tree in trees for node in ast.walk(tree) if isinstance(node, ast.Name)}
    names: set[str] = set()
    templates: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                names |= set(VARIABLE.findall(node.value)) - identifiers  # GATEWAY_ACCOUNT is a constant's name
            elif isinstance(node, ast.JoinedStr):
                template = "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
                if template.startswith("GATEWAY_{}"):
                    templates.add(template)
            elif isinstance(node, ast.Call):
                names |= _environment_reads(node)
            elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and _is_environ(node.value):
                names |= _literal(node.slice)
    return names, templates


def _is_environ(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ"


def _literal(node: ast.expr | None) -> set[str]:
    return {node.value} if isinstance(node, ast.Constant) and isinstance(node.value, str) else set()


def _environment_reads(call: ast.Call) -> set[str]:
    """`os.environ.get("X")`, `os.getenv("X")` and click's `envvar="X"`."""
    found = set()
    for keyword in call.keywords:
        if keyword.arg == "envvar":
            found |= _literal(keyword.value)
    function = call.func
    reads = isinstance(function, ast.Attribute) and (
        (function.attr == "get" and _is_environ(function.value)) or function.attr == "getenv"
    )
    if reads and call.args:
        found |= _literal(call.args[0])
    return found


def test_every_variable_the_code_reads_is_on_the_page(docs_dir: Path) -> None:
    page = (docs_dir / "configuration.md").read_text()
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]*)`", page))
    names, templates = _read_by_the_code()
    assert {API_KEYS_VARIABLE, "PORT", "WORKERS", "PROMETHEUS_MULTIPROC_DIR", "GATEWAY_SANDBOX_STEP_S"} <= names
    assert names - documented == set()
    slugs = [vendor.slug.upper() for vendor in load_vendors(GeneratorPaths())]
    for template in templates:
        pattern = re.compile(re.escape(template).replace(re.escape("{}"), "[A-Z0-9_]+"))
        for slug in slugs:
            if template.count("{}") == 1:
                assert template.format(slug) in documented, template
            else:
                assert any(pattern.fullmatch(name) and name.startswith(f"GATEWAY_{slug}_") for name in documented)


def test_make_docs_writes_stale_pages_and_check_finds_them(tmp_path: Path, docs_dir: Path) -> None:
    shutil.copy(docs_dir / "vendors.md", tmp_path / "vendors.md")
    assert stale(tmp_path) == [tmp_path / "configuration.md"]  # not written yet
    assert write(tmp_path) == [tmp_path / "configuration.md"]
    assert stale(tmp_path) == []
    vendors = tmp_path / "vendors.md"
    vendors.write_text(
        vendors.read_text().replace("| Volubile (`volubile`) | voice |", "| Volubile (`volubile`) | sms |")
    )
    assert stale(tmp_path) == [vendors]
    assert render(tmp_path)[vendors] == (docs_dir / "vendors.md").read_text()
