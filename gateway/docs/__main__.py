"""`python -m gateway.docs [--check]`: rewrite the generated reference pages, or exit 1 when one is stale."""

from __future__ import annotations

import argparse
import sys

from gateway.docs import DOCS, stale, write


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, only compare) docs/configuration.md and the tables of docs/vendors.md."""
    parser = argparse.ArgumentParser(prog="python -m gateway.docs", description=main.__doc__)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a page is stale")
    args = parser.parse_args(argv)
    if not DOCS.is_dir() or not (DOCS.parent / "pyproject.toml").is_file():
        print(f"no checkout's docs/ at {DOCS}: run this in a clone (an editable install)", file=sys.stderr)
        return 2
    if args.check:
        found = stale()
        for path in found:
            print(f"{path.relative_to(DOCS.parent)} is stale: run `make docs`", file=sys.stderr)
        return 1 if found else 0
    for path in write():
        print(f"wrote {path.relative_to(DOCS.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
