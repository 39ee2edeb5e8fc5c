"""generated/ is exactly what specs/ compile to, and any difference is named.

The golden check is a full build compared with the checkout. The drift check builds again, for
two vendors of a scratch copy, and must reproduce the committed bytes of every file it did not
tamper with: with the golden check, that is two builds in separate runs giving identical bytes.
"""

from __future__ import annotations

from collections.abc import Callable

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
def test_drift_names_each_target_and_file(
    workspace: GeneratorPaths, narrow: Callable[[GeneratorPaths, list[str]], None]
) -> None:
    vendors = [vendor.slug for vendor in load_vendors(workspace)]
    first, last = vendors[0], vendors[-1]
    narrow(workspace, [first, last])
    edited = f"models/{first}.py"
    deleted = f"{last}_client/client.py"
    added = f"{last}_client/api/extra.py"
    generated = workspace.generated
    with (generated / edited).open("a") as fh:
        fh.write("# edited by hand\n")
    (generated / deleted).unlink()
    (generated / added).write_text('"""Not generated."""\n')
    (generated / "stray.txt").write_text("left behind\n")

    drift = {item.name: item.files for item in find_drift(workspace)}

    assert drift == {first: [edited], last: sorted([added, deleted]), "(shared)": ["stray.txt"]}


@pytest.mark.slow
def test_drift_covers_the_gateway_client(workspace: GeneratorPaths) -> None:
    client = workspace.generated.parent / "clients" / "python"
    edited = "clients/python/campaign_gateway_client/client.py"
    with (workspace.generated.parent / edited).open("a") as fh:
        fh.write("# edited by hand\n")
    (client / "notes.txt").write_text("not generated\n")
    # What an editable install leaves behind is not drift.
    (client / "campaign_gateway_client.egg-info").mkdir(exist_ok=True)
    (client / "campaign_gateway_client.egg-info" / "PKG-INFO").write_text("Name: campaign-gateway-client\n")

    drift = {item.name: item.files for item in find_drift(workspace)}

    assert drift == {"client": sorted([edited, "clients/python/notes.txt"])}
