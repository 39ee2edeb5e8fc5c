"""One typed settings object, read from the environment; invalid values fail at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, SecretStr, ValidationError

from gateway.codegen.config import load_vendors

__all__ = [
    "APP_NAME",
    "DEV_API_KEY",
    "Settings",
    "SettingsError",
    "VendorSettings",
    "data_dir",
    "database_folder",
    "database_label",
    "default_database_url",
]

APP_NAME = "campaign-gateway"
DEV_API_KEY = "dev-key-change-me"
_MIB = 1024 * 1024
# Settings read from one environment variable each.
_SCALARS = {
    "vendor_timeout_s": "GATEWAY_VENDOR_TIMEOUT_S",
    "max_body_bytes": "GATEWAY_MAX_BODY_BYTES",
    "database_url": "GATEWAY_DATABASE_URL",
    "idempotency_ttl_s": "GATEWAY_IDEMPOTENCY_TTL_S",
    "retry_guard_s": "GATEWAY_RETRY_GUARD_S",
    "secret_key": "GATEWAY_SECRET_KEY",
    "rate_limit": "GATEWAY_RATE_LIMIT",
    "unauthenticated_rate_limit": "GATEWAY_UNAUTHENTICATED_RATE_LIMIT",
    "redis_url": "GATEWAY_REDIS_URL",
    "breaker_threshold": "GATEWAY_BREAKER_THRESHOLD",
    "breaker_cooldown_s": "GATEWAY_BREAKER_COOLDOWN_S",
    "vendor_concurrency": "GATEWAY_VENDOR_CONCURRENCY",
    "keep_alive_s": "GATEWAY_KEEP_ALIVE_S",
    "header_timeout_s": "GATEWAY_HEADER_TIMEOUT_S",
    "body_timeout_s": "GATEWAY_BODY_TIMEOUT_S",
    "max_connections": "GATEWAY_MAX_CONNECTIONS",
    "sync_interval_s": "GATEWAY_SYNC_INTERVAL_S",
    "sync_max_interval_s": "GATEWAY_SYNC_MAX_INTERVAL_S",
    "sync_soon_s": "GATEWAY_SYNC_SOON_S",
    "sync_in_serve": "GATEWAY_SYNC_IN_SERVE",
    "sync_concurrency": "GATEWAY_SYNC_CONCURRENCY",
    "event_retention_days": "GATEWAY_EVENT_RETENTION_DAYS",
    "webhook_allow_private": "GATEWAY_WEBHOOK_ALLOW_PRIVATE",
    "deliver_in_serve": "GATEWAY_DELIVER_IN_SERVE",
    "delivery_concurrency": "GATEWAY_DELIVERY_CONCURRENCY",
}
_RATE = r"\s*\d+\s*/\s*(second|minute|hour)\s*"


def data_dir() -> Path:
    """The per-user data directory (platformdirs), e.g. ~/.local/share/campaign-gateway on Linux.

    Read at each call, so XDG_DATA_HOME (or HOME) set after import is honoured.
    """
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_database_url() -> str:
    """The database without GATEWAY_DATABASE_URL: SQLite in the data directory, never the current one."""
    return f"sqlite:///{data_dir() / 'gateway.db'}"


def database_folder(url: str) -> Path:
    """Where files that belong beside the database go: a SQLite file's folder, else the data directory."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return data_dir()
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return Path(parsed.database).absolute().parent
    return data_dir()


def database_label(url: str) -> str:
    """The database for people: a SQLite file's absolute path, else the URL without its password."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return "(an invalid GATEWAY_DATABASE_URL)"
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return str(Path(parsed.database).absolute())
    return parsed.render_as_string(hide_password=True)


class SettingsError(Exception):
    """An environment variable has an invalid value; the message names it."""


class VendorSettings(BaseModel):
    """Where one vendor is and the gateway's credential there."""

    model_config = ConfigDict(frozen=True)

    base_url: HttpUrl | None = None
    api_key: SecretStr | None = None
    # The vendor's signing secret for the webhooks it sends to the gateway's own account.
    webhook_secret: SecretStr | None = None
    # The tenant that owns the gateway's-account events no campaign claims (EVENTS.md); unset,
    # the only tenant when there is exactly one.
    events_tenant: str | None = Field(None, min_length=1, max_length=200)

    @property
    def enabled(self) -> bool:
        """A vendor without a base URL is disabled (503), never sent to a sandbox silently."""
        return self.base_url is not None


class Settings(BaseModel):
    """Everything configurable, with the environment variable that sets it."""

    model_config = ConfigDict(frozen=True)

    # Gateway key -> tenant (GATEWAY_API_KEYS); kept out of repr so a logged Settings leaks nothing.
    api_keys: dict[str, str] = Field(repr=False)
    vendors: dict[str, VendorSettings]
    vendor_timeout_s: float = Field(10.0, gt=0, le=600)
    max_body_bytes: int = Field(5 * _MIB, gt=0)
    # Unset: SQLite in the per-user data directory (default_database_url()).
    database_url: str = Field(default_factory=default_database_url, min_length=1)
    idempotency_ttl_s: int = Field(24 * 3600, gt=0)
    retry_guard_s: int = Field(600, ge=0)
    secret_key: SecretStr | None = None
    rate_limit: str | None = Field(None, pattern=f"^{_RATE}$")
    # Per client address, for requests without a known key (none, unknown, or conflicting):
    # unset, it is GATEWAY_RATE_LIMIT; `off` turns it off.
    unauthenticated_rate_limit: str | None = Field(None, pattern=f"^({_RATE}|off)$")
    redis_url: str | None = Field(None, pattern=r"^rediss?://")
    breaker_threshold: int = Field(5, ge=1)
    breaker_cooldown_s: float = Field(30.0, gt=0)
    vendor_concurrency: int = Field(64, ge=1)
    # Per connection (gateway/connections.py): idle before and between requests, from a
    # request's first byte to the end of its headers, and from there to the end of its body.
    keep_alive_s: float = Field(5.0, gt=0, le=3600)
    header_timeout_s: float = Field(10.0, gt=0, le=3600)
    body_timeout_s: float = Field(60.0, gt=0, le=3600)
    max_connections: int = Field(1000, ge=1)  # per worker process
    # Status sync (gateway/sync.py): the first interval after a campaign's launch, doubling (with
    # jitter) while nothing changes up to the maximum; after an action, a refresh this soon.
    sync_interval_s: float = Field(30.0, gt=0, le=86400)
    sync_max_interval_s: float = Field(900.0, gt=0, le=86400)
    sync_soon_s: float = Field(3.0, ge=0, le=3600)
    # Whether `serve` workers run the sync (off when `campaign-gateway sync` runs it alone).
    sync_in_serve: bool = True
    # Vendor reads a refresher (each worker, or `campaign-gateway sync`) has in flight at once.
    sync_concurrency: int = Field(16, ge=1, le=1000)
    # Events (gateway/events/): how long the feed keeps them; whether webhook subscriptions may
    # point at http and private addresses (development and tests only); whether `serve` workers
    # deliver (off when `campaign-gateway deliver` runs alone) and how many deliveries each has
    # in flight at once.
    event_retention_days: int = Field(30, ge=1, le=3650)
    webhook_allow_private: bool = False
    deliver_in_serve: bool = True
    delivery_concurrency: int = Field(16, ge=1, le=1000)

    @property
    def address_rate_limit(self) -> str | None:
        """The per-address limit for requests without a known key, or None when there is none."""
        if self.unauthenticated_rate_limit == "off":
            return None
        return self.unauthenticated_rate_limit or self.rate_limit

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read GATEWAY_* variables; raise SettingsError naming the first invalid one."""
        env = os.environ if environ is None else environ
        raw: dict[str, object] = {
            "api_keys": _parse_api_keys(env.get("GATEWAY_API_KEYS", f"dev:{DEV_API_KEY}")),
            "vendors": {
                vendor.slug: {
                    "base_url": env.get(f"GATEWAY_{vendor.slug.upper()}_BASE_URL") or None,
                    "api_key": env.get(f"GATEWAY_{vendor.slug.upper()}_API_KEY") or None,
                    "webhook_secret": env.get(f"GATEWAY_{vendor.slug.upper()}_WEBHOOK_SECRET") or None,
                    "events_tenant": env.get(f"GATEWAY_{vendor.slug.upper()}_EVENTS_TENANT") or None,
                }
                for vendor in load_vendors()
            },
        }
        for field, variable in _SCALARS.items():
            if env.get(variable):
                raw[field] = env[variable]
        try:
            return cls.model_validate(raw)
        except ValidationError as exc:
            error = exc.errors()[0]
            raise SettingsError(f"{_variable_for(error['loc'])}: {error['msg']}") from None


def _parse_api_keys(value: str) -> dict[str, str]:
    keys: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        tenant, sep, key = item.partition(":")
        if not sep or not tenant or not key:
            raise SettingsError("GATEWAY_API_KEYS: expected comma-separated tenant:key pairs")
        if key in keys:
            raise SettingsError("GATEWAY_API_KEYS: the same key is given twice")
        keys[key] = tenant
    if not keys:
        raise SettingsError("GATEWAY_API_KEYS: at least one tenant:key is required")
    return keys


def _variable_for(location: tuple[int | str, ...]) -> str:
    if location[:1] == ("vendors",) and len(location) >= 3:
        return f"GATEWAY_{str(location[1]).upper()}_{str(location[2]).upper()}"
    return _SCALARS.get(str(location[0]), str(location[0]))
