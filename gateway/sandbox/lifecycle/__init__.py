"""Stateful sandbox vendors: each created campaign lives on, at a pace a test can control.

    pacing = Pacing(step_s=2.0, clock=time.time)   # or Pacing.from_env(); a fake clock in tests
    lives = build_lives(("smallest", "clerk"), pacing)
    answer = lives["smallest"].answer(LifeRequest("post", "/campaign", body={...}))
    lives["smallest"].state(campaign_id)             # {"id", "status", "progress": {...}, ...}

One module per vendor holds its state machine, written from the vendor's after-create docs
(shared/vendor-docs/*.after-create.md); `pacing` holds the clock and the step. A stand-in asks
its vendor's lifecycle first and answers from the spec's examples only for operations the
lifecycle does not serve.

The vendors' own status words, as the sandbox uses them (a started campaign works for
`RUN_STEPS` steps; a queued change takes one step):

    smallest   draft | scheduled -> processing -> running <-> paused ... -> completed
    volubile   ACTIVE <-> PAUSED, either -> CANCELLED (final; calls made while ACTIVE)
    tetherai   draft | scheduled -> sending -> sent; draft, scheduled, sending -> cancelled
    voiceable  pending -> in_progress -> completed
    clerk      scheduled -> running -> ok (messages: scheduled, sending, sent, delivered | failed)
"""

from __future__ import annotations

from collections.abc import Iterable

from gateway.sandbox.lifecycle.base import Answer, LifeRequest, VendorLife
from gateway.sandbox.lifecycle.clerk import ClerkLife
from gateway.sandbox.lifecycle.pacing import DEFAULT_STEP_S, RUN_STEPS, STEP_ENV, Clock, Pacing
from gateway.sandbox.lifecycle.smallest import SmallestLife
from gateway.sandbox.lifecycle.tetherai import TetherAILife
from gateway.sandbox.lifecycle.voiceable import VoiceableLife
from gateway.sandbox.lifecycle.volubile import VolubileLife

__all__ = [
    "DEFAULT_STEP_S",
    "LIVES",
    "RUN_STEPS",
    "STEP_ENV",
    "Answer",
    "Clock",
    "LifeRequest",
    "Pacing",
    "VendorLife",
    "build_lives",
]

LIVES: dict[str, type[VendorLife]] = {
    "clerk": ClerkLife,
    "smallest": SmallestLife,
    "tetherai": TetherAILife,
    "voiceable": VoiceableLife,
    "volubile": VolubileLife,
}
"""The stateful vendors by slug; a vendor missing here answers every request from its spec alone."""


def build_lives(slugs: Iterable[str], pacing: Pacing) -> dict[str, VendorLife]:
    """A fresh lifecycle, sharing `pacing`, for each of `slugs` that has one."""
    return {slug: LIVES[slug](pacing) for slug in slugs if slug in LIVES}
