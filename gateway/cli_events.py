"""Operator commands for events in: `hooks show|rotate` (the URL to register at a vendor), `events list`.

Each works on GATEWAY_DATABASE_URL (and GATEWAY_SECRET_KEY for tenants' own accounts), like
the server; unset, on the SQLite database in the per-user data directory.
"""

from __future__ import annotations

import json
from typing import Any

import click

from gateway.cli_ops import EXIT_CODES, echo_json, echo_table, nothing, open_engine, resolve_tenant

__all__ = ["events_group", "hooks_group"]

# Where `make run` and `campaign-gateway dev` listen by default, so the printed URL works as is there.
DEFAULT_BASE_URL = "http://127.0.0.1:8080"


@click.group("hooks")
def hooks_group() -> None:
    """The URLs vendors send their webhooks to (one per vendor account)."""


def _vendor(vendor: str) -> Any:
    from gateway.vendors import ADAPTERS

    adapter = ADAPTERS.get(vendor)
    if adapter is None:
        raise click.ClickException(f"unknown vendor {vendor!r} (one of {', '.join(ADAPTERS)})")
    if not adapter.webhooks.receives:
        raise click.ClickException(f"{vendor} sends no webhooks ({adapter.webhooks.describe()})")
    return adapter


def _endpoints() -> tuple[Any, Any, Any]:
    from gateway.events.endpoints import HookEndpoints
    from gateway.store.registry import Registry

    engine, settings = open_engine()
    return HookEndpoints(Registry(engine)), engine, settings


def _secret_state(engine: Any, settings: Any, vendor: str, tenant: str) -> tuple[bool, str]:
    if not tenant:
        from gateway.settings import vendor_variable

        configured = settings.vendors[vendor].webhook_secret is not None
        where = vendor_variable(vendor, "webhook_secret")
    else:
        from gateway.store.tenants import TenantCredential, VendorCredentials

        secret_key = settings.secret_key.get_secret_value() if settings.secret_key else None
        own = VendorCredentials(engine, secret_key).all().get((tenant, vendor))
        configured = isinstance(own, TenantCredential) and bool(own.webhook_secret)
        where = f"campaign-gateway credentials set --tenant {tenant} --vendor {vendor} --webhook-secret ..."
    return configured, "configured" if configured else f"not configured (set it with {where})"


def _show(vendor: str, tenant: str, base_url: str, token: str, engine: Any, settings: Any, as_json: bool) -> None:
    adapter = _vendor(vendor)
    url = f"{base_url.rstrip('/')}/v1/hooks/{vendor}/{token}"
    signed = adapter.webhooks.kind in ("hmac_hex", "static_header")
    configured, state = _secret_state(engine, settings, vendor, tenant) if signed else (None, "")
    if as_json:
        echo_json(
            {
                "url": url,
                "vendor": vendor,
                "tenant": tenant or None,
                "verification": adapter.webhooks.describe(),
                "signing_secret_configured": configured,
            }
        )
        return
    click.echo(url)
    account = tenant or "the gateway's own (shared) account"
    click.echo(f"  account:        {account}")
    click.echo(f"  verification:   {adapter.webhooks.describe()}")
    if signed:
        click.echo(f"  signing secret: {state}")


_HOOKS_JSON = "url, vendor, tenant, verification, signing_secret_configured (null: unsigned), as JSON."


@hooks_group.command("show", epilog=EXIT_CODES)
@click.option("--vendor", required=True)
@click.option("--tenant", default="", help="A tenant's own vendor account (default: the gateway's own).")
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help="Where vendors reach the gateway.")
@click.option("--json", "as_json", is_flag=True, help=_HOOKS_JSON)
def hooks_show(vendor: str, tenant: str, base_url: str, as_json: bool) -> None:
    """Print the URL to register at the vendor, and whether its signing secret is configured."""
    _vendor(vendor)
    endpoints, engine, settings = _endpoints()
    _show(vendor, tenant, base_url, endpoints.token_for(vendor, tenant), engine, settings, as_json)


@hooks_group.command("rotate", epilog=EXIT_CODES)
@click.option("--vendor", required=True)
@click.option("--tenant", default="", help="A tenant's own vendor account (default: the gateway's own).")
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help="Where vendors reach the gateway.")
@click.option("--json", "as_json", is_flag=True, help=_HOOKS_JSON)
def hooks_rotate(vendor: str, tenant: str, base_url: str, as_json: bool) -> None:
    """A new URL for the account: the old one stops working at once (register the new one)."""
    _vendor(vendor)
    endpoints, engine, settings = _endpoints()
    _show(vendor, tenant, base_url, endpoints.rotate(vendor, tenant), engine, settings, as_json)


@click.group("events")
def events_group() -> None:
    """The event stream, as operators see it."""


@events_group.command("list", epilog=EXIT_CODES)
@click.option("--tenant", default=None, help="One tenant's events (default: the only tenant, when there is one).")
@click.option("--untied", is_flag=True, help="Events tied to no tenant (never shown to tenants).")
@click.option("--after", type=int, default=None, help="Only events after this cursor.")
@click.option("--limit", type=click.IntRange(1, 500), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (JSON Lines), with its position.")
def events_list(tenant: str | None, untied: bool, after: int | None, limit: int, as_json: bool) -> None:
    """A tenant's events, or with --untied those of no tenant, oldest first."""
    from gateway.events.feed import event_view, read_feed
    from gateway.events.relay import Relay
    from gateway.store.registry import Registry

    if tenant is not None and untied:
        raise click.UsageError("give --tenant T or --untied, not both")
    engine, settings = open_engine()
    if not untied:
        tenant = resolve_tenant(engine, settings, tenant)
    registry = Registry(engine)
    try:
        Relay(registry).publish_all()
        page = read_feed(engine, tenant=tenant, after=after, limit=limit, untied=untied)
    finally:
        registry.close()
    events = [(row["position"], event_view(row)) for row in page.events]
    if as_json:
        for position, event in events:
            click.echo(json.dumps({"position": position, **event}, default=str))
    elif events:
        echo_table(
            ["position", "occurred", "type", "vendor", "campaign", "id"],
            (
                [position, event["occurred_at"], event["type"], event["vendor"], event["campaign_id"], event["id"]]
                for position, event in events
            ),
        )
        click.echo(f"{len(events)} event(s); next cursor: {page.next_cursor or '(none)'}")
    if not events:
        whose = "tied to no tenant" if untied else f"for tenant {tenant}"
        nothing(f"no events {whose}" + (f" after {after}" if after is not None else ""), settings)
