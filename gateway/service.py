"""The running gateway's state: settings, one adapter per vendor, and key lookup."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field

from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.errors import VendorNotConfigured
from gateway.settings import Settings
from gateway.vendors import ADAPTERS, Adapter

__all__ = ["Gateway"]


@dataclass
class Gateway:
    """Built once per process by create_app; handlers reach it through the request scope."""

    settings: Settings
    native_routes: dict[str, list[str]] = field(default_factory=dict)
    adapters: dict[str, Adapter] = field(init=False)
    enabled: dict[str, bool] = field(init=False)
    vendor_names: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.vendor_names = {vendor.slug: vendor.name for vendor in load_vendors(GeneratorPaths())}
        self.adapters = {}
        self.enabled = {}
        for slug, vendor in self.settings.vendors.items():
            adapter_class = ADAPTERS[slug]
            self.adapters[slug] = adapter_class(
                base_url=str(vendor.base_url) if vendor.base_url else None,
                credential=vendor.api_key.get_secret_value() if vendor.api_key else None,
                timeout_s=self.settings.vendor_timeout_s,
            )
            self.enabled[slug] = vendor.enabled

    def tenant_for(self, key: str | None) -> str | None:
        """The tenant owning `key`; every configured key is compared, in constant time each."""
        if not key:
            return None
        found = None
        for candidate, tenant in self.settings.api_keys.items():
            if hmac.compare_digest(candidate.encode(), key.encode()):
                found = tenant
        return found

    def live_adapter(self, slug: str) -> Adapter:
        """The adapter of an enabled vendor; 503 for a vendor without a base URL."""
        if not self.enabled.get(slug):
            raise VendorNotConfigured(
                f"{slug} is not configured on this gateway (set GATEWAY_{slug.upper()}_BASE_URL)", vendor=slug
            )
        return self.adapters[slug]

    def close(self) -> None:
        """Release every adapter's connections."""
        for adapter in self.adapters.values():
            adapter.close()
