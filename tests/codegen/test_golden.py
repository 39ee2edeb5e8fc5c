"""generated/ is exactly what specs/ compile to, and any difference is named.

Two full builds run here: the golden check against the checkout, and the drift check against
a scratch copy. Each must reproduce the committed bytes of every file it did not tamper with,
so together they also show that two builds in separate runs give identical bytes.
"""

from __future__ import annotations

import pytest

from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.codegen.regenerate import find_drift


@pytest.mark.slow
def test_generated_matches_specs() -> None:
    drift = find_drift()

    assert drift == [], "generated/ is stale; run `make regenerate` and commit:\n" + "\n".join(
        f"  {item.name}: {', '.join(item.files)}" for item in drift
    )


@pytest.mark.slow
def test_drift_names_each_target_and_file(workspace: GeneratorPaths) -> None:
    first, second, *_, last = [vendor.slug for vendor in load_vendors(workspace)]
    edited = f"models/{first}.py"
    deleted = f"{second}_client/client.py"
    added = f"{last}_client/api/extra.py"
    generated = workspace.generated
    with (generated / edited).open("a") as fh:
        fh.write("# edited by hand\n")
    (generated / deleted).unlink()
    (generated / added).write_text('"""Not generated."""\n')
    (generated / "stray.txt").write_text("left behind\n")

    drift = {item.name: item.files for item in find_drift(workspace)}

    assert drift == {first: [edited], second: [deleted], last: [added], "(shared)": ["stray.txt"]}
