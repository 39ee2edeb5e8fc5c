"""Sandbox time: an injectable clock, the length of a step, and work spread over steps.

A sandbox campaign changes only at step boundaries measured from its own events (an action, a
scheduled start), never on a global tick. Nothing runs in the background: each read moves a
campaign forward to the clock's present (see `advance`), so a test with a fake clock sees the
same story every run, and instantly.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

__all__ = [
    "DEFAULT_STEP_S",
    "RUN_STEPS",
    "STEP_ENV",
    "Clock",
    "Event",
    "Pacing",
    "Work",
    "advance",
    "earliest",
    "iso",
    "parse_instant",
]

Clock = Callable[[], float]
"""Seconds since the epoch, as `time.time` gives them."""

STEP_ENV = "GATEWAY_SANDBOX_STEP_S"
DEFAULT_STEP_S = 2.0
RUN_STEPS = 10
"""Steps a started campaign works before it completes: time enough for a client to pause it."""

Event = tuple[float, Callable[[float], None]]
"""When something happens to a campaign, and what (called with that time)."""

# A campaign has a handful of events in its whole life; far more means a state machine that
# keeps scheduling itself, which must fail loudly rather than hang a request.
_MAX_EVENTS = 100_000


@dataclass(frozen=True)
class Pacing:
    """How fast sandbox campaigns live: one step every `step_s` seconds of `clock`."""

    step_s: float = DEFAULT_STEP_S
    clock: Clock = field(default=time.time)

    def __post_init__(self) -> None:
        if not (self.step_s > 0 and math.isfinite(self.step_s)):
            raise ValueError(f"a sandbox step must be a positive number of seconds, not {self.step_s!r}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, clock: Clock = time.time) -> Pacing:
        """Steps of `GATEWAY_SANDBOX_STEP_S` seconds (default 2)."""
        raw = (os.environ if environ is None else environ).get(STEP_ENV, "").strip()
        try:
            step_s = float(raw) if raw else DEFAULT_STEP_S
        except ValueError:
            raise ValueError(f"{STEP_ENV} must be a number of seconds, not {raw!r}") from None
        return cls(step_s, clock)

    def now(self) -> float:
        """The clock's present."""
        return self.clock()

    def after(self, at: float, steps: int = 1) -> float:
        """The time `steps` steps after `at`."""
        return at + steps * self.step_s


@dataclass
class Work:
    """`RUN_STEPS` steps of work, done while running, kept across pauses.

    A stopped stretch loses its unfinished step: the vendor's queued batch is dropped on pause
    and redone on resume.
    """

    done: int = 0
    """Steps completed so far."""
    since: float | None = None
    """When the last step ended (or the running stretch began); None while stopped."""

    @property
    def running(self) -> bool:
        """Whether steps are being made."""
        return self.since is not None

    @property
    def finished(self) -> bool:
        """Whether every step is done."""
        return self.done >= RUN_STEPS

    def start(self, at: float) -> None:
        """Run from `at` on (no effect when already running)."""
        if self.since is None and not self.finished:
            self.since = at

    def stop(self) -> None:
        """Stop making steps."""
        self.since = None

    def next_step(self, pacing: Pacing) -> float | None:
        """When the next step ends, if running."""
        if self.since is None or self.finished:
            return None
        return pacing.after(self.since)

    def step(self, at: float) -> range:
        """Complete one step at `at`; the 0-based step number as a range for `share`."""
        self.done += 1
        self.since = None if self.finished else at
        return range(self.done - 1, self.done)

    @staticmethod
    def share(total: int, steps: range) -> range:
        """The items (0-based) of `total` that `steps` handle: an even split over `RUN_STEPS`."""
        return range(total * steps.start // RUN_STEPS, total * steps.stop // RUN_STEPS)


def advance(now: float, next_event: Callable[[], Event | None]) -> None:
    """Apply, in time order, every event due by `now`; `next_event` names the earliest pending one."""
    for _ in range(_MAX_EVENTS):
        event = next_event()
        if event is None or event[0] > now:
            return
        at, happen = event
        happen(at)
    raise RuntimeError("a sandbox campaign kept scheduling events; its state machine loops")


def earliest(*events: Event | None) -> Event | None:
    """The first of `events` to happen (the earlier listed on a tie), or None."""
    found = [event for event in events if event is not None]
    return min(found, key=lambda event: event[0]) if found else None


def iso(at: float) -> str:
    """`at` as RFC 3339 UTC with milliseconds, the form the vendors' examples use."""
    return datetime.fromtimestamp(at, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_instant(text: str) -> float | None:
    """Seconds since the epoch of an RFC 3339 date-time (UTC when no offset), None if unreadable."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
