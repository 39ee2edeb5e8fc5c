"""The reference pages generated from the code: `make docs` writes them, `--check` finds stale ones.

A maintainer's tool, importable from an installed gateway but writing only into a checkout's
docs/ (beside specs/, as the code generators do): docs/configuration.md is generated whole from
gateway/settings.py; docs/vendors.md has generated tables between marker comments, and
hand-written sections around them. docs/mapping.md is hand-written and kept true by its tests.
The tests compare the committed pages with `render`, so a page and its source cannot drift.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gateway.codegen.config import ROOT
from gateway.docs import configuration, vendors

__all__ = ["DOCS", "PAGES", "render", "stale", "write"]

DOCS = ROOT / "docs"
# Each generated page and how it is made from its committed text ("" when there is none yet).
PAGES: dict[str, Callable[[str], str]] = {
    "configuration.md": configuration.page,
    "vendors.md": vendors.page,
}


def render(folder: Path = DOCS) -> dict[Path, str]:
    """Every generated page as the code would write it now, by path."""
    rendered = {}
    for name, make in PAGES.items():
        path = folder / name
        rendered[path] = make(path.read_text() if path.exists() else "")
    return rendered


def stale(folder: Path = DOCS) -> list[Path]:
    """The pages whose committed text differs from what the code writes now."""
    return [path for path, text in render(folder).items() if not path.exists() or path.read_text() != text]


def write(folder: Path = DOCS) -> list[Path]:
    """Rewrite the stale pages; the ones written."""
    written = []
    for path, text in render(folder).items():
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            written.append(path)
    return written
