"""The vendor's own client, the smallestai SDK, drives a sandbox campaign through its whole life.

Its generated models parse every answer, so an answer shaped unlike the vendor's would fail here
even where the spec's schema is loose.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from gateway.sandbox import Sandbox
from gateway.sandbox.lifecycle import RUN_STEPS
from gateway.sandbox.lifecycle.smallest import participants_of


@pytest.fixture
def campaigns(paced_sandbox: Sandbox) -> Iterator[Any]:
    from smallestai import SmallestAI
    from smallestai.environment import SmallestAIEnvironment

    base = paced_sandbox.base_url("smallest")
    environment = SmallestAIEnvironment(atoms=base, waves=base, waves_ws=base, payment=base)
    with httpx.Client(timeout=5.0) as http:
        sdk = SmallestAI(
            api_key=paced_sandbox.credential("smallest"), environment=environment, httpx_client=http, max_retries=0
        )
        yield sdk.atoms.campaigns


def test_the_sdk_creates_starts_pauses_resumes_and_deletes(campaigns: Any, paced_steps: Any) -> None:
    from smallestai.core.api_error import ApiError

    created = campaigns.create(name="SDK", audience_id="aud-sdk", agent_id="agent-sdk")
    campaign_id = created.data.id
    campaigns.start_or_resume(campaign_id)
    paced_steps(3)
    running = campaigns.get(campaign_id)
    campaigns.pause(campaign_id)
    paced_steps(1)
    paused = campaigns.get(campaign_id)
    listed = campaigns.list(status="paused", offset=100)
    campaigns.start_or_resume(campaign_id)
    paced_steps(RUN_STEPS + 1)
    completed = campaigns.get(campaign_id)
    campaigns.delete(campaign_id)

    assert (created.data.status, created.data.participants_count) == ("draft", participants_of("aud-sdk"))
    assert running.data.campaign.status == "running"
    assert running.data.metrics.contacts_called > 0
    assert paused.data.campaign.status == "paused" and paused.data.campaign.paused_at is not None
    assert campaign_id in [item.id for item in listed.data.campaigns]
    assert completed.data.campaign.status == "completed"
    assert completed.data.metrics.contacts_called == participants_of("aud-sdk")
    with pytest.raises(ApiError) as gone:
        campaigns.get(campaign_id)
    assert gone.value.status_code == 404
