"""One typed settings object, read from the environment; invalid values fail at start-up.

Each setting carries its own documentation (`description`, and in `json_schema_extra` its
`group` and, where the default people see is not the Python one, `shown_default`):
docs/configuration.md is generated from them (`make docs`, gateway/docs/configuration.py).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, JsonValue, SecretStr, ValidationError

from gateway.codegen.config import load_vendors

__all__ = [
    "API_KEYS_VARIABLE",
    "APP_NAME",
    "DEV_API_KEY",
    "SCALAR_VARIABLES",
    "Settings",
    "SettingsError",
    "VendorSettings",
    "data_dir",
    "database_folder",
    "database_label",
    "default_database_url",
    "vendor_variable",
]

APP_NAME = "campaign-gateway"
DEV_API_KEY = "dev-key-change-me"
API_KEYS_VARIABLE = "GATEWAY_API_KEYS"
_DEFAULT_API_KEYS = f"dev:{DEV_API_KEY}"
_MIB = 1024 * 1024
# Settings read from one environment variable each.
SCALAR_VARIABLES = {
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
    "sync_nice": "GATEWAY_SYNC_NICE",
    "sync_idle_cpu": "GATEWAY_SYNC_IDLE_CPU",
    "sync_one_cpu": "GATEWAY_SYNC_ONE_CPU",
    "event_retention_days": "GATEWAY_EVENT_RETENTION_DAYS",
    "webhook_allow_private": "GATEWAY_WEBHOOK_ALLOW_PRIVATE",
    "deliver_in_serve": "GATEWAY_DELIVER_IN_SERVE",
    "delivery_concurrency": "GATEWAY_DELIVERY_CONCURRENCY",
}
_RATE = r"\s*\d+\s*/\s*(second|minute|hour)\s*"


def vendor_variable(slug: str, field: str) -> str:
    """One vendor's setting's variable: `smallest`, `base_url` is GATEWAY_SMALLEST_BASE_URL."""
    return f"GATEWAY_{slug.upper()}_{field.upper()}"


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
    """Where one vendor is and the gateway's credential there (GATEWAY_<VENDOR>_<FIELD>)."""

    model_config = ConfigDict(frozen=True)

    base_url: HttpUrl | None = Field(
        None,
        description="The vendor's API base URL, e.g. `GATEWAY_SMALLEST_BASE_URL=https://api.smallest.ai/atoms/v1` "
        "(TetherAI's is the customer's own host). Unset, the vendor is disabled: its requests answer 503 "
        "(`campaign-gateway dev` and `make run` serve it from the sandbox instead).",
    )
    api_key: SecretStr | None = Field(
        None,
        description="The gateway's own credential at the vendor; never logged or returned. A tenant's own "
        "vendor account is stored with `campaign-gateway credentials set` instead.",
    )
    webhook_secret: SecretStr | None = Field(
        None,
        description="The vendor's signing secret for the webhooks it sends to the gateway's own account "
        "(Smallest: required to accept them; Clerk Chat: its static auth header, `value` or `Name: value`); "
        "never logged. `campaign-gateway dev` keeps it, or makes one for a sandboxed vendor.",
    )
    events_tenant: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="The tenant that owns the events of the gateway's own account at the vendor that no campaign "
        "claims. Unset, the only tenant when there is exactly one; otherwise such events belong to no tenant "
        "(`campaign-gateway events list --untied`).",
        json_schema_extra={"shown_default": "the only tenant"},
    )

    @property
    def enabled(self) -> bool:
        """A vendor without a base URL is disabled (503), never sent to a sandbox silently."""
        return self.base_url is not None


def _doc(group: str, shown_default: str | None = None) -> dict[str, JsonValue]:
    """A setting's place on docs/configuration.md, and its default as people see it when not the Python one."""
    return {"group": group} if shown_default is None else {"group": group, "shown_default": shown_default}


class Settings(BaseModel):
    """Everything configurable, with the environment variable that sets it."""

    model_config = ConfigDict(frozen=True)

    # Kept out of repr so a logged Settings leaks nothing.
    api_keys: dict[str, str] = Field(
        repr=False,
        description="Comma-separated `tenant:key` pairs. A request presents its key as `Authorization: Bearer <key>` "
        "or `X-API-Key: <key>` (a native route: where the vendor's SDK sends its credential). Keys made with "
        "`campaign-gateway keys create` are accepted besides.",
        json_schema_extra=_doc("serving", f"`{_DEFAULT_API_KEYS}`"),
    )
    vendors: dict[str, VendorSettings] = Field(
        description="Each vendor's GATEWAY_<VENDOR>_* variables (VendorSettings).",
        json_schema_extra=_doc("vendors"),
    )
    vendor_timeout_s: float = Field(
        10.0,
        gt=0,
        le=600,
        description="Seconds one vendor call may take in all: waiting for a connection, connecting, sending and "
        "reading. Past it the answer is 504, and the outcome `unknown`.",
        json_schema_extra=_doc("vendors"),
    )
    max_body_bytes: int = Field(
        5 * _MIB,
        gt=0,
        description="Larger request bodies are refused with 413 before they are parsed (5 MiB).",
        json_schema_extra=_doc("limits"),
    )
    database_url: str = Field(
        default_factory=default_database_url,
        min_length=1,
        description="The database of campaigns, keys, events and webhooks (a SQLAlchemy URL); "
        "`postgresql://user@host:5432/db` for several workers or machines. Every CLI command uses the same "
        "one (`campaign-gateway db where`).",
        json_schema_extra=_doc(
            "database",
            "SQLite `gateway.db` in the per-user data directory (`~/.local/share/campaign-gateway/` on Linux, "
            "`$XDG_DATA_HOME` honoured; `~/Library/Application Support/campaign-gateway/` on macOS; "
            "`%LOCALAPPDATA%\\campaign-gateway\\` on Windows), never the current directory; `make run` sets "
            "`sqlite:///<checkout>/var/gateway.db`",
        ),
    )
    idempotency_ttl_s: int = Field(
        24 * 3600,
        gt=0,
        description="Seconds an Idempotency-Key is kept: the same key with the same body replays the first answer.",
        json_schema_extra=_doc("database"),
    )
    retry_guard_s: int = Field(
        600,
        ge=0,
        description="Seconds a keyless identical request (same tenant, same body) is taken for a retry and refused "
        "with 409 after one the vendor may have acted on (in flight, accepted or unknown); `0` turns it off.",
        json_schema_extra=_doc("database"),
    )
    secret_key: SecretStr | None = Field(
        None,
        description="Fernet key sealing tenants' vendor credentials and webhook signing secrets (make one with "
        '`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`). Without '
        "it no webhook subscription can be made (503); a stored credential a worker cannot open refuses that "
        "tenant's campaigns at that vendor with 503, rather than sending them on the gateway's own account.",
        json_schema_extra=_doc(
            "serving", "none (`campaign-gateway dev` and `make run` keep one in `dev-secret-key` beside the database)"
        ),
    )
    rate_limit: str | None = Field(
        None,
        pattern=f"^{_RATE}$",
        description="Requests per tenant: `N/second`, `N/minute` or `N/hour`; beyond it 429 with `Retry-After` and "
        "`RateLimit-*` headers.",
        json_schema_extra=_doc("limits", "off"),
    )
    unauthenticated_rate_limit: str | None = Field(
        None,
        pattern=f"^({_RATE}|off)$",
        description="Requests per client address for those without a known key (none, an unknown one, or two "
        "different ones), so guessing keys is throttled: `N/second`, `N/minute`, `N/hour` or `off`.",
        json_schema_extra=_doc("limits", "`GATEWAY_RATE_LIMIT`"),
    )
    redis_url: str | None = Field(
        None,
        pattern=r"^rediss?://",
        description="`redis://host:6379/0` (or `rediss://`): the rate limits are shared by every worker and "
        "machine; unset, each process counts its own.",
        json_schema_extra=_doc("limits"),
    )
    breaker_threshold: int = Field(
        5,
        ge=1,
        description="Consecutive vendor failures (5xx, timeouts, refused connections) that open a vendor's "
        "circuit: its calls then answer 503 at once.",
        json_schema_extra=_doc("vendors"),
    )
    breaker_cooldown_s: float = Field(
        30.0,
        gt=0,
        description="Seconds an open circuit stays open before one probe call is let through.",
        json_schema_extra=_doc("vendors"),
    )
    vendor_concurrency: int = Field(
        64,
        ge=1,
        description="Calls in flight per vendor and worker; more answer 503 at once.",
        json_schema_extra=_doc("vendors"),
    )
    # Per connection (gateway/connections.py).
    keep_alive_s: float = Field(
        5.0,
        gt=0,
        le=3600,
        description="Seconds a connection may stay idle, before its first request or between requests, before it "
        "is closed.",
        json_schema_extra=_doc("serving"),
    )
    header_timeout_s: float = Field(
        10.0,
        gt=0,
        le=3600,
        description="Seconds from a request's first byte until its headers must be complete, else the connection "
        "is closed.",
        json_schema_extra=_doc("serving"),
    )
    body_timeout_s: float = Field(
        60.0,
        gt=0,
        le=3600,
        description="Seconds from the end of a request's headers until its body must be complete, else the "
        "connection is closed.",
        json_schema_extra=_doc("serving"),
    )
    max_connections: int = Field(
        1000,
        ge=1,
        description="Open connections per worker process; further ones are closed at once (logged at most once "
        "every 10 s).",
        json_schema_extra=_doc("serving"),
    )
    # Status sync (gateway/sync.py).
    sync_interval_s: float = Field(
        30.0,
        gt=0,
        le=86400,
        description="Seconds from a launch to the first status read, doubling (with ±20 % jitter) while the "
        "campaign does not change.",
        json_schema_extra=_doc("sync"),
    )
    sync_max_interval_s: float = Field(
        900.0,
        gt=0,
        le=86400,
        description="The longest wait, in seconds, between two status reads of a campaign that does not change.",
        json_schema_extra=_doc("sync"),
    )
    sync_soon_s: float = Field(
        3.0,
        ge=0,
        le=3600,
        description="Seconds after an action until the campaign is read from the vendor.",
        json_schema_extra=_doc("sync"),
    )
    sync_in_serve: bool = Field(
        True,
        description="Whether `serve` runs the status sync, in a process of its own beside its workers (and "
        "`campaign-gateway dev` in its one process); `0` when `campaign-gateway sync` runs it elsewhere.",
        json_schema_extra=_doc("sync"),
    )
    sync_concurrency: int = Field(
        16,
        ge=1,
        le=1000,
        description="Vendor reads in flight at once per refresher (each `campaign-gateway sync` process, including "
        "the one `serve` runs).",
        json_schema_extra=_doc("sync"),
    )
    sync_nice: int = Field(
        10,
        ge=0,
        le=19,
        description="How far `campaign-gateway sync` (also the one `serve` runs) lowers its CPU priority, as a "
        "nice increment (`0` keeps it): on a machine it shares with `serve` workers, requests get the CPU first.",
        json_schema_extra=_doc("sync"),
    )
    sync_idle_cpu: bool = Field(
        True,
        description="Make the vendor reads of `campaign-gateway sync` (also the one `serve` runs) use only CPU that "
        "nothing else wants (Linux's idle scheduling policy, `SCHED_IDLE`), so a request that wakes never waits "
        "behind them; its database writes keep the `GATEWAY_SYNC_NICE` priority, so a create never waits on a "
        "write lock held by a sync that cannot get the CPU. On a machine kept fully busy the sync falls behind "
        "instead (`synced_at` grows old). `0`, or where the policy does not exist: the whole sync is niced.",
        json_schema_extra=_doc("sync"),
    )
    sync_one_cpu: bool = Field(
        True,
        description="Keep `campaign-gateway sync` (also the one `serve` runs) on one CPU, the last it may use, on a "
        "machine with more: it is one event loop and gains nothing from more, and the other CPUs stay free of it, "
        "where a waking request never waits (on Linux, work at any priority on every CPU now and then delays a "
        "wake-up by a scheduler tick).",
        json_schema_extra=_doc("sync"),
    )
    # Events (gateway/events/).
    event_retention_days: int = Field(
        30,
        ge=1,
        le=3650,
        description="Days events are kept for the feed (`GET /v1/events`); their deliveries go with them.",
        json_schema_extra=_doc("events"),
    )
    webhook_allow_private: bool = Field(
        False,
        description="`1`: webhook subscriptions may use http and point at loopback, private and link-local "
        "addresses. For development and tests only (`campaign-gateway dev` and `make run` set it unless told "
        "otherwise).",
        json_schema_extra=_doc("events"),
    )
    deliver_in_serve: bool = Field(
        True,
        description="Whether `serve` workers deliver webhooks; `0` when `campaign-gateway deliver` runs alone.",
        json_schema_extra=_doc("events"),
    )
    delivery_concurrency: int = Field(
        16,
        ge=1,
        le=1000,
        description="Webhook deliveries in flight at once per deliverer (each `serve` worker, or "
        "`campaign-gateway deliver`).",
        json_schema_extra=_doc("events"),
    )

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
            "api_keys": _parse_api_keys(env.get(API_KEYS_VARIABLE, _DEFAULT_API_KEYS)),
            "vendors": {
                vendor.slug: {
                    field: env.get(vendor_variable(vendor.slug, field)) or None for field in VendorSettings.model_fields
                }
                for vendor in load_vendors()
            },
        }
        for field, variable in SCALAR_VARIABLES.items():
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
            raise SettingsError(f"{API_KEYS_VARIABLE}: expected comma-separated tenant:key pairs")
        if key in keys:
            raise SettingsError(f"{API_KEYS_VARIABLE}: the same key is given twice")
        keys[key] = tenant
    if not keys:
        raise SettingsError(f"{API_KEYS_VARIABLE}: at least one tenant:key is required")
    return keys


def _variable_for(location: tuple[int | str, ...]) -> str:
    if location[:1] == ("vendors",) and len(location) >= 3:
        return vendor_variable(str(location[1]), str(location[2]))
    return SCALAR_VARIABLES.get(str(location[0]), str(location[0]))
