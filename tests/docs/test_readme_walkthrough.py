"""The README's walkthrough, run as a newcomer runs it: its curl commands, then the vendor SDK recipe.

Against `campaign-gateway dev` (what `make run` starts) on a free port, with its own database:
the marked bash blocks of "Send a campaign" in order, each curl call's answer held to the
comment after it, then the smallestai recipe of "Your vendor's own SDK" (where that SDK is
installed). Issue 20: the README shows a campaign created, watched, paused and cancelled.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ._guide_support import (
    MAKE_RUN_BASE,
    REPO,
    Call,
    expectations,
    get_json,
    marked_blocks,
    mismatch,
    run_bash,
    served_like_make_run,
)

README = REPO / "README.md"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_like_make_run(tmp_path_factory.mktemp("readme")) as url:
        yield url


@pytest.fixture(scope="module")
def walkthrough() -> str:
    blocks = [block for block in marked_blocks(README.read_text(), "walkthrough") if block.language == "bash"]
    assert len(blocks) >= 4, "the README's walkthrough blocks are marked <!-- walkthrough -->"
    return "\n".join(block.code for block in blocks)


@pytest.fixture(scope="module")
def calls(base: str, walkthrough: str, tmp_path_factory: pytest.TempPathFactory) -> list[Call]:
    return run_bash(walkthrough, base, tmp_path_factory.mktemp("curl"))


def test_the_walkthrough_is_written_for_make_run(walkthrough: str) -> None:
    assert f"{MAKE_RUN_BASE}/v1" in walkthrough
    assert "dev-key-change-me" in walkthrough


def test_every_curl_gets_the_answer_its_comment_promises(walkthrough: str, calls: list[Call]) -> None:
    promised = expectations(walkthrough)

    assert len(promised) == walkthrough.count("curl "), "every curl command ends with its expected answer"
    assert len(calls) == len(promised)
    for number, (call, expected) in enumerate(zip(calls, promised, strict=True), 1):
        problem = mismatch(call, expected)
        assert problem is None, f"curl call {number} {problem}"


def test_the_campaign_was_created_watched_paused_and_cancelled(base: str, calls: list[Call]) -> None:
    created = calls[0].json()

    campaign = get_json(f"{base}/v1/campaigns/{created['id']}")
    events = get_json(f"{base}/v1/campaigns/{created['id']}/events")

    assert (campaign["vendor"], campaign["status"]) == ("volubile", "cancelled")
    assert [(action["action"], action["dispatch"]) for action in campaign["actions"]] == [
        ("pause", "accepted"),
        ("resume", "accepted"),
        ("cancel", "accepted"),
    ]
    changes = [(event["data"]["from"], event["data"]["to"]) for event in events["events"] if "to" in event["data"]]
    assert changes == [("running", "paused"), ("paused", "running"), ("running", "cancelled")]


def test_the_smallestai_recipe_runs_through_the_gateway(base: str) -> None:
    if importlib.util.find_spec("smallestai") is None:
        pytest.skip("the smallestai SDK is not installed")
    [recipe] = [block for block in marked_blocks(README.read_text(), "walkthrough") if block.label == "sdk"]
    assert recipe.language == "python" and f"{MAKE_RUN_BASE}/v1/vendors/smallest" in recipe.code

    # A process of its own, as a user runs it (the SDK leaves its HTTP client to the garbage collector).
    ran = subprocess.run(
        [sys.executable, "-c", recipe.code.replace(MAKE_RUN_BASE, base)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert ran.returncode == 0, ran.stderr
    listed = get_json(f"{base}/v1/campaigns?vendor=smallest&limit=100")["campaigns"]
    [through_sdk] = [campaign for campaign in listed if campaign["name"] == "Follow-ups"]
    assert through_sdk["route"] == "/v1/vendors/smallest/campaign"  # the native route, not /v1/campaigns
    assert [action["action"] for action in through_sdk["actions"]] == ["start"]
    # Smallest's word for a campaign it is starting, then running (the sandbox's step is 2 s).
    assert ran.stdout.strip() in {"processing", "running"}


def test_the_readme_links_this_test() -> None:
    assert str(Path(__file__).relative_to(REPO)) in README.read_text()
