"""The smallestai SDK's campaign calls after create, through a served gateway by base-URL swap.

LIFECYCLE.md ("Native routes"): the vendor's SDK works through the gateway for get, list,
start_or_resume, pause and delete, under the gateway's tenancy, and its actions land in the same
ledger as the vendor-neutral ones. Each call here is checked by its effect: the sandbox
campaign's state, and the gateway's view of the same campaign. The sandbox's clock moves only
when the test moves it, and the gateway's background refresh is pushed away, so every status
read is the one the SDK's calls left.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from gateway.sandbox.server import Sandbox, start_sandbox

from .conftest import KEY, OTHER_KEY
from .test_native_and_auth import _ServedGateway

STEP_S = 2.0
AUDIENCE, AGENT = "60d0fe4f5311236168a109ca", "60d0fe4f5311236168a109cb"


class _Clock:
    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> _Clock:
    return _Clock()


@pytest.fixture
def life(clock: _Clock) -> Iterator[Sandbox]:
    with start_sandbox(step_s=STEP_S, clock=clock) as running:
        yield running


@pytest.fixture
def base(life: Sandbox, tmp_path: Any) -> Iterator[str]:
    served = _ServedGateway(
        life,
        f"sqlite:///{tmp_path / 'gateway.db'}",
        GATEWAY_SYNC_SOON_S="3600",
        GATEWAY_SYNC_INTERVAL_S="86400",
    )
    with served as url:
        yield url


def _campaigns(base: str, http: httpx.Client, key: str) -> Any:
    from smallestai import SmallestAI
    from smallestai.environment import SmallestAIEnvironment

    environment = SmallestAIEnvironment(atoms=f"{base}/v1/vendors/smallest", waves=base, waves_ws=base, payment=base)
    return SmallestAI(api_key=key, environment=environment, httpx_client=http, max_retries=0).atoms.campaigns


def _dumped(model: Any) -> Any:
    return model.model_dump(by_alias=True, mode="json", exclude_none=True)


def _view(base: str, http: httpx.Client, vendor_id: str) -> dict[str, Any]:
    """The gateway's vendor-neutral view of the test tenant's campaign that Smallest knows as `vendor_id`."""
    listed = http.get(f"{base}/v1/campaigns", params={"vendor": "smallest"}, headers={"X-API-Key": KEY})
    assert listed.status_code == 200, listed.text
    [found] = [item for item in listed.json()["campaigns"] if item["vendor_campaign_id"] == vendor_id]
    view = http.get(f"{base}/v1/campaigns/{found['id']}", headers={"X-API-Key": KEY})
    assert view.status_code == 200, view.text
    shown: dict[str, Any] = view.json()
    return shown


def test_sdk_get_list_start_pause_resume_delete_through_the_gateway(base: str, life: Sandbox, clock: _Clock) -> None:
    from smallestai.core.api_error import ApiError

    with httpx.Client() as http:
        mine, theirs = _campaigns(base, http, KEY), _campaigns(base, http, OTHER_KEY)
        created = _dumped(mine.create(name="SDK lifecycle", audience_id=AUDIENCE, agent_id=AGENT))
        vendor_id = created["data"]["_id"]
        other = _dumped(theirs.create(name="Someone else's", audience_id=AUDIENCE, agent_id=AGENT))["data"]["_id"]
        native = f"/v1/vendors/smallest/campaign/{vendor_id}"

        got = _dumped(mine.get(vendor_id))
        assert got["data"]["campaign"]["_id"] == vendor_id
        assert got["data"]["campaign"]["status"] == "draft"
        with pytest.raises(ApiError) as refused:
            mine.get(other)  # another tenant's campaign, though the shared vendor account holds it
        assert refused.value.status_code == 404

        listed = _dumped(mine.list(offset=50))["data"]
        assert [campaign["_id"] for campaign in listed["campaigns"]] == [vendor_id]
        assert listed["totalCampaignCount"] == 1

        mine.start_or_resume(vendor_id)
        assert life.campaign("smallest", vendor_id)["status"] == "processing"
        assert _view(base, http, vendor_id)["status"] == "starting"

        mine.pause(vendor_id)
        clock.now += STEP_S
        assert life.campaign("smallest", vendor_id)["status"] == "paused"
        assert _view(base, http, vendor_id)["status"] == "pausing"

        mine.start_or_resume(vendor_id)  # Smallest's start resumes a paused campaign
        clock.now += STEP_S
        assert life.campaign("smallest", vendor_id)["status"] == "running"
        assert _view(base, http, vendor_id)["status"] == "resuming"

        mine.delete(vendor_id)
        assert life.campaign("smallest", vendor_id) is None
        assert life.campaign("smallest", other) is not None
        view = _view(base, http, vendor_id)

    assert view["status"] == "cancelled"
    assert [(action["action"], action["route"], action["dispatch"]) for action in view["actions"]] == [
        ("start", f"{native}/start", "accepted"),
        ("pause", f"{native}/pause", "accepted"),
        ("resume", f"{native}/start", "accepted"),
        ("delete", native, "accepted"),
    ]
