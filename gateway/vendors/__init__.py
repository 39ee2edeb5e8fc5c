"""Vendor adapters, one module per vendor, registered in one literal mapping."""

from __future__ import annotations

from gateway.vendors._base import Adapter, Capabilities, raise_for_reply
from gateway.vendors.clerk import ClerkAdapter
from gateway.vendors.smallest import SmallestAdapter
from gateway.vendors.tetherai import TetherAIAdapter
from gateway.vendors.voiceable import VoiceableAdapter
from gateway.vendors.volubile import VolubileAdapter

__all__ = ["ADAPTERS", "Adapter", "Capabilities", "raise_for_reply"]

ADAPTERS: dict[str, type[Adapter]] = {
    "clerk": ClerkAdapter,
    "volubile": VolubileAdapter,
    "voiceable": VoiceableAdapter,
    "tetherai": TetherAIAdapter,
    "smallest": SmallestAdapter,
}
