"""Every relative link of README.md and docs/*.md leads somewhere: a file or folder, and its heading.

Anchors are checked the way GitHub renders headings: lower case, punctuation dropped, spaces as
hyphens, a repeated heading numbered (`-1`, `-2`). Links inside code are not links.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote

import pytest

from ._guide_support import REPO

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]

_FENCED = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _prose(markdown: str) -> str:
    return _INLINE_CODE.sub("", _FENCED.sub("", markdown))


def _slug(heading: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "").lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


@cache
def anchors(page: Path) -> frozenset[str]:
    """The anchors GitHub gives the headings of `page`."""
    seen: dict[str, int] = {}
    found = set()
    for heading in _HEADING.findall(_FENCED.sub("", page.read_text())):
        slug = _slug(heading)
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return frozenset(found)


def links(page: Path) -> list[str]:
    """The link targets of `page` that stay in the repository, as written."""
    return [target for target in _LINK.findall(_prose(page.read_text())) if not _EXTERNAL.match(target)]


def broken(page: Path, target: str, root: Path = REPO) -> str | None:
    """Why `target`, linked from `page`, leads nowhere inside `root`; None when it leads somewhere."""
    path_part, _, anchor = target.partition("#")
    destination = (page.parent / unquote(path_part)).resolve() if path_part else page
    if not destination.exists():
        return "no such file or folder"
    if root not in (destination, *destination.parents):
        return "outside the repository"
    if anchor and destination.suffix == ".md" and unquote(anchor) not in anchors(destination):
        return f"no heading #{anchor} in {destination.relative_to(root)}"
    return None


def test_the_guides_are_all_here() -> None:
    names = {str(page.relative_to(REPO)) for page in PAGES}
    assert {
        "README.md",
        "docs/using-the-api.md",
        "docs/operating.md",
        "docs/architecture.md",
        "docs/adding-a-vendor.md",
        "docs/configuration.md",
        "docs/vendors.md",
        "docs/mapping.md",
    } <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(REPO)))
def test_every_relative_link_leads_somewhere(page: Path) -> None:
    problems = [f"{target}: {why}" for target in links(page) if (why := broken(page, target))]
    assert problems == []


def test_the_readme_links_every_page_of_docs() -> None:
    linked = {(REPO / target.partition("#")[0]).resolve() for target in links(REPO / "README.md")}
    assert [page.name for page in PAGES[1:] if page not in linked] == []


def test_the_link_checker_sees_a_broken_link_and_a_missing_anchor(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# A `title` (here)\n\n[ok](#a-title-here) [gone](missing.md) [bad](#nowhere)\n```\n[code](x.md)\n```\n"
    )

    assert [target for target in links(page) if broken(page, target, tmp_path)] == ["missing.md", "#nowhere"]
