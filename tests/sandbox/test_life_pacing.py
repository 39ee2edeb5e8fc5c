"""The shared clock, step and work: what every vendor's pacing rests on."""

from __future__ import annotations

import pytest

from gateway.sandbox.lifecycle import RUN_STEPS, Pacing
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
