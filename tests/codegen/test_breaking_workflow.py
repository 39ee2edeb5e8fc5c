"""A vendor's new spec: regenerate reports what broke, and check fails until someone acknowledges it."""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest
from click.testing import CliRunner

import gateway.codegen.config as config
from gateway.cli import main
from gateway.codegen.changes import (
    ACKNOWLEDGEMENTS,
    Report,
    load_acknowledged,
    plan_reports,
    unacknowledged,
    write_reports,
)
from gateway.codegen.config import GeneratorPaths
from gateway.codegen.regenerate import find_drift, regenerate
from gateway.codegen.specs import SpecError

Narrow = Callable[[GeneratorPaths, list[str]], None]
SLUG = "volubile"
# Three edits to Volubile's spec, each breaking the gateway in one way.
RETRY_DELAY = """\
        delay:
          type: integer
          description: >-
            Minimum delay between retry attempts (in hours), minimum 1 (only
            considered when 'max' is greater than zero)
          format: int32
"""
STATUSES = "            - PAUSED\n            - CANCELLED\n"
REQUIRED = "        - startDate\n        - timeSlots\n"


def _drop_retry_delay(text: str) -> str:
    assert RETRY_DELAY in text
    return text.replace(RETRY_DELAY, "")


def _add_status(text: str) -> str:
    assert STATUSES in text
    return text.replace(STATUSES, STATUSES + "            - COMPLETED\n")


def _require_timezone(text: str) -> str:
    assert REQUIRED in text
    return text.replace(REQUIRED, REQUIRED + "        - timezone\n", 1)


def _edit(paths: GeneratorPaths, *edits: Callable[[str], str]) -> None:
    spec = paths.vendor_specs / f"{SLUG}.yaml"
    text = spec.read_text()
    for edit in edits:
        text = edit(text)
    spec.write_text(text)


def _pretend_regenerated(paths: GeneratorPaths) -> None:
    """What regenerate does to the baseline and the reports, without running the generators."""
    plans = plan_reports(paths, [SLUG])
    for rel in write_reports(paths.generated, plans):
        if plans[SLUG] is None:
            (paths.generated / rel).unlink(missing_ok=True)
    shutil.copyfile(paths.vendor_specs / f"{SLUG}.yaml", paths.generated / "specs" / f"{SLUG}.yaml")


def _acknowledge(paths: GeneratorPaths, *ids: str, why: str = "adapter and snapshot updated") -> None:
    entries = "".join(f'\n[[change]]\nvendor = "{SLUG}"\nid = "{i}"\nby = "Test"\nwhy = "{why}"\n' for i in ids)
    path = paths.specs / ACKNOWLEDGEMENTS
    path.write_text(path.read_text() + entries)


def _pending(paths: GeneratorPaths) -> list[str]:
    return [change.location for _, change in unacknowledged(paths)]


def test_repository_has_no_unacknowledged_breaking_change() -> None:
    # What `make check` asks too; here so that `make test` fails on an unreviewed vendor update.
    pending = unacknowledged(GeneratorPaths())

    assert pending == [], "run `campaign-gateway check` for the entries to add to specs/acknowledged-changes.toml"


def test_a_spec_changed_without_regenerate_is_already_pending(workspace: GeneratorPaths) -> None:
    _edit(workspace, _drop_retry_delay)

    assert _pending(workspace) == [
        "POST /v1/campaigns request body: retry.delay",
        "POST /v1/campaigns response 201: retry.delay",
        # CampaignResponse is also what get and update-status answer.
        "GET /v1/campaigns/{id} response 200: retry.delay",
        "POST /v1/campaigns/{id}/status response 200: retry.delay",
    ]


def test_acknowledged_changes_are_no_longer_pending(workspace: GeneratorPaths) -> None:
    _edit(workspace, _drop_retry_delay, _add_status)
    _pretend_regenerated(workspace)
    first, *rest = unacknowledged(workspace)

    _acknowledge(workspace, first[1].id)

    assert [change for _, change in unacknowledged(workspace)] == [change for _, change in rest]
    _acknowledge(workspace, *(change.id for _, change in rest))
    assert unacknowledged(workspace) == []


def test_a_second_update_before_review_counts_from_the_reviewed_spec(workspace: GeneratorPaths) -> None:
    reviewed = (workspace.vendor_specs / f"{SLUG}.yaml").read_text()
    _edit(workspace, _drop_retry_delay, _add_status)
    _pretend_regenerated(workspace)

    # The vendor puts retry.delay back and makes timezone required, before anyone reviewed.
    (workspace.vendor_specs / f"{SLUG}.yaml").write_text(_require_timezone(_add_status(reviewed)))
    _pretend_regenerated(workspace)

    assert _pending(workspace) == [
        "POST /v1/campaigns request body: timezone",
        "POST /v1/campaigns response 201: status",
        "GET /v1/campaigns/{id} response 200: status",
        "POST /v1/campaigns/{id}/status response 200: status",
    ]
    # Back to the reviewed spec: nothing is left to review, and the report goes.
    (workspace.vendor_specs / f"{SLUG}.yaml").write_text(reviewed)
    assert plan_reports(workspace, [SLUG]) == {SLUG: None}


def test_once_acknowledged_the_next_update_counts_from_the_spec_it_replaces(workspace: GeneratorPaths) -> None:
    _edit(workspace, _drop_retry_delay)
    _pretend_regenerated(workspace)
    _acknowledge(workspace, *(change.id for _, change in unacknowledged(workspace)))

    _edit(workspace, _add_status)
    plans = plan_reports(workspace, [SLUG])

    report = plans[SLUG]
    assert isinstance(report, Report)
    assert [change.location for change in report.changes] == [
        "POST /v1/campaigns response 201: status",
        "GET /v1/campaigns/{id} response 200: status",
        "POST /v1/campaigns/{id}/status response 200: status",
    ]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('vendor = "volubile"\nid = "field-removed:0123456789"\nby = "Test"\n', "why missing or empty"),
        ('vendor = "volubile"\nid = "x"\nby = "Test"\nwhy = " "\n', "why missing or empty"),
        ('vendor = "volubile"\nid = "x"\nby = "T"\nwhy = "w"\nreason = "r"\n', "unknown key reason"),
    ],
)
def test_an_acknowledgement_needs_who_and_why(workspace: GeneratorPaths, entry: str, problem: str) -> None:
    (workspace.specs / ACKNOWLEDGEMENTS).write_text(f"[[change]]\n{entry}")

    with pytest.raises(SpecError, match=rf"acknowledged-changes.toml: \[\[change\]\] #1: {problem}"):
        load_acknowledged(workspace)


def test_the_committed_acknowledgements_file_is_valid() -> None:
    assert (GeneratorPaths().specs / ACKNOWLEDGEMENTS).exists()

    load_acknowledged(GeneratorPaths())


@pytest.mark.slow
def test_regenerate_reports_and_check_fails_until_acknowledged(
    workspace: GeneratorPaths, narrow: Narrow, monkeypatch: pytest.MonkeyPatch
) -> None:
    narrow(workspace, [SLUG])
    _edit(workspace, _drop_retry_delay, _add_status, _require_timezone)
    printed: list[str] = []

    regenerate(workspace, report=printed.append)

    report = "\n".join(printed)
    assert f"{SLUG}: specs/vendors/{SLUG}.yaml changed since the last reviewed spec: 8 breaking" in report
    for line in (
        "POST /v1/campaigns request body: retry.delay: field removed",
        "POST /v1/campaigns request body: timezone: now required",
        "POST /v1/campaigns response 201: retry.delay: field removed",
        "POST /v1/campaigns response 201: status: value 'COMPLETED' added",
        "GET /v1/campaigns/{id} response 200: retry.delay: field removed",
        "POST /v1/campaigns/{id}/status response 200: status: value 'COMPLETED' added",
        f"adapter   gateway/vendors/{SLUG}.py (calls POST /v1/campaigns, GET /v1/campaigns/{{id}}, "
        "POST /v1/campaigns/{id}/status)",
        f"snapshot  {SLUG}'s outbound request",
        "`make contract` and `make test`",
    ):
        assert line in report
    # The old spec is kept compressed: its example dates would read as stamps in generated/.
    assert "2024-07-30" not in (workspace.generated / "changes" / f"{SLUG}.json").read_text()
    assert find_drift(workspace) == []  # the report is history, not drift

    monkeypatch.setattr(config, "GeneratorPaths", lambda: workspace)
    failed = CliRunner().invoke(main, ["check"])
    assert failed.exit_code == 1
    assert "8 breaking vendor-spec change(s) not acknowledged" in failed.output
    assert 'why = ""' in failed.output

    _acknowledge(workspace, *(change.id for _, change in unacknowledged(workspace)))
    passed = CliRunner().invoke(main, ["check"])
    assert passed.exit_code == 0, passed.output
