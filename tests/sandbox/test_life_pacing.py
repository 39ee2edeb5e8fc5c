"""The shared clock, step and work: what every vendor's pacing rests on."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from gateway.sandbox import Sandbox
from gateway.sandbox.lifecycle import LIVES, RUN_STEPS, LifeRequest, Pacing, VendorLife
from gateway.sandbox.lifecycle.base import Store
from gateway.sandbox.lifecycle.pacing import Work, advance, iso, parse_instant


def test_the_step_comes_from_the_environment_with_a_default() -> None:
    assert Pacing.from_env({}).step_s == 2.0
    assert Pacing.from_env({"GATEWAY_SANDBOX_STEP_S": "0.25"}).step_s == 0.25
    with pytest.raises(ValueError, match="GATEWAY_SANDBOX_STEP_S"):
        Pacing.from_env({"GATEWAY_SANDBOX_STEP_S": "soon"})
    with pytest.raises(ValueError, match="positive"):
        Pacing(0.0)


def test_work_takes_run_steps_steps_and_keeps_them_across_a_stop() -> None:
    pacing, work = Pacing(2.0, lambda: 0.0), Work()
    work.start(100.0)
    assert work.next_step(pacing) == 102.0
    work.step(102.0)
    work.stop()
    assert work.next_step(pacing) is None
    work.start(500.0)
    ends = []
    while (due := work.next_step(pacing)) is not None:
        work.step(due)
        ends.append(due)

    assert work.finished and work.done == RUN_STEPS
    assert ends == [500.0 + 2.0 * n for n in range(1, RUN_STEPS)]


def test_shares_split_every_item_once_over_the_steps() -> None:
    for total in (0, 3, 10, 29, 1000):
        shares = [Work.share(total, range(step, step + 1)) for step in range(RUN_STEPS)]
        assert [item for share in shares for item in share] == list(range(total))


def test_advance_applies_due_events_in_time_order_and_stops_at_now() -> None:
    pending = [5.0, 1.0, 3.0, 9.0]
    seen: list[float] = []

    def next_event() -> tuple[float, object] | None:
        if not pending:
            return None
        at = min(pending)
        return at, lambda when: (seen.append(when), pending.remove(when))

    advance(4.0, next_event)  # type: ignore[arg-type]

    assert seen == [1.0, 3.0]
    assert pending == [5.0, 9.0]


def test_a_state_machine_that_never_settles_fails_loudly() -> None:
    with pytest.raises(RuntimeError, match="loops"):
        advance(10.0, lambda: (1.0, lambda at: None))


def test_instants_round_trip() -> None:
    assert iso(0.0) == "1970-01-01T00:00:00.000Z"
    assert parse_instant("2030-01-02T03:04:05Z") == parse_instant("2030-01-02T04:04:05+01:00")
    assert parse_instant("2030-01-02T03:04:05") == parse_instant("2030-01-02T03:04:05Z")
    assert parse_instant("next tuesday") is None


def test_a_sandbox_takes_its_pace_from_the_environment_unless_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_SANDBOX_STEP_S", "0.5")

    from_env = Sandbox()
    given = Sandbox(step_s=3.0, clock=lambda: 42.0)
    try:
        assert from_env.pacing.step_s == 0.5
        assert (given.pacing.step_s, given.pacing.now()) == (3.0, 42.0)
    finally:
        from_env.close()
        given.close()


def test_the_store_keeps_the_most_recent_campaigns_and_says_which_it_dropped() -> None:
    dropped: list[int] = []
    store: Store[int] = Store(dropped.append)

    for number in range(1005):
        store.add(str(number), number)

    assert len(store) == 1000
    assert dropped == [0, 1, 2, 3, 4]
    assert store.get("4") is None and store.get("5") == 5
    assert list(store)[-1] == 1004


def test_concurrent_creates_get_distinct_ids(pacing: Pacing) -> None:
    lives = [LIVES[slug](pacing) for slug in ("smallest", "voiceable", "clerk")]
    bodies = {
        "smallest": ("/campaign", {"name": "n", "audienceId": "a", "agentId": "g"}),
        "voiceable": (
            "/api/v1/campaigns",
            {"name": "n", "recipients_file": b"+14155550100\n", "send_immediately": True},
        ),
        "clerk": ("/public/campaigns", {"listName": "l", "body": "b", "sender": "+1"}),
    }

    def create(life: VendorLife) -> str:
        template, body = bodies[life.slug]
        answer = life.answer(LifeRequest("post", template, body=body))
        assert answer is not None
        data = answer.body["data"]
        return str(data.get("_id", data.get("id")))

    with ThreadPoolExecutor(max_workers=8) as pool:
        for life in lives:
            ids = list(pool.map(create, [life] * 200))
            assert len(set(ids)) == 200
            assert len(life.states()) == 200
