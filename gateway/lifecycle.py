"""The life of a campaign after its launch: statuses, actions, and which status allows which action.

Pure rules, no I/O (designed in LIFECYCLE.md; specs/gateway.yaml carries the same words). The
adapters map each vendor's own status words onto `CampaignStatus`; the routes check an action
against `ALLOWED_FROM` before anything is recorded or sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

__all__ = [
    "ACTIONS",
    "ALLOWED_FROM",
    "QUEUED_STATUS",
    "STATUSES",
    "TERMINAL",
    "Action",
    "CampaignStatus",
    "Progress",
    "allows",
]

CampaignStatus = Literal[
    "draft",
    "scheduled",
    "starting",
    "running",
    "pausing",
    "paused",
    "resuming",
    "cancelling",
    "completed",
    "cancelled",
    "failed",
    "unmapped",
]
STATUSES: tuple[CampaignStatus, ...] = get_args(CampaignStatus)
TERMINAL: frozenset[str] = frozenset({"completed", "cancelled", "failed"})

Action = Literal["start", "pause", "resume", "cancel"]
ACTIONS: tuple[Action, ...] = get_args(Action)

# A campaign waiting for its start can be paused where the vendor allows it (Volubile does);
# `unmapped` allows nothing but cancel: the gateway does not know what the vendor's word means.
ALLOWED_FROM: dict[Action, tuple[CampaignStatus, ...]] = {
    "start": ("draft", "scheduled"),
    "pause": ("scheduled", "starting", "running", "resuming"),
    "resume": ("paused", "pausing"),
    "cancel": tuple(status for status in STATUSES if status not in TERMINAL),
}

# The status shown when the vendor only queued the change (202), until a sync reads its own.
QUEUED_STATUS: dict[Action, CampaignStatus] = {
    "start": "starting",
    "pause": "pausing",
    "resume": "resuming",
    "cancel": "cancelling",
}


def allows(action: Action, status: str | None) -> bool:
    """Whether a campaign in `status` may take `action`."""
    return status in ALLOWED_FROM[action]


@dataclass(frozen=True)
class Progress:
    """Counts of calls (voice) or messages (SMS), where the vendor reports them; None where not."""

    total: int | None = None
    attempted: int | None = None
    succeeded: int | None = None
    failed: int | None = None
    pending: int | None = None

    def as_dict(self) -> dict[str, int | None]:
        """The API's `progress` object (every member present, null where unknown)."""
        return {
            "total": self.total,
            "attempted": self.attempted,
            "succeeded": self.succeeded,
            "failed": self.failed,
            "pending": self.pending,
        }

    @classmethod
    def from_dict(cls, stored: Any) -> Progress:
        """A stored `progress` (a JSON object, or nothing) read back; members not counts are None."""
        if not isinstance(stored, dict):
            return cls()
        return cls(**{name: _count(stored.get(name)) for name in cls.__dataclass_fields__})


def _count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not -(2**31) <= value < 2**31:
        return None
    return value
