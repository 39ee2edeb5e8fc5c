"""The running gateway's state: settings, registry, key lookup and one adapter per vendor."""

from __future__ import annotations

import hmac
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta

from anyio import to_thread

from gateway.breaker import Breaker
from gateway.codegen.config import load_vendors
from gateway.errors import VendorNotConfigured
from gateway.events.endpoints import HookEndpoints
from gateway.events.inbound import Inbound
from gateway.events.relay import Relay
from gateway.ratelimit import RateLimiter, parse_rate
from gateway.settings import Settings, vendor_variable
from gateway.store.actions import ActionLedger
from gateway.store.engine import make_engine
from gateway.store.migrate import migrate
from gateway.store.registry import Registry
from gateway.store.sync import SyncQueue
from gateway.store.tenants import ApiKeys, SealedCredential, TenantCredential, VendorCredentials
from gateway.vendors import ADAPTERS, Adapter

__all__ = ["Gateway"]

_log = logging.getLogger("gateway.credentials")

# Stored keys and tenant credentials are re-read this often: a revoked key stops working,
# and a newly set credential starts, within this many seconds in every worker.
REFRESH_S = 30.0
# A campaign still in flight this long after the vendor deadline was abandoned by a crash.
ABANDONED_AFTER_S = 60.0
# Threads beyond the vendor calls' own, for registry reads and requests refused before a call.
SPARE_THREADS = 16


@dataclass
class Gateway:
    """Built once per process by create_app (`Gateway.open`); handlers reach it through the request scope.

    Building it touches no database: `open` migrates the registry and settles what a crash left
    in flight, which a server does at start and a tool reading the registry need not.
    """

    settings: Settings
    native_routes: dict[str, list[str]] = field(default_factory=dict)
    adapters: dict[str, Adapter] = field(init=False)
    enabled: dict[str, bool] = field(init=False)
    vendor_names: dict[str, str] = field(init=False)
    registry: Registry = field(init=False)
    actions: ActionLedger = field(init=False)
    sync_queue: SyncQueue = field(init=False)
    relay: Relay = field(init=False)
    hook_endpoints: HookEndpoints = field(init=False)
    inbound: Inbound = field(init=False)
    api_keys: ApiKeys = field(init=False)
    credentials: VendorCredentials = field(init=False)
    breakers: dict[str, Breaker] = field(init=False)
    rate_limiter: RateLimiter | None = field(init=False)

    def __post_init__(self) -> None:
        self.vendor_names = {vendor.slug: vendor.name for vendor in load_vendors()}
        self.adapters = {}
        self.enabled = {}
        for slug, vendor in self.settings.vendors.items():
            self.adapters[slug] = self._adapter(
                slug,
                str(vendor.base_url) if vendor.base_url else None,
                vendor.api_key.get_secret_value() if vendor.api_key else None,
            )
            self.enabled[slug] = vendor.enabled
        self.breakers = {
            slug: Breaker(
                slug,
                threshold=self.settings.breaker_threshold,
                cooldown_s=self.settings.breaker_cooldown_s,
                max_concurrent=self.settings.vendor_concurrency,
            )
            for slug in self.adapters
        }
        self.rate_limiter = None
        if self.settings.rate_limit:
            limit, period = parse_rate(self.settings.rate_limit)
            self.rate_limiter = RateLimiter(limit, period, self.settings.redis_url)
        engine = make_engine(self.settings.database_url)
        self.registry = Registry(
            engine,
            idempotency_ttl=timedelta(seconds=self.settings.idempotency_ttl_s),
            retry_guard=timedelta(seconds=self.settings.retry_guard_s),
        )
        self.actions = ActionLedger(self.registry, idempotency_ttl=timedelta(seconds=self.settings.idempotency_ttl_s))
        self.sync_queue = SyncQueue(self.registry)
        self.relay = Relay(self.registry)
        self.hook_endpoints = HookEndpoints(self.registry)
        self.inbound = Inbound(self)
        self.api_keys = ApiKeys(engine)
        secret = self.settings.secret_key.get_secret_value() if self.settings.secret_key else None
        self.credentials = VendorCredentials(engine, secret)
        self._lock = threading.Lock()
        self._refresh_lock = threading.Lock()
        self._key_cache: dict[str, tuple[float, str | None]] = {}
        self._tenant_adapters: dict[tuple[str, str], tuple[TenantCredential, Adapter]] = {}
        self._credentials_read_at = -REFRESH_S
        self._tenant_credentials: dict[tuple[str, str], TenantCredential | SealedCredential] = {}
        self._secrets: tuple[object, tuple[str, ...]] = (None, ())

    @classmethod
    def open(cls, settings: Settings, native_routes: dict[str, list[str]] | None = None) -> Gateway:
        """A gateway whose registry is migrated, and whose abandoned calls are settled `unknown`."""
        gateway = cls(settings, native_routes=native_routes or {})
        migrate(gateway.registry.engine)
        abandoned = timedelta(seconds=settings.vendor_timeout_s + ABANDONED_AFTER_S)
        gateway.registry.settle_abandoned(abandoned)
        gateway.actions.settle_abandoned(abandoned)
        return gateway

    async def tenant_for(self, key: str | None) -> str | None:
        """The tenant owning `key`: configured keys in constant time, then stored (hashed) keys.

        A stored key that is not cached is looked up on a worker thread, not on the event loop.
        """
        known, tenant = self._known_tenant(key)
        return tenant if known else await to_thread.run_sync(self._stored_tenant, str(key))

    def _known_tenant(self, key: str | None) -> tuple[bool, str | None]:
        """(True, tenant) for no key, a configured key and a recently looked-up one; else (False, None)."""
        if not key:
            return True, None
        found = None
        for candidate, tenant in self.settings.api_keys.items():
            if hmac.compare_digest(candidate.encode(), key.encode()):
                found = tenant
        if found is not None:
            return True, found
        cached = self._key_cache.get(key)
        if cached is not None and time.monotonic() - cached[0] < REFRESH_S:
            return True, cached[1]
        return False, None

    def _stored_tenant(self, key: str) -> str | None:
        now = time.monotonic()
        stored = self.api_keys.tenant_for(key)
        if len(self._key_cache) > 10_000:
            self._key_cache.clear()  # bounded: a flood of wrong keys cannot grow it without end
        self._key_cache[key] = (now, stored)
        return stored

    @property
    def blocking_threads(self) -> int:
        """Threads a worker needs so that every vendor can have its full cap of calls at once.

        The vendor calls run on the event loop, but registry writes (PostgreSQL's, and keyed
        ones) block and run in threads: with fewer threads than the vendors' caps together, the
        calls of one busy vendor would hold up the writes of every other's.
        """
        return self.settings.vendor_concurrency * len(self.adapters) + SPARE_THREADS

    async def live_adapter_async(self, slug: str, tenant: str | None = None) -> Adapter:
        """`live_adapter` for the event loop, which it never blocks.

        The periodic read of the tenant credentials waits on the database: a worker thread does it.
        """
        if tenant is not None and self._credentials_due(time.monotonic()):
            await to_thread.run_sync(self._refresh_credentials)
        return self.live_adapter(slug, tenant)

    def live_adapter(self, slug: str, tenant: str | None = None) -> Adapter:
        """The tenant's own account at the vendor if it has one, else the gateway's; 503 if none."""
        if tenant is not None:
            own = self._tenant_credential(tenant, slug)
            if isinstance(own, SealedCredential):
                # Never the gateway's own account instead: the campaign would go out under another's.
                raise VendorNotConfigured(
                    f"The tenant's own {slug} account cannot be used: its stored credential cannot be opened",
                    vendor=slug,
                )
            if own is not None:
                return self._tenant_adapter(tenant, slug, own)
        if not self.enabled.get(slug):
            raise VendorNotConfigured(
                f"{slug} is not configured on this gateway (set {vendor_variable(slug, 'base_url')})", vendor=slug
            )
        return self.adapters[slug]

    def secrets(self) -> tuple[str, ...]:
        """Every credential this process knows, for log redaction.

        The same tuple until the tenants' credentials are read anew, so the log's redactor
        indexes them once, not on every line.
        """
        credentials = self._tenant_credentials
        known_for, known = self._secrets
        if known_for is not credentials:
            found = [*self.settings.api_keys]
            found += [v.api_key.get_secret_value() for v in self.settings.vendors.values() if v.api_key]
            if self.settings.secret_key:
                found.append(self.settings.secret_key.get_secret_value())
            found += [
                credential.api_key for credential in credentials.values() if isinstance(credential, TenantCredential)
            ]
            found += [v.webhook_secret.get_secret_value() for v in self.settings.vendors.values() if v.webhook_secret]
            found += [
                credential.webhook_secret
                for credential in credentials.values()
                if isinstance(credential, TenantCredential) and credential.webhook_secret
            ]
            known = tuple(found)
            self._secrets = (credentials, known)
        return known

    def webhook_secret(self, vendor: str, tenant: str, *, refresh: bool = True) -> str | None:
        """The vendor's signing secret for webhooks to an account ("": the gateway's own), or None.

        `refresh=False` reads the tenants' credentials as last read (`refresh_credentials`),
        for a caller inside a transaction that must not open another connection.
        """
        if not tenant:
            configured = self.settings.vendors[vendor].webhook_secret if vendor in self.settings.vendors else None
            return configured.get_secret_value() if configured else None
        own = self._tenant_credential(tenant, vendor) if refresh else self._tenant_credentials.get((tenant, vendor))
        return own.webhook_secret if isinstance(own, TenantCredential) else None

    def refresh_credentials(self) -> None:
        """Re-read the tenants' credentials if they were last read REFRESH_S or more ago."""
        if self._credentials_due(time.monotonic()):
            self._refresh_credentials()

    async def close_vendor_connections(self) -> None:
        """Close every adapter's connections on the running event loop (the app's shutdown)."""
        for adapter in [*self.adapters.values(), *(pair[1] for pair in self._tenant_adapters.values())]:
            await adapter.aclose()

    def close(self) -> None:
        """Release the registry's writer and the database pool (vendor connections close with their loop)."""
        self.registry.close()

    def _adapter(self, slug: str, base_url: str | None, credential: str | None) -> Adapter:
        return ADAPTERS[slug](
            base_url=base_url,
            credential=credential,
            timeout_s=self.settings.vendor_timeout_s,
            max_in_flight=self.settings.vendor_concurrency,
        )

    def _tenant_credential(self, tenant: str, slug: str) -> TenantCredential | SealedCredential | None:
        if self._credentials_due(time.monotonic()):
            self._refresh_credentials()
        return self._tenant_credentials.get((tenant, slug))

    def _credentials_due(self, now: float) -> bool:
        """Whether the tenants' credentials were last read REFRESH_S or more before `now`."""
        return now - self._credentials_read_at >= REFRESH_S

    def _refresh_credentials(self) -> None:
        now = time.monotonic()
        # Its own lock: a slow read must not hold up `_tenant_adapter` (taken on the event loop).
        with self._refresh_lock:
            if self._credentials_due(now):
                self._tenant_credentials = self.credentials.all()
                self._credentials_read_at = now
                sealed = {
                    f"{tenant}/{vendor}": credential.reason
                    for (tenant, vendor), credential in self._tenant_credentials.items()
                    if isinstance(credential, SealedCredential)
                }
                if sealed:  # every read, so an operator sees it until it is fixed
                    _log.error("stored vendor credentials that cannot be opened, refused with 503: %s", sealed)

    def _tenant_adapter(self, tenant: str, slug: str, credential: TenantCredential) -> Adapter:
        with self._lock:
            cached = self._tenant_adapters.get((tenant, slug))
            if cached is not None and cached[0] == credential:
                return cached[1]
            base_url = credential.base_url or (str(self.settings.vendors[slug].base_url or "") or None)
            if base_url is None:
                raise VendorNotConfigured(f"{slug} has no base URL for tenant {tenant}", vendor=slug)
            adapter = self._adapter(slug, base_url, credential.api_key)
            if cached is not None:
                # Not closed now: a call that took it before the rotation may be on one of its
                # connections (closing them under it made a 502 and an `unknown` campaign).
                cached[1].close_when_released()
            self._tenant_adapters[(tenant, slug)] = (credential, adapter)
            return adapter
